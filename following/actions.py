"""What the public does to follow a body by email: ask, confirm, stop; and what the house forgets on its own.

Double opt-in: asking only plans an email with a link (sent by the sweeper,
following.tasks); nothing else goes to the address until the link is
followed. What the visitor is shown never depends on whether the address
already follows the body, or was sent a link in the last hour.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from bodies.models import Body
from following import tokens
from following.models import (
    ASK_AGAIN_AFTER,
    LINK_LIFETIME,
    Announcement,
    Subscriber,
    Subscription,
    new_secret,
)
from partnership.dates import british_date

INVALID_ADDRESS = "Enter an email address in the correct format, like name@example.com"
# Announcements are kept this long (for a delivery still being retried), then go with their deliveries.
ANNOUNCEMENTS_KEPT = datetime.timedelta(days=90)


def normalise(email: str) -> str:
    return email.strip().lower()


@transaction.atomic(durable=True)
def ask_to_follow(body: Body, *, email: str) -> bool:
    """Record that `email` asks for emails about `body`; plan a link to confirm it if one should go.

    Returns whether a new link is planned: not when the address already follows
    the body, nor while a link sent to it less than ASK_AGAIN_AFTER ago is
    unused. Callers must not tell the visitor which.
    """
    if body.ended_on is not None:
        raise ValidationError(
            f"The {body.name} ended on {british_date(body.ended_on)}. It no longer meets, so there is nothing to follow."
        )
    address = normalise(email)
    try:
        validate_email(address)
    except ValidationError as error:
        raise ValidationError({"email": INVALID_ADDRESS}) from error
    if len(address) > Subscriber._meta.get_field("email").max_length:
        raise ValidationError({"email": INVALID_ADDRESS})
    now = timezone.now()
    # Two requests for a new address at once: get_or_create takes the row the other made.
    Subscriber.objects.get_or_create(email=address, defaults={"created_at": now})
    subscriber = Subscriber.objects.select_for_update().get(email=address)
    subscription, created = Subscription.objects.get_or_create(
        subscriber=subscriber, body=body, defaults={"requested_at": now}
    )
    if subscription.confirmed_at is not None:
        return False
    if not created:
        subscription.requested_at = now
        subscription.save(update_fields=["requested_at"])
    live = subscriber.confirm_nonce and subscriber.link_is_live(subscriber.confirm_nonce, now)
    if live and now - subscriber.confirm_requested_at < ASK_AGAIN_AFTER:
        # The link sent within the hour confirms this body too: it confirms all the address asked for.
        return False
    subscriber.confirm_nonce = new_secret()
    subscriber.confirm_requested_at = now
    subscriber.confirm_due_at = now
    subscriber.confirm_attempts = 0
    subscriber.confirm_sent_at = None
    subscriber.full_clean()
    subscriber.save()
    return True


def waiting_for(token: str) -> tuple[Subscriber, list[Body]] | None:
    """The address a link to confirm was made for and the bodies it would confirm; None if the link no longer works."""
    link = tokens.read_confirm_token(token)
    if link is None:
        return None
    subscriber = Subscriber.objects.filter(pk=link.subscriber_id).first()
    if subscriber is None or not subscriber.link_is_live(link.nonce):
        return None
    bodies = [s.body for s in subscriber.subscriptions.waiting().select_related("body").order_by("body__name")]
    return subscriber, bodies


@transaction.atomic(durable=True)
def confirm(token: str) -> tuple[Subscriber, list[Body]] | None:
    """Start the emails about every body the address asked for; the link is then used up.

    Returns the address and the bodies confirmed, or None if the link no longer
    works (forged, used, replaced by a later one, or older than LINK_LIFETIME).
    """
    link = tokens.read_confirm_token(token)
    if link is None:
        return None
    now = timezone.now()
    subscriber = Subscriber.objects.select_for_update().filter(pk=link.subscriber_id).first()
    if subscriber is None or not subscriber.link_is_live(link.nonce, now):
        return None
    waiting = list(subscriber.subscriptions.waiting().select_related("body").order_by("body__name"))
    Subscription.objects.filter(pk__in=[s.pk for s in waiting]).update(confirmed_at=now)
    subscriber.confirm_nonce = ""
    subscriber.confirm_due_at = None
    subscriber.save(update_fields=["confirm_nonce", "confirm_due_at"])
    return subscriber, [s.body for s in waiting]


@transaction.atomic(durable=True)
def unsubscribe(link: tokens.UnsubscribeLink) -> bool:
    """Stop the emails about one body; the address is deleted with the last body it follows.

    Returns whether anything was removed: a link used twice (a mail program's
    one-click request, then the person's) finds nothing the second time.
    """
    subscription = (
        Subscription.objects.select_for_update().filter(pk=link.subscription_id, body_id=link.body_id).first()
    )
    if not link.opens(subscription):
        return False
    subscriber_id = subscription.subscriber_id
    subscription.delete()
    Subscriber.objects.filter(pk=subscriber_id, subscriptions__isnull=True).delete()
    return True


# Not durable: a receiver of bodies.signals.body_renamed, inside rename_body's unit.
def follow_renamed_body(sender, *, old: Body, new: Body, **kwargs) -> None:
    """Whoever follows (or asked to follow) a body follows it under its new name too.

    The old subscription stays, so that the links in emails already sent still unsubscribe; the old body is
    closed and nothing more is said of it.
    """
    Subscription.objects.bulk_create(
        [
            Subscription(
                subscriber_id=s.subscriber_id, body=new, requested_at=s.requested_at, confirmed_at=s.confirmed_at
            )
            for s in Subscription.objects.filter(body=old)
        ],
        ignore_conflicts=True,
    )


# Not durable: a daily planner (notifications.planning.run_daily_planners runs each in a transaction).
def remove_expired(now: datetime.datetime | None = None) -> int:
    """Delete what is no longer needed: requests no link can confirm, addresses left following nothing,
    and announcements older than ANNOUNCEMENTS_KEPT. Returns how many addresses were deleted."""
    now = now or timezone.now()
    no_live_link = Q(subscriber__confirm_requested_at__isnull=True) | Q(
        subscriber__confirm_requested_at__lte=now - LINK_LIFETIME
    )
    Subscription.objects.waiting().filter(no_live_link, requested_at__lte=now - LINK_LIFETIME).delete()
    _, deleted = Subscriber.objects.filter(subscriptions__isnull=True).delete()
    Announcement.objects.filter(created_at__lte=now - ANNOUNCEMENTS_KEPT).delete()
    return deleted.get(Subscriber._meta.label, 0)
