"""An organisation's withdrawal from the partnership, which ends its memberships and seats.

Adding or editing an organisation touches the base records only: partnership.actions.save_organisation.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from bodies.actions.bodies import end_dated_rows
from bodies.models import Membership, Seat
from partnership.audit import stamped_delete, stamped_save, validated_save
from partnership.dates import british_date
from partnership.models import Organisation, User, Withdrawal


@transaction.atomic(durable=True)
def withdraw_organisation(
    organisation: Organisation, *, by: User, notice_received_on, effective_on, notice, funding_arrangements
):
    """Record an organisation's withdrawal (Agreement 18.3); its memberships and seats end on its last day."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.left_on:
        raise ValidationError(f"{organisation} already withdrew on {british_date(organisation.left_on)}.")
    withdrawal = Withdrawal(
        organisation=organisation,
        notice_received_on=notice_received_on,
        effective_on=effective_on,
        notice=notice,
        funding_arrangements=funding_arrangements,
        recorded_by=by,
    )
    validated_save(withdrawal, by)
    organisation.left_on = effective_on
    stamped_save(organisation, by)
    reason = f"{organisation} withdrew from the partnership"
    for membership in Membership.objects.filter(organisation=organisation).filter(
        Q(end__isnull=True) | Q(end__gt=effective_on)
    ):
        if membership.start > effective_on:
            stamped_delete(membership, by)
            continue
        membership.end = effective_on
        membership.end_reason = reason
        stamped_save(membership, by)
    end_dated_rows(Seat.objects.filter(organisation=organisation), effective_on, by=by)
    return withdrawal
