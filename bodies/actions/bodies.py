"""A body's life, its details and terms of reference, its links and seats.

The audit trail is the django-simple-history row written for every record
touched, plus a BodyChange row for each change in a body's life (the
February 2011 reshaping).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from bodies import signals
from bodies.models import Body, BodyChange, BodyLink, ChangeKind, Membership, Role, Seat, Status
from partnership.audit import stamped_delete, stamped_save, validated_save
from partnership.dates import british_date, day_before
from partnership.models import User

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
    "reply_days",
]


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
        raise ValidationError({"on": f"{body} was only established on {british_date(body.established_on)}."})
    if body.ended_on and body.ended_on < on:
        raise ValidationError({"on": f"{body} ended on {british_date(body.ended_on)}; it cannot be {action}."})


# A body's life


def _establish(*, by, established_on, shadow=False, reason="", **fields):
    """The step that establishes a body, inside establish_body and the merger or replacement that needs one."""
    body = Body(established_on=established_on, **fields)
    if not body.slug:
        body.slug = unique_slug(Body, body.short_name or body.name)
    if shadow:
        body.shadow_from = established_on
    else:
        body.active_from = established_on
    validated_save(body, by)
    _record(body, ChangeKind.ESTABLISHED, established_on, by=by, reason=reason or "Established.")
    if shadow:
        _record(body, ChangeKind.SHADOW, established_on, by=by, reason=reason or "Works in shadow form at first.")
    return body


@transaction.atomic(durable=True)
def establish_body(*, by: User, established_on: datetime.date, shadow: bool = False, reason: str = "", **fields):
    """Create a body: active from its first day, or working in shadow form until made active."""
    return _establish(by=by, established_on=established_on, shadow=shadow, reason=reason, **fields)


@transaction.atomic(durable=True)
def make_body_active(body: Body, *, by: User, on: datetime.date, reason: str):
    """End a body's shadow period: it is fully active from `on`."""
    body = Body.objects.select_for_update().get(pk=body.pk)
    _require_open(body, on, "made active")
    if body.active_from and body.active_from <= on:
        raise ValidationError({"on": f"{body} is already active from {british_date(body.active_from)}."})
    body.active_from = on
    stamped_save(body, by)
    _record(body, ChangeKind.ACTIVE, on, by=by, reason=reason)
    return body


def _end_memberships(body, last_day, *, by, reason):
    """End every membership of `body` still held after `last_day`; refuse if one has not yet begun."""
    ended = 0
    for membership in Membership.objects.filter(body=body).filter(Q(end__isnull=True) | Q(end__gt=last_day)):
        if membership.start > last_day:
            raise ValidationError(
                {"on": f"{membership.person} is due to join {body} on {british_date(membership.start)}, after it ends."}
            )
        membership.end = last_day
        membership.end_reason = reason
        stamped_save(membership, by)
        ended += 1
    return ended


def end_dated_rows(queryset, last_day, *, by):
    """End links or seats still open after `last_day`; remove those not yet begun (history keeps them)."""
    for row in queryset.filter(Q(end__isnull=True) | Q(end__gt=last_day)):
        if row.start > last_day:
            stamped_delete(row, by)
        else:
            row.end = last_day
            stamped_save(row, by)


def _end_links_and_seats(body, last_day, *, by):
    end_dated_rows(BodyLink.objects.filter(Q(from_body=body) | Q(to_body=body)), last_day, by=by)
    end_dated_rows(Seat.objects.filter(body=body), last_day, by=by)


def _close(body, last_day, *, by, reason):
    if body.ended_on:
        raise ValidationError(f"{body} already ended on {british_date(body.ended_on)}.")
    _require_open(body, last_day, "ended")
    body.ended_on = last_day
    if body.active_from and body.active_from > last_day:
        body.active_from = None
    validated_save(body, by)
    _end_memberships(body, last_day, by=by, reason=reason)
    _end_links_and_seats(body, last_day, by=by)


@transaction.atomic(durable=True)
def end_body(body: Body, *, by: User, last_day: datetime.date, reason: str):
    """End a body: its memberships, seats and links end with it."""
    body = Body.objects.select_for_update().get(pk=body.pk)
    if body.ended_on:
        raise ValidationError(f"{body} has already ended.")
    _close(body, last_day, by=by, reason=f"{body} ended: {reason}")
    _record(body, ChangeKind.ENDED, last_day, by=by, reason=reason)
    return body


