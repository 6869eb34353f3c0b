"""What the bodies tell the secretariat (notifications.planning): memberships due for their regular review."""

import datetime

from django.urls import reverse
from django.utils import timezone

from bodies.models import Membership
from notifications.planning import Planned, plan, register_daily_planner, register_kind, secretariat
from partnership.dates import british_date

REVIEWS_DUE = register_kind(
    "membership_reviews", "Memberships due for review (weekly)", "The secretariat", essential=True, group="other"
)

# The weekly list names the reviews falling due within this many days.
LOOK_AHEAD = datetime.timedelta(days=30)


@register_daily_planner
def plan_membership_reviews(now: datetime.datetime) -> None:
    """Once a week, each secretariat officer hears of the memberships due for review (Agreement 6.5)."""
    today = timezone.localdate(now)
    due = list(
        Membership.objects.due_for_review(by=today + LOOK_AHEAD)
        .select_related("person", "body")
        .order_by("review_due_on", "body__name", "person__name")
    )
    if not due:
        return
    year, week, _ = today.isocalendar()
    lines = [
        f"- {m.person.full_name}, {m.get_role_display().lower()} of the {m.body.name}: review "
        f"{'overdue since' if m.review_due_on < today else 'due on'} {british_date(m.review_due_on)}"
        for m in due
    ]
    for person in secretariat():
        plan(
            Planned(
                kind=REVIEWS_DUE.name,
                key=f"reviews:{year}-W{week:02}:{person.pk}",
                recipient=person,
                subject=f"{len(due)} membership{'s' if len(due) != 1 else ''} due for review",
                body="Memberships are reviewed regularly (Agreement 6.5). Due within 30 days or overdue:\n"
                + "\n".join(lines),
                url=reverse("manage:reviews_due"),
                due_at=now,
            )
        )
