"""Celery delivers what the database says is due; it decides nothing.

- `sweep` (every minute, from the beat schedule) claims due rows with
  SELECT ... FOR UPDATE SKIP LOCKED, marks them sending, and after the claim
  commits hands them to `deliver_batch`, DELIVERY_BATCH ids to a message. A
  claim left too long (a message lost with the broker, a worker killed, a
  batch cut short) is taken up again by a later sweep.
- `deliver_batch` refetches its rows under a lock, leaves those gone, no
  longer being sent or locked by another worker, and sends the rest over one
  connection to the mail server: an email each, or only the list on the site.
  The rows sent are marked sent together, when the batch commits. A failure
  is the failing row's alone: it is retried with a growing delay; after the
  last attempt it fails with the error kept, for the outbox's retry button.
  `deliver` is the same for one row.
- `send_digests` (daily) sends each person one email of what they asked to
  receive as a digest.
- `plan_daily` runs the apps' daily planners (overdue actions, yearly
  confirmations, reviews due).

If the broker is down, web requests still succeed: they only write rows.
"""

import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from notifications import planning as notifications
from notifications.models import Delivery, Notification, NotificationStatus

logger = logging.getLogger(__name__)

CLAIM_BATCH = 500
# Rows per message to a worker: sent over one connection and marked sent in one statement. A worker killed
# mid-batch leaves at most this many rows sending, to be claimed again once they are stuck (STUCK_AFTER).
DELIVERY_BATCH = 50
# A claim older than this is taken to be lost and is claimed again.
STUCK_AFTER = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 5


def retry_delay(attempts: int) -> datetime.timedelta:
    """1, 2, 4, 8 ... minutes after each failed attempt."""
    return datetime.timedelta(minutes=2 ** max(attempts - 1, 0))


def claim_due(limit: int = CLAIM_BATCH, now: datetime.datetime | None = None) -> list[int]:
    """Mark up to `limit` due rows as sending and return their ids; two sweepers never claim the same row."""
    now = now or timezone.now()
    due = Q(status=NotificationStatus.PENDING, due_at__lte=now, delivery__in=[Delivery.EMAIL, Delivery.IN_APP])
    return claim(Notification, due, sending=NotificationStatus.SENDING, limit=limit, now=now)


def claim(model, due: Q, *, sending: str, limit: int, now: datetime.datetime) -> list[int]:
    """Mark up to `limit` rows of `model` that are `due`, or stuck `sending` for STUCK_AFTER, as `sending`; their ids.

    Rows locked by another sweeper are skipped, so two never claim the same row. The model has `status`,
    `due_at` and `claimed_at` (notifications, and the following app's deliveries).
    """
    stuck = Q(status=sending, claimed_at__lt=now - STUCK_AFTER)
    with transaction.atomic():
        ids = list(
            model.objects.select_for_update(skip_locked=True)
            .filter(due | stuck)
            .order_by("due_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            model.objects.filter(pk__in=ids).update(status=sending, claimed_at=now)
    return ids


@shared_task(ignore_result=True)
def sweep(limit: int = CLAIM_BATCH) -> int:
    """Claim what is due and hand it to the workers, batch after batch."""
    total = 0
    while True:
        ids = claim_due(limit)
        for start in range(0, len(ids), DELIVERY_BATCH):
            deliver_batch.delay(ids[start : start + DELIVERY_BATCH])
        total += len(ids)
        if len(ids) < limit:
            return total


def _footer_links(notification):
    links = {"preferences": notifications.url_of(reverse("notification_settings"))}
    if not notifications.kind(notification.kind).essential:
        token = notifications.unsubscribe_token(notification.recipient, notification.kind)
        links["unsubscribe"] = notifications.url_of(reverse("notification_unsubscribe", args=[token]))
    return links


def build_email(notification) -> EmailMessage:
    """The email of one notification: what, for what, by when, the link, and how to stop or change them."""
    links = _footer_links(notification)
    context = {
        "notification": notification,
        "link": notifications.url_of(notification.url),
        "kind": notifications.kind(notification.kind),
        "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
        **links,
    }
    headers = {}
    if "unsubscribe" in links:
        # One-click unsubscribe (RFC 8058): mail programs POST to the link.
        headers["List-Unsubscribe"] = f"<{links['unsubscribe']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return EmailMessage(
        subject=notification.subject,
        body=render_to_string("notifications/email.txt", context),
        to=[notifications.address_of(notification.recipient)],
        headers=headers,
    )


def _fail(notification, error: Exception, now):
    notification.attempts += 1
    notification.last_error = f"{type(error).__name__}: {error}"[:2000]
    notification.claimed_at = None
    if notification.attempts >= MAX_ATTEMPTS:
        notification.status = NotificationStatus.FAILED
    else:
        notification.status = NotificationStatus.PENDING
        notification.due_at = now + retry_delay(notification.attempts)
    notification.save(update_fields=["attempts", "last_error", "claimed_at", "status", "due_at"])


@shared_task(ignore_result=True, acks_late=True)
def deliver_batch(notification_ids: list[int]) -> dict[int, str]:
    """Send claimed notifications over one connection; {id: "sent", "failed" or "gone"} for each id.

    The rows are locked until the batch commits, so a duplicate message for them (or a sweeper taking
    them for stuck) skips them while they are being sent and finds them sent afterwards.
    """
    outcomes = dict.fromkeys(notification_ids, "gone")
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related("recipient__user")
            .filter(pk__in=notification_ids, status=NotificationStatus.SENDING)
            .order_by("pk")
        )
        if not rows:
            return outcomes
        now = timezone.now()
        emails = [row for row in rows if row.delivery != Delivery.IN_APP and notifications.address_of(row.recipient)]
        failed = send_each([(row, build_email(row)) for row in emails])
        for row, error in failed.items():
            logger.warning("Notification %s failed: %s", row.pk, error)
            _fail(row, error, now)
            outcomes[row.pk] = "failed"
        sent = [row.pk for row in rows if row not in failed]
        Notification.objects.filter(pk__in=sent).update(status=NotificationStatus.SENT, sent_at=now)
        outcomes.update(dict.fromkeys(sent, "sent"))
    return outcomes


