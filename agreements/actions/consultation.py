"""Consultation on a draft: the secretariat opens and closes it; partners comment; the secretariat decides.

Each action is one durable transaction with a keyword-only actor `by`; comments and decisions are append-only.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agreements import policies, reminders
from agreements.actions.drafting import lock_version, refuse_if_locked
from agreements.models import (
    LOCKED,
    AgreementVersion,
    Clause,
    Comment,
    CommentDecision,
    CommentOutcome,
    VersionStatus,
)
from partnership.audit import validated_save
from partnership.dates import british_date
from partnership.models import User, person_of


def _check_closing_date(closes_on):
    today = timezone.localdate()
    if closes_on is None:
        raise ValidationError({"closes_on": "Enter the closing date for comments."})
    if closes_on <= today:
        raise ValidationError(
            {"closes_on": f"The closing date must be in the future: after today, {british_date(today)}."}
        )


@transaction.atomic(durable=True)
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
    lock_version(version)
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
    validated_save(version, by)
    reminders.plan_consultation(version)
    return version


@transaction.atomic(durable=True)
def move_consultation_closing(version: AgreementVersion, *, by: User, closes_on: datetime.date) -> AgreementVersion:
    """Move the closing date of a consultation (later, or earlier but still in the future)."""
    lock_version(version)
    if version.status != VersionStatus.CONSULTATION:
        raise ValidationError(f"“{version.label}” is not out for consultation, so it has no closing date to move.")
    _check_closing_date(closes_on)
    version.consultation_closes_on = closes_on
    validated_save(version, by)
    reminders.plan_consultation(version)
    return version


@transaction.atomic(durable=True)
def close_consultation(version: AgreementVersion, *, by: User) -> AgreementVersion:
    """End the consultation now (early, or after its closing date): the version is a draft again.

    Its comments stay, and the secretariat may still decide on them; the
    closing date stays as the record of when comments were last due.
    """
    lock_version(version)
    if version.status != VersionStatus.CONSULTATION:
        raise ValidationError(f"“{version.label}” is not out for consultation.")
    version.status = VersionStatus.DRAFT
    version.consultation_closed_at = timezone.now()
    validated_save(version, by)
    reminders.consultation_closed(version)
    return version


@transaction.atomic(durable=True)
def add_comment(clause: Clause, *, by: User, text: str, proposed_text: str = "") -> Comment:
    """A partner comments on a clause of a version out for consultation, perhaps proposing replacement text."""
    version = lock_version(clause.version)
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
        person=person_of(by),
        text=text,
        proposed_text=proposed_text,
        made_at=timezone.now(),
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic(durable=True)
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
    version = lock_version(comment.version)
    # The row lock on the version makes two decisions on one comment wait in turn; the unique key stops the second.
    existing = CommentDecision.objects.filter(comment=comment).select_related("decided_by__person").first()
    if existing is not None:
        person = person_of(existing.decided_by)
        who = person.full_name if person is not None else existing.decided_by
        raise ValidationError(
            f"This comment was already {existing.get_outcome_display().lower()} by {who} on "
            f"{british_date(existing.decided_at)}: a decision is recorded once."
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
        validated_save(clause, by)
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