@transaction.atomic(durable=True)
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
        into = _establish(by=by, established_on=on, reason=reason, **new_body)
    elif not into.exists_on(on):
        raise ValidationError({"into": f"{into} does not exist on {british_date(on)}."})
    last_day = day_before(on)
    for body in bodies:
        if body.pk == into.pk:
            raise ValidationError({"into": "A body cannot be merged into itself."})
        body = Body.objects.select_for_update().get(pk=body.pk)
        _close(body, last_day, by=by, reason=f"{body} merged into {into}")
        _record(body, ChangeKind.MERGED_INTO, on, by=by, reason=reason, other_body=into)
    return into


@transaction.atomic(durable=True)
def replace_body(body: Body, *, by: User, on: datetime.date, reason: str, new_body: dict, shadow: bool = False):
    """End `body` the day before `on` and establish the body that replaces it.

    The replacement may begin in shadow form, as the Health and Wellbeing Board did.
    """
    body = Body.objects.select_for_update().get(pk=body.pk)
    if body.ended_on:
        raise ValidationError(f"{body} already ended on {british_date(body.ended_on)}.")
    successor = _establish(by=by, established_on=on, shadow=shadow, reason=reason, **new_body)
    _close(body, day_before(on), by=by, reason=f"{body} replaced by {successor}")
    _record(body, ChangeKind.REPLACED_BY, on, by=by, reason=reason, other_body=successor)
    return successor


@transaction.atomic(durable=True)
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
    validated_save(successor, by)
    last_day = day_before(on)
    carried_seats = {}
    for seat in Seat.objects.filter(body=body).filter(Q(end__isnull=True) | Q(end__gte=on)):
        new_seat = Seat(
            body=successor, label=seat.label, organisation=seat.organisation, role=seat.role, start=on, end=seat.end
        )
        stamped_save(new_seat, by)
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
        stamped_save(new, by)
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
        stamped_save(new_link, by)
    # What was carried across and had not begun lives on the renamed body only.
    Membership.objects.filter(body=body, start__gte=on).delete()
    _close(body, last_day, by=by, reason=f"{body} renamed {successor}")
    _record(body, ChangeKind.RENAMED_TO, on, by=by, reason=reason, other_body=successor)
    _record(successor, ChangeKind.ESTABLISHED, on, by=by, reason=f"Renamed from {body}. {reason}".strip())
    signals.body_renamed.send(sender=Body, old=body, new=successor)
    return successor


# Details and terms of reference


@transaction.atomic(durable=True)
def save_body_details(body: Body, *, by: User):
    """Save an existing body's edited details; its dates change only through the changes above."""
    if body.pk is None:
        raise ValueError("A new body is established with establish_body")
    return validated_save(body, by)


@transaction.atomic(durable=True)
def save_terms_of_reference(body: Body, *, by: User, terms_of_reference: str):
    """Save a body's terms of reference; every earlier text stays in its history."""
    body = Body.objects.select_for_update().get(pk=body.pk)
    body.terms_of_reference = terms_of_reference
    return validated_save(body, by, update_fields=["terms_of_reference"])


# Links and seats


@transaction.atomic(durable=True)
def add_link(link: BodyLink, *, by: User):
    """Record a new link between two bodies."""
    if link.pk is not None:
        raise ValueError("The link is already recorded")
    return validated_save(link, by)


def _end(row, by: User, last_day: datetime.date):
    """End a dated row (a link, a seat) on `last_day`, or on its first day if it begins later; an ended one stays."""
    row = type(row).objects.select_for_update().get(pk=row.pk)
    if row.end is None:
        row.end = max(last_day, row.start)
        validated_save(row, by, update_fields=["end"])
    return row


@transaction.atomic(durable=True)
def end_link(link: BodyLink, *, by: User, last_day: datetime.date):
    """End a link on `last_day`, or on its first day if it begins later; an ended link stays as it is."""
    return _end(link, by, last_day)


@transaction.atomic(durable=True)
def add_seat(seat: Seat, *, by: User):
    """Add a place on a body; with nobody in it, it shows as a vacancy."""
    if seat.pk is not None:
        raise ValueError("The seat is already recorded")
    return validated_save(seat, by)


@transaction.atomic(durable=True)
def end_seat(seat: Seat, *, by: User, last_day: datetime.date):
    """Remove a seat after `last_day`, or after its first day if it begins later; an ended seat stays as it is."""
    return _end(seat, by, last_day)
