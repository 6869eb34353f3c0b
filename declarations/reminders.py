"""What the registers and rulings tell people (notifications.planning), planned in the actions' transactions.

- Chairs and vice chairs: declarations awaiting their ruling for more than a
  few days (Agreement 11.1.4); requests for advice on gifts (11.3), which
  the secretariat sees too.
- Members: the advice they asked for; a reminder to declare the offer when
  no entry follows within the time set; the yearly confirmation of their
  register of interests (11.4.5).
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from bodies.models import Membership
from declarations.models import CONFIRM_EVERY, REGISTER_ROLES, GiftsSettings, RegisterConfirmation
from meetings.reminders import chairs_of
from notifications.planning import (
    Planned,
    at_nine,
    cancel,
    plan,
    register_daily_planner,
    register_kind,
    secretariat,
)
from partnership.dates import british_date, today

RULING_DUE = register_kind(
    "ruling_due",
    "A declaration of interest awaits your ruling",
    "Chairs and vice chairs",
    essential=True,
    group="declarations",
)
ADVICE_ASKED = register_kind(
    "advice_asked",
    "A request for advice on a gift or hospitality",
    "Chairs, vice chairs and the secretariat",
    group="declarations",
)
ADVICE_ANSWERED = register_kind(
    "advice_answered", "Advice you asked for on an offer", "Members who asked", group="declarations"
)
GIFT_UNDECLARED = register_kind(
    "gift_undeclared",
    "An offer you asked about is not yet declared",
    "Members who asked for advice",
    group="declarations",
)
REGISTER_CONFIRMATION = register_kind(
    "register_confirmation",
    "Your register of interests is due for its yearly check",
    "Members of the bodies",
    group="declarations",
)

# The chair is reminded once a declaration has waited this long for the body's ruling.
RULING_REMINDER_AFTER = datetime.timedelta(days=3)
# The same reminder to declare is sent this many days before the time to declare an offer runs out.
DECLARE_WARNING_DAYS = 7


def _chairs(body, exclude_person_id=None):
    return [person for person in chairs_of(body) if person.pk != exclude_person_id]


def declaration_recorded(declaration) -> None:
    """Remind the chair and vice chair (never the declarant) if the declaration waits days for a ruling."""
    item = declaration.item
    meeting = item.meeting
    for person in _chairs(meeting.body, exclude_person_id=declaration.person_id):
        plan(
            Planned(
                kind=RULING_DUE.name,
                key=f"declaration:{declaration.pk}:ruling:{person.pk}",
                recipient=person,
                subject=f"A declaration awaits the body's ruling: item {item.number}, {meeting.body.name}",
                body=(
                    f"{declaration.person.full_name} declared an interest in item {item.number}, {item.title}, "
                    f"on {british_date(declaration.recorded_at)}. The body rules on every "
                    "declaration (Agreement 11.1.4)."
                ),
                url=reverse("declaration_detail", args=[declaration.pk]),
                due_at=declaration.recorded_at + RULING_REMINDER_AFTER,
            )
        )


def declaration_ruled(declaration) -> None:
    cancel(f"declaration:{declaration.pk}:", reason="The body has ruled.")


def advice_asked(advice) -> None:
    people = {p.pk: p for p in [*_chairs(advice.body, exclude_person_id=advice.person_id), *secretariat()]}
    people.pop(advice.person_id, None)
    now = timezone.now()
    for person in people.values():
        plan(
            Planned(
                kind=ADVICE_ASKED.name,
                key=f"advice:{advice.pk}:asked:{person.pk}",
                recipient=person,
                subject=f"{advice.person.full_name} asks for advice on an offer",
                body=f"{advice.person.full_name} asks the chair of the {advice.body.name} for advice: {advice.question}",
                url=reverse("gift_advice_detail", args=[advice.pk]),
                due_at=now,
            )
        )


def advice_answered(advice) -> None:
    """Tell the member the answer; remind them to declare the offer if no entry follows in time."""
    cancel(f"advice:{advice.pk}:asked:", reason="The request was answered.")
    person = advice.person
    plan(
        Planned(
            kind=ADVICE_ANSWERED.name,
            key=f"advice:{advice.pk}:answered:{person.pk}",
            recipient=person,
            subject="The advice you asked for on an offer",
            body=f"Your question: {advice.question}\n\nThe advice: {advice.answer}",
            url=reverse("gift_advice_detail", args=[advice.pk]),
            due_at=advice.answered_at,
        )
    )
    if advice.gift_id is None:
        days = GiftsSettings.current().declare_within_days
        asked_on = timezone.localdate(advice.asked_at)
        last_day = asked_on + datetime.timedelta(days=days)
        remind_on = max(last_day - datetime.timedelta(days=DECLARE_WARNING_DAYS), today() + datetime.timedelta(days=1))
        plan(
            Planned(
                kind=GIFT_UNDECLARED.name,
                key=f"advice:{advice.pk}:declare:{person.pk}",
                recipient=person,
                subject="Please declare the offer you asked about",
                body=(
                    f"You asked for advice on an offer on {british_date(asked_on)}. Every offer made in connection "
                    f"with your role is declared, accepted or refused, within {days} days (by "
                    f"{british_date(last_day)} for this one, if it was made the day you asked)."
                ),
                url=reverse("gift_declare"),
                due_at=at_nine(remind_on),
            )
        )


def gift_declared(gift, advice=None) -> None:
    if advice is not None:
        cancel(f"advice:{advice.pk}:declare:", reason="The offer was declared.")


def register_confirmed(person) -> None:
    cancel(f"register:{person.pk}:", reason="The register was confirmed.")


@register_daily_planner
def plan_register_confirmations(now: datetime.datetime) -> None:
    """Current members whose register is not confirmed in the last year: one reminder per year that falls due."""

    today = timezone.localdate(now)
    people = {
        m.person_id: m.person
        for m in Membership.objects.current().filter(role__in=REGISTER_ROLES).select_related("person__user")
    }
    last = {}
    for person_id, confirmed_at in RegisterConfirmation.objects.filter(person_id__in=people).values_list(
        "person_id", "confirmed_at"
    ):
        last[person_id] = max(last.get(person_id, confirmed_at), confirmed_at)
    for person_id, person in people.items():
        confirmed = last.get(person_id)
        due_on = timezone.localdate(confirmed) + CONFIRM_EVERY if confirmed else None
        if due_on is not None and due_on > today:
            continue
        plan(
            Planned(
                kind=REGISTER_CONFIRMATION.name,
                key=f"register:{person_id}:{due_on.isoformat() if due_on else 'first'}",
                recipient=person,
                subject="Please check your register of interests",
                body=(
                    f"You last confirmed your register of interests on {british_date(confirmed)}."
                    if confirmed
                    else "You have not yet confirmed that your register of interests is up to date."
                )
                + " Check it, record any change of circumstance (Agreement 11.4.5), and confirm it.",
                url=reverse("interests_mine"),
                due_at=at_nine(due_on) if due_on else now,
            )
        )
