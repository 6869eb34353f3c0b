"""The register of interests: declare, update, close and confirm; and possible conflicts on an agenda.

A change of circumstance (Agreement 11.4.5) is a new entry or an update;
django-simple-history keeps every version with who made it. An entry is
closed with an end date, never deleted.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from bodies.models import Membership
from declarations import reminders
from declarations.models import CONFIRM_EVERY, REGISTER_ROLES, Interest, RegisterConfirmation
from meetings.models import AgendaItem, Meeting, Paper
from partnership.models import Person, User

# The fields a member writes in their register.
INTEREST_FIELDS = [
    "kind",
    "holder",
    "description",
    "organisation",
    "matter",
    "more_than_one_role",
    "start",
    "end",
    "withheld",
    "withheld_reason",
]


def _stamp(obj, by):
    """Tell django-simple-history who made the change outside a request."""
    obj._history_user = by
    return obj


def _clean_reason(interest):
    # A reason is only kept while the entry is withheld; an empty reason on a withheld entry is refused.
    if not interest.withheld:
        interest.withheld_reason = ""
    else:
        interest.withheld_reason = interest.withheld_reason.strip()


def is_closed(interest, today=None):
    """Closed: its last day has passed. A closed entry is history and is not changed."""
    today = today or timezone.localdate()
    return interest.end is not None and interest.end < today


@transaction.atomic
def declare_interest(person: Person, *, by: User, **fields) -> Interest:
    """Add an entry to `person`'s register (Agreement 11.1.1)."""
    unknown = set(fields) - set(INTEREST_FIELDS)
    if unknown:
        raise TypeError(f"Unknown interest fields: {', '.join(sorted(unknown))}")
    interest = Interest(person=person, created_by=by, **fields)
    _clean_reason(interest)
    interest.full_clean()
    _stamp(interest, by).save()
    return interest


@transaction.atomic
def update_interest(interest: Interest, *, by: User, **fields) -> Interest:
    """Change an open entry; the earlier version stays in its history."""
    interest = Interest.objects.select_for_update().get(pk=interest.pk)
    if is_closed(interest):
        raise ValidationError(
            f"This entry closed on {interest.end:%-d %B %Y} and is kept as it was. Add a new entry instead."
        )
    unknown = set(fields) - set(INTEREST_FIELDS)
    if unknown:
        raise TypeError(f"Unknown interest fields: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(interest, name, value)
    _clean_reason(interest)
    interest.full_clean()
    _stamp(interest, by).save()
    return interest


@transaction.atomic
def close_interest(interest: Interest, *, by: User, end: datetime.date) -> Interest:
    """Close an entry from its last day; it stays in the register's history."""
    interest = Interest.objects.select_for_update().get(pk=interest.pk)
    if is_closed(interest):
        raise ValidationError({"end": f"This entry already closed on {interest.end:%-d %B %Y}."})
    if end < interest.start:
        raise ValidationError({"end": f"The last day cannot be before the entry starts ({interest.start:%-d %B %Y})."})
    if end > timezone.localdate():
        raise ValidationError({"end": "The last day cannot be in the future: close the entry on or after that day."})
    interest.end = end
    interest.full_clean()
    _stamp(interest, by).save()
    return interest


@transaction.atomic
def confirm_register(person: Person, *, by: User) -> RegisterConfirmation:
    """Record that `person` confirmed their register is up to date today."""
    confirmation = RegisterConfirmation(person=person)
    confirmation.full_clean()
    confirmation.save()
    reminders.register_confirmed(person)
    return confirmation


def last_confirmation(person: Person):
    return RegisterConfirmation.objects.filter(person=person).order_by("-confirmed_at").first()


def confirmation_due_on(person: Person) -> datetime.date | None:
    """The day the next yearly confirmation falls due; None if the member has never confirmed (due now)."""
    last = last_confirmation(person)
    if last is None:
        return None
    return timezone.localdate(last.confirmed_at) + CONFIRM_EVERY


def confirmation_due(person: Person, today: datetime.date | None = None) -> bool:
    """Whether `person` should confirm their register now: never confirmed, or not in the last year.

    The hook for the reminders issue, which decides whom to remind (current members).
    """
    today = today or timezone.localdate()
    due_on = confirmation_due_on(person)
    return due_on is None or due_on <= today


# Possible conflicts (Agreement 11.4.2, 11.4.4)


@dataclass
class PossibleConflict:
    """A member whose current register names an organisation or matter an agenda item concerns."""

    item: AgendaItem
    person: Person
    interests: list = field(default_factory=list)


def _terms(interest):
    terms = []
    if interest.organisation_id:
        terms += [interest.organisation.name, interest.organisation.short_name]
    terms.append(interest.matter)
    return [t.strip() for t in terms if t and t.strip()]


def _mentions(text, term):
    """`term` appears in `text` as whole words, whatever the case."""
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, flags=re.IGNORECASE) is not None


def possible_conflicts(meeting: Meeting, on: datetime.date | None = None) -> list[PossibleConflict]:
    """Per agenda item, the body's current members whose current register names what the item concerns.

    An item concerns what its title and description, and its papers' titles
    and descriptions, name; an interest names its organisation (name or short
    name) and its matter. Matching is by whole words, ignoring case.
    """
    on = on or timezone.localdate()
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("number")
        .prefetch_related(Prefetch("papers", queryset=Paper.objects.only("id", "item_id", "title", "description")))
    )
    person_ids = set(
        Membership.objects.on(on)
        .filter(body_id=meeting.body_id, role__in=REGISTER_ROLES)
        .values_list("person_id", flat=True)
    )
    interests = list(
        Interest.objects.on(on)
        .filter(person_id__in=person_ids)
        .select_related("person", "organisation")
        .order_by("person__name", "person_id", "start", "pk")
    )
    conflicts = []
    for item in items:
        text = "\n".join([item.title, item.description, *(f"{p.title}\n{p.description}" for p in item.papers.all())])
        by_person = {}
        for interest in interests:
            if any(_mentions(text, term) for term in _terms(interest)):
                by_person.setdefault(interest.person_id, PossibleConflict(item, interest.person)).interests.append(
                    interest
                )
        conflicts.extend(by_person.values())
    return conflicts
