"""The register of interests: declare, update, close and confirm (Agreement 11.1.1, 11.4.5).

A change of circumstance (Agreement 11.4.5) is a new entry or an update;
django-simple-history keeps every version with who made it. An entry is
closed with an end date, never deleted.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from declarations import reminders
from declarations.models import Interest, RegisterConfirmation
from partnership.audit import validated_save
from partnership.dates import british_date, today
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


def _check_fields(fields):
    unknown = set(fields) - set(INTEREST_FIELDS)
    if unknown:
        raise TypeError(f"Unknown interest fields: {', '.join(sorted(unknown))}")


def _clean_reason(interest):
    # A reason is only kept while the entry is withheld; an empty reason on a withheld entry is refused.
    if not interest.withheld:
        interest.withheld_reason = ""
    else:
        interest.withheld_reason = interest.withheld_reason.strip()


@transaction.atomic(durable=True)
def declare_interest(person: Person, *, by: User, **fields) -> Interest:
    """Add an entry to `person`'s register (Agreement 11.1.1)."""
    _check_fields(fields)
    interest = Interest(person=person, created_by=by, **fields)
    _clean_reason(interest)
    return validated_save(interest, by)


@transaction.atomic(durable=True)
def update_interest(interest: Interest, *, by: User, **fields) -> Interest:
    """Change an open entry; the earlier version stays in its history."""
    interest = Interest.objects.select_for_update().get(pk=interest.pk)
    if interest.is_closed():
        raise ValidationError(
            f"This entry closed on {british_date(interest.end)} and is kept as it was. Add a new entry instead."
        )
    _check_fields(fields)
    for name, value in fields.items():
        setattr(interest, name, value)
    _clean_reason(interest)
    return validated_save(interest, by)


@transaction.atomic(durable=True)
def close_interest(interest: Interest, *, by: User, end: datetime.date) -> Interest:
    """Close an entry from its last day; it stays in the register's history."""
    interest = Interest.objects.select_for_update().get(pk=interest.pk)
    if interest.is_closed():
        raise ValidationError({"end": f"This entry already closed on {british_date(interest.end)}."})
    if end < interest.start:
        raise ValidationError(
            {"end": f"The last day cannot be before the entry starts ({british_date(interest.start)})."}
        )
    if end > today():
        raise ValidationError({"end": "The last day cannot be in the future: close the entry on or after that day."})
    interest.end = end
    return validated_save(interest, by)


@transaction.atomic(durable=True)
def confirm_register(person: Person, *, by: User) -> RegisterConfirmation:
    """Record that `person` confirmed their register is up to date today."""
    confirmation = RegisterConfirmation(person=person)
    validated_save(confirmation, by)
    reminders.register_confirmed(person)
    return confirmation
