"""Run axe-core in a Playwright page and fail with a readable list of violations."""

from functools import cache
from pathlib import Path

AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA, as the public sector accessibility regulations require.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_RUN = """(tags) => axe.run(document, {runOnly: {type: "tag", values: tags}}).then((results) =>
    results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((node) => node.target.join(" ")),
    }))
)"""


@cache
def _source():
    if not AXE_SOURCE.exists():
        raise FileNotFoundError(f"{AXE_SOURCE} is missing: run `npm ci` (axe-core is in package.json)")
    return AXE_SOURCE.read_text(encoding="utf-8")


def axe_violations(page):
    """Return the page's WCAG 2.2 AA violations: dicts of id, impact, help and target selectors."""
    # page.evaluate runs outside the page's CSP, which forbids an injected <script>.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_source())
    return page.evaluate(_RUN, WCAG_TAGS)


def format_violations(violations):
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {target}" for target in v["targets"])
    return "\n".join(lines)


def assert_no_axe_violations(page):
    """Fail with every violation axe-core finds on the page as it is now."""
    violations = axe_violations(page)
    if violations:
        raise AssertionError(
            f"axe-core found {len(violations)} violation(s) on {page.url}:\n{format_violations(violations)}"
        )
