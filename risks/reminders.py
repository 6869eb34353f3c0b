"""What the risk register tells people (notifications.planning), planned inside risks.actions.

- The risk's owner: on its review date, while it is open (re-planned whenever the risk changes).
- The secretariat: once a week while an open risk's review date has passed (the daily planner).
- The secretariat: when a risk's residual score crosses the escalation threshold, once per crossing.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from notifications.planning import (
    Planned,
    at_nine,
    cancel,
    plan,
    register_daily_planner,
    register_kind,
    secretariat,
    sync,
)
from partnership.dates import british_date
from risks.models import Risk, RiskStatus, escalation_score

RISK_REVIEW = register_kind("risk_review", "A risk you own is due for review", "Risk owners", group="performance")
RISK_OVERDUE = register_kind(
    "risk_review_overdue",
    "A risk's review date has passed (weekly)",
    "The secretariat",
    essential=True,
    group="performance",
)
RISK_ESCALATED = register_kind(
    "risk_escalated",
    "A risk is escalated to the partnership's board",
    "The secretariat",
    essential=True,
    group="performance",
)

# A reminder whose moment passed this recently is still sent (the sweeper may not have reached it yet).
GRACE = datetime.timedelta(hours=12)


def plan_risk(risk: Risk, now: datetime.datetime | None = None) -> None:
    """Re-plan the owner's reminder on the review date; cancel what no longer applies to a closed risk."""
    now = now or timezone.now()
    scope = f"risk:{risk.pk}:review:"
    wanted = []
    if risk.status == RiskStatus.OPEN:
        wanted.append(
            Planned(
                kind=RISK_REVIEW.name,
                key=f"{scope}{risk.review_on.isoformat()}:{risk.owner_id}",
                recipient=risk.owner,
                subject=f"Risk due for review today: {risk.title[:150]}",
                body=(
                    f"The risk “{risk.title}” of the {risk.owner_body.name}, which you own, is due for review on "
                    f"{british_date(risk.review_on)}. Check its scores and controls and set the next review date."
                ),
                url=reverse("risk_detail", args=[risk.pk]),
                due_at=at_nine(risk.review_on),
            )
        )
    sync(scope, [p for p in wanted if p.due_at > now - GRACE], reason="The risk changed or was closed.")
    if risk.status != RiskStatus.OPEN:
        cancel(f"risk:{risk.pk}:overdue:", reason="The risk is closed.")


def escalated(risk: Risk, now: datetime.datetime | None = None) -> None:
    """Tell the secretariat that `risk` has just reached the escalation threshold."""
    now = now or timezone.now()
    for person in secretariat():
        plan(
            Planned(
                kind=RISK_ESCALATED.name,
                key=f"risk:{risk.pk}:escalated:{now:%Y%m%dT%H%M%S.%f}:{person.pk}",
                recipient=person,
                subject=f"Risk escalated to the board: {risk.title[:150]}",
                body=(
                    f"The risk “{risk.title}” of the {risk.owner_body.name} has a residual score of "
                    f"{risk.residual_score}, at or above the threshold of {escalation_score()}. It now shows on the "
                    "board's risk register; put it on the board's next agenda."
                ),
                url=reverse("risk_detail", args=[risk.pk]),
                due_at=now,
            )
        )


@register_daily_planner
def plan_overdue_reviews(now: datetime.datetime) -> None:
    """Each open risk past its review date: one reminder a week to the secretariat, due on the Monday."""
    today = timezone.localdate(now)
    year, week, _ = today.isocalendar()
    monday = today - datetime.timedelta(days=today.weekday())
    overdue = list(Risk.objects.open().filter(review_on__lt=today).select_related("owner_body", "owner"))
    if not overdue:
        return
    office = secretariat()
    for risk in overdue:
        for person in office:
            plan(
                Planned(
                    kind=RISK_OVERDUE.name,
                    key=f"risk:{risk.pk}:overdue:{year}-W{week:02}:{person.pk}",
                    recipient=person,
                    subject=f"Risk review overdue since {british_date(risk.review_on)}: {risk.title[:120]}",
                    body=(
                        f"The risk “{risk.title}” of the {risk.owner_body.name}, owned by {risk.owner.full_name}, "
                        f"was due for review on {british_date(risk.review_on)} and has not been reviewed."
                    ),
                    url=reverse("risk_detail", args=[risk.pk]),
                    due_at=max(at_nine(monday), at_nine(risk.review_on + datetime.timedelta(days=1))),
                )
            )
