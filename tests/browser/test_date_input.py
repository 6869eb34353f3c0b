"""Dates are typed as day, month and year in GOV.UK's date input, with the keyboard alone (issue 15).

On a secretariat's form and on the search filters: Tab moves from box to box,
a wrong date comes back with the error summary linking to the box at fault and
what was typed kept, and axe finds nothing on any state of either page. At
375 px the three boxes sit on one line.
"""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partnership.models import Organisation
from tests.browser.pages import error_summary, follow, heading, path_of, visit

pytestmark = pytest.mark.browser

PARTS = ("day", "month", "year")


def focused_id(page):
    return page.evaluate("document.activeElement.id")


def type_date(page, first_box, day, month, year):
    """Click the day box, then type each part and Tab to the next box, as a person would."""
    page.locator(f"#{first_box}").click()
    for index, text in enumerate((day, month, year)):
        page.keyboard.type(text)
        if index < 2:
            page.keyboard.press("Tab")


def values(page, base):
    return [page.locator(f"#{base}-{part}").input_value() for part in PARTS]


def marked(page, base):
    """The boxes of the date input `base` shown as at fault."""
    return [
        part
        for part in PARTS
        if "govuk-input--error" in (page.locator(f"#{base}-{part}").get_attribute("class") or "").split()
    ]


def summary_links(page):
    return [link.get_attribute("href") for link in page.locator(".govuk-error-summary__list a").all()]


def test_the_secretariat_types_a_date_box_by_box_and_corrects_it(page, axe, sign_in, cast):
    sign_in(page, cast.secretariat)
    visit(page, axe, reverse("manage:organisation_create"))
    page.get_by_label("Name", exact=True).fill("Cheshire Fire and Rescue Service")
    page.get_by_label("Slug").fill("cheshire-fire")
    page.get_by_label("Sector").select_option(label="Public")

    group = page.get_by_role("group", name="Partner from (optional)")
    expect(group.locator(".govuk-hint")).to_have_text("For example, 27 3 2026")
    assert [group.get_by_label(label, exact=True).get_attribute("id") for label in ("Day", "Month", "Year")] == [
        "id_joined_on-day",
        "id_joined_on-month",
        "id_joined_on-year",
    ]

    # Tab goes day, month, year.
    page.locator("#id_joined_on-day").click()
    assert focused_id(page) == "id_joined_on-day"
    page.keyboard.press("Tab")
    assert focused_id(page) == "id_joined_on-month"
    page.keyboard.press("Tab")
    assert focused_id(page) == "id_joined_on-year"

    # 31 February is no date: all three boxes are at fault, and what was typed comes back.
    type_date(page, "id_joined_on-day", "31", "2", "2009")
    follow(page, axe, page.get_by_role("button", name="Save"))
    expect(page).to_have_title("Error: Add an organisation – West Cheshire Together")
    assert error_summary(page) == ["Partner from must be a real date"]
    assert summary_links(page) == ["#id_joined_on-day"]
    assert values(page, "id_joined_on") == ["31", "2", "2009"]
    assert marked(page, "id_joined_on") == ["day", "month", "year"]
    expect(page.locator("#id_joined_on-error")).to_have_text("Error: Partner from must be a real date")

    # The summary's link takes the keyboard to the box.
    page.locator(".govuk-error-summary__list a").click()
    assert focused_id(page) == "id_joined_on-day"

    # A month left out: only the month box is at fault, and the summary links to it.
    page.locator("#id_joined_on-month").fill("")
    page.locator("#id_joined_on-day").fill("1")
    follow(page, axe, page.get_by_role("button", name="Save"))
    assert error_summary(page) == ["Partner from must include a month"]
    assert summary_links(page) == ["#id_joined_on-month"]
    assert marked(page, "id_joined_on") == ["month"]
    assert values(page, "id_joined_on") == ["1", "", "2009"]
    page.locator(".govuk-error-summary__list a").click()
    assert focused_id(page) == "id_joined_on-month"

    # The month typed as a word is read too.
    page.keyboard.type("April")
    follow(page, axe, page.get_by_role("button", name="Save"))
    assert path_of(page) == "/organisations/cheshire-fire/"
    expect(heading(page)).to_have_text("Cheshire Fire and Rescue Service")
    assert Organisation.objects.get(slug="cheshire-fire").joined_on == datetime.date(2009, 4, 1)


def test_the_public_filters_a_search_by_dates_typed_with_the_keyboard(page, axe):
    visit(page, axe, reverse("search") + "?q=agreed")
    type_date(page, "id_from-day", "1", "4", "2009")
    page.keyboard.press("Tab")
    assert focused_id(page) == "id_to-day"
    page.keyboard.type("30")
    page.keyboard.press("Tab")
    page.keyboard.type("4")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    assert error_summary(page) == ["The end of the date range must include a year"]
    assert summary_links(page) == ["#id_to-year"]
    assert marked(page, "id_to") == ["year"]
    assert marked(page, "id_from") == []
    assert values(page, "id_from") == ["1", "4", "2009"]
    assert values(page, "id_to") == ["30", "4", ""]
    page.locator(".govuk-error-summary__list a").click()
    assert focused_id(page) == "id_to-year"

    page.keyboard.type("09")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    assert error_summary(page) == ["The end of the date range must include a year with 4 numbers"]
    assert summary_links(page) == ["#id_to-year"]

    page.locator("#id_to-year").fill("2009")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)
    assert error_summary(page) == []
    assert values(page, "id_to") == ["30", "4", "2009"]

    # A link that gives the date whole, as YYYY-MM-DD, fills the boxes.
    visit(page, axe, reverse("search") + "?q=agreed&from=2010-01-05")
    assert values(page, "id_from") == ["5", "1", "2010"]


@pytest.mark.parametrize("width", [1280, 375])
def test_the_three_boxes_sit_on_one_line(page, axe, width):
    page.set_viewport_size({"width": width, "height": 900})
    visit(page, axe, reverse("search") + "?q=agreed")
    tops = [page.locator(f"#id_from-{part}").bounding_box()["y"] for part in PARTS]
    assert len(set(tops)) == 1, tops
    assert page.evaluate("document.documentElement.scrollWidth") <= width
