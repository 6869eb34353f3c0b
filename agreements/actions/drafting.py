"""Drafting and adopting versions of an agreement.

Each action is one durable transaction (the outermost unit: inside another
transaction it raises, unless partnership.transactions.several_actions runs
several as one) with a keyword-only actor `by`; the audit trail is the
django-simple-history row written for every record touched, stamped with `by`
(partnership.audit). `lock_version` and the `refuse_if_*` checks are helpers,
not actions: the drafting and consultation actions share them. A draft is
edited; an adopted or superseded version never is (the models refuse it too). Clauses are numbered from their place:
sections 1, 2, 3; clauses 10.1, 10.2; sub-clauses 11.1.1; annexes A, B.
Adding, moving or removing a clause renumbers the part of the tree it
touches, and leaves the rest as it was (an imported document keeps its
numbers until that part is edited).
"""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agreements import reminders
from agreements.canonical import current_hash, in_document_order
from agreements.models import (
    LOCKED,
    Agreement,
    AgreementVersion,
    Clause,
    ClauseKind,
    VersionLocked,
    VersionStatus,
)
from bodies.models import BodyKind
from meetings.models import Decision, Meeting
from partnership import public_cache
from partnership.audit import stamped_delete, stamped_save, validated_save
from partnership.dates import british_date
from partnership.models import User


def lock_version(version) -> AgreementVersion:
    """Reload `version` under a row lock, so two people cannot adopt or edit it at once."""
    version.refresh_from_db(from_queryset=AgreementVersion.objects.select_for_update())
    return version


def refuse_if_locked(version):
    if version.status in LOCKED:
        raise VersionLocked(f"“{version.label}” was adopted and cannot be changed. Start a new draft from it instead.")


def refuse_if_in_consultation(version):
    """While partners read and comment on a draft its text stays as they read it (see open_consultation)."""
    if version.status == VersionStatus.CONSULTATION:
        raise ValidationError(
            f"“{version.label}” is out for consultation until {british_date(version.consultation_closes_on)}: "
            "close the consultation before editing it clause by clause.",
            code="in_consultation",
        )


@transaction.atomic(durable=True)
def create_agreement(*, by: User | None, title, slug, body=None, review_interval_months=12) -> Agreement:
    return validated_save(
        Agreement(title=title, slug=slug, body=body, review_interval_months=review_interval_months), by
    )


# Versions


@transaction.atomic(durable=True)
def start_draft(agreement: Agreement, *, by: User | None, label, summary="", based_on=None) -> AgreementVersion:
    """Start a draft: a deep copy of `based_on`, by default the version in force (or the latest adopted)."""
    if based_on is None:
        based_on = agreement.in_force() or agreement.versions.published().first()
    elif based_on.agreement_id != agreement.pk:
        raise ValidationError("Choose a version of this agreement to start from.")
    draft = validated_save(
        AgreementVersion(
            agreement=agreement, label=label.strip(), summary=summary.strip(), based_on=based_on, created_by=by
        ),
        by,
    )
    if based_on is not None:
        copies = {}
        for clause in in_document_order(based_on):
            copy = Clause(
                version=draft,
                parent=copies.get(clause.parent_id),
                kind=clause.kind,
                number=clause.number,
                heading=clause.heading,
                text=clause.text,
                position=clause.position,
                key=clause.key,
            )
            stamped_save(copy, by)
            copies[clause.pk] = copy
    return draft


@transaction.atomic(durable=True)
def update_version(version: AgreementVersion, *, by: User, label, summary) -> AgreementVersion:
    lock_version(version)
    refuse_if_locked(version)
    version.label = label.strip()
    version.summary = summary.strip()
    return validated_save(version, by)


