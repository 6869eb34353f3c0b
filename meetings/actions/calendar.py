"""A person's secret calendar address: making it, resetting it, and noting when a calendar app last read it."""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone

from partnership.audit import validated_save
from partnership.models import CalendarToken, Person

# How stale "last used" may be. Calendar apps read a feed every few minutes to every day; writing each read
# down would turn every poll into a write, and an hour is precise enough for the person to see it works.
LAST_USED_PRECISION = datetime.timedelta(hours=1)


@transaction.atomic(durable=True)
def new_calendar_address(person, *, by) -> str:
    """Give `person` a new secret calendar address and return its token; any earlier address stops working.

    The token is returned once and kept nowhere: only its digest is saved.
    """
    # The person's row is the lock: two requests of the same person (a double click) make one address after the other.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    token = secrets.token_urlsafe(32)
    address = CalendarToken.objects.filter(person=person).first() or CalendarToken(person=person)
    address.digest = CalendarToken.digest_of(token)
    address.created_at = timezone.now()
    address.last_used_at = None
    validated_save(address, by)
    return token


@transaction.atomic(durable=True)
def note_calendar_read(address, *, now=None) -> None:
    """Record that a calendar app read `address`, unless that was already noted within LAST_USED_PRECISION."""
    now = now or timezone.now()
    if address.last_used_at is not None and now - address.last_used_at < LAST_USED_PRECISION:
        return
    # One UPDATE of one column: a reset made meanwhile keeps its own, empty, "last used".
    CalendarToken.objects.filter(pk=address.pk, digest=address.digest).update(last_used_at=now)
    address.last_used_at = now
