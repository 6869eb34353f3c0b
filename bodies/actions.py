"""Secretariat actions that change bodies and memberships.

Each is one transaction with a keyword-only actor; the audit trail is the
django-simple-history row written for every record touched, plus a
BodyChange row for each change in a body's life (the February 2011 reshaping).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from bodies.models import Body, BodyChange, BodyLink, ChangeKind, Membership, Role, Seat, Status
from partnership.dates import day_before
from partnership.models import Organisation, User, Withdrawal

# Fields a renamed body inherits from the one it renames.
_INHERITED_FIELDS = [
    "kind",
    "mode",
    "summary",
    "terms_of_reference",
    "meeting_frequency",
    "independently_chaired",
    "equality_statement_adopted_on",
    "impact_assessment_adopted_on",
    "membership_review_months",
    "circulation_days",
    "paper_reminder_days",
    "quorum",
]


def _stamp(obj, by):
    """Tell django-simple-history who made the change outside a request."""
    obj._history_user = by
    return obj


def unique_slug(model, text, max_length=80):
    base = slugify(text)[: max_length - 4] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _record(body, kind, on, *, by, reason, other_body=None):
    change = BodyChange(body=body, kind=kind, on=on, other_body=other_body, reason=reason, recorded_by=by)
    change.full_clean()
    change.save()
    return change


def _require_open(body, on, action):
    if on < body.established_on:
        raise ValidationError({"on": f"{body} was only established on {body.established_on:%-d %B %Y}."})
    if body.ended_on and body.ended_on < on:
        raise ValidationError({"on": f"{body} ended on {body.ended_on:%-d %B %Y}; it cannot be {action}."})


@transaction.atomic
def establish_body(*, by: User, established_on: datetime.date, shadow: bool = False, reason: str = "", **fields):
    """Create a body: active from its first day, or working in shadow form until made active."""
    body = Body(established_on=established_on, **fields)
    if not body.slug:
        body.slug = unique_slug(Body, body.short_name or body.name)
    if shadow:
        body.shadow_from = established_on
    else:
        body.active_from = established_on
    body.full_clean()
    _stamp(body, by).save()
    _record(body, ChangeKind.ESTABLISHED, established_on, by=by, reason=reason or "Established.")
    if shadow:
        _record(body, ChangeKind.SHADOW, established_on, by=by, reason=reason or "Works in shadow form at first.")
    return body


@transaction.atomic
def make_body_active(body: Body, *, by: User, on: datetime.date, reason: str):
    """End a body's shadow period: it is fully active from `on`."""
    body = Body.objects.select_for_update().get(pk=body.pk)
    _require_open(body, on, "made active")
    if body.active_from and body.active_from <= on:
        raise ValidationError({"on": f"{body} is already active from {body.active_from:%-d %B %Y}."})
    body.active_from = on
    _stamp(body, by).save()
    _record(body, ChangeKind.ACTIVE, on, by=by, reason=reason)
    return body


def _end_memberships(body, last_day, *, by, reason):
    """End every membership of `body` still held after `last_day`; refuse if one has not yet begun."""
    ended = 0
    for membership in Membership.objects.filter(body=body).filter(Q(end__isnull=True) | Q(end__gt=last_day)):
        if membership.start > last_day:
            raise ValidationError(
                {"on": f"{membership.person} is due to join {body} on {membership.start:%-d %B %Y}, after it ends."}
            )
        membership.end = last_day
        membership.end_reason = reason
        _stamp(membership, by).save()
        ended += 1
    return ended


def _end_dated_rows(queryset, last_day, *, by):
    """End links or seats still open after `last_day`; remove those not yet begun (history keeps them)."""
    for row in queryset.filter(Q(end__isnull=True) | Q(end__gt=last_day)):
        _stamp(row, by)
        if row.start > last_day:
            row.delete()
        else:
            row.end = last_day
            row.save()


def _end_links_and_seats(body, last_day, *, by):
    _end_dated_rows(BodyLink.objects.filter(Q(from_body=body) | Q(to_body=body)), last_day, by=by)
    _end_dated_rows(Seat.objects.filter(body=body), last_day, by=by)


