"""A member makes the secret address of their own calendar, reads it, and resets it: the old address stops at once.

Every page visited is checked with axe-core.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.pages import banner, follow, heading, path_of, visit
from tests.factories import MeetingFactory

pytestmark = pytest.mark.browser

WEB = "Address for Google Calendar and Outlook on the web"
WEBCAL = "Address for Apple Calendar and Outlook on a computer"


@pytest.fixture
def coming(cast):
    """A board meeting next spring, and one of the forum, which is not Mel's."""
    year = timezone.localdate().year + 1
    starts = timezone.make_aware(datetime.datetime(year, 4, 30, 14))
    MeetingFactory(body=cast.forum, starts_at=starts)
    return MeetingFactory(body=cast.board, starts_at=starts)


def test_a_member_creates_reads_and_resets_their_calendar_address(
    page, axe, login, cast, coming, settings, live_server
):
    settings.SITE_URL = live_server.url
    login(page, cast.member)
    axe(page)
    follow(page, axe, page.get_by_role("link", name="Your meetings in your own calendar app"))
    assert path_of(page) == reverse("my_calendar")
    expect(heading(page)).to_have_text("Your meetings in your calendar")
    expect(page.get_by_label(WEB)).to_have_count(0)

    follow(page, axe, page.get_by_role("button", name="Create my calendar address"))
    expect(banner(page)).to_have_text("Your calendar address has been created.")
    box = page.get_by_label(WEB)
    expect(box).to_have_attribute("readonly", "")
    first = box.input_value()
    assert first.startswith(f"{live_server.url}/meetings/my/") and first.endswith(".ics")
    webcal = "webcal://" + first.split("://", 1)[1]
    expect(page.get_by_label(WEBCAL)).to_have_value(webcal)
    expect(page.get_by_role("link", name="Subscribe in your calendar app")).to_have_attribute("href", webcal)
    # By keyboard: from one address to the other.
    box.focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label(WEBCAL)).to_be_focused()

    feed = page.request.get(first)
    assert feed.status == 200
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    text = feed.text()
    assert f"UID:meeting-{coming.pk}@" in text
    assert text.count("BEGIN:VEVENT") == 1

    # The address is shown once: a later visit says when it was read, and offers the reset.
    visit(page, axe, reverse("my_calendar"))
    expect(page.get_by_label(WEB)).to_have_count(0)
    expect(page.locator(".govuk-summary-list__key")).to_have_text(["Created", "Last read by a calendar app"])
    expect(page.locator(".govuk-summary-list__value").nth(1)).to_contain_text("(to within an hour)")

    follow(page, axe, page.get_by_role("button", name="Reset the address"))
    expect(banner(page)).to_have_text("Your calendar address has been reset. The old address has stopped working.")
    second = page.get_by_label(WEB).input_value()
    assert second != first
    assert page.request.get(first).status == 404
    assert page.request.get(second).status == 200
