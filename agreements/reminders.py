"""What the Agreement tells people (notifications.planning), planned in the actions' transactions.

- Signatories: a new version to sign for their organisation, then once a week
  while their organisation has not signed (Agreement 24).
- The secretariat: the Agreement's review falls due, a month ahead (Agreement 20).
- Partners (members of a body and signatories): a draft is open for comment, when the consultation opens.
- Each person who commented: what the secretariat decided on their comment.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from agreements import policies, signing
from agreements.models import Agreement, AgreementVersion, CommentDecision, VersionStatus
from notifications.planning import (
    Planned,
    at_nine,
    cancel,
    plan,
    register_daily_planner,
    register_kind,
    secretariat,
    sync,
)
from partnership.dates import british_date

TO_SIGN = register_kind(
    "agreement_to_sign",
    "The Agreement awaits your organisation's signature (then weekly)",
    "Authorised signatories",
    essential=True,
    group="agreement",
)
REVIEW_DUE = register_kind(
    "agreement_review",
    "The Agreement's yearly review falls due (a month ahead)",
    "The secretariat",
    essential=True,
    group="agreement",
)
CONSULTATION = register_kind(
    "agreement_consultation",
    "A draft of the Agreement is open for comment",
    "Members and signatories",
    group="agreement",
)
COMMENT_OUTCOME = register_kind(
    "agreement_comment_outcome",
    "The outcome of your comment on a draft of the Agreement",
    "People who commented on a draft",
    group="agreement",
)

REVIEW_WARNING = datetime.timedelta(days=30)


def _week(day: datetime.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02}"


def plan_signatures(version: AgreementVersion, now: datetime.datetime | None = None) -> None:
    """This week's reminder to each signatory of each organisation that has not signed the version in force."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if version.takes_effect is None:
        return
    # The first week after it takes effect the version is new; after that it is outstanding.
    new = (today - version.takes_effect).days < 7
    for organisation in signing.outstanding(version, on=today):
        for person in signing.signatories_of(organisation, on=today):
            plan(
                Planned(
                    kind=TO_SIGN.name,
                    key=f"agreement:{version.pk}:sign:{organisation.pk}:{person.pk}:{_week(today)}",
                    recipient=person,
                    subject=(
                        f"{'A new version to sign' if new else 'Still to sign'}: {version.agreement.title}, "
                        f"“{version.label}”, for {organisation.name}"
                    ),
                    body=(
                        f"{version.agreement.title}, version “{version.label}”, took effect on "
                        f"{british_date(version.takes_effect)}. {organisation.name} has not signed it yet; you are "
                        "authorised to sign for it. Read the version and sign it online."
                    ),
                    url=reverse("agreement_sign", args=[version.pk]) + f"?for={organisation.pk}",
                    due_at=now,
                )
            )


def signed(version: AgreementVersion, organisation) -> None:
    """The organisation has signed: no more reminders to any of its signatories."""
    cancel(f"agreement:{version.pk}:sign:{organisation.pk}:", reason=f"{organisation.name} has signed.")


def superseded(version: AgreementVersion) -> None:
    cancel(f"agreement:{version.pk}:", reason="A newer version has been adopted.")


def plan_review(version: AgreementVersion) -> None:
    """A month before the review of the version in force falls due, the secretariat is told."""
    if version.review_due is None or version.status != VersionStatus.ADOPTED:
        return
    for person in secretariat():
        plan(
            Planned(
                kind=REVIEW_DUE.name,
                key=f"agreement:{version.pk}:review:{version.review_due.isoformat()}:{person.pk}",
                recipient=person,
                subject=f"The review of {version.agreement.title} is due on {british_date(version.review_due)}",
                body=(
                    f"{version.agreement.title}, version “{version.label}”, in force since "
                    f"{british_date(version.takes_effect)}, is reviewed every {version.agreement.review_interval_months} "
                    f"months (Agreement 20). Its review is due on {british_date(version.review_due)}: start a new "
                    "draft from the version in force."
                ),
                url=reverse("agreement_manage"),
                due_at=at_nine(version.review_due - REVIEW_WARNING),
            )
        )


@register_daily_planner
def plan_agreements(now: datetime.datetime) -> None:
    today = timezone.localdate(now)
    for agreement in Agreement.objects.all():
        version = agreement.versions.filter(status=VersionStatus.ADOPTED).first()
        if version is None or not version.is_in_force_on(today):
            continue
        plan_signatures(version, now)
        plan_review(version)


# Consultation


def _consultation_scope(version: AgreementVersion) -> str:
    return f"agreement:{version.pk}:consultation:"


def plan_consultation(version: AgreementVersion, now: datetime.datetime | None = None) -> None:
    """One message to each person who may comment, with a link to the version; a new closing date rewords them.

    The key carries the time the consultation opened, so a consultation opened
    again is announced again, and the pending messages of an earlier one are cancelled.
    """
    now = now or timezone.now()
    scope = _consultation_scope(version)
    opened = version.consultation_opened_at.strftime("%Y%m%dT%H%M%S")
    closes = british_date(version.consultation_closes_on)
    wanted = [
        Planned(
            kind=CONSULTATION.name,
            key=f"{scope}{opened}:{person.pk}",
            recipient=person,
            subject=f"For comment until {closes}: {version.agreement.title}, draft “{version.label}”",
            body=(
                f"The secretariat has opened the draft “{version.label}” of {version.agreement.title} for comment. "
                f"Read it and comment on any clause, or propose new wording for it, until {closes}. "
                "Sign in to comment; you can see what became of each of your comments."
            ),
            url=version.get_absolute_url(),
            due_at=now,
        )
        for person in policies.partners(timezone.localdate(now)).select_related("user").order_by("name", "pk")
    ]
    sync(scope, wanted, reason="The consultation was opened again.")


def consultation_closed(version: AgreementVersion) -> None:
    cancel(_consultation_scope(version), reason="The consultation has closed.")


def comment_decided(decision: CommentDecision, now: datetime.datetime | None = None) -> None:
    """Tell the person who commented what became of their comment, and why."""
    comment = decision.comment
    version = comment.version
    outcome = decision.get_outcome_display().lower()
    applied = " Your proposed text is now the clause's text in the draft." if decision.applied else ""
    plan(
        Planned(
            kind=COMMENT_OUTCOME.name,
            key=f"agreement:{version.pk}:comment:{comment.pk}:outcome",
            recipient=comment.person,
            subject=f"Your comment on {comment.clause_number} of “{version.label}” was {outcome}",
            body=(
                f"The secretariat {outcome} your comment on {comment.clause_label} of {version.agreement.title}, "
                f"draft “{version.label}”. The reason: {decision.reason}{applied}"
            ),
            url=reverse("agreement_my_comments") + f"#comment-{comment.pk}",
            due_at=now or timezone.now(),
        )
    )
