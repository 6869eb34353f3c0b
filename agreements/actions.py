"""Drafting and adopting versions of an agreement.

Each action is one transaction with a keyword-only actor `by`; the audit
trail is the django-simple-history row written for every record touched,
stamped with `by`. A draft is edited; an adopted or superseded version never
is (the models refuse it too). Clauses are numbered from their place:
sections 1, 2, 3; clauses 10.1, 10.2; sub-clauses 11.1.1; annexes A, B.
Adding, moving or removing a clause renumbers the part of the tree it
touches, and leaves the rest as it was (an imported document keeps its
numbers until that part is edited).
"""

import datetime
import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agreements import identity, policies, reminders, signing
from agreements.canonical import current_hash, in_document_order
from agreements.models import (
    LOCKED,
    Agreement,
    AgreementVersion,
    Clause,
    ClauseKind,
    Comment,
    CommentDecision,
    CommentOutcome,
    Signatory,
    Signature,
    SigningEvent,
    SigningEventKind,
    VersionLocked,
    VersionStatus,
)
from bodies.models import BodyKind
from meetings.minutes_text import british_date
from meetings.models import Decision, Meeting
from partnership.models import Organisation, Person, User


def _stamp(obj, by):
    """Tell django-simple-history who made the change."""
    obj._history_user = by
    return obj


def _save(obj, by, **kwargs):
    obj.full_clean()
    _stamp(obj, by).save(**kwargs)
    return obj


def _lock(version) -> AgreementVersion:
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


@transaction.atomic
def create_agreement(*, by: User | None, title, slug, body=None, review_interval_months=12) -> Agreement:
    return _save(Agreement(title=title, slug=slug, body=body, review_interval_months=review_interval_months), by)


# Versions