def _close(body, last_day, *, by, reason):
    if body.ended_on:
        raise ValidationError(f"{body} already ended on {body.ended_on:%-d %B %Y}.")
    _require_open(body, last_day, "ended")
    body.ended_on = last_day
    if body.active_from and body.active_from > last_day:
        body.active_from = None
    body.full_clean()
    _stamp(body, by).save()
    _end_memberships(body, last_day, by=by, reason=reason)
    _end_links_and_seats(body, last_day, by=by)


@transaction.atomic
def end_body(body: Body, *, by: User, last_day: datetime.date, reason: str):
    """End a body: its memberships, seats and links end with it."""
    body = Body.objects.select_for_update().get(pk=body.pk)
    if body.ended_on:
        raise ValidationError(f"{body} has already ended.")
    _close(body, last_day, by=by, reason=f"{body} ended: {reason}")
    _record(body, ChangeKind.ENDED, last_day, by=by, reason=reason)
    return body


def _successor(body_fields, *, by, on, reason, shadow=False):
    return establish_body(by=by, established_on=on, shadow=shadow, reason=reason, **body_fields)


@transaction.atomic
def merge_bodies(bodies, *, by: User, on: datetime.date, reason: str, into: Body | None = None, new_body=None):
    """Merge `bodies` into an existing body or a new one from `on`.

    The merged bodies end the day before; their memberships end with them. The
    members of the merged body are appointed afresh, since the seats change.
    """
    bodies = list(bodies)
    if (into is None) == (new_body is None):
        raise ValueError("Merge into an existing body or a new one, not both")
    if len(bodies) < 1:
        raise ValidationError("Choose at least one body to merge.")
    if into is None:
        into = _successor(new_body, by=by, on=on, reason=reason)
    elif not into.exists_on(on):
        raise ValidationError({"into": f"{into} does not exist on {on:%-d %B %Y}."})
    last_day = day_before(on)
    for body in bodies:
        if body.pk == into.pk:
            raise ValidationError({"into": "A body cannot be merged into itself."})
        body = Body.objects.select_for_update().get(pk=body.pk)
        _close(body, last_day, by=by, reason=f"{body} merged into {into}")
        _record(body, ChangeKind.MERGED_INTO, on, by=by, reason=reason, other_body=into)
    return into


@transaction.atomic
def replace_body(body: Body, *, by: User, on: datetime.date, reason: str, new_body: dict, shadow: bool = False):
    """End `body` the day before `on` and establish the body that replaces it.

    The replacement may begin in shadow form, as the Health and Wellbeing Board did.
    """
    body = Body.objects.select_for_update().get(pk=body.pk)
    if body.ended_on:
        raise ValidationError(f"{body} already ended on {body.ended_on:%-d %B %Y}.")
    successor = _successor(new_body, by=by, on=on, reason=reason, shadow=shadow)
    _close(body, day_before(on), by=by, reason=f"{body} replaced by {successor}")
    _record(body, ChangeKind.REPLACED_BY, on, by=by, reason=reason, other_body=successor)
    return successor


