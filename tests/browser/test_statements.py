"""The accessibility statement and the privacy notice, as the public reads them: each passes axe-core, and the
contents list takes a keyboard user to the section it names."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.pages import heading, texts, visit

pytestmark = pytest.mark.browser


def test_the_public_reads_the_accessibility_statement_and_jumps_to_how_to_report_a_problem(page, axe):
    visit(page, axe, reverse("accessibility_statement"))
    expect(heading(page)).to_have_text("Accessibility statement")
    contents = page.get_by_role("navigation", name="Contents")
    assert texts(contents.get_by_role("link")) == [
        "Using this website",
        "How accessible this website is",
        "What is not fully accessible",
        "How we test this website",
        "Asking for another format or reporting a problem",
        "If you are not happy with our answer",
        "When this statement was prepared",
    ]

    link = contents.get_by_role("link", name="Asking for another format or reporting a problem")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{page.url.split('#')[0]}#report-a-problem")
    expect(page.get_by_role("link", name="partnerships@example.org")).to_have_attribute(
        "href", "mailto:partnerships@example.org"
    )
    axe(page)

    # The text equivalent of the diagram is where the statement says.
    page.get_by_role("link", name="framework page").click()
    page.wait_for_url("**/framework/")
    axe(page)
    expect(page.get_by_role("heading", level=2, name="Bodies and their links")).to_be_visible()


def test_the_public_reads_the_privacy_notice_and_finds_how_to_complain(page, axe):
    visit(page, axe, reverse("privacy_notice"))
    expect(heading(page)).to_have_text("Privacy notice")

    contents = page.get_by_role("navigation", name="Contents")
    link = contents.get_by_role("link", name="Contact us or complain")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{page.url.split('#')[0]}#contact")
    expect(page.get_by_role("link", name="complain to the ICO on its website")).to_have_attribute(
        "href", "https://ico.org.uk/make-a-complaint/"
    )
    assert texts(page.get_by_role("link", name="partnerships@example.org")) == ["partnerships@example.org"] * 2
