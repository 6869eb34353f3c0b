"""The meetings list and the calendar of business (Agreement 8.11): which meetings, grouped how."""

import datetime
from dataclasses import dataclass, field

from dateutil.relativedelta import relativedelta
from django.db.models import Exists, OuterRef
from django.db.models.functions import TruncDate
from django.utils import timezone

from bodies.models import SEATED_ROLES, Membership, Role
from meetings.models import Meeting
from partnership.dated import in_force_on

# The partnership plans its business by the council's year, April to March;
# the Agreement took effect on 1 April 2009.
YEAR_STARTS_IN_MONTH = 4


def business_year_of(day: datetime.date) -> int:
    """The calendar year in which the business year holding `day` began."""
    return day.year if day.month >= YEAR_STARTS_IN_MONTH else day.year - 1


def business_year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of the business year `year` and of the next, in local time."""
    start = datetime.datetime(year, YEAR_STARTS_IN_MONTH, 1)
    end = datetime.datetime(year + 1, YEAR_STARTS_IN_MONTH, 1)
    return timezone.make_aware(start), timezone.make_aware(end)


def business_year_label(year: int) -> str:
    return f"{year} to {year + 1}"


# Lists of meetings that grow with the years show a window by default: the meetings to
# come and those of the last twelve months; earlier ones by year, or on request.
RECENT_MONTHS = 12


def months_ago(months: int, today: datetime.date | None = None) -> datetime.date:
    """The same day `months` calendar months before today (the month's last day where that month is shorter)."""
    return (today or timezone.localdate()) - relativedelta(months=months)


def window_start(months: int, today: datetime.date | None = None) -> datetime.datetime:
    """The first moment (local midnight) of the day `months` calendar months before today."""
    return timezone.make_aware(datetime.datetime.combine(months_ago(months, today), datetime.time()))


def meetings_shown():
    """Meetings with what every list shows of them: the body, and the minutes if any."""
    return Meeting.objects.select_related("body", "minutes")


# The places whose holder is expected at a body's meetings, or may be called to stand in: not observers or support.
CALENDAR_ROLES = [*SEATED_ROLES, Role.NAMED_RESERVE]


def meetings_of(person):
    """The meetings of the bodies where `person` held a seat, or was a named reserve, on the meeting's day.

    The day is the local date the meeting starts on, so a meeting before the person joined, or after they left,
    is not theirs, and a body they have left keeps no meeting in their calendar.
    """
    places = Membership.objects.filter(in_force_on(OuterRef("day")), person=person, body=OuterRef("body_id"))
    return Meeting.objects.alias(day=TruncDate("starts_at")).filter(Exists(places.filter(role__in=CALENDAR_ROLES)))


@dataclass
class Month:
    first_day: datetime.date
    meetings: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.first_day:%B %Y}"


def by_month(meetings) -> list[Month]:
    """Group meetings (in date order) by the local month they start in; months without meetings are left out."""
    months: dict[tuple[int, int], Month] = {}
    for meeting in meetings:
        local = timezone.localtime(meeting.starts_at)
        key = (local.year, local.month)
        if key not in months:
            months[key] = Month(datetime.date(local.year, local.month, 1))
        months[key].meetings.append(meeting)
    return list(months.values())


def calendar_of_business(year: int, body=None) -> list[Month]:
    """The meetings of the business year (all bodies, or one), cancelled ones left out, by month."""
    start, end = business_year_bounds(year)
    meetings = meetings_shown().in_calendar().filter(starts_at__gte=start, starts_at__lt=end)
    if body is not None:
        meetings = meetings.filter(body=body)
    return by_month(meetings.order_by("starts_at", "body__name"))
