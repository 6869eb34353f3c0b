"""Notifications as rows: planned once, cancelled when they no longer apply, claimed once, delivered once."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from notifications import planning as notifications
from notifications import tasks
from notifications.actions import set_preference
from notifications.models import Delivery, Notification, NotificationStatus
from notifications.planning import Planned, cancel, plan, sync
from tests.factories import PersonFactory

KIND = "pack_published"  # a non-essential kind registered by meetings
ESSENTIAL = "minutes_to_sign"


def planned(person, key="test:1", due_at=None, kind=KIND, subject="Agenda and papers"):
    return Planned(
        kind=kind,
        key=key,
        recipient=person,
        subject=subject,
        body="The agenda and papers are published.",
        url="/meetings/1/",
        due_at=due_at or timezone.now(),
    )


def test_a_planned_notification_is_one_row_however_often_it_is_planned(mel):
    plan(planned(mel))
    plan(planned(mel, subject="Agenda and papers, revised"))
    assert list(Notification.objects.values_list("key", "subject", "status")) == [
        ("test:1", "Agenda and papers, revised", NotificationStatus.PENDING)
    ]


def test_sync_cancels_what_is_no_longer_wanted_and_keeps_what_is(mel):
    sync("scope:", [planned(mel, "scope:a"), planned(mel, "scope:b")], reason="first")
    sync("scope:", [planned(mel, "scope:b")], reason="The meeting moved.")
    rows = dict(Notification.objects.values_list("key", "status"))
    assert rows == {"scope:a": NotificationStatus.CANCELLED, "scope:b": NotificationStatus.PENDING}
    assert Notification.objects.get(key="scope:a").cancel_reason == "The meeting moved."


def test_a_cancelled_notification_planned_again_is_revived(mel):
    plan(planned(mel))
    cancel("test:", reason="postponed")
    plan(planned(mel))
    assert Notification.objects.get().status == NotificationStatus.PENDING


def test_a_sent_notification_is_never_planned_or_sent_again(mel, send_due):
    plan(planned(mel))
    assert send_due() == ["sent"]
    plan(planned(mel, subject="Changed"))
    cancel("test:", reason="too late")
    assert send_due() == []
    row = Notification.objects.get()
    assert (row.status, row.subject, len(mail.outbox)) == (NotificationStatus.SENT, "Agenda and papers", 1)


def test_a_key_outside_the_scope_is_refused(mel):
    with pytest.raises(ValueError):
        sync("scope:", [planned(mel, "other:1")], reason="x")
    assert Notification.objects.count() == 0


def test_someone_with_no_address_and_no_login_is_not_planned_for(db):
    nobody = PersonFactory(email="", user=None)
    assert sync("test:", [planned(nobody)], reason="x") == []
    assert Notification.objects.count() == 0


def test_the_email_says_what_links_to_the_page_and_offers_unsubscribing(mel, send_due):
    plan(planned(mel))
    send_due()
    (message,) = mail.outbox
    assert (message.to, message.subject) == (["mel@example.org"], "Agenda and papers")
    assert "Dear Mel Morris,\n\nThe agenda and papers are published.\n\nhttp://127.0.0.1:8000/meetings/1/\n" in (
        message.body
    )
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith("http://127.0.0.1:8000/notifications/unsubscribe/")
    assert f"Stop these emails: {unsubscribe}" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_an_essential_notification_has_no_unsubscribe_link(mel, send_due):
    plan(planned(mel, kind=ESSENTIAL))
    send_due()
    (message,) = mail.outbox
    assert "List-Unsubscribe" not in message.extra_headers
    assert "Stop these emails" not in message.body


def test_nothing_is_claimed_before_it_is_due(mel, send_due):
    later = timezone.now() + datetime.timedelta(hours=1)
    plan(planned(mel, due_at=later))
    assert send_due() == []
    assert send_due(now=later) == ["sent"]


def test_only_the_list_on_the_site_is_marked_sent_without_an_email(mel, send_due):
    set_preference(mel, KIND, Delivery.IN_APP)
    plan(planned(mel))
    assert send_due() == ["sent"]
    assert (mail.outbox, Notification.objects.get().status) == ([], NotificationStatus.SENT)


def test_a_failure_is_retried_later_and_fails_for_good_after_the_last_attempt(mel, send_due, settings):
    settings.EMAIL_BACKEND = "tests.notifications.failing_mail.Backend"
    plan(planned(mel))
    now = timezone.now()
    for attempt in range(1, tasks.MAX_ATTEMPTS + 1):
        assert send_due(now=now) == ["failed"]
        row = Notification.objects.get()
        assert row.attempts == attempt
        now = row.due_at
    assert (row.status, row.last_error) == (
        NotificationStatus.FAILED,
        "SMTPServerDisconnected: the mail server went away",
    )
    assert send_due(now=now + datetime.timedelta(days=1)) == []


def test_retries_wait_one_two_four_and_eight_minutes():
    assert [tasks.retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]


def test_a_claim_left_too_long_is_taken_up_again(mel, send_due):
    plan(planned(mel))
    assert tasks.claim_due() == [Notification.objects.get().pk]  # the message to the worker is lost
    assert send_due() == []
    assert send_due(now=timezone.now() + tasks.STUCK_AFTER + datetime.timedelta(seconds=1)) == ["sent"]
    assert len(mail.outbox) == 1


def test_a_duplicate_message_for_a_sent_notification_does_nothing(mel, send_due):
    plan(planned(mel))
    (pk,) = tasks.claim_due()
    assert [tasks.deliver(pk), tasks.deliver(pk)] == ["sent", "gone"]
    assert len(mail.outbox) == 1


def test_a_digest_gathers_a_persons_due_notifications_into_one_email(mel, cast, send_due):
    set_preference(mel, KIND, Delivery.DIGEST)
    plan(planned(mel, "test:1", subject="First"))
    plan(planned(mel, "test:2", subject="Second"))
    plan(planned(cast.chair.person, "test:3", subject="For Chris"))
    assert send_due() == ["sent"]  # Chris's, by email at once
    assert tasks.send_digests() == 1
    digest = mail.outbox[-1]
    assert (digest.to, digest.subject) == (["mel@example.org"], "West Cheshire Together: 2 updates for you")
    assert "1. First" in digest.body and "2. Second" in digest.body
    assert set(Notification.objects.values_list("status", flat=True)) == {NotificationStatus.SENT}
    assert tasks.send_digests() == 0


def test_changing_a_preference_moves_the_pending_notifications_with_it(mel):
    plan(planned(mel))
    set_preference(mel, KIND, Delivery.DIGEST)
    assert Notification.objects.get().delivery == Delivery.DIGEST


def test_the_unsubscribe_token_names_the_person_and_a_non_essential_kind(mel):
    person, kind = notifications.read_unsubscribe_token(notifications.unsubscribe_token(mel, KIND))
    assert (person, kind.name) == (mel, KIND)
    assert notifications.read_unsubscribe_token(notifications.unsubscribe_token(mel, ESSENTIAL)) is None
    assert notifications.read_unsubscribe_token("tampered") is None


@pytest.mark.django_db(transaction=True)
def test_two_sweepers_at_once_claim_each_notification_exactly_once(cast):
    if connection.vendor != "postgresql":
        pytest.skip("SKIP LOCKED needs PostgreSQL; SQLite serialises writers anyway")
    person = cast.member.person
    for n in range(200):
        plan(planned(person, f"race:{n}"))
    claimed = [[], []]
    barrier = threading.Barrier(2)

    def sweeper(index):
        try:
            barrier.wait()
            while ids := tasks.claim_due(limit=7):
                claimed[index].extend(ids)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweeper, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    everything = claimed[0] + claimed[1]
    assert sorted(everything) == sorted(Notification.objects.values_list("pk", flat=True))
    assert len(set(everything)) == len(everything) == 200
