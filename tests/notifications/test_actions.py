"""What people do with notifications on the site: each an action of its own."""

import pytest
from django.db import transaction
from django.utils import timezone

from notifications import actions
from notifications.models import Notification, NotificationStatus
from notifications.planning import Planned, plan

pytestmark = pytest.mark.django_db


def _notify(person, key, **fields):
    row = plan(
        Planned(
            kind="pack_published",
            key=key,
            recipient=person,
            subject="Agenda and papers",
            body="Body.",
            url="/meetings/",
            due_at=timezone.now(),
        )
    )
    Notification.objects.filter(pk=row.pk).update(**fields)
    return row


def test_marking_read_counts_only_the_person_s_new_notifications(mel, cast):
    _notify(mel, "a")
    _notify(mel, "b", read_at=timezone.now())
    _notify(cast.chair.person, "c")

    assert actions.mark_all_read(mel) == 1
    assert list(Notification.objects.filter(read_at__isnull=True).values_list("key", flat=True)) == ["c"]


def test_only_a_failed_notification_is_sent_again(mel, cast):
    failed = _notify(mel, "f", status=NotificationStatus.FAILED, attempts=5)
    sent = _notify(mel, "s", status=NotificationStatus.SENT, sent_at=timezone.now())

    assert (actions.send_again(failed, by=cast.secretariat), actions.send_again(sent, by=cast.secretariat)) == (
        True,
        False,
    )
    assert list(Notification.objects.order_by("key").values_list("key", "status", "attempts")) == [
        ("f", NotificationStatus.PENDING, 0),
        ("s", NotificationStatus.SENT, 0),
    ]


def test_an_unknown_kind_cannot_be_chosen(mel):
    with pytest.raises(ValueError, match="Unknown notification kind"):
        actions.set_preference(mel, "carrier_pigeon", "email")


def test_a_choice_is_its_own_unit_of_work(mel):
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        actions.set_preference(mel, "pack_published", "digest")