@transaction.atomic
def start_draft(agreement: Agreement, *, by: User | None, label, summary="", based_on=None) -> AgreementVersion:
    """Start a draft: a deep copy of `based_on`, by default the version in force (or the latest adopted)."""
    if based_on is None:
        based_on = agreement.in_force() or agreement.versions.published().first()
    elif based_on.agreement_id != agreement.pk:
        raise ValidationError("Choose a version of this agreement to start from.")
    draft = _save(
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
            _stamp(copy, by).save()
            copies[clause.pk] = copy
    return draft


@transaction.atomic
def update_version(version: AgreementVersion, *, by: User, label, summary) -> AgreementVersion:
    _lock(version)
    refuse_if_locked(version)
    version.label = label.strip()
    version.summary = summary.strip()
    return _save(version, by)


@transaction.atomic
def adopt_version(
    version: AgreementVersion,
    *,
    by: User | None,
    meeting: Meeting,
    decision: Decision | None = None,
    takes_effect: datetime.date,
) -> AgreementVersion:
    """Record the adoption of a version at a meeting; the version in force until then is superseded."""
    _lock(version)
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
        _save(previous, by)
    version.sha256 = current_hash(version)
    version.status = VersionStatus.ADOPTED
    version.adopted_at = meeting
    version.adopted_by_decision = decision
    version.takes_effect = takes_effect
    # Reviewed annually by default (Agreement 20); the interval is set per agreement.
    version.review_due = agreement.review_due_after(takes_effect)
    version.adopted_recorded_by = by
    _save(version, by)
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


@transaction.atomic
def add_clause(
    version: AgreementVersion, *, by: User, heading="", text="", after=None, inside=None, annex=False
) -> Clause:
    """Add a clause after `after`, at the end of `inside`, or as a new section (or annex) at the end."""
    _lock(version)
    refuse_if_locked(version)
    refuse_if_in_consultation(version)
    _check_in(version, after, "Add after")
    _check_in(version, inside, "Add inside")
    _check_text(heading, text)
    parent, kind, siblings, index = _insertion(version, after=after, inside=inside, annex=annex)
    clause = _save(
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


@transaction.atomic
def edit_clause(clause: Clause, *, by: User, heading, text) -> Clause:
    version = _lock(clause.version)
    refuse_if_locked(version)
    refuse_if_in_consultation(version)
    _check_text(heading, text)
    clause.heading = heading.strip()
    clause.text = text.strip()
    return _save(clause, by)


def descendant_ids(clause):
    ids, frontier = set(), [clause.pk]
    while frontier:
        frontier = list(Clause.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.update(frontier)
    return ids


@transaction.atomic
def move_clause(clause: Clause, *, by: User, after=None, inside=None, to_start=False) -> Clause:
    """Move a clause (with everything beneath it) to just after `after`, to the end of `inside`, or to the start."""
    version = _lock(clause.version)
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
    _save(clause, by)
    siblings.insert(index, clause)
    orders = {parent.pk if parent else None: siblings}
    if old_parent_id != (parent.pk if parent else None):
        orders[old_parent_id] = _siblings(version, old_parent_id)
    _renumber(version, orders)
    clause.refresh_from_db()
    return clause


@transaction.atomic
def remove_clause(clause: Clause, *, by: User) -> None:
    """Remove a clause and everything beneath it; renumber the clauses after it."""
    version = _lock(clause.version)
    refuse_if_locked(version)
    refuse_if_in_consultation(version)
    parent_id = clause.parent_id
    _stamp(clause, by).delete()
    _renumber(version, {parent_id: _siblings(version, parent_id)})


# Import


@transaction.atomic
def import_draft(agreement: Agreement, *, by: User | None, label, document, summary="") -> AgreementVersion:
    """Create a draft from a parsed document (agreements.importer), keeping the numbers it gives."""
    version = _save(
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
        _stamp(clause, by).save()
        for index, child in enumerate(node.children):
            create(child, clause, index)

    for index, node in enumerate(document.parts):
        create(node, None, index)
    return version


# Signatories and signatures


def _signing_context(version=None, organisation=None, ip_address=None, user_agent=""):
    return {
        "version": version,
        "organisation": organisation,
        "ip_address": ip_address or None,
        "user_agent": (user_agent or "")[:1000],
    }


@transaction.atomic
def designate_signatory(*, by: User, organisation: Organisation, person: Person, start: datetime.date) -> Signatory:
    """Authorise `person` to sign the Agreement for `organisation` from `start`."""
    signatory = _save(
        Signatory(
            organisation=organisation, person=person, start=start, designated_by=by, designated_at=timezone.now()
        ),
        by,
    )
    identity.record(
        SigningEventKind.DESIGNATED,
        user=by,
        organisation=organisation,
        signatory=signatory,
        detail=f"{person.full_name} may sign for {organisation.name} from {british_date(start)}.",
    )
    for version in AgreementVersion.objects.filter(status=VersionStatus.ADOPTED).select_related("agreement"):
        if version.is_in_force_on(timezone.localdate()):
            reminders.plan_signatures(version)
    return signatory


@transaction.atomic
def end_signatory(signatory: Signatory, *, by: User, end: datetime.date) -> Signatory:
    """End a signatory's authority on `end` (their last day)."""
    signatory = Signatory.objects.select_for_update().get(pk=signatory.pk)
    if signatory.end is not None:
        raise ValidationError(f"This authority already ended on {british_date(signatory.end)}.")
    if end < signatory.start:
        raise ValidationError({"end": f"The authority cannot end before it began ({british_date(signatory.start)})."})
    signatory.end = end
    signatory.ended_by = by
    signatory.ended_at = timezone.now()
    _save(signatory, by)
    identity.record(
        SigningEventKind.DESIGNATION_ENDED,
        user=by,
        organisation=signatory.organisation,
        signatory=signatory,
        detail=f"{signatory.person.full_name} may sign for {signatory.organisation.name} until {british_date(end)}.",
    )
    return signatory


def _refuse(message, *, by, context, field=None):
    """Log a refused signing, committed on its own, then refuse it."""
    identity.record(SigningEventKind.REFUSED, user=by, detail=message, **context)
    raise ValidationError({field: message} if field else message)


def _new_reference(version):
    return f"S{version.pk}-{secrets.token_hex(4).upper()}"


def sign_version(
    version: AgreementVersion,
    *,
    by: User,
    organisation: Organisation,
    password: str,
    consented: bool,
    read_sha256: str,
    ip_address: str | None,
    user_agent: str,
) -> Signature:
    """Sign the version in force for `organisation`: the signatory confirms who they are, reads, consents and signs.

    Each refusal (wrong password, not a signatory, already signed...) is kept
    in the signing log; the signature and its log entry are written in one
    transaction.
    """
    context = _signing_context(version, organisation, ip_address, user_agent)
    if not signing.is_signable(version):
        _refuse(f"“{version.label}” is not the version in force, so it cannot be signed.", by=by, context=context)
    designation = signing.designations_of(by).filter(organisation=organisation).order_by("-start").first()
    if designation is None or not signing.asked_to_sign().filter(pk=organisation.pk).exists():
        _refuse(f"You are not an authorised signatory for {organisation.name}.", by=by, context=context)
    if Signature.objects.filter(version=version, organisation=organisation).exists():
        _refuse(f"{organisation.name} has already signed “{version.label}”.", by=by, context=context)
    if read_sha256 != version.sha256:
        _refuse("The text you read is not the adopted text: reload the page and read it again.", by=by, context=context)
    if not consented:
        raise ValidationError({"consent": "Tick the box to confirm that you agree, or leave the page without signing."})
    confirmation = identity.confirm_identity(by, password=password, context=context)
    if not confirmation.confirmed:
        raise ValidationError({confirmation.field: confirmation.error})
    return _record_signature(version, designation, by=by, context=context)


@transaction.atomic
def _record_signature(version, designation, *, by, context) -> Signature:
    # Two signatories of one organisation signing at once: the row lock lets one in, the constraint stops the other.
    version = AgreementVersion.objects.select_for_update().select_related("agreement").get(pk=version.pk)
    organisation = designation.organisation
    if (
        not signing.is_signable(version)
        or Signature.objects.filter(version=version, organisation=organisation).exists()
    ):
        raise ValidationError(f"{organisation.name} has already signed “{version.label}”, or it is no longer in force.")
    signature = Signature(
        version=version,
        organisation=organisation,
        person=designation.person,
        user=by,
        signatory=designation,
        signed_at=timezone.now(),
        content_sha256=version.sha256,
        reference=_new_reference(version),
        ip_address=context["ip_address"],
        user_agent=context["user_agent"],
        consent_text=signing.consent_text(version, organisation),
    )
    signature.full_clean()
    signature.save()
    event = SigningEvent(kind=SigningEventKind.SIGNED, user=by, signature=signature, **context)
    event.detail = f"{designation.person.full_name} signed for {organisation.name} ({signature.reference})."
    event.full_clean()
    event.save()
    reminders.signed(version, organisation)
    return signature


# Consultation


def _check_closing_date(closes_on):
    today = timezone.localdate()
    if closes_on is None:
        raise ValidationError({"closes_on": "Enter the closing date for comments."})
    if closes_on <= today:
        raise ValidationError(
            {"closes_on": f"The closing date must be in the future: after today, {british_date(today)}."}
        )


@transaction.atomic
def open_consultation(version: AgreementVersion, *, by: User, closes_on: datetime.date) -> AgreementVersion:
    """Circulate a draft for comment until `closes_on` (the last day comments are taken); tell every partner.

    While a version is out for consultation its clauses cannot be added,
    edited, moved or removed: partners comment on the text as they read it,
    and a comment on clause 7.3 must still mean the same clause when the
    secretariat reads it. The one change allowed is the secretariat accepting
    a partner's proposed text (decide_comment), which is itself recorded and
    shown to everyone who commented. To edit freely, close the consultation
    first (close_consultation): the version is then a draft again, and is
    adopted as any draft is.
    """
    _lock(version)
    refuse_if_locked(version)
    if version.status == VersionStatus.CONSULTATION:
        raise ValidationError(
            f"“{version.label}” is already out for consultation, until "
            f"{british_date(version.consultation_closes_on)}: change the closing date instead."
        )
    _check_closing_date(closes_on)
    if not version.clauses.exists():
        raise ValidationError("The version has no sections yet: add its text before circulating it for comment.")
    version.status = VersionStatus.CONSULTATION
    version.consultation_closes_on = closes_on
    version.consultation_opened_at = timezone.now()
    version.consultation_opened_by = by
    version.consultation_closed_at = None
    _save(version, by)
    reminders.plan_consultation(version)
    return version


@transaction.atomic
def move_consultation_closing(version: AgreementVersion, *, by: User, closes_on: datetime.date) -> AgreementVersion:
    """Move the closing date of a consultation (later, or earlier but still in the future)."""
    _lock(version)
    if version.status != VersionStatus.CONSULTATION:
        raise ValidationError(f"“{version.label}” is not out for consultation, so it has no closing date to move.")
    _check_closing_date(closes_on)
    version.consultation_closes_on = closes_on
    _save(version, by)
    reminders.plan_consultation(version)
    return version


@transaction.atomic
def close_consultation(version: AgreementVersion, *, by: User) -> AgreementVersion:
    """End the consultation now (early, or after its closing date): the version is a draft again.

    Its comments stay, and the secretariat may still decide on them; the
    closing date stays as the record of when comments were last due.
    """
    _lock(version)
    if version.status != VersionStatus.CONSULTATION:
        raise ValidationError(f"“{version.label}” is not out for consultation.")
    version.status = VersionStatus.DRAFT
    version.consultation_closed_at = timezone.now()
    _save(version, by)
    reminders.consultation_closed(version)
    return version


@transaction.atomic
def add_comment(clause: Clause, *, by: User, text: str, proposed_text: str = "") -> Comment:
    """A partner comments on a clause of a version out for consultation, perhaps proposing replacement text."""
    version = _lock(clause.version)
    if not policies.is_partner(by):
        raise ValidationError(
            "Only members of the partnership's bodies and authorised signatories of partner organisations may comment."
        )
    if version.status != VersionStatus.CONSULTATION:
        raise ValidationError(f"“{version.label}” is not out for consultation, so it takes no comments.")
    if not version.is_open_for_comment():
        raise ValidationError(
            f"The consultation on “{version.label}” closed on {british_date(version.consultation_closes_on)}: "
            "comments are no longer accepted."
        )
    clause = Clause.objects.filter(pk=clause.pk, version=version).first()
    if clause is None:
        raise ValidationError("That clause is no longer in the draft.")
    text, proposed_text = text.strip(), proposed_text.strip()
    errors = {}
    if not text:
        errors["text"] = "Enter your comment."
    if proposed_text and proposed_text == clause.text.strip():
        errors["proposed_text"] = "The text you propose is the clause’s text as it stands: change it, or leave it out."
    if errors:
        raise ValidationError(errors)
    comment = Comment(
        version=version,
        clause_key=clause.key,
        clause_number=clause.number,
        clause_heading=clause.heading,
        clause_text=clause.text,
        author=by,
        person=by.person,
        text=text,
        proposed_text=proposed_text,
        made_at=timezone.now(),
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def decide_comment(
    comment: Comment, *, by: User, outcome: str, reason: str, apply_text: bool = False
) -> CommentDecision:
    """Accept or reject a comment, with the reason, once; accepting may write the proposed text into the draft.

    The text is applied only to a version not yet adopted (a draft, or one out
    for consultation); an adopted version's text never changes, so asking to
    apply it there refuses the whole decision and nothing is recorded.
    """
    if not policies.can_decide_comments(by):
        raise ValidationError("Only the secretariat decides on comments.")
    version = _lock(comment.version)
    # The row lock on the version makes two decisions on one comment wait in turn; the unique key stops the second.
    existing = CommentDecision.objects.filter(comment=comment).select_related("decided_by__person").first()
    if existing is not None:
        who = existing.decided_by.person.full_name if hasattr(existing.decided_by, "person") else existing.decided_by
        raise ValidationError(
            f"This comment was already {existing.get_outcome_display().lower()} by {who} on "
            f"{british_date(timezone.localdate(existing.decided_at))}: a decision is recorded once."
        )
    reason = reason.strip()
    errors = {}
    if outcome not in CommentOutcome.values:
        errors["outcome"] = "Choose whether to accept or reject the comment."
    if not reason:
        errors["reason"] = "Give the reason for the decision."
    clause = None
    if apply_text:
        if outcome != CommentOutcome.ACCEPTED:
            errors["apply_text"] = "Only an accepted proposal can be applied to the draft."
        elif not comment.proposed_text:
            errors["apply_text"] = "The comment proposes no text to apply."
        elif version.status in LOCKED:
            errors["apply_text"] = (
                f"“{version.label}” has been adopted and its text cannot change: "
                "record the decision without applying the text."
            )
        else:
            clause = comment.clause()
            if clause is None:
                errors["apply_text"] = (
                    f"Clause {comment.clause_number} is no longer in the draft: "
                    "record the decision without applying the text."
                )
    if errors:
        raise ValidationError(errors)
    if clause is not None:
        clause.text = comment.proposed_text
        _save(clause, by)
    decision = CommentDecision(
        comment=comment,
        outcome=outcome,
        reason=reason,
        applied=clause is not None,
        decided_by=by,
        decided_at=timezone.now(),
    )
    decision.full_clean()
    decision.save()
    reminders.comment_decided(decision)
    return decision
