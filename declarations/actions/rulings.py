"""Declarations at meetings, the body's rulings, disputes and their resolution (Agreement 11.1, 11.4).

Each action checks who may act and refuses with a clear message, changing
nothing. Nothing is edited once recorded: a ruling is superseded only by the
resolution of a dispute. The records themselves carry who and when.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from bodies.actions.memberships import end_membership, save_membership
from bodies.models import Membership, Role
from bodies.policies import CHAIRING_ROLES
from declarations import reminders
from declarations.models import (
    Declaration,
    DeclarationWhen,
    Disbarment,
    Dispute,
    DisputeStatus,
    Outcome,
    Ruling,
)
from declarations.policies.rulings import (
    can_resolve_dispute,
    can_rule_on_declaration,
    item_is_open_for_declarations,
)
from partnership.audit import stamped_save, validated_save
from partnership.dates import british_date
from partnership.models import person_of
from partnership.policies import is_secretariat

CLOSED_MESSAGE = "The minutes of this meeting are approved (or the meeting did not go ahead): no more declarations."


@transaction.atomic(durable=True)
def declare_interest(item, *, by, person, kind, description, made, interest=None):
    """Record a declaration against an agenda item: the member's own in advance, or the secretariat's note of a verbal one."""
    body = item.meeting.body
    if made == DeclarationWhen.IN_ADVANCE:
        declarant = person_of(by)
        if declarant is None or declarant.pk != person.pk:
            raise ValidationError(
                "Members declare their own interests in advance; the secretariat records verbal ones."
            )
    elif not is_secretariat(by):
        raise ValidationError("Only the secretariat records a declaration made verbally in the meeting.")
    if not item_is_open_for_declarations(item):
        raise ValidationError(CLOSED_MESSAGE)
    meeting_day = timezone.localdate(item.meeting.starts_at)
    member = Membership.objects.filter(person=person, body=body)
    if not (member.current().exists() or member.on(meeting_day).exists()):
        raise ValidationError({"person": f"{person.full_name} is not a member of the {body.name}."})
    if Declaration.objects.filter(item=item, person=person).exists():
        raise ValidationError(f"{person.full_name} has already declared an interest in item {item.number}.")
    if interest is not None and interest.person_id != person.pk:
        raise ValidationError({"interest": "That interest is in someone else's register."})
    declaration = Declaration(
        item=item,
        person=person,
        interest=interest,
        kind=kind,
        description=description.strip(),
        made=made,
        recorded_by=by,
    )
    validated_save(declaration, by)
    reminders.declaration_recorded(declaration)
    return declaration


def _apply_outcome(ruling, *, outcome, project, by, body, person, on):
    """The effects of an outcome: disbarment from the body ends the membership; from a project, a Disbarment."""
    if outcome == Outcome.DISBARRED_BODY:
        ended = None
        # Memberships that already end by that day (a disbarment upheld on the day of the ruling) stay as they are.
        still_open = Membership.objects.current().filter(Q(end__isnull=True) | Q(end__gt=on))
        for membership in still_open.filter(person=person, body=body).order_by("pk"):
            ended = end_membership(
                membership,
                by=by,
                last_day=max(on, membership.start),
                reason=f"Disbarred from the body by the ruling of {british_date(on)} on a declaration of interest.",
            )
        if ended is not None and ruling.ended_membership_id is None:
            ruling.ended_membership = ended
            ruling.save(update_fields=["ended_membership"])
    elif outcome == Outcome.DISBARRED_PROJECT and not Disbarment.objects.filter(ruling=ruling).exists():
        Disbarment.objects.create(person=person, body=body, project=project, ruling=ruling, start=on)


@transaction.atomic(durable=True)
def rule_on_declaration(declaration, *, by, outcome, reasons, project=""):
    """Record the body's ruling on a declaration, once; its effects follow at once."""
    declaration = Declaration.objects.select_for_update().select_related("item__meeting__body").get(pk=declaration.pk)
    body = declaration.item.meeting.body
    if Ruling.objects.filter(declaration=declaration).exists():
        raise ValidationError(
            "This declaration has already been ruled on. A ruling is not changed: the member can dispute it."
        )
    person = person_of(by)
    if person is not None and person.pk == declaration.person_id:
        raise ValidationError(
            "No one rules on their own declaration: the vice chair (or the secretariat recording the body's ruling) does."
        )
    if not can_rule_on_declaration(by, declaration):
        raise ValidationError(
            f"Only the chair or vice chair of the {body.name}, or the secretariat recording the body's ruling, can rule."
        )
    project = project.strip() if outcome == Outcome.DISBARRED_PROJECT else ""
    ruling = Ruling(declaration=declaration, outcome=outcome, reasons=reasons.strip(), project=project, ruled_by=by)
    validated_save(ruling, by)
    reminders.declaration_ruled(declaration)
    _apply_outcome(
        ruling,
        outcome=outcome,
        project=project,
        by=by,
        body=body,
        person=declaration.person,
        on=timezone.localdate(ruling.ruled_at),
    )
    return ruling


