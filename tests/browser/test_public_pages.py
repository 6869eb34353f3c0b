"""What the anonymous public sees: the bodies, the framework, the organisations and the sign-in pages.

Every page visited, and every page a form re-renders, is checked with axe-core.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partnership.dates import british_date, today
from tests.browser.pages import path_of, texts, visit

pytestmark = pytest.mark.browser


def test_public_walks_from_the_home_page_to_a_body_and_its_members(page, axe, framework):
    visit(page, axe, reverse("home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("West Cheshire Together")
    assert texts(page.locator("main h3")) == ["Partnership board", "Thematic partnership", "Community forum"]

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Bodies").click()
    page.wait_for_url("**/bodies/")
    axe(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bodies of the partnership")
    board_row = page.get_by_role("row", name="Partnership Board")
    assert texts(board_row.locator("td")) == ["Advisory", "Not set", "Chris Carter"]

    board_row.get_by_role("link", name="Partnership Board").click()
    page.wait_for_url("**/bodies/partnership-board/")
    axe(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership Board")
    members = page.get_by_role("table", name="Members of Partnership Board")
    assert texts(members.locator("tbody tr td:first-child")) == ["Chris Carter", "Mel Morris"]
    assert texts(members.locator("tbody tr td:nth-child(2)")) == ["Chair", "Member"]
    assert texts(members.locator("tbody tr td:nth-child(3)")) == ["In their own right", "Cheshire Constabulary"]
    assert texts(page.locator(".app-vacancy")) == ["Vice chair", "Young people’s representative"]
    reserves = page.get_by_role("table", name="Named reserves")
    assert [texts(row.locator("td")) for row in reserves.locator("tbody tr").all()] == [
        ["Rita Reed", "Mel Morris", "Cheshire Constabulary"]
    ]
    links = page.locator("h2:text-is('Links with other bodies') + ul > li")
    assert texts(links) == [
        "Partnership Board commissions Health and Wellbeing Partnership",
        "Chester Community Forum reports to Partnership Board",
    ]
    # The public sees no contact details and no secretariat or chair controls.
    assert "@example.org" not in page.locator("main").inner_text()
    assert members.get_by_role("columnheader").all_inner_texts() == ["Name", "Role", "For"]
    expect(page.get_by_role("link", name="Edit terms of reference")).to_have_count(0)
    expect(page.get_by_role("heading", name="Secretariat")).to_have_count(0)

    # Out along a link, and back in along the other.
    links.get_by_role("link", name="Chester Community Forum").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chester Community Forum")
    axe(page)
    assert path_of(page) == "/bodies/chester-community-forum/"
    assert texts(
        page.get_by_role("table", name="Members of Chester Community Forum").locator("tbody td:first-child")
    ) == ["Oscar Owen"]
    assert texts(page.locator(".app-vacancy")) == ["Chair", "Vice chair"]


def test_public_reads_the_framework_today_and_on_a_past_date(page, axe, framework):
    visit(page, axe, reverse("framework"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"The framework on {british_date(today())}")
    expect(page.locator(".app-diagram svg")).to_be_visible()
    expect(page.locator(".app-diagram svg a")).to_have_count(3)

    visit(page, axe, reverse("framework") + "?on=2009-09-01")
    expect(page.get_by_role("heading", level=1)).to_have_text("The framework on 1 September 2009")
    diagram = page.locator(".app-diagram svg")
    expect(diagram).to_be_visible()
    # The Health and Wellbeing Partnership was established in 2015: not there in 2009.
    assert [box.get_attribute("href") for box in diagram.locator("a").all()] == [
        "/bodies/partnership-board/",
        "/bodies/chester-community-forum/",
    ]
    listing = page.locator("h2:text-is('Bodies and their links') ~ ul > li")
    assert texts(listing) == ["Partnership Board", "Chester Community Forum\nreports to Partnership Board"]

    # Follow a box by keyboard.
    forum_box = diagram.locator('a[href="/bodies/chester-community-forum/"]')
    forum_box.focus()
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "/bodies/chester-community-forum/"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page) == "/bodies/chester-community-forum/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Chester Community Forum")
    axe(page)


def test_public_gets_an_error_summary_for_a_framework_date_that_is_not_a_date(page, axe, framework):
    visit(page, axe, reverse("framework") + "?on=not-a-date", status=400)
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    assert texts(summary.locator("li")) == ["Enter a valid date."]
    expect(page).to_have_title("Error: The framework on " + f"{british_date(today())} – West Cheshire Together")
    # The page still shows today's framework under the error.
    expect(page.locator(".app-diagram svg")).to_be_visible()


def test_public_reads_the_partner_organisations(page, axe, framework):
    visit(page, axe, reverse("organisation_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Partner organisations")
    public = page.get_by_role("table", name="Public")
    assert texts(public.locator("tbody tr")) == ["Cheshire Constabulary\tNo\t2"]

    public.get_by_role("link", name="Cheshire Constabulary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cheshire Constabulary")
    axe(page)
    assert path_of(page) == "/organisations/cheshire-constabulary/"
    places = page.get_by_role("table", name="Current places held for Cheshire Constabulary")
    assert [texts(row.locator("td")) for row in places.locator("tbody tr").all()] == [
        ["Partnership Board", "Mel Morris", "Member"],
        ["Partnership Board", "Rita Reed", "Named reserve"],
    ]


def test_public_sees_the_error_summary_after_a_failed_sign_in_and_can_ask_for_a_reset(page, axe, cast):
    visit(page, axe, reverse("login"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Email address").fill("mel@example.org")
    page.get_by_label("Password", exact=True).fill("not-the-password")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    axe(page)
    assert path_of(page) == reverse("login")
    summary = page.locator(".govuk-error-summary")
    assert texts(summary.locator("li")) == [
        "Enter a correct email address and password. The password is case-sensitive."
    ]
    expect(page).to_have_title("Error: Sign in – West Cheshire Together")

    page.get_by_role("link", name="Forgotten your password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")
    axe(page)
    assert path_of(page) == reverse("password_reset")
