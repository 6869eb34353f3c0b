"""Notifications in the browser: a member reads theirs and chooses a digest; the secretariat sends a failed one
again from the outbox; the public stops an email from its link. Every page is checked with axe-core."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from notifications.models import Delivery, Notification, NotificationPreference, NotificationStatus
from notifications.planning import Planned, plan, unsubscribe_token
from tests.browser.pages import banner, follow, heading, sign_out, visit

pytestmark = pytest.mark.browser


def notify(person, key, subject, **fields):
    row = plan(
        Planned(
            kind="pack_published",
            key=key,
            recipient=person,
            subject=subject,
            body="The papers are out.",
            url="/meetings/",
            due_at=timezone.now(),
        )
    )
    Notification.objects.filter(pk=row.pk).update(**fields)
    return row


def test_member_reads_notifications_and_chooses_a_daily_digest(page, axe, login, cast):
    notify(cast.member.person, "a", "Agenda and papers: Partnership Board")
    login(page, cast.member)
    visit(page, axe, reverse("account"))
    follow(page, axe, page.get_by_role("link", name="Your notifications"))
    expect(page.locator(".govuk-summary-card__title")).to_have_text(["New Agenda and papers: Partnership Board"])
    follow(page, axe, page.get_by_role("button", name="Mark 1 new notification as read"))
    expect(banner(page)).to_have_text("1 notification marked as read.")
    follow(page, axe, page.get_by_role("link", name="Choose how you are told"))
    page.get_by_role("group", name="An agenda pack is published").get_by_label("A daily digest email").check()
    follow(page, axe, page.get_by_role("button", name="Save your choices"))
    expect(banner(page)).to_have_text("Your choices are saved.")
    assert list(NotificationPreference.objects.values_list("kind", "delivery")) == [("pack_published", Delivery.DIGEST)]


def test_secretariat_sends_a_failed_notification_again(page, axe, login, cast):
    notify(
        cast.member.person,
        "f",
        "Minutes published",
        status=NotificationStatus.FAILED,
        attempts=5,
        last_error="SMTPServerDisconnected: gone",
    )
    login(page, cast.secretariat)
    visit(page, axe, reverse("manage:dashboard"))
    follow(page, axe, page.get_by_role("link", name="The outbox: what was sent, what failed, what waits"))
    page.get_by_label("Status").select_option(label="Failed")
    follow(page, axe, page.get_by_role("button", name="Filter"))
    expect(page.locator("#outbox tbody tr")).to_have_count(1)
    follow(page, axe, page.get_by_role("button", name="Send again to Mel Morris: Minutes published"))
    expect(banner(page)).to_have_text("The notification to Mel Morris will be sent again shortly.")
    assert Notification.objects.get().status == NotificationStatus.PENDING
    sign_out(page)


def test_someone_stops_an_email_from_its_link_without_signing_in(page, axe, cast):
    visit(
        page, axe, reverse("notification_unsubscribe", args=[unsubscribe_token(cast.member.person, "pack_published")])
    )
    expect(heading(page)).to_have_text("Stop these emails?")
    follow(page, axe, page.get_by_role("button", name="Stop these emails"))
    expect(page.locator(".govuk-panel__title")).to_have_text("You will get no more of these emails")
    assert list(NotificationPreference.objects.values_list("delivery", flat=True)) == [Delivery.IN_APP]
