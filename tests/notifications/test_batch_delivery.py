"""Delivery in batches: one connection to the mail server per batch, each row's failure its own, each row sent once."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from notifications import tasks
from notifications.models import Notification, NotificationStatus
from notifications.planning import Planned, plan
from tests.factories import PersonFactory
from tests.notifications.failing_mail import DiesOnTheSecond, Gate, RefusesOne, WorkerKilled

KIND = "pack_published"


def plan_for(people, prefix="batch"):
    """One due notification for each of `people`; their ids, in order."""
    for n, person in enumerate(people):
        plan(
            Planned(
                kind=KIND,
                key=f"{prefix}:{n}",
                recipient=person,
                subject=f"Agenda and papers {n}",
                body="The agenda and papers are published.",
                url="/meetings/1/",
                due_at=timezone.now(),
            )
        )
    return list(Notification.objects.order_by("pk").values_list("pk", flat=True))


def test_the_sweeper_hands_the_workers_batches_of_ids(db, monkeypatch):
    ids = plan_for([PersonFactory() for _ in range(tasks.DELIVERY_BATCH + 3)])
    handed = []
    monkeypatch.setattr(tasks.deliver_batch, "delay", handed.append)

    assert tasks.sweep() == len(ids)
    assert handed == [ids[: tasks.DELIVERY_BATCH], ids[tasks.DELIVERY_BATCH :]]
    assert set(Notification.objects.values_list("status", flat=True)) == {NotificationStatus.SENDING}


def test_a_batch_goes_over_one_connection_and_is_marked_sent_together(db, settings):
    settings.EMAIL_BACKEND = "tests.notifications.failing_mail.RefusesOne"
    RefusesOne.reset()
    ids = plan_for([PersonFactory() for _ in range(5)])

    assert tasks.deliver_batch(tasks.claim_due()) == dict.fromkeys(ids, "sent")
    assert RefusesOne.opened == 1
    assert [message.subject for message in RefusesOne.sent] == [f"Agenda and papers {n}" for n in range(5)]
    assert list(Notification.objects.order_by("pk").values_list("status", "attempts")) == [("sent", 0)] * 5


def test_a_refused_message_fails_only_its_own_row(db, settings):
    settings.EMAIL_BACKEND = "tests.notifications.failing_mail.RefusesOne"
    RefusesOne.reset()
    people = [PersonFactory(), PersonFactory(email=RefusesOne.REFUSED), PersonFactory()]
    first, refused, last = plan_for(people)
    before = timezone.now()

    outcomes = tasks.deliver_batch(tasks.claim_due())

    assert outcomes == {first: "sent", refused: "failed", last: "sent"}
    assert [message.to for message in RefusesOne.sent] == [[people[0].email], [people[2].email]]
    row = Notification.objects.get(pk=refused)
    assert (row.status, row.attempts, row.claimed_at) == (NotificationStatus.PENDING, 1, None)
    assert row.last_error.startswith("SMTPRecipientsRefused: ")
    assert row.due_at >= before + tasks.retry_delay(1)
    assert set(Notification.objects.exclude(pk=refused).values_list("status", flat=True)) == {"sent"}


def test_a_server_that_cannot_be_reached_fails_the_batch_for_a_later_retry(db, settings, send_due):
    settings.EMAIL_BACKEND = "tests.notifications.failing_mail.Backend"
    plan_for([PersonFactory() for _ in range(3)])

    assert send_due() == ["failed"] * 3
    assert list(Notification.objects.values_list("status", "attempts")) == [("pending", 1)] * 3


def test_a_batch_cut_short_leaves_its_rows_sending_to_be_claimed_again(db, settings, send_due):
    settings.EMAIL_BACKEND = "tests.notifications.failing_mail.DiesOnTheSecond"
    DiesOnTheSecond.reset()
    ids = plan_for([PersonFactory() for _ in range(3)])
    claimed = tasks.claim_due()

    with pytest.raises(WorkerKilled):
        tasks.deliver_batch(claimed)

    # Nothing of the batch was recorded: every row is still being sent, and waits to be found stuck.
    assert set(Notification.objects.values_list("status", flat=True)) == {NotificationStatus.SENDING}
    assert send_due() == []
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    later = timezone.now() + tasks.STUCK_AFTER + datetime.timedelta(seconds=1)
    assert send_due(now=later) == ["sent"] * 3
    assert claimed == ids


def test_a_duplicate_message_for_a_batch_already_sent_does_nothing(db, mailoutbox):
    ids = plan_for([PersonFactory() for _ in range(3)])
    claimed = tasks.claim_due()

    assert tasks.deliver_batch(claimed) == dict.fromkeys(ids, "sent")
    assert tasks.deliver_batch(claimed) == dict.fromkeys(ids, "gone")
    assert len(mailoutbox) == 3


@pytest.mark.django_db(transaction=True)
def test_two_workers_given_the_same_batch_send_each_row_once(settings):
    if connection.vendor != "postgresql":
        pytest.skip("Row locks need PostgreSQL; SQLite serialises writers anyway")
    settings.EMAIL_BACKEND = "tests.notifications.failing_mail.Gate"
    Gate.reset()
    ids = plan_for([PersonFactory() for _ in range(10)])
    claimed = tasks.claim_due()
    outcomes = {}

    def worker(name):
        try:
            outcomes[name] = tasks.deliver_batch(claimed)
        finally:
            connection.close()

    first = threading.Thread(target=worker, args=("first",))
    first.start()
    try:
        assert Gate.entered.wait(timeout=30)  # the first worker holds the rows and is sending
        second = threading.Thread(target=worker, args=("second",))
        second.start()
        second.join(timeout=30)
    finally:
        Gate.release.set()
        first.join(timeout=30)

    assert outcomes == {"first": dict.fromkeys(ids, "sent"), "second": dict.fromkeys(ids, "gone")}
    assert len(Gate.sent) == 10
    assert set(Notification.objects.values_list("status", flat=True)) == {NotificationStatus.SENT}