@transaction.atomic(durable=True)
def adopt_version(
    version: AgreementVersion,
    *,
    by: User | None,
    meeting: Meeting,
    decision: Decision | None = None,
    takes_effect: datetime.date,
) -> AgreementVersion:
    """Record the adoption of a version at a meeting; the version in force until then is superseded."""
    lock_version(version)
    if version.status in LOCKED:
        raise ValidationError(f"“{version.label}” has already been adopted.")
    if version.status == VersionStatus.CONSULTATION:
        raise ValidationError(
            f"“{version.label}” is out for consultation: close the consultation before recording its adoption."
        )
    agreement = version.agreement
    errors = {}
    if meeting is None:
        errors["meeting"] = "Choose the meeting that adopted the version."
    else:
        body = meeting.body
        own_body = agreement.body_id is not None and body.pk == agreement.body_id
        if body.kind != BodyKind.PARTNERSHIP_BOARD and not own_body:
            errors["meeting"] = (
                f"Choose a meeting of the partnership board: {body.name} is a {body.get_kind_display().lower()}."
            )
        elif meeting.is_cancelled:
            errors["meeting"] = f"That meeting was {meeting.get_status_display().lower()}."
        elif meeting.starts_at > timezone.now():
            errors["meeting"] = "That meeting has not taken place yet: record the adoption after the meeting."
        if decision is not None and decision.item.meeting_id != meeting.pk:
            errors["decision"] = "Choose a decision minuted at that meeting."
        held = timezone.localdate(meeting.starts_at)
        if takes_effect is not None and takes_effect < held:
            errors["takes_effect"] = (
                f"The version cannot take effect before the meeting adopted it ({british_date(held)})."
            )
    if takes_effect is None:
        errors["takes_effect"] = "Enter the date the version takes effect."
    previous = (
        AgreementVersion.objects.select_for_update().filter(agreement=agreement, status=VersionStatus.ADOPTED).first()
    )
    if previous is not None and takes_effect is not None and takes_effect <= previous.takes_effect:
        errors.setdefault(
            "takes_effect",
            f"The version must take effect after “{previous.label}”, which took effect on "
            f"{british_date(previous.takes_effect)}.",
        )
    if not version.clauses.exists():
        errors[None] = "The version has no sections yet: add its text before it is adopted."
    if errors:
        raise ValidationError({key or "__all__": value for key, value in errors.items()})

    if previous is not None:
        previous.status = VersionStatus.SUPERSEDED
        previous.superseded_on = takes_effect
        validated_save(previous, by)
    version.sha256 = current_hash(version)
    version.status = VersionStatus.ADOPTED
    version.adopted_at = meeting
    version.adopted_by_decision = decision
    version.takes_effect = takes_effect
    # Reviewed annually by default (Agreement 20); the interval is set per agreement.
    version.review_due = agreement.review_due_after(takes_effect)
    version.adopted_recorded_by = by
    validated_save(version, by)
    if previous is not None:
        reminders.superseded(previous)
    # Every partner is asked to sign the version once it is in force (the daily planner asks later ones).
    if version.is_in_force_on(timezone.localdate()):
        reminders.plan_signatures(version)
    reminders.plan_review(version)
    return version


# Clauses