def send_each(pairs) -> dict:
    """Send each (row, message) over one mail connection; {row: error} for those that failed.

    The notifications' delivery and the following app's emails share it: the server
    opened once for the batch, each message sent alone so that a refusal is its row's
    alone, and the rest left for their retry once the server cannot be reached.
    """
    failed = {}
    if not pairs:
        return failed
    connection = get_connection()
    unreachable = None
    try:
        for row, message in pairs:
            if unreachable is not None:
                # The server cannot be reached: the rest wait for their retry rather than each trying again.
                failed[row] = unreachable
                continue
            try:
                connection.open()  # once for the batch, and again after a failure closed it
            except Exception as error:  # the mail service is down: kept on the rows, retried later
                failed[row] = unreachable = error
                continue
            try:
                connection.send_messages([message])
            except Exception as error:  # any failure of the mail service: kept on the row, retried later
                failed[row] = error
                # The exchange may have left the connection unusable; the next message opens another.
                _close_quietly(connection)
    finally:
        _close_quietly(connection)
    return failed


def _close_quietly(connection):
    try:
        connection.close()
    except Exception as error:  # a server already gone; nothing left to close
        logger.info("Closing the mail connection: %s", error)


@shared_task(ignore_result=True, acks_late=True)
def deliver(notification_id: int) -> str:
    """Send one claimed notification (a message queued before batches); a duplicate finds it sent."""
    return deliver_batch(notification_ids=[notification_id])[notification_id]


def claim_digests(now: datetime.datetime | None = None) -> dict[int, list[int]]:
    """{person id: [ids]} of the due digest rows, marked sending."""
    now = now or timezone.now()
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(status=NotificationStatus.PENDING, delivery=Delivery.DIGEST, due_at__lte=now)
            .order_by("recipient_id", "due_at", "pk")
            .values_list("pk", "recipient_id")
        )
        Notification.objects.filter(pk__in=[pk for pk, _ in rows]).update(
            status=NotificationStatus.SENDING, claimed_at=now
        )
    by_person: dict[int, list[int]] = {}
    for pk, person_id in rows:
        by_person.setdefault(person_id, []).append(pk)
    return by_person


@shared_task(ignore_result=True)
def send_digests() -> int:
    """Send each person one email of their due digest notifications."""
    sent = 0
    for ids in claim_digests().values():
        with transaction.atomic():
            rows = list(
                Notification.objects.select_for_update(of=("self",))
                .select_related("recipient__user")
                .filter(pk__in=ids, status=NotificationStatus.SENDING)
                .order_by("due_at", "pk")
            )
            if not rows:
                continue
            now = timezone.now()
            person = rows[0].recipient
            context = {
                "person": person,
                "rows": [(row, notifications.url_of(row.url)) for row in rows],
                "preferences": notifications.url_of(reverse("notification_settings")),
                "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
            }
            message = EmailMessage(
                subject=f"{settings.PARTNERSHIP_NAME}: {len(rows)} update{'s' if len(rows) != 1 else ''} for you",
                body=render_to_string("notifications/digest.txt", context),
                to=[notifications.address_of(person)],
            )
            try:
                message.send()
            except Exception as error:  # the mail service failed: every row of the digest is retried later
                for row in rows:
                    _fail(row, error, now)
                continue
            Notification.objects.filter(pk__in=[row.pk for row in rows]).update(
                status=NotificationStatus.SENT, sent_at=now
            )
            sent += 1
    return sent


@shared_task(ignore_result=True)
def plan_daily() -> int:
    return notifications.run_daily_planners()
