"""The forward plan: the decisions the bodies expect to take at meetings to come.

An entry is due on its expected meeting's day, or in its expected month while no meeting is named.
The public reads a confidential entry as "A confidential item" with its reason, nothing more.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from bodies.models import Body
from meetings.models import ForwardPlanEntry, Meeting

# What the public reads in place of a confidential entry's title.
CONFIDENTIAL_TITLE = "A confidential item"


def with_due():
    """Entries with `due`: the expected meeting's day, or the first of the expected month."""
    return (
        ForwardPlanEntry.objects.select_related("body", "expected_meeting", "agenda_item")
        .annotate(due=Coalesce(TruncDate("expected_meeting__starts_at"), "expected_month"))
        .order_by("due", "body__name", "pk")
    )


def coming(now: datetime.datetime | None = None):
    """Entries for meetings to come, and those of this month or later with no meeting named yet."""
    now = now or timezone.now()
    first_of_month = timezone.localdate(now).replace(day=1)
    return with_due().filter(
        Q(expected_meeting__starts_at__gte=now) | Q(expected_meeting__isnull=True, expected_month__gte=first_of_month)
    )


def month_label(day: datetime.date) -> str:
    """A month as the calendar of business says it: "May 2010"."""
    return f"{day:%B %Y}"


@dataclass(frozen=True)
class PublicEntry:
    """An entry as the public reads it."""

    pk: int
    body: Body
    month: str
    meeting: Meeting | None
    title: str
    summary: str
    decision_maker: str
    confidential: bool
    reason: str
    item_number: int | None


def public_entry(entry: ForwardPlanEntry) -> PublicEntry:
    confidential = entry.confidential
    return PublicEntry(
        pk=entry.pk,
        body=entry.body,
        month=month_label(entry.due),
        meeting=entry.expected_meeting,
        title=CONFIDENTIAL_TITLE if confidential else entry.title,
        summary="" if confidential else entry.summary,
        decision_maker="" if confidential else entry.decision_maker,
        confidential=confidential,
        reason=entry.confidential_reason if confidential else "",
        # An item's number is public (the agenda shows it); a confidential entry names none.
        item_number=entry.agenda_item.number if entry.agenda_item_id and not confidential else None,
    )
