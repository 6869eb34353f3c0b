"""Attendance at meetings, counted per body, per person and per organisation.

Each table is one aggregate query over the attendance rows of meetings that
have taken place (cancelled and postponed ones left out):

- expected: rows for members in their own seat (capacity "member");
- present, apologies, absent: how those members answered;
- as reserve: rows of named reserves present for a member.

The public's figures (ModernGov's, per body and per person) count the same
rows, of meetings whose minutes are published only, and add for each member
the times their named reserve attended in their seat: the seat counts once,
the member's apologies and the reserve's attendance both shown.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from bodies.models import SEATED_ROLES, Membership
from meetings.calendar import YEAR_STARTS_IN_MONTH
from meetings.models import Attendance, AttendanceStatus, Capacity, Meeting, MeetingStatus

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


def _counted_meeting_condition(
    via: str,
    *,
    body_ids: list[int] | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    now: datetime.datetime | None = None,
    published: bool = False,
) -> Q:
    """The condition on the meetings counted (through `via`, such as "meeting__"): held, neither cancelled nor
    postponed, of `body_ids`, between the dates; with `published`, only those whose minutes are published."""
    condition = Q(**{f"{via}starts_at__lt": now or timezone.now()}) & ~Q(
        **{f"{via}status__in": [MeetingStatus.CANCELLED, MeetingStatus.POSTPONED]}
    )
    if body_ids is not None:
        condition &= Q(**{f"{via}body_id__in": body_ids})
    if since is not None:
        condition &= Q(**{f"{via}starts_at__gte": _midnight(since)})
    if until is not None:
        condition &= Q(**{f"{via}starts_at__lt": _midnight(until + datetime.timedelta(days=1))})
    if published:
        # Only published minutes are public record: the public's figures count no other meeting.
        condition &= Q(**{f"{via}minutes__published_at__isnull": False})
    return condition


def attendance_rows(
    *,
    body_ids: list[int] | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    now: datetime.datetime | None = None,
    published: bool = False,
) -> QuerySet:
    """The attendance rows counted: members and reserves at meetings held (of `body_ids`, between the dates;
    with `published`, only at those whose minutes are published)."""
    return Attendance.objects.filter(
        _counted_meeting_condition(
            "meeting__", body_ids=body_ids, since=since, until=until, now=now, published=published
        ),
        capacity__in=[Capacity.MEMBER, Capacity.RESERVE],
    )


def meetings_counted(
    *,
    body_ids: list[int] | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    now: datetime.datetime | None = None,
    published: bool = False,
) -> QuerySet:
    """The meetings whose attendance attendance_rows counts, with the same arguments: those with none recorded too."""
    return Meeting.objects.filter(
        _counted_meeting_condition("", body_ids=body_ids, since=since, until=until, now=now, published=published)
    )


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


# The public's figures, as ModernGov publishes them: per body, a row for each member, and per person, a row for
# each body, over a municipal year, at the meetings whose minutes are published.


def business_year_days(year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last days of the municipal year from April `year` (meetings.calendar.business_year_bounds)."""
    first = datetime.date(year, YEAR_STARTS_IN_MONTH, 1)
    return first, datetime.date(year + 1, YEAR_STARTS_IN_MONTH, 1) - datetime.timedelta(days=1)


@dataclass
class Figures(Row):
    """One line of the public's figures: a person's on a body.

    `reserve_for_them` counts the times a named reserve attended in the member's
    seat; the seat counts once, so those times are also among the member's
    apologies or absences, never among their presences. `seated` says the person
    held a seat on the body during the period (a named reserve may not have).
    """

    reserve_for_them: int = 0
    seated: bool = False
    order: tuple = ()


def _figures(found: dict, pk: int, label: str, order: tuple, key=None) -> Figures:
    """The figures of `pk` in `found`, started at nought the first time."""
    if pk not in found:
        found[pk] = Figures(
            label=label,
            key=pk if key is None else key,
            order=order,
            expected=0,
            present=0,
            apologies=0,
            absent=0,
            as_reserve=0,
        )
    return found[pk]


