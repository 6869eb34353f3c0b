"""What the Agreement tells people: signatories of organisations that have not signed (weekly), and the
secretariat a month before the review is due."""

import datetime

from django.utils import timezone

from agreements.reminders import plan_agreements
from notifications.models import Notification, NotificationStatus
from tests.agreements.factories import adopted_version, sign

PENDING = NotificationStatus.PENDING
# Adopted at a meeting held yesterday, taking effect that day.
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def rows(kind):
    return [
        (n.recipient.name, n.status)
        for n in Notification.objects.filter(kind=kind).select_related("recipient").order_by("recipient__name", "pk")
    ]


def test_adopting_a_version_asks_every_signatory_of_every_partner(cast, partners):
    version = adopted_version(cast, day=YESTERDAY)
    assert rows("agreement_to_sign") == [("Chris Carter", PENDING), ("Mel Morris", PENDING)]
    first = Notification.objects.filter(kind="agreement_to_sign").first()
    assert first.subject.startswith("A new version to sign: Agreement and Protocols, “V5 2.4.09”, for ")
    assert first.url.startswith(f"/agreement/versions/{version.pk}/sign/?for=")


def test_signing_stops_the_reminders_to_that_organisation_only(cast, partners):
    council, _ = partners
    version = adopted_version(cast, day=YESTERDAY)
    sign(version, cast.chair, council)
    assert rows("agreement_to_sign") == [("Chris Carter", NotificationStatus.CANCELLED), ("Mel Morris", PENDING)]


def test_outstanding_organisations_are_reminded_once_a_week(cast, partners):
    version = adopted_version(cast, day=YESTERDAY)
    now = timezone.now()
    plan_agreements(now)
    plan_agreements(now + datetime.timedelta(hours=3))
    assert Notification.objects.filter(kind="agreement_to_sign").count() == 2
    plan_agreements(now + datetime.timedelta(days=7))
    later = Notification.objects.filter(kind="agreement_to_sign").order_by("-pk").first()
    assert Notification.objects.filter(kind="agreement_to_sign").count() == 4
    assert later.subject.startswith("Still to sign:")
    assert version.pk == int(later.key.split(":")[1])


def test_a_newer_version_cancels_the_reminders_of_the_old_one(cast, partners):
    first = adopted_version(cast, day=YESTERDAY - datetime.timedelta(days=3))
    adopted_version(cast, label="Revised", agreement=first.agreement, day=YESTERDAY)
    old = Notification.objects.filter(key__startswith=f"agreement:{first.pk}:sign:")
    assert set(old.values_list("status", flat=True)) == {NotificationStatus.CANCELLED}


def test_the_secretariat_hears_a_month_before_the_review_is_due(cast, partners):
    version = adopted_version(cast, day=YESTERDAY)
    (review,) = Notification.objects.filter(kind="agreement_review")
    assert (review.recipient, timezone.localdate(review.due_at)) == (
        cast.secretariat.person,
        version.review_due - datetime.timedelta(days=30),
    )