@transaction.atomic
def rename_body(body: Body, *, by: User, on: datetime.date, reason: str, name: str, short_name: str = ""):
    """Retain a body under a new name from `on`.

    The renamed body is a new record, so the framework as at an earlier date
    still shows the old name; memberships, seats and links carry across.
    """
    body = Body.objects.select_for_update().get(pk=body.pk)
    _require_open(body, on, "renamed")
    if on <= body.established_on:
        raise ValidationError({"on": "A body can be renamed only after the day it was established."})
    fields = {f: getattr(body, f) for f in _INHERITED_FIELDS}
    successor = Body(name=name, short_name=short_name, established_on=on, **fields)
    successor.slug = unique_slug(Body, short_name or name)
    status = body.status_on(on)
    if status == Status.SHADOW:
        successor.shadow_from = on
    elif status == Status.ACTIVE:
        successor.active_from = on
    successor.full_clean()
    _stamp(successor, by).save()
    last_day = day_before(on)
    carried_seats = {}
    for seat in Seat.objects.filter(body=body).filter(Q(end__isnull=True) | Q(end__gte=on)):
        new_seat = Seat(
            body=successor, label=seat.label, organisation=seat.organisation, role=seat.role, start=on, end=seat.end
        )
        _stamp(new_seat, by).save()
        carried_seats[seat.pk] = new_seat
    carried = {}
    held = Membership.objects.filter(body=body).filter(Q(end__isnull=True) | Q(end__gte=on))
    # Members before their reserves, so a reserve can point at the carried member.
    for membership in sorted(held, key=lambda m: m.role == Role.NAMED_RESERVE):
        new = Membership(
            person_id=membership.person_id,
            body=successor,
            organisation_id=membership.organisation_id,
            role=membership.role,
            seat=carried_seats.get(membership.seat_id),
            reserve_for=carried.get(membership.reserve_for_id),
            start=max(on, membership.start),
            end=membership.end,
            review_due_on=membership.review_due_on,
        )
        _stamp(new, by).save()
        carried[membership.pk] = new
    for link in BodyLink.objects.filter(Q(from_body=body) | Q(to_body=body)).filter(
        Q(end__isnull=True) | Q(end__gte=on)
    ):
        new_link = BodyLink(
            from_body=successor if link.from_body_id == body.pk else link.from_body,
            to_body=successor if link.to_body_id == body.pk else link.to_body,
            kind=link.kind,
            note=link.note,
            start=on,
            end=link.end,
        )
        _stamp(new_link, by).save()
    # What was carried across and had not begun lives on the renamed body only.
    Membership.objects.filter(body=body, start__gte=on).delete()
    _close(body, last_day, by=by, reason=f"{body} renamed {successor}")
    _record(body, ChangeKind.RENAMED_TO, on, by=by, reason=reason, other_body=successor)
    _record(successor, ChangeKind.ESTABLISHED, on, by=by, reason=f"Renamed from {body}. {reason}".strip())
    return successor


@transaction.atomic
def save_membership(membership: Membership, *, by: User):
    """Validate and save a membership, setting its first review date if missing."""
    if membership.review_due_on is None and membership.body_id and membership.start:
        membership.review_due_on = membership.next_review_after(membership.start)
    membership.full_clean()
    _stamp(membership, by).save()
    return membership


@transaction.atomic
def end_membership(membership: Membership, *, by: User, last_day: datetime.date, reason: str):
    """End a membership; the named reserves for it end with it."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.end and membership.end <= last_day:
        raise ValidationError({"last_day": f"This membership already ended on {membership.end:%-d %B %Y}."})
    if last_day < membership.start:
        raise ValidationError({"last_day": "A membership cannot end before it starts."})
    membership.end = last_day
    membership.end_reason = reason
    membership.full_clean()
    _stamp(membership, by).save()
    for reserve in membership.reserves.filter(Q(end__isnull=True) | Q(end__gt=last_day)):
        reserve.end = max(last_day, reserve.start)
        reserve.end_reason = f"The member they stood in for left: {reason}"
        _stamp(reserve, by).save()
    return membership


@transaction.atomic
def record_membership_review(membership: Membership, *, by: User, reviewed_on: datetime.date):
    """Record that the membership was reviewed (Agreement 6.5); the next review falls due a period later."""
    membership = Membership.objects.select_for_update().select_related("body").get(pk=membership.pk)
    membership.review_due_on = membership.next_review_after(reviewed_on)
    _stamp(membership, by).save()
    return membership


@transaction.atomic
def withdraw_organisation(
    organisation: Organisation, *, by: User, notice_received_on, effective_on, notice, funding_arrangements
):
    """Record an organisation's withdrawal (Agreement 18.3); its memberships and seats end on its last day."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.left_on:
        raise ValidationError(f"{organisation} already withdrew on {organisation.left_on:%-d %B %Y}.")
    withdrawal = Withdrawal(
        organisation=organisation,
        notice_received_on=notice_received_on,
        effective_on=effective_on,
        notice=notice,
        funding_arrangements=funding_arrangements,
        recorded_by=by,
    )
    withdrawal.full_clean()
    _stamp(withdrawal, by).save()
    organisation.left_on = effective_on
    _stamp(organisation, by).save()
    reason = f"{organisation} withdrew from the partnership"
    for membership in Membership.objects.filter(organisation=organisation).filter(
        Q(end__isnull=True) | Q(end__gt=effective_on)
    ):
        if membership.start > effective_on:
            membership.delete()
            continue
        membership.end = effective_on
        membership.end_reason = reason
        _stamp(membership, by).save()
    _end_dated_rows(Seat.objects.filter(organisation=organisation), effective_on, by=by)
    return withdrawal
