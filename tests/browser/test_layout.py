"""The layout at a desktop's width and a phone's (issue 15).

At 1280 by 800 the secretariat's eight links sit on one line under the header, clear of the search box. At
375 by 812 (a phone) no page scrolls sideways: a table of three or more columns scrolls in a box of its own,
as the framework diagram does, and a keyboard reaches, names and scrolls that box.

Every page is checked with axe-core at both widths.
"""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from bodies.models import BodyKind, LinkKind
from tests.browser.pages import texts, visit
from tests.factories import BodyFactory, BodyLinkFactory
from tests.meetings.scenario import build_scene, minute
from tests.search.conftest import publish

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
SCROLL_BOXES = ".app-table-scroll, .app-diagram"
SECRETARIAT_LINKS = [
    "Bodies",
    "Framework",
    "Meetings",
    "Organisations",
    "Agreement",
    "Your account",
    "Manage",
    "Sign out",
]

# How far the document scrolls sideways (0 when it fits the window).
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# Each scroll box, as a screen reader and a keyboard find it.
BOXES = """(selector) => [...document.querySelectorAll(selector)].map((box) => ({
    role: box.getAttribute("role"),
    label: (box.getAttribute("aria-label") || "").trim(),
    tabindex: box.getAttribute("tabindex"),
}))"""
# The captions of the tables of three or more columns that are not in a scroll box.
LOOSE_TABLES = """(selector) => [...document.querySelectorAll("table")]
    .filter((table) => table.querySelectorAll("thead th").length >= 3 && !table.closest(selector))
    .map((table) => (table.caption ? table.caption.textContent : table.outerHTML.slice(0, 80)).trim())"""


@pytest.fixture
def scene(cast):
    """The minutes tests' meeting of 30 April 2009, minuted and published, and a framework of three bodies."""
    scene = publish(minute(build_scene(cast)))
    health = BodyFactory(
        name="Health and Wellbeing Partnership",
        slug="health-and-wellbeing-partnership",
        kind=BodyKind.THEMATIC_PARTNERSHIP,
        established_on=datetime.date(2009, 1, 1),
    )
    BodyLinkFactory(from_body=cast.forum, to_body=cast.board, kind=LinkKind.REPORTS_TO)
    BodyLinkFactory(from_body=cast.board, to_body=health, kind=LinkKind.COMMISSIONS, start=health.established_on)
    return scene


def pages_for(who, scene):
    """The pages each of the cast checks: the public's, and the main ones of a member and of the secretariat."""
    meeting = scene.meeting.pk
    board = scene.cast.board.slug
    if who == "anonymous":
        return [
            reverse("home"),
            reverse("body_list"),
            reverse("body_detail", args=[board]),
            reverse("framework"),
            reverse("organisation_list"),
            reverse("organisation_detail", args=[scene.police.slug]),
            reverse("meeting_list") + "?year=2009",
            reverse("meeting_detail", args=[meeting]),
            reverse("meeting_minutes", args=[meeting]),
            reverse("search") + "?q=constitution",
            reverse("login"),
            reverse("body_attendance", args=[board]) + "?year=2009",
            reverse("person_attendance", args=[scene.cast.member.person.pk]) + "?year=2009",
            reverse("accessibility_statement"),
        ]
    if who == "member":
        return [
            reverse("body_detail", args=[board]),
            reverse("meeting_list") + "?year=2009",
            reverse("meeting_minutes", args=[meeting]),
            reverse("attendance_stats"),
            reverse("notification_list"),
            reverse("account"),
        ]
    return [
        reverse("manage:dashboard"),
        reverse("body_detail", args=[board]),
        reverse("framework"),
        reverse("manage:person_list"),
        reverse("manage:person_detail", args=[scene.cast.member.person.pk]),
        reverse("manage:organisation_list"),
        reverse("manage:reviews_due"),
        reverse("meeting_attendance", args=[meeting]),
        reverse("attendance_stats"),
        reverse("outbox"),
    ]


def overlaps(a, b):
    """Whether two of Playwright's bounding boxes share any area."""
    across = a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
    down = a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"]
    return across and down


