"""The API's page in a browser: no script or style the Content-Security-Policy refuses (a console error fails the
test), WCAG 2.2 AA by axe-core, and an example address that a reader can follow to its JSON."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

# The API tests' data (tests/api/conftest.py): the same planted public and confidential matter.
from tests.api.conftest import _media, public_data  # noqa: F401
from tests.browser.pages import heading, visit

pytestmark = pytest.mark.browser


def test_the_public_reads_the_api_page_and_follows_an_example(page, axe, public_data):  # noqa: F811
    visit(page, axe, reverse("api_index"))
    expect(heading(page)).to_have_text("The public data as an API")
    expect(page.get_by_role("link", name="OpenAPI 3 schema")).to_have_attribute("href", reverse("api_schema"))
    expect(page.get_by_role("link", name="Decisions of published minutes (CSV)")).to_be_visible()
    # The list of addresses leads to each one's section, with the keyboard.
    link = page.get_by_role("link", name="/api/decisions/", exact=True)
    link.focus()
    link.press("Enter")
    section = page.locator("#api-decisions")
    expect(section.get_by_role("region", name="Parameters of /api/decisions/")).to_be_visible()
    expect(section.get_by_role("table", name="Parameters")).to_contain_text("from")
    section.get_by_text("The fields of each result").click()
    expect(section.get_by_text("withheld_reason")).to_be_visible()
    with page.expect_navigation():
        section.get_by_role("link", name="/api/decisions/?page_size=10&from=2010-01-01&to=2010-12-31").click()
    assert '"withheld_reason":"Commercially sensitive"' in page.content()
