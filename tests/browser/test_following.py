"""Following a body in the browser: a visitor asks on the body's page, confirms from the emailed link, is told
when the pack is published, and stops the emails with one click. Every page is checked with axe-core.

The sweeper runs in the test's process (tests.following.helpers.sweep); the email backend is the tests' memory
one, so the emails are read from django.core.mail.outbox.
"""

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from following.models import Subscriber, Subscription
from meetings.actions import agenda
from tests.browser.pages import error_summary, follow, heading, path_of, visit
from tests.factories import MeetingFactory
from tests.following.helpers import link_in, sweep

pytestmark = pytest.mark.browser

VISITOR = "visitor@example.org"


def test_a_visitor_follows_a_body_hears_of_its_pack_and_stops_with_one_click(page, axe, cast, settings):
    settings.SITE_URL = "https://partnership.example.org"
    meeting = MeetingFactory(body=cast.board, venue="Council Chamber, Chester")

    visit(page, axe, reverse("body_detail", args=[cast.board.slug]))
    follow(page, axe, page.get_by_role("link", name="Get emails about this body"))
    expect(heading(page)).to_have_text("Get emails about this body")

    # Nothing typed: the error summary, and the field it links to.
    follow(page, axe, page.get_by_role("button", name="Send me a link to confirm"))
    assert error_summary(page) == ["Enter your email address"]
    page.get_by_role("link", name="Enter your email address").click()
    expect(page.get_by_label("Email address")).to_be_focused()

    page.get_by_label("Email address").fill(VISITOR)
    follow(page, axe, page.get_by_role("button", name="Send me a link to confirm"))
    expect(heading(page)).to_have_text("Check your email")

    sweep()
    [confirmation] = mail.outbox
    assert confirmation.to == [VISITOR]
    visit(page, axe, link_in(confirmation.body, "/follow/confirm/"))
    expect(heading(page)).to_have_text("Confirm your emails")
    follow(page, axe, page.get_by_role("button", name="Start the emails"))
    expect(page.locator(".govuk-panel__title")).to_have_text("Your emails are confirmed")
    assert Subscription.objects.confirmed().count() == 1

    # The secretariat publishes the pack; the sweeper sends the email.
    agenda.publish_pack(meeting, by=cast.secretariat)
    sweep()
    announcement = mail.outbox[1]
    assert announcement.to == [VISITOR]
    assert announcement.subject.startswith("Agenda and papers: Partnership Board, ")
    assert announcement.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    visit(page, axe, link_in(announcement.body, "/follow/unsubscribe/"))
    expect(heading(page)).to_have_text("Stop emails about the Partnership Board?")
    follow(page, axe, page.get_by_role("button", name="Stop these emails"))
    expect(page.locator(".govuk-panel__title")).to_have_text("You will get no more emails about the Partnership Board")
    assert path_of(page).startswith("/follow/unsubscribe/")
    assert Subscriber.objects.count() == 0
