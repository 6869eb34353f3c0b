// Start GOV.UK Frontend's components. GOV.UK adds the "supported" class with
// an inline script, which our Content-Security-Policy forbids; a browser that
// runs this module supports everything GOV.UK Frontend needs.
import { initAll } from "../dist/govuk-frontend.min.js";

document.body.classList.add("govuk-frontend-supported");
initAll();