@transaction.atomic(durable=True)
def raise_dispute(ruling, *, by, grounds):
    """The declarant disputes the ruling; it goes to the chair of the partnership board (Agreement 11.1.5)."""
    ruling = Ruling.objects.select_for_update().select_related("declaration").get(pk=ruling.pk)
    person = person_of(by)
    if person is None or person.pk != ruling.declaration.person_id:
        raise ValidationError("Only the member who declared the interest can dispute the ruling.")
    if Dispute.objects.filter(ruling=ruling).exists():
        raise ValidationError("This ruling is already disputed.")
    dispute = Dispute(ruling=ruling, raised_by=by, grounds=grounds.strip())
    return validated_save(dispute, by)


@transaction.atomic(durable=True)
def designate_head_of_legal(dispute, *, by, person):
    """The secretariat names the Head of Legal for this dispute alone, or replaces them; only the one named sees it."""
    dispute = (
        Dispute.objects.select_for_update(of=("self",))
        .select_related("ruling__declaration", "head_of_legal")
        .get(pk=dispute.pk)
    )
    if not is_secretariat(by):
        raise ValidationError("Only the secretariat designates the Head of Legal.")
    if dispute.status != DisputeStatus.OPEN:
        raise ValidationError("This dispute is resolved: its Head of Legal is not changed.")
    previous = dispute.head_of_legal
    if previous is not None and previous.pk == person.pk:
        raise ValidationError({"person": f"{person.full_name} is already the Head of Legal for this dispute."})
    if person.pk == dispute.ruling.declaration.person_id:
        raise ValidationError({"person": "The member who disputes the ruling cannot advise on their own dispute."})
    if person.user_id is None:
        raise ValidationError({"person": f"{person.full_name} has no login: invite them to create an account first."})
    dispute.head_of_legal = person
    validated_save(dispute, by, update_fields=["head_of_legal"])
    if previous is not None and previous.user_id is not None:
        remove_perm("declarations.consult_on_dispute", previous.user, dispute)
    assign_perm("declarations.consult_on_dispute", person.user, dispute)
    return dispute


def _reinstate(dispute, *, by, on):
    """Restore the membership a disbarment from the body ended, once a resolution overturns it.

    The member comes back from the day of the resolution (the day after the
    disbarment ended the membership, at the earliest), in the same role for
    the same organisation, unless the body has ended or they have been given
    a place on it again meanwhile. A chair or vice chair whose chair has been
    filled meanwhile comes back as a member: the secretariat settles the chair.
    """
    ended = dispute.ruling.ended_membership
    if ended is None or ended.end is None:
        return None
    body = ended.body
    start = max(on, ended.end + datetime.timedelta(days=1))
    if body.ended_on is not None and body.ended_on < start:
        return None
    if Membership.objects.on(start).filter(person_id=ended.person_id, body=body).exists():
        return None
    if ended.reserve_for_id and not Membership.objects.on(start).filter(pk=ended.reserve_for_id).exists():
        # A named reserve comes back only while the member they stand in for still sits.
        return None
    role = ended.role
    if role in CHAIRING_ROLES and Membership.objects.on(start).filter(body=body, role=role).exists():
        role = Role.MEMBER
    seat = ended.seat if ended.seat_id and (ended.seat.end is None or ended.seat.end >= start) else None
    membership = save_membership(
        Membership(
            person_id=ended.person_id,
            body=body,
            organisation_id=ended.organisation_id,
            role=role,
            seat=seat,
            reserve_for=ended.reserve_for,
            start=start,
        ),
        by=by,
    )
    dispute.reinstated_membership = membership
    stamped_save(dispute, by, update_fields=["reinstated_membership"])
    return membership


@transaction.atomic(durable=True)
def resolve_dispute(dispute, *, by, outcome, reasons, project=""):
    """The chair of the partnership board records the resolution, which stands over the ruling."""
    dispute = (
        Dispute.objects.select_for_update()
        .select_related("ruling__declaration__item__meeting__body", "ruling__declaration__person")
        .get(pk=dispute.pk)
    )
    if dispute.status != DisputeStatus.OPEN:
        raise ValidationError("This dispute is already resolved; the resolution is not changed.")
    if not can_resolve_dispute(by, dispute):
        raise ValidationError("Only the chair of the partnership board resolves a dispute, and never their own.")
    if dispute.head_of_legal_id is None:
        raise ValidationError(
            "The chair decides in consultation with the Head of Legal: the secretariat names them first."
        )
    project = project.strip() if outcome == Outcome.DISBARRED_PROJECT else ""
    if outcome == Outcome.DISBARRED_PROJECT and not project:
        raise ValidationError({"project": "Name the project the member is disbarred from."})
    dispute.status = DisputeStatus.RESOLVED
    dispute.resolution_outcome = outcome
    dispute.resolution_reasons = reasons.strip()
    dispute.resolution_project = project
    dispute.resolved_by = by
    dispute.resolved_at = timezone.now()
    validated_save(dispute, by)
    declaration = dispute.ruling.declaration
    _apply_outcome(
        dispute.ruling,
        outcome=outcome,
        project=project,
        by=by,
        body=declaration.item.meeting.body,
        person=declaration.person,
        on=timezone.localdate(dispute.resolved_at),
    )
    if dispute.ruling.outcome == Outcome.DISBARRED_BODY and outcome != Outcome.DISBARRED_BODY:
        _reinstate(dispute, by=by, on=timezone.localdate(dispute.resolved_at))
    return dispute
