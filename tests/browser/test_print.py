"""Printing a public page (issue 16): Chromium's print media shows the content alone, in black on white.

The meeting page and the published minutes are read with the print media
emulated: the header's search and menu, the footer, buttons, forms and skip
links are gone; a link in the text is followed by its address, an in-page
anchor is not; the text takes the paper's width. Each page is also printed
to PDF by Chromium; set PRINT_SNAPSHOTS to a folder to keep the files.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from meetings.actions import minutes as actions
from tests.meetings.scenario import build_scene, minute

pytestmark = pytest.mark.browser


@pytest.fixture
def published_minutes(cast):
    scene = minute(build_scene(cast))
    minutes = scene.meeting.minutes
    by = cast.secretariat
    actions.approve_minutes(minutes, by=by, at_item=scene.following_items.previous)
    actions.sign_minutes(minutes, by=cast.chair)
    actions.publish_minutes(minutes, by=by)
    return scene.meeting


def _shown(locator) -> list[bool]:
    return [element.is_visible() for element in locator.all()]


def _after(page, selector) -> str:
    return page.eval_on_selector(selector, "element => getComputedStyle(element, '::after').content")


def _print(page, name):
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF-")
    folder = os.environ.get("PRINT_SNAPSHOTS")
    if folder:
        Path(folder, f"print-{name}.pdf").write_bytes(pdf)


def _screen_only_is_gone(page):
    assert (
        _shown(page.locator(".govuk-skip-link, .app-header__search, .govuk-service-navigation, .govuk-footer"))
        == [False] * 4
    )
    assert (
        page.locator("main form, main .govuk-button").evaluate_all(
            "elements => elements.filter(e => e.offsetParent !== null).length"
        )
        == 0
    )
    colours = page.evaluate(
        "() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor,"
        " getComputedStyle(document.querySelector('h1')).color]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "rgb(0, 0, 0)"]
    # The text takes the paper's width, not two thirds of it.
    widths = page.evaluate(
        "() => [document.querySelector('main').clientWidth,"
        " document.querySelector('[class*=govuk-grid-column-]').getBoundingClientRect().width]"
    )
    assert widths[1] >= widths[0] - 1


def test_the_published_minutes_print_as_a_document(page, published_minutes):
    page.goto(reverse("meeting_minutes", args=[published_minutes.pk]))
    page.emulate_media(media="print")

    _screen_only_is_gone(page)
    pdf_url = reverse("meeting_minutes_pdf", args=[published_minutes.pk])
    # A link in the text is followed by its address (GOV.UK Frontend's govuk-link-print-friendly).
    assert _after(page, f'main a[href="{pdf_url}"]') == f'" ({pdf_url})"'
    # The back link is a screen's way about: it goes.
    assert _shown(page.locator(".govuk-back-link")) == [False]
    # No table row is split over two pages; headings stay with what follows them.
    styles = page.evaluate(
        "() => [getComputedStyle(document.querySelector('tr')).breakInside,"
        " getComputedStyle(document.querySelector('h2')).breakAfter]"
    )
    assert styles == ["avoid", "avoid"]
    _print(page, "minutes")

    page.emulate_media(media="screen")
    assert _shown(page.locator(".app-header__search")) == [True]


def test_the_meeting_page_prints_without_its_screen_furniture(page, published_minutes):
    page.goto(reverse("meeting_detail", args=[published_minutes.pk]))
    page.emulate_media(media="print")

    _screen_only_is_gone(page)
    anchors = page.locator('main a.govuk-link[href^="#"]')
    for index in range(anchors.count()):
        assert anchors.nth(index).evaluate("element => getComputedStyle(element, '::after').content") in (
            "none",
            "normal",
        )
    _print(page, "meeting")


def test_the_built_stylesheet_holds_the_print_rules():
    """static/dist/app.css is built from static/src (npm run build): the print rules are in it."""
    css = (Path(settings.BASE_DIR) / "static" / "dist" / "app.css").read_text()
    print_blocks = re.findall(r"@media print\{(.*?)\}\}", css, flags=re.S)

    assert any(".app-header__search" in block and "display:none" in block for block in print_blocks)
    assert re.search(r"@page\{margin:", css)