def tab_to(page, locator, presses=80):
    """Press Tab until `locator` has the focus; fail if it never does."""
    target = locator.element_handle()
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("(target) => document.activeElement === target", target):
            return
    raise AssertionError(f"{presses} presses of Tab never reached {locator}")


def test_the_secretariats_links_sit_on_one_line_clear_of_the_search_box_at_1280(page, axe, login, cast):
    page.set_viewport_size(DESKTOP)
    login(page, cast.secretariat)
    visit(page, axe, reverse("home"))

    items = page.get_by_role("navigation", name="Menu").get_by_role("listitem")
    assert texts(items) == SECRETARIAT_LINKS
    boxes = [item.bounding_box() for item in items.all()]
    # One line: every item starts at the same height, and the last ends inside the page's width.
    assert {round(box["y"]) for box in boxes} == {round(boxes[0]["y"])}
    width = page.locator(".govuk-service-navigation .govuk-width-container").bounding_box()
    assert boxes[-1]["x"] + boxes[-1]["width"] <= width["x"] + width["width"]

    # The search box overlaps neither the links nor the partnership's name, which keeps to one line.
    search = page.get_by_role("search", name="Site search").bounding_box()
    name = page.get_by_role("link", name=settings.PARTNERSHIP_NAME)
    assert [box for box in [*boxes, name.bounding_box()] if overlaps(search, box)] == []
    assert name.evaluate("(link) => link.getClientRects().length") == 1


@pytest.mark.parametrize("who", ["anonymous", "member", "secretariat"])
def test_no_page_scrolls_sideways_on_a_phone_and_each_scroll_box_is_named_and_focusable(
    page, axe, login, cast, scene, who
):
    if who != "anonymous":
        login(page, getattr(cast, who))
    wider, unnamed, loose = {}, {}, {}
    for path in pages_for(who, scene):
        page.set_viewport_size(PHONE)
        visit(page, axe, path)
        if overflow := page.evaluate(OVERFLOW):
            wider[path] = overflow
        boxes = page.evaluate(BOXES, SCROLL_BOXES)
        if bad := [box for box in boxes if (box["role"], box["tabindex"]) != ("region", "0") or not box["label"]]:
            unnamed[path] = bad
        if tables := page.evaluate(LOOSE_TABLES, SCROLL_BOXES):
            loose[path] = tables
        page.set_viewport_size(DESKTOP)
        axe(page)
    assert wider == {}, "pages wider than a phone, by how many pixels"
    assert unnamed == {}, "scroll boxes without role=region, tabindex=0 and a name"
    assert loose == {}, "tables of three or more columns outside a scroll box"


def test_a_wide_table_and_the_diagram_scroll_in_their_own_boxes_with_the_keyboard(page, axe, login, cast, scene):
    page.set_viewport_size(PHONE)
    login(page, cast.secretariat)
    board = cast.board
    cases = [
        (reverse("body_detail", args=[board.slug]), f"Members of {board.name}"),
        (reverse("framework"), "Diagram of the framework, scrollable"),
    ]
    for path, name in cases:
        visit(page, axe, path)
        box = page.get_by_role("region", name=name)
        # Wider inside than out: the box scrolls, and the page does not.
        assert box.evaluate("(box) => box.scrollWidth > box.clientWidth"), f"{name} fits a phone: nothing to scroll"
        assert page.evaluate(OVERFLOW) == 0

        tab_to(page, box)
        expect(box).to_be_focused()
        # GOV.UK's focus style: yellow, then black, around the box.
        shadow = box.evaluate("(box) => getComputedStyle(box).boxShadow")
        assert "rgb(255, 221, 0)" in shadow and "rgb(11, 12, 12)" in shadow, shadow
        axe(page)

        page.keyboard.press("ArrowRight")
        page.wait_for_function("(box) => box.scrollLeft > 0", arg=box.element_handle())
        page.keyboard.press("ArrowLeft")
        page.wait_for_function("(box) => box.scrollLeft === 0", arg=box.element_handle())
