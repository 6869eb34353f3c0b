"""The search journey: the public searches from the header box with the keyboard alone and follows a result to
the exact place; a member of the board finds a confidential item's words the public does not.

Every state of the search page (empty, results, no result, no words, an error) is checked with axe-core.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from meetings.actions import minutes as minutes_actions
from tests.browser.pages import error_summary, fill_date, heading, path_of, sign_out, visit
from tests.meetings.scenario import build_scene, minute
from tests.search.conftest import publish

pytestmark = pytest.mark.browser

HEADER_BOX = "app-header-search-q"


@pytest.fixture
def minutes(cast):
    """The board's meeting of 30 April 2009, its minutes published: an open item and a confidential one."""
    scene = minute(build_scene(cast))
    by = cast.secretariat
    minutes_actions.edit_discussion(
        scene.items.constitution,
        by=by,
        discussion="The partners agreed the constitution of the Local Strategic Partnership.",
    )
    minutes_actions.edit_discussion(
        scene.items.confidential, by=by, discussion="The board weighed the bids for the leisure centre."
    )
    return publish(scene)


def status(page):
    return page.locator("#search-status")


def test_the_public_searches_from_the_header_with_the_keyboard_and_reaches_the_exact_place(page, axe, minutes):
    # The empty state: the page on its own.
    visit(page, axe, reverse("search"))
    expect(heading(page)).to_have_text("Search")
    expect(status(page)).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Type some words above and press Search.")

    # From the top of the home page: the skip link, the name of the partnership, then the search box.
    visit(page, axe, reverse("home"))
    order = []
    for _ in range(3):
        page.keyboard.press("Tab")
        order.append(page.evaluate("() => document.activeElement.textContent.trim() || document.activeElement.id"))
    assert order == ["Skip to main content", "West Cheshire Together", HEADER_BOX]
    expect(page.get_by_role("searchbox", name="Search the site")).to_be_focused()
    page.keyboard.type("agreed")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page) == reverse("search")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["agreed"]}
    axe(page)

    # A result, its words marked in the extract; the count is announced.
    expect(status(page)).to_have_text("1 result for “agreed”")
    expect(status(page)).to_have_attribute("role", "status")
    results = page.locator(".app-search-result")
    expect(results).to_have_count(1)
    # Where it is, as a screen reader reads it: the dots between the parts are commas to it.
    expect(results.locator(".app-search-result__meta")).to_match_aria_snapshot(
        "- paragraph: /Item 3 of the minutes ?, Partnership Board ?, 30 April 2009/"
    )
    expect(results.locator(".app-search-result__extract mark")).to_have_text(["agreed"])
    # The search box of the page holds the words searched for.
    expect(page.get_by_label("Search for")).to_have_value("agreed")

    # Following the result, with the keyboard, reaches the item on the minutes.
    link = results.get_by_role("link", name="Constitution of the partnership")
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    assert path_of(page) == reverse("meeting_minutes", args=[minutes.meeting.pk])
    assert urlsplit(page.url).fragment == "item-3"
    assert page.evaluate("() => document.querySelector(':target') && document.querySelector(':target').id") == (
        "item-3"
    )
    expect(page.locator(":target")).to_have_text("Item 3. Constitution of the partnership")

    # Every result for a word found in two places leads to an element on its page.
    visit(page, axe, reverse("search") + "?q=constitution")
    expect(status(page)).to_have_text("2 results for “constitution”")
    expect(page.locator(".app-search-result__title mark")).to_have_text(["Constitution", "Constitution"])
    links = [link.get_attribute("href") for link in page.locator(".app-search-result__title a").all()]
    assert sorted(urlsplit(href).path for href in links) == sorted(
        [reverse("meeting_detail", args=[minutes.meeting.pk]), reverse("meeting_minutes", args=[minutes.meeting.pk])]
    )
    for href in links:
        visit(page, axe, href)
        fragment = urlsplit(href).fragment
        assert fragment == "item-3"
        expect(page.locator(f"[id='{fragment}']")).to_have_count(1)
        expect(page.locator(f"[id='{fragment}']")).to_contain_text("Constitution of the partnership")

    # No result.
    visit(page, axe, reverse("search") + "?q=submarine")
    expect(status(page)).to_have_text("No results for “submarine”")
    expect(page.locator(".app-search-result")).to_have_count(0)

    # Only words too common to search for.
    visit(page, axe, reverse("search") + "?q=the+of+and")
    expect(status(page)).to_have_text("No words to search for in “the of and”")

    # An error: a date range that ends before it starts, entered in the filters with the keyboard.
    visit(page, axe, reverse("search") + "?q=agreed")
    fill_date(page, "From (optional)", "2010-01-01", exact=True)
    fill_date(page, "To (optional)", "2009-01-01", exact=True)
    page.get_by_role("group", name="To (optional)", exact=True).get_by_label("Year").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    assert error_summary(page) == ["The end of the date range must not be before its start."]
    expect(page).to_have_title("Error: Search – West Cheshire Together")
    expect(status(page)).to_have_count(0)
    expect(page.locator(".app-search-result")).to_have_count(0)


def test_a_member_of_the_board_finds_a_confidential_items_words_the_public_does_not(page, axe, login, cast, minutes):
    visit(page, axe, reverse("search") + "?q=leisure")
    expect(status(page)).to_have_text("No results for “leisure”")
    visit(page, axe, reverse("meeting_minutes", args=[minutes.meeting.pk]))
    expect(page.locator("main")).not_to_contain_text("leisure")

    login(page, cast.member)
    box = page.get_by_role("searchbox", name="Search the site")
    box.fill("leisure")
    with page.expect_navigation():
        box.press("Enter")
    axe(page)
    expect(status(page)).to_have_text("1 result for “leisure”")
    result = page.locator(".app-search-result")
    expect(result.locator(".app-search-result__extract mark")).to_have_text(["leisure"])
    with page.expect_navigation():
        result.get_by_role("link", name="Commissioning budget").click()
    axe(page)
    assert urlsplit(page.url).fragment == "item-4"
    expect(page.locator(":target")).to_have_text("Item 4. Commissioning budget")
    expect(page.locator("main")).to_contain_text("The board weighed the bids for the leisure centre.")

    sign_out(page)
    visit(page, axe, reverse("search") + "?q=leisure")
    expect(status(page)).to_have_text("No results for “leisure”")
