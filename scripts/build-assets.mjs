// Copy the GOV.UK Frontend script into static/dist/ beside the compiled CSS.
// The crown, the GOV.UK logotype, the GDS Transport fonts and GOV.UK's icons
// are deliberately not copied: they belong to GOV.UK, not to the partnership.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const target = join(root, "static", "dist");

// The source map travels with the script because the script names it, and
// Django's manifest storage refuses to collect a script whose map is missing.
const files = ["govuk-frontend.min.js", "govuk-frontend.min.js.map"];

mkdirSync(target, { recursive: true });
for (const file of files) {
  copyFileSync(join(source, file), join(target, file));
  console.log(`static/dist/${file}`);
}
