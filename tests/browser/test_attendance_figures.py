"""The public's attendance figures: the public picks a year on a body's page, reads each member's figures, follows
a member to their figures on each body and back, and is told plainly when the year typed is not one.

Every page visited, and the page a bad year re-renders, is checked with axe-core.
"""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from meetings import calendar
from tests.browser.pages import error_summary, follow, heading, path_of, texts, visit
from tests.meetings.scenario import build_scene, published

pytestmark = pytest.mark.browser

BOARD_2009 = "Attendance at meetings of Partnership Board, April 2009 to March 2010"


@pytest.fixture
def board(cast):
    """The board's meeting of 30 April 2009, its minutes published: Mel's apologies, with Pat in Mel's seat."""
    scene = build_scene(cast)
    published(scene)
    return scene


def rows_of(table):
    """Each row of a table as the cells read: its header, then its figures."""
    return [texts(row.locator("th, td")) for row in table.locator("tbody tr").all()]


def test_the_public_reads_a_bodys_figures_for_a_year_and_a_members_own(page, axe, board):
    year = calendar.business_year_of(timezone.localdate())
    visit(page, axe, reverse("body_attendance", args=[board.cast.board.slug]))
    expect(heading(page)).to_have_text(f"Attendance {year} to {year + 1}")
    expect(page.locator("#meetings-counted")).to_have_text(
        f"No meeting held from April {year} to March {year + 1} has published minutes yet."
    )

    # The year typed in the box, sent with the keyboard.
    box = page.get_by_label("Year from April (optional)")
    box.fill("2009")
    with page.expect_navigation():
        box.press("Enter")
    axe(page)
    expect(heading(page)).to_have_text("Attendance 2009 to 2010")
    expect(page.locator("#meetings-counted")).to_have_text("1 meeting with published minutes counted.")
    table = page.get_by_role("table", name=BOARD_2009)
    assert texts(table.get_by_role("columnheader")) == [
        "Name",
        "Expected",
        "Present",
        "Apologies",
        "Absent",
        "Reserve attended for them",
        "Attended as a reserve",
    ]
    assert texts(table.get_by_role("rowheader")) == [
        "Chris Carter",
        "Len Left",
        "Mel Morris",
        "Pat Price",
        "Rita Waters",
        "Tim Jackson",
    ]
    assert rows_of(table) == [
        ["Chris Carter", "1", "1", "0", "0", "0", "0"],
        ["Len Left", "0", "0", "0", "0", "0", "0"],
        ["Mel Morris", "1", "0", "1", "0", "1", "0"],
        ["Pat Price", "0", "0", "0", "0", "0", "1"],
        ["Rita Waters", "1", "0", "0", "1", "0", "0"],
        ["Tim Jackson", "1", "1", "0", "0", "0", "0"],
    ]

    # What the figures count, behind a summary the keyboard opens.
    summary = page.get_by_text("What the figures count")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-details__text")).to_contain_text("The seat is counted once")
    axe(page)

    # Mel's own figures, on each body, for the same year.
    follow(page, axe, table.get_by_role("link", name="Mel Morris"))
    assert path_of(page) == reverse("person_attendance", args=[board.cast.member.person.pk])
    expect(page.locator(".govuk-caption-l")).to_have_text("Mel Morris")
    expect(heading(page)).to_have_text("Attendance 2009 to 2010")
    mine = page.get_by_role("table", name="Attendance of Mel Morris, April 2009 to March 2010, by body")
    assert rows_of(mine) == [["Partnership Board", "1", "1", "0", "1", "0", "1", "0"]]

    # The year before, then back to the body.
    follow(page, axe, page.get_by_role("link", name="Previous year"))
    expect(page.locator("main")).to_contain_text("Mel Morris sat on no body from April 2008 to March 2009.")
    follow(page, axe, page.get_by_role("link", name="Next year"))
    follow(page, axe, page.get_by_role("table").get_by_role("link", name="Partnership Board"))
    expect(page.get_by_role("table", name=BOARD_2009)).to_be_visible()


def test_a_year_that_is_not_one_is_refused_with_the_reason(page, axe, board):
    visit(page, axe, reverse("body_attendance", args=[board.cast.board.slug]) + "?year=2009")
    box = page.get_by_label("Year from April (optional)")
    box.fill("1999")
    with page.expect_navigation():
        box.press("Enter")
    axe(page)
    expect(page).to_have_title(
        f"Error: Attendance {calendar.business_year_label(calendar.business_year_of(timezone.localdate()))}: "
        "Partnership Board – West Cheshire Together"
    )
    assert error_summary(page) == ["Enter a year from 2000 to 2100."]
    # The summary's link takes the keyboard to the box.
    page.locator(".govuk-error-summary__list a").click()
    expect(page.get_by_label("Year from April (optional)")).to_be_focused()
