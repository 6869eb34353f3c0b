"""What performance management tells people (notifications.planning), planned in the actions' transactions.

The people of the reporting organisation (those with an active login) hear that a
period's value is due, a week before it is due, and that it is overdue, the day
after. Only periods that have a target are reported, so reminders follow the
targets the secretariat has set. A value entered cancels both; the daily planner
brings what the calendar alone brings (a period ending).
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from notifications.planning import Planned, at_nine, register_daily_planner, register_kind, sync
from partnership.dates import british_date
from partnership.models import Person
from performance import periods

VALUE_DUE = register_kind(
    "performance_value_due",
    "A performance indicator's value is due (a week ahead)",
    "People of the reporting organisation",
    essential=True,
    group="performance",
)
VALUE_OVERDUE = register_kind(
    "performance_value_overdue",
    "A performance indicator's value is overdue",
    "People of the reporting organisation",
    essential=True,
    group="performance",
)

WARNING = datetime.timedelta(days=7)
# A value more than this far past its due day is chased no more by new reminders.
CHASED_FOR = datetime.timedelta(days=60)


def _scope(indicator) -> str:
    return f"performance:{indicator.pk}:"


def reporters(indicator) -> list[Person]:
    return list(
        Person.objects.filter(organisation_id=indicator.reporter_id, user__is_active=True)
        .select_related("user")
        .order_by("name", "pk")
    )


def wanted_for(indicator, today: datetime.date, people) -> list[Planned]:
    """The reminders the indicator should have pending or sent: each period with a target, ended, without a value."""
    reported = set(indicator.values.values_list("period_start", flat=True))
    wanted = []
    url = reverse("performance_value_entry", args=[indicator.slug])
    for start in indicator.targets.order_by("period_start").values_list("period_start", flat=True):
        end = periods.period_end(start, indicator.frequency)
        due = indicator.due_on(start)
        if start in reported or end >= today or due + CHASED_FOR < today:
            continue
        label = indicator.label(start)
        for person in people:
            key = f"{_scope(indicator)}{start.isoformat()}:"
            if due >= today:
                wanted.append(
                    Planned(
                        kind=VALUE_DUE.name,
                        key=f"{key}due:{person.pk}",
                        recipient=person,
                        subject=f"Due on {british_date(due)}: {indicator.name}, {label}",
                        body=(
                            f"The value of {indicator.name} for {label} is due on {british_date(due)}. Enter it with a "
                            f"note for readers; the secretariat publishes it."
                        ),
                        url=f"{url}?period={start.isoformat()}",
                        due_at=at_nine(due - WARNING),
                    )
                )
            wanted.append(
                Planned(
                    kind=VALUE_OVERDUE.name,
                    key=f"{key}overdue:{person.pk}",
                    recipient=person,
                    subject=f"Overdue: {indicator.name}, {label}",
                    body=(
                        f"The value of {indicator.name} for {label} was due on {british_date(due)} and has not "
                        "been entered. Enter it as soon as you can."
                    ),
                    url=f"{url}?period={start.isoformat()}",
                    due_at=at_nine(due + datetime.timedelta(days=1)),
                )
            )
    return wanted


def plan_indicator(indicator, now: datetime.datetime | None = None) -> None:
    """Make the indicator's pending reminders exactly those still wanted (a building block of the actions)."""
    today = timezone.localdate(now or timezone.now())
    sync(_scope(indicator), wanted_for(indicator, today, reporters(indicator)), reason="The value was entered.")


@register_daily_planner
def plan_performance(now: datetime.datetime) -> None:
    from performance.models import Indicator

    for indicator in Indicator.objects.order_by("pk"):
        plan_indicator(indicator, now)
