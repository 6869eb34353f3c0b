"""Celery sends the public's emails about a body; the database decides what and to whom (following.models).

`sweep` runs every minute from the beat schedule, as notifications.tasks.sweep does:

- it makes the deliveries of each new announcement, one row per (announcement,
  address that followed the body when it happened), a unique pair, so that
  making them again adds none;
- it sends the links to confirm an address that are due, over one connection;
- it claims the due deliveries (SELECT ... FOR UPDATE SKIP LOCKED), marks them
  sending and hands them to `deliver_batch`, DELIVERY_BATCH ids to a message.

`deliver_batch` refetches its rows under a lock, leaves those gone or already
sent, sends the rest over one connection and marks them sent when the batch
commits: a duplicate message, or a sweep taking them for stuck, finds them
sent. A failure is its row's alone, retried with a growing delay until the
last attempt marks it failed. A web request only writes rows, so it succeeds
with the broker down; what it planned goes out when the broker is back.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from following import tokens
from following.models import LINK_LIFETIME, Announcement, Delivery, DeliveryStatus, Subscriber, Subscription
from notifications.planning import url_of
from notifications.tasks import CLAIM_BATCH, DELIVERY_BATCH, MAX_ATTEMPTS, claim, retry_delay, send_each

logger = logging.getLogger(__name__)

FAN_OUT_BATCH = 100


# The emails


def confirmation_email(subscriber: Subscriber, bodies) -> EmailMessage:
    """The one email an address gets before it is confirmed: the link, and what it confirms."""
    context = {
        "link": url_of(reverse("follow_confirm", args=[tokens.confirm_token(subscriber)])),
        "bodies": bodies,
        "days": LINK_LIFETIME.days,
        "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
    }
    return EmailMessage(
        subject=f"Confirm your emails from {settings.PARTNERSHIP_NAME}",
        body=render_to_string("following/confirm_email.txt", context),
        to=[subscriber.email],
    )


def announcement_email(delivery: Delivery) -> EmailMessage:
    """One announcement to one address, with its link to unsubscribe in the text and in the headers (RFC 8058)."""
    announcement = delivery.announcement
    unsubscribe = url_of(reverse("follow_unsubscribe", args=[tokens.unsubscribe_token(delivery.subscription)]))
    context = {
        "announcement": announcement,
        "body": announcement.body,
        "link": url_of(announcement.url),
        "unsubscribe": unsubscribe,
        "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
    }
    return EmailMessage(
        subject=announcement.subject,
        body=render_to_string("following/announcement_email.txt", context),
        to=[delivery.subscription.subscriber.email],
        headers={
            # One click in the mail program unsubscribes: it POSTs to the link (RFC 8058).
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


# Making the deliveries


def fan_out(now=None) -> int:
    """Make the deliveries of every announcement not yet fanned out; return how many announcements were."""
    now = now or timezone.now()
    done = 0
    while True:
        with transaction.atomic():
            batch = list(
                Announcement.objects.select_for_update(skip_locked=True)
                .filter(fanned_out_at__isnull=True)
                .order_by("pk")[:FAN_OUT_BATCH]
            )
            for announcement in batch:
                # Those who followed the body when it happened: one who confirms later hears of what comes next.
                followers = Subscription.objects.filter(
                    body_id=announcement.body_id, confirmed_at__lte=announcement.created_at
                ).values_list("pk", flat=True)
                Delivery.objects.bulk_create(
                    [Delivery(announcement=announcement, subscription_id=pk, due_at=now) for pk in followers],
                    ignore_conflicts=True,
                )
            Announcement.objects.filter(pk__in=[a.pk for a in batch]).update(fanned_out_at=now)
        done += len(batch)
        if len(batch) < FAN_OUT_BATCH:
            return done


# The links to confirm


def send_confirmations(now=None, limit: int = CLAIM_BATCH) -> int:
    """Send the links to confirm that are due, over one connection; return how many went."""
    now = now or timezone.now()
    with transaction.atomic():
        rows = list(
            Subscriber.objects.select_for_update(skip_locked=True)
            .filter(confirm_due_at__lte=now, confirm_requested_at__gt=now - LINK_LIFETIME)
            .exclude(confirm_nonce="")
            .order_by("confirm_due_at", "pk")[:limit]
        )
        if not rows:
            return 0
        waiting: dict[int, list] = {}
        for subscription in (
            Subscription.objects.waiting().filter(subscriber__in=rows).select_related("body").order_by("body__name")
        ):
            waiting.setdefault(subscription.subscriber_id, []).append(subscription.body)
        pairs = [(row, confirmation_email(row, waiting[row.pk])) for row in rows if row.pk in waiting]
        failed = send_each(pairs)
        sent = 0
        for row in rows:
            if row in failed:
                logger.warning("The link to confirm subscriber %s failed: %s", row.pk, failed[row])
                row.confirm_attempts += 1
                # After the last attempt the link is given up; the request goes when it expires.
                row.confirm_due_at = now + retry_delay(row.confirm_attempts)
                if row.confirm_attempts >= MAX_ATTEMPTS:
                    row.confirm_due_at = None
            else:
                row.confirm_due_at = None
                if row.pk in waiting:
                    row.confirm_sent_at = now
                    sent += 1
            row.save(update_fields=["confirm_attempts", "confirm_due_at", "confirm_sent_at"])
    return sent


# The announcements


def claim_due(limit: int = CLAIM_BATCH, now=None) -> list[int]:
    """Mark up to `limit` due deliveries as sending and return their ids; two sweepers never claim the same row."""
    now = now or timezone.now()
    due = Q(status=DeliveryStatus.PENDING, due_at__lte=now)
    return claim(Delivery, due, sending=DeliveryStatus.SENDING, limit=limit, now=now)


@shared_task(ignore_result=True, acks_late=True)
def deliver_batch(delivery_ids: list[int]) -> dict[int, str]:
    """Send claimed deliveries over one connection; {id: "sent", "failed" or "gone"} for each id."""
    outcomes = dict.fromkeys(delivery_ids, "gone")
    with transaction.atomic():
        rows = list(
            Delivery.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related("announcement__body", "subscription__subscriber")
            # Never to an address that has not confirmed: only its link goes there.
            .filter(pk__in=delivery_ids, status=DeliveryStatus.SENDING, subscription__confirmed_at__isnull=False)
            .order_by("pk")
        )
        if not rows:
            return outcomes
        now = timezone.now()
        failed = send_each([(row, announcement_email(row)) for row in rows])
        for row, error in failed.items():
            logger.warning("Delivery %s failed: %s", row.pk, error)
            row.attempts += 1
            row.last_error = f"{type(error).__name__}: {error}"[:2000]
            row.claimed_at = None
            if row.attempts >= MAX_ATTEMPTS:
                row.status = DeliveryStatus.FAILED
            else:
                row.status = DeliveryStatus.PENDING
                row.due_at = now + retry_delay(row.attempts)
            row.save(update_fields=["attempts", "last_error", "claimed_at", "status", "due_at"])
            outcomes[row.pk] = "failed"
        sent = [row.pk for row in rows if row not in failed]
        Delivery.objects.filter(pk__in=sent).update(status=DeliveryStatus.SENT, sent_at=now)
        outcomes.update(dict.fromkeys(sent, "sent"))
    return outcomes


@shared_task(ignore_result=True)
def sweep(limit: int = CLAIM_BATCH) -> int:
    """Make the new announcements' deliveries, send the links to confirm, and hand the due deliveries to workers."""
    fan_out()
    send_confirmations()
    total = 0
    while True:
        ids = claim_due(limit)
        for start in range(0, len(ids), DELIVERY_BATCH):
            deliver_batch.delay(ids[start : start + DELIVERY_BATCH])
        total += len(ids)
        if len(ids) < limit:
            return total