def _count_into(figures: Figures, values: dict) -> None:
    for name in COUNTS:
        setattr(figures, name, values[name])


# A named reserve present in a member's seat: the row names the member's membership (meetings.actions.minutes).
_RESERVE_IN_SEAT = Q(capacity=Capacity.RESERVE, status=AttendanceStatus.PRESENT, membership__isnull=False)


def _seated_between(first: datetime.date, last: datetime.date) -> QuerySet:
    """Memberships in a seat (not reserves, observers or support) held on any day from `first` to `last`."""
    return Membership.objects.filter(
        Q(end__isnull=True) | Q(end__gte=first), role__in=SEATED_ROLES, start__lte=last
    ).order_by()


def _person(found: dict, values: dict, person: str) -> Figures:
    """The figures of the person whose id, name and title `values` holds as `<person>_id`, `<person>__name`..."""
    pk, name, honorific = values[f"{person}_id"], values[f"{person}__name"], values[f"{person}__honorific"]
    return _figures(found, pk, f"{honorific} {name}".strip(), (name.casefold(), pk))


def _body(found: dict, values: dict, body: str) -> Figures:
    """The figures of the body whose id, name and slug `values` holds as `<body>_id`, `<body>__name`..."""
    pk, name = values[f"{body}_id"], values[f"{body}__name"]
    return _figures(found, pk, name, (name.casefold(), pk), key=values[f"{body}__slug"])


def body_figures(body_id: int, first: datetime.date, last: datetime.date) -> tuple[int, list[Figures]]:
    """The number of the body's meetings counted from `first` to `last`, and a row for each person who sat on
    the body as a member then or attended one of those meetings as a member or reserve, by name. Four queries."""
    scope = {"body_ids": [body_id], "since": first, "until": last, "published": True}
    rows = attendance_rows(**scope)
    found: dict[int, Figures] = {}
    for values in person_totals(rows):
        _count_into(_person(found, values, "person"), values)
    member = ("membership__person_id", "membership__person__name", "membership__person__honorific")
    for values in rows.filter(_RESERVE_IN_SEAT).values(*member).annotate(times=Count("pk")).order_by():
        _person(found, values, "membership__person").reserve_for_them = values["times"]
    seated = _seated_between(first, last).filter(body_id=body_id)
    for values in seated.values("person_id", "person__name", "person__honorific").distinct():
        _person(found, values, "person").seated = True
    meetings = meetings_counted(**scope).count()
    return meetings, sorted(found.values(), key=lambda figures: figures.order)


def person_figures(person_id: int, first: datetime.date, last: datetime.date) -> list[Figures]:
    """A row for each body, by name, that the person sat on as a member from `first` to `last`, or at one of
    whose meetings counted they attended as a member or reserve, or a reserve attended for them. Four queries at
    most (three for someone on no body then)."""
    scope = {"since": first, "until": last, "published": True}
    rows = attendance_rows(**scope)
    found: dict[int, Figures] = {}
    body = ("meeting__body_id", "meeting__body__name", "meeting__body__slug")
    for values in rows.filter(person_id=person_id).values(*body).annotate(**COUNTS).order_by():
        _count_into(_body(found, values, "meeting__body"), values)
    reserves = rows.filter(_RESERVE_IN_SEAT, membership__person_id=person_id).values(*body)
    for values in reserves.annotate(times=Count("pk")).order_by():
        _body(found, values, "meeting__body").reserve_for_them = values["times"]
    seated = _seated_between(first, last).filter(person_id=person_id)
    for values in seated.values("body_id", "body__name", "body__slug").distinct():
        _body(found, values, "body").seated = True
    for figures in found.values():
        figures.meetings = 0
    held = meetings_counted(body_ids=list(found), **scope).values("body_id").annotate(held=Count("pk")).order_by()
    for values in held:
        found[values["body_id"]].meetings = values["held"]
    return sorted(found.values(), key=lambda figures: figures.order)
