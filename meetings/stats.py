"""Attendance at meetings, counted per body, per person and per organisation.

Each table is one aggregate query over the attendance rows of meetings that
have taken place (cancelled and postponed ones left out):

- expected: rows for members in their own seat (capacity "member");
- present, apologies, absent: how those members answered;
- as reserve: rows of named reserves present for a member.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from meetings.models import Attendance, AttendanceStatus, Capacity, MeetingStatus

_MEMBER = Q(capacity=Capacity.MEMBER)
COUNTS = {
    "expected": Count("pk", filter=_MEMBER),
    "present": Count("pk", filter=_MEMBER & Q(status=AttendanceStatus.PRESENT)),
    "apologies": Count("pk", filter=_MEMBER & Q(status=AttendanceStatus.APOLOGIES)),
    "absent": Count("pk", filter=_MEMBER & Q(status=AttendanceStatus.ABSENT)),
    "as_reserve": Count("pk", filter=Q(capacity=Capacity.RESERVE, status=AttendanceStatus.PRESENT)),
}


@dataclass
class Row:
    """One line of a table: what it is about, and its counts."""

    label: str
    expected: int
    present: int
    apologies: int
    absent: int
    as_reserve: int
    meetings: int | None = None
    key: object = None

    @property
    def rate(self) -> int | None:
        """Present as a whole percentage of expected; None when nobody was expected."""
        if not self.expected:
            return None
        return round(100 * self.present / self.expected)


def attendance_rows(
    *,
    body_ids: list[int] | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> QuerySet:
    """The attendance rows counted: members and reserves at meetings held (of `body_ids`, between the dates)."""
    rows = Attendance.objects.filter(
        capacity__in=[Capacity.MEMBER, Capacity.RESERVE], meeting__starts_at__lt=now or timezone.now()
    ).exclude(meeting__status__in=[MeetingStatus.CANCELLED, MeetingStatus.POSTPONED])
    if body_ids is not None:
        rows = rows.filter(meeting__body_id__in=body_ids)
    if since is not None:
        rows = rows.filter(meeting__starts_at__gte=_midnight(since))
    if until is not None:
        rows = rows.filter(meeting__starts_at__lt=_midnight(until + datetime.timedelta(days=1)))
    return rows


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _row(values: dict, label: str, key=None) -> Row:
    return Row(
        label=label,
        key=key,
        meetings=values.get("meetings"),
        **{name: values[name] for name in COUNTS},
    )


def by_body(rows: QuerySet) -> list[Row]:
    """Per body, with the number of meetings counted."""
    totals = (
        rows.values("meeting__body_id", "meeting__body__name", "meeting__body__slug")
        .annotate(meetings=Count("meeting", distinct=True), **COUNTS)
        .order_by("meeting__body__name", "meeting__body_id")
    )
    return [_row(values, values["meeting__body__name"], values["meeting__body__slug"]) for values in totals]


def person_totals(rows: QuerySet) -> QuerySet:
    """Per person, by name: one dict of counts each, for a page of the table (person_row makes its rows)."""
    return (
        rows.values("person_id", "person__name", "person__honorific")
        .annotate(**COUNTS)
        .order_by("person__name", "person_id")
    )


def person_row(values: dict) -> Row:
    return _row(values, f"{values['person__honorific']} {values['person__name']}".strip(), values["person_id"])


def by_person(rows: QuerySet) -> list[Row]:
    return [person_row(values) for values in person_totals(rows)]


# A row counts for the organisation of the seat it fills (a reserve's is the
# member's), else the person's usual organisation, else the name the minutes show.
_ORGANISATION_NAME = Coalesce(
    "membership__organisation__name",
    "person__organisation__name",
    NullIf("organisation_shown", Value("")),
    Value(""),
    output_field=CharField(),
)


def organisation_totals(rows: QuerySet) -> QuerySet:
    """Per organisation, by name, those with none recorded last: for a page of the table (organisation_row)."""
    return (
        rows.annotate(organisation_name=_ORGANISATION_NAME)
        .values("organisation_name")
        .annotate(**COUNTS)
        .order_by(Case(When(organisation_name="", then=Value(1)), default=Value(0)), "organisation_name")
    )


def organisation_row(values: dict) -> Row:
    return _row(values, values["organisation_name"] or "No organisation recorded")


def by_organisation(rows: QuerySet) -> list[Row]:
    return [organisation_row(values) for values in organisation_totals(rows)]


def totals(rows: QuerySet) -> Row:
    """The counts over every row, for the foot of each table."""
    values = rows.aggregate(meetings=Count("meeting", distinct=True), **COUNTS)
    return _row(values, "All")