def _letters(index: int) -> str:
    """1 -> A, 26 -> Z, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _renumber(version, orders: dict):
    """Put the siblings under each parent in `orders` (parent pk or None -> ordered clauses) in that order
    and renumber them and everything beneath them. Two passes, so numbers never clash on the way."""
    clauses = {c.pk: c for c in Clause.objects.filter(version=version)}
    children: dict = {}
    for clause in sorted(clauses.values(), key=lambda c: (c.position, c.pk)):
        children.setdefault(clause.parent_id, []).append(clause)
    for parent_id, ordered in orders.items():
        children[parent_id] = [clauses[c.pk] for c in ordered]
    wanted = {}

    def assign(parent_id, parent_number):
        sections = annexes = 0
        for position, clause in enumerate(children.get(parent_id, [])):
            if parent_id is None:
                if clause.kind == ClauseKind.ANNEX:
                    annexes += 1
                    number = _letters(annexes)
                else:
                    sections += 1
                    number = str(sections)
            else:
                number = f"{parent_number}.{position + 1}"
            wanted[clause.pk] = (position, number)
            assign(clause.pk, number)

    done = set()
    for parent_id in sorted(orders, key=lambda pk: _depth(clauses, pk)):
        if parent_id in done:
            continue
        assign(parent_id, clauses[parent_id].number if parent_id is not None else "")
        done |= {parent_id, *wanted}
    changed = [c for pk, c in clauses.items() if pk in wanted and (c.position, c.number) != wanted[pk]]
    if not changed:
        return
    for clause in changed:
        clause.number = f"~{clause.pk}"
    Clause.objects.bulk_update(changed, ["number"])
    for clause in changed:
        clause.position, clause.number = wanted[clause.pk]
    Clause.objects.bulk_update(changed, ["number", "position"])
    public_cache.changed(Clause)


def _depth(clauses, pk):
    depth = 0
    while pk is not None:
        pk = clauses[pk].parent_id
        depth += 1
    return depth


def _siblings(version, parent_id):
    return list(Clause.objects.filter(version=version, parent_id=parent_id).order_by("position", "pk"))


def _check_text(heading, text):
    if not heading.strip() and not text.strip():
        raise ValidationError({"heading": "Give the clause a heading, some text, or both."})


def _check_in(version, clause, label):
    if clause is not None and clause.version_id != version.pk:
        raise ValidationError(f"{label}: choose a clause of this version.")


def _top_kind(place):
    return ClauseKind.ANNEX if place is not None and place.kind == ClauseKind.ANNEX else ClauseKind.SECTION


def _insertion(version, *, after=None, inside=None, annex=False):
    """Where a clause goes: (parent, kind, index among the parent's children)."""
    if after is not None:
        siblings = _siblings(version, after.parent_id)
        index = [c.pk for c in siblings].index(after.pk) + 1
        kind = ClauseKind.CLAUSE if after.parent_id else _top_kind(after)
        return after.parent, kind, siblings, index
    if inside is not None:
        siblings = _siblings(version, inside.pk)
        return inside, ClauseKind.CLAUSE, siblings, len(siblings)
    siblings = _siblings(version, None)
    if annex:
        return None, ClauseKind.ANNEX, siblings, len(siblings)
    # A new section goes after the last section, before the annexes.
    index = next((i for i, c in enumerate(siblings) if c.kind == ClauseKind.ANNEX), len(siblings))
    return None, ClauseKind.SECTION, siblings, index


@transaction.atomic(durable=True)
def add_clause(
    version: AgreementVersion, *, by: User, heading="", text="", after=None, inside=None, annex=False
) -> Clause:
    """Add a clause after `after`, at the end of `inside`, or as a new section (or annex) at the end."""
    lock_version(version)
    refuse_if_locked(version)
    refuse_if_in_consultation(version)
    _check_in(version, after, "Add after")
    _check_in(version, inside, "Add inside")
    _check_text(heading, text)
    parent, kind, siblings, index = _insertion(version, after=after, inside=inside, annex=annex)
    clause = validated_save(
        Clause(
            version=version,
            parent=parent,
            kind=kind,
            number=f"~new-{uuid.uuid4().hex[:12]}",
            heading=heading.strip(),
            text=text.strip(),
            position=index,
        ),
        by,
    )
    siblings.insert(index, clause)
    _renumber(version, {parent.pk if parent else None: siblings})
    clause.refresh_from_db()
    return clause


@transaction.atomic(durable=True)
def edit_clause(clause: Clause, *, by: User, heading, text) -> Clause:
    version = lock_version(clause.version)
    refuse_if_locked(version)
    refuse_if_in_consultation(version)
    _check_text(heading, text)
    clause.heading = heading.strip()
    clause.text = text.strip()
    return validated_save(clause, by)


def descendant_ids(clause):
    ids, frontier = set(), [clause.pk]
    while frontier:
        frontier = list(Clause.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.update(frontier)
    return ids


@transaction.atomic(durable=True)
def move_clause(clause: Clause, *, by: User, after=None, inside=None, to_start=False) -> Clause:
    """Move a clause (with everything beneath it) to just after `after`, to the end of `inside`, or to the start."""
    version = lock_version(clause.version)
    refuse_if_locked(version)
    refuse_if_in_consultation(version)
    _check_in(version, after, "Move after")
    _check_in(version, inside, "Move into")
    if sum(bool(x) for x in (after, inside, to_start)) != 1:
        raise ValidationError({"destination": "Choose where to move the clause to."})
    target = after or inside
    if target is not None and (target.pk == clause.pk or target.pk in descendant_ids(clause)):
        raise ValidationError({"destination": "A clause cannot be moved into or next to itself or its own clauses."})
    old_parent_id = clause.parent_id
    if to_start:
        parent, kind, index = None, ClauseKind.SECTION, 0
        siblings = _siblings(version, None)
    else:
        parent, kind, siblings, index = _insertion(version, after=after, inside=inside)
    # Take it out of its old place first, so the index counts the clauses that stay.
    current = [c.pk for c in siblings]
    if clause.pk in current:
        if current.index(clause.pk) < index:
            index -= 1
        siblings = [c for c in siblings if c.pk != clause.pk]
    clause.parent = parent
    clause.kind = kind
    validated_save(clause, by)
    siblings.insert(index, clause)
    orders = {parent.pk if parent else None: siblings}
    if old_parent_id != (parent.pk if parent else None):
        orders[old_parent_id] = _siblings(version, old_parent_id)
    _renumber(version, orders)
    clause.refresh_from_db()
    return clause


@transaction.atomic(durable=True)
def remove_clause(clause: Clause, *, by: User) -> None:
    """Remove a clause and everything beneath it; renumber the clauses after it."""
    version = lock_version(clause.version)
    refuse_if_locked(version)
    refuse_if_in_consultation(version)
    parent_id = clause.parent_id
    stamped_delete(clause, by)
    _renumber(version, {parent_id: _siblings(version, parent_id)})


# Import


@transaction.atomic(durable=True)
def import_draft(agreement: Agreement, *, by: User | None, label, document, summary="") -> AgreementVersion:
    """Create a draft from a parsed document (agreements.importer), keeping the numbers it gives."""
    version = validated_save(
        AgreementVersion(agreement=agreement, label=label.strip(), summary=summary.strip(), created_by=by), by
    )

    def create(node, parent, position):
        clause = Clause(
            version=version,
            parent=parent,
            kind=node.kind,
            number=node.number,
            heading=node.heading,
            text=node.text,
            position=position,
        )
        stamped_save(clause, by)
        for index, child in enumerate(node.children):
            create(child, clause, index)

    for index, node in enumerate(document.parts):
        create(node, None, index)
    return version
