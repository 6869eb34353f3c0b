"""Memberships: save, end and review one.

`save_membership` and `end_membership` are building blocks as well as the
secretariat's actions: a ruling on a declaration (declarations.actions.rulings)
ends a member's places and reopens them inside its own transaction. So they
are `transaction.atomic` without `durable`: called from a view they are the
outermost unit, called from another action they become part of its unit
(a savepoint), and either way nothing is half done.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from bodies.models import Membership
from partnership.audit import stamped_save, validated_save
from partnership.dates import british_date
from partnership.models import User


# Not durable: a building block another action may call (see the module's docstring).
@transaction.atomic
def save_membership(membership: Membership, *, by: User):
    """Validate and save a membership, setting its first review date if missing."""
    if membership.review_due_on is None and membership.body_id and membership.start:
        membership.review_due_on = membership.next_review_after(membership.start)
    return validated_save(membership, by)


# Not durable: a building block another action may call (see the module's docstring).
@transaction.atomic
def end_membership(membership: Membership, *, by: User, last_day: datetime.date, reason: str):
    """End a membership; the named reserves for it end with it."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.end and membership.end <= last_day:
        raise ValidationError({"last_day": f"This membership already ended on {british_date(membership.end)}."})
    if last_day < membership.start:
        raise ValidationError({"last_day": "A membership cannot end before it starts."})
    membership.end = last_day
    membership.end_reason = reason
    validated_save(membership, by)
    for reserve in membership.reserves.filter(Q(end__isnull=True) | Q(end__gt=last_day)):
        reserve.end = max(last_day, reserve.start)
        reserve.end_reason = f"The member they stood in for left: {reason}"
        stamped_save(reserve, by)
    return membership


@transaction.atomic(durable=True)
def record_membership_review(membership: Membership, *, by: User, reviewed_on: datetime.date):
    """Record that the membership was reviewed (Agreement 6.5); the next review falls due a period later."""
    membership = Membership.objects.select_for_update().select_related("body").get(pk=membership.pk)
    membership.review_due_on = membership.next_review_after(reviewed_on)
    return stamped_save(membership, by)
