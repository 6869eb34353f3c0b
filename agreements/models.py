"""The Agreement and Protocols: agreements, their versions, and the numbered clauses of each version.

Two kinds of record do not change, in two different ways:

- Locked once adopted: a version and its clauses are edited freely as a
  draft; once the version is adopted (or superseded) it is the text partners
  agreed to and will sign, and never changes. The guards below refuse a change
  to it however it is attempted (a model's save or delete, a queryset's
  update or delete, a bulk create); on PostgreSQL a trigger refuses it too
  (migration 0002). The lock depends on the version's status, so it is the
  app's own.
- Append-only from the start: a signature, an entry in the signing log, a
  comment and the decision on it are written once and never changed or
  removed (partnership.append_only; on PostgreSQL triggers in 0004 and 0005).
"""

import datetime
import uuid

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from bodies.models import Body
from meetings.models import Decision, Meeting
from partnership.append_only import AppendOnlyModel, AppendOnlyQuerySet
from partnership.dated import DatedQuerySet
from partnership.dates import british_datetime
from partnership.models import Organisation, Person, SignedWith, User


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    CONSULTATION = "consultation", "Out for consultation"
    ADOPTED = "adopted", "Adopted"
    SUPERSEDED = "superseded", "Superseded"


# The text of these versions is what partners agreed: it never changes.
LOCKED = (VersionStatus.ADOPTED, VersionStatus.SUPERSEDED)
# A locked version may still move on from adopted to superseded, on the day its successor takes effect.
_SUPERSEDING_FIELDS = {"status", "superseded_on"}


class VersionLocked(ValidationError):
    """A change to an adopted or superseded version, refused."""

    def __init__(self, message="This version has been adopted and cannot be changed. Start a new draft instead."):
        super().__init__(message, code="locked")


class AgreementQuerySet(models.QuerySet):
    def framework(self):
        """The partnership framework's own Agreement and Protocols (not a body's own agreement)."""
        return self.filter(body__isnull=True).order_by("pk")


class Agreement(models.Model):
    """An agreement with a history of versions: the framework's Agreement and Protocols, or a body's own."""

    title = models.CharField(max_length=200)
    # Permanent: cited in papers.
    slug = models.SlugField(max_length=80, unique=True)
    # A constituent body may have its own partnership agreement or constitution (Agreement 23).
    body = models.ForeignKey(Body, on_delete=models.PROTECT, null=True, blank=True, related_name="agreements")
    # The Agreement is reviewed annually (Agreement 20).
    review_interval_months = models.PositiveSmallIntegerField(
        default=12, help_text="How long after a version takes effect its review is due, in months."
    )

    objects = AgreementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]
        permissions = [("manage_agreements", "Can draft and adopt versions of an agreement")]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_interval_months__gte=1), name="agreement_review_interval_positive"
            ),
        ]

    def __str__(self):
        return self.title

    def in_force_on(self, date):
        """The version in force on `date`, or None."""
        return self.versions.in_force_on(date).first()

    def in_force(self):
        return self.in_force_on(timezone.localdate())

    def review_due_after(self, takes_effect: datetime.date) -> datetime.date:
        return takes_effect + relativedelta(months=self.review_interval_months)


class VersionQuerySet(models.QuerySet):
    def published(self):
        """Adopted and superseded versions: the public record."""
        return self.filter(status__in=LOCKED)

    def drafts(self):
        return self.exclude(status__in=LOCKED)

    def in_force_on(self, date):
        """The version that had taken effect by `date` and had not yet been superseded."""
        return (
            self.published()
            .filter(takes_effect__lte=date)
            .filter(Q(superseded_on__isnull=True) | Q(superseded_on__gt=date))
            .order_by("-takes_effect")
        )

    def update(self, **kwargs):
        superseding = set(kwargs) <= _SUPERSEDING_FIELDS and kwargs.get("status") == VersionStatus.SUPERSEDED
        if not superseding and self.filter(status__in=LOCKED).exists():
            raise VersionLocked()
        return super().update(**kwargs)

    update.alters_data = True

    def delete(self):
        if self.filter(status__in=LOCKED).exists():
            raise VersionLocked("An adopted or superseded version is kept for ever and cannot be deleted.")
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True


class AgreementVersion(models.Model):
    """One version of an agreement: a draft, out for consultation, adopted (in force), or superseded."""

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="versions")
    label = models.CharField(max_length=120, help_text="For example “V5 2.4.09” or “Revised February 2011”.")
    status = models.CharField(max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    summary = models.TextField("summary of changes", blank=True)
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="The version copied."
    )
    # Adopted by a decision at a meeting of the partnership board.
    adopted_at = models.ForeignKey(Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    adopted_by_decision = models.ForeignKey(Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    takes_effect = models.DateField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True)
    # The day the next version took effect: the last day in force is the day before.
    superseded_on = models.DateField(null=True, blank=True)
    # SHA-256 of the canonical text, stored when the version is adopted (agreements.canonical).
    sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    adopted_recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # A draft is circulated to partners for comment before it is adopted (seed 000, paragraph 2). The last
    # consultation's dates stay after it closes, so any version can say when it was out for comment.
    consultation_opened_at = models.DateTimeField(null=True, blank=True)
    consultation_opened_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The last day comments are accepted.
    consultation_closes_on = models.DateField("closing date for comments", null=True, blank=True)
    consultation_closed_at = models.DateTimeField(null=True, blank=True)

    objects = VersionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", F("takes_effect").desc(nulls_first=True), "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "label"],
                name="agreement_version_label_unique",
                violation_error_message="A version of this agreement already has that label.",
            ),
            models.UniqueConstraint(
                fields=["agreement"],
                condition=Q(status="adopted"),
                name="agreement_one_version_adopted",
                violation_error_message="Another version of this agreement is already in force.",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=LOCKED)
                | (Q(takes_effect__isnull=False) & Q(review_due__isnull=False) & ~Q(sha256="")),
                name="agreement_version_adopted_has_dates_and_hash",
            ),
            models.CheckConstraint(
                condition=(Q(status="superseded") & Q(superseded_on__isnull=False))
                | (~Q(status="superseded") & Q(superseded_on__isnull=True)),
                name="agreement_version_superseded_iff_date",
            ),
            models.CheckConstraint(
                condition=Q(review_due__isnull=True) | Q(review_due__gt=F("takes_effect")),
                name="agreement_version_review_after_effect",
                violation_error_message="The review must fall due after the version takes effect.",
            ),
            models.CheckConstraint(
                condition=~Q(status="consultation")
                | (Q(consultation_closes_on__isnull=False) & Q(consultation_opened_at__isnull=False)),
                name="agreement_version_consultation_has_dates",
                violation_error_message="A version out for consultation needs a closing date.",
            ),
        ]

    def __str__(self):
        return f"{self.agreement.title} ({self.label})"

    def save(self, *args, **kwargs):
        # Data-layer guard, not a workflow: the text partners adopted never changes.
        if self.pk is not None:
            stored = type(self)._base_manager.filter(pk=self.pk).first()
            if stored is not None and stored.status in LOCKED:
                changed = {
                    field.name
                    for field in self._meta.concrete_fields
                    if getattr(stored, field.attname) != getattr(self, field.attname)
                }
                if not changed <= _SUPERSEDING_FIELDS or (changed and self.status != VersionStatus.SUPERSEDED):
                    raise VersionLocked()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("agreement_version", args=[self.pk])

    def delete(self, *args, **kwargs):
        if type(self)._base_manager.filter(pk=self.pk, status__in=LOCKED).exists():
            raise VersionLocked("An adopted or superseded version is kept for ever and cannot be deleted.")
        return super().delete(*args, **kwargs)

    @property
    def is_locked(self):
        return self.status in LOCKED

    @property
    def last_day_in_force(self):
        return self.superseded_on - datetime.timedelta(days=1) if self.superseded_on else None

    def is_in_force_on(self, date):
        return (
            self.is_locked and self.takes_effect <= date and (self.superseded_on is None or self.superseded_on > date)
        )

    @property
    def in_consultation(self):
        return self.status == VersionStatus.CONSULTATION

    def is_open_for_comment(self, on=None):
        """Out for consultation and the closing date not yet passed (comments are taken on the closing date)."""
        on = on or timezone.localdate()
        return self.in_consultation and self.consultation_closes_on >= on


class ClauseKind(models.TextChoices):
    SECTION = "section", "Section"
    CLAUSE = "clause", "Clause"
    ANNEX = "annex", "Annex"


class ClauseQuerySet(models.QuerySet):
    def _refuse_locked(self):
        if self.filter(version__status__in=LOCKED).exists():
            raise VersionLocked()

    def update(self, **kwargs):
        self._refuse_locked()
        return super().update(**kwargs)

    update.alters_data = True

    def delete(self):
        self._refuse_locked()
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        versions = {obj.version_id for obj in objs}
        if AgreementVersion._base_manager.filter(pk__in=versions, status__in=LOCKED).exists():
            raise VersionLocked()
        return super().bulk_create(objs, *args, **kwargs)


class Clause(models.Model):
    """A numbered part of a version: a section (1), a clause (10.4), a sub-clause (11.1.5) or an annex.

    `text` holds paragraphs separated by blank lines and list items that start
    "- " (indented two spaces for a list inside a list); agreements.text reads it.
    """

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="clauses")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    kind = models.CharField(max_length=10, choices=ClauseKind.choices, default=ClauseKind.CLAUSE)
    number = models.CharField(max_length=30)
    heading = models.CharField(max_length=300, blank=True)
    text = models.TextField(blank=True)
    # Order among its siblings.
    position = models.PositiveIntegerField(default=0)
    # The same clause across versions: a new draft copies it, so a comparison can follow a clause that moved.
    key = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = ClauseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="clause_number_unique_in_version"),
            models.UniqueConstraint(fields=["version", "key"], name="clause_key_unique_in_version"),
            models.CheckConstraint(
                condition=Q(parent__isnull=True, kind__in=["section", "annex"])
                | Q(parent__isnull=False, kind="clause"),
                name="clause_kind_matches_place",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.heading}".strip()

    def save(self, *args, **kwargs):
        # Data-layer guard: neither the version it is in nor the one it came from may be locked.
        versions = Q(pk=self.version_id)
        if self.pk is not None:
            versions |= Q(clauses__pk=self.pk)
        if AgreementVersion._base_manager.filter(versions, status__in=LOCKED).exists():
            raise VersionLocked()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.version.get_absolute_url()}#{self.anchor}"

    def delete(self, *args, **kwargs):
        if AgreementVersion._base_manager.filter(clauses__pk=self.pk, status__in=LOCKED).exists():
            raise VersionLocked()
        return super().delete(*args, **kwargs)

    @property
    def anchor(self):
        """The fragment identifier of the clause on its version's page: clause-10-4."""
        return "clause-" + "".join(ch if ch.isalnum() else "-" for ch in self.number).strip("-").lower()

    @property
    def label(self):
        prefix = "Annex " if self.kind == ClauseKind.ANNEX else ""
        return f"{prefix}{self.number} {self.heading}".strip()


# Signing: authorised signatories, signatures, the audit log of signing, and renditions (the sealed PDFs).


class SignatoryQuerySet(DatedQuerySet):
    """Designations: `.on(date)` those in force that day (both `start` and `end` included), `.current()` today's."""


class Signatory(models.Model):
    """A person authorised by the secretariat to sign the Agreement for a partner organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="signatories")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="signatory_designations")
    start = models.DateField("authorised from")
    # The last day of the authority; open while blank.
    end = models.DateField("authorised until", null=True, blank=True)
    designated_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    designated_at = models.DateTimeField(default=timezone.now)
    ended_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)

    objects = SignatoryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "person__name", "-start"]
        verbose_name_plural = "signatories"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="signatory_ends_after_start",
                violation_error_message="The authority cannot end before it starts.",
            ),
            models.UniqueConstraint(
                fields=["organisation", "person"],
                condition=Q(end__isnull=True),
                name="signatory_one_open_designation",
                violation_error_message="This person is already an authorised signatory for this organisation.",
            ),
        ]

    def __str__(self):
        return f"{self.person} for {self.organisation}"

    def clean(self):
        super().clean()
        if self.person_id is not None and self.person.user_id is None:
            raise ValidationError({"person": "A signatory signs online, so needs a login: invite them first."})

    def is_current_on(self, date):
        return self.start <= date and (self.end is None or self.end >= date)


class Signature(AppendOnlyModel):
    """An organisation's signature of one adopted version of the Agreement, made online by its signatory.

    A signature belongs to the version it was made on: a new version needs new
    signatures. `content_sha256` is the version's hash as the signatory read
    it, and always equals the version's stored hash.
    """

    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="signatures")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="agreement_signatures")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="agreement_signatures")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="agreement_signatures")
    signatory = models.ForeignKey(Signatory, on_delete=models.PROTECT, related_name="signatures")
    signed_at = models.DateTimeField(default=timezone.now)
    content_sha256 = models.CharField("hash of the version signed", max_length=64)
    # Quoted on the signatories page of the PDF and on the verify page.
    reference = models.CharField(max_length=40, unique=True)
    # Evidence of the signing, for the secretariat only: never shown publicly.
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.TextField(blank=True)
    consent_text = models.TextField("consent statement shown")
    # What confirmed the signatory at the keyboard: the password alone, or with a second factor (partnership.mfa).
    method = models.CharField("confirmed with", max_length=20, choices=SignedWith.choices, default=SignedWith.PASSWORD)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["version", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "organisation"],
                name="signature_one_per_organisation_per_version",
                violation_error_message="This organisation has already signed this version.",
            ),
            models.CheckConstraint(condition=~Q(consent_text=""), name="signature_has_consent_text"),
            models.CheckConstraint(condition=Q(content_sha256__regex=r"^[0-9a-f]{64}$"), name="signature_hash_hex"),
        ]

    def __str__(self):
        return f"{self.organisation} signed {self.version} ({self.reference})"


class SigningEventKind(models.TextChoices):
    SIGNED = "signed", "Signed"
    REAUTH_REFUSED = "reauth_refused", "Identity not confirmed (wrong password)"
    REAUTH_THROTTLED = "reauth_throttled", "Too many failed attempts"
    REFUSED = "refused", "Signing refused"
    DESIGNATED = "designated", "Signatory designated"
    DESIGNATION_ENDED = "designation_ended", "Signatory's authority ended"


class SigningEvent(AppendOnlyModel):
    """One entry in the audit log of signing: kept for ever, never changed."""

    kind = models.CharField(max_length=30, choices=SigningEventKind.choices)
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    signature = models.ForeignKey(Signature, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    signatory = models.ForeignKey(Signatory, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.TextField(blank=True)
    detail = models.TextField(blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "kind", "at"], name="signing_event_user_kind_at")]

    def __str__(self):
        return f"{self.get_kind_display()}, {british_datetime(self.at)}"


class RenditionStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be prepared"
    RENDERING = "rendering", "Being prepared"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


def rendition_upload_to(rendition, filename):
    return f"agreements/renditions/{rendition.version_id}/{rendition.state_key}.pdf"


class Rendition(models.Model):
    """The sealed PDF of a version with the signatures it had: rendered once per state, then served again.

    The state key is the SHA-256 of the version's hash and its signatures'
    references: a new signature is a new state, so a new rendition.
    """

    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="renditions")
    state_key = models.CharField(max_length=64, unique=True)
    content_sha256 = models.CharField("hash of the version rendered", max_length=64)
    signatures = models.ManyToManyField(Signature, blank=True, related_name="renditions")
    status = models.CharField(max_length=10, choices=RenditionStatus.choices, default=RenditionStatus.PENDING)
    file = models.FileField(upload_to=rendition_upload_to, blank=True)
    # SHA-256 of the sealed file, so a copy can be recognised on the verify page.
    file_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="ready") | (~Q(file="") & ~Q(file_sha256="")), name="rendition_ready_has_file"
            ),
        ]

    def __str__(self):
        return f"PDF of {self.version} ({self.get_status_display().lower()})"

    @property
    def is_ready(self):
        return self.status == RenditionStatus.READY


# Consultation: partners' comments on the clauses of a draft, and the secretariat's decision on each.


class CommentQuerySet(AppendOnlyQuerySet):
    def awaiting_decision(self):
        return self.filter(decision__isnull=True)

    def decided(self, outcome):
        return self.filter(decision__outcome=outcome)


class Comment(AppendOnlyModel):
    """A partner's comment on one clause of a version out for consultation, perhaps with replacement text.

    Kept as it was written. The clause is named by its key (the same clause
    across versions) with its number, heading and text as the partner read
    them, so the comment still reads right after the draft is edited or the
    clause removed.
    """

    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="comments")
    clause_key = models.UUIDField()
    clause_number = models.CharField(max_length=30)
    clause_heading = models.CharField(max_length=300, blank=True)
    clause_text = models.TextField("the clause's text as read", blank=True)
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="agreement_comments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="agreement_comments")
    text = models.TextField("comment")
    proposed_text = models.TextField("replacement text proposed", blank=True)
    made_at = models.DateTimeField(default=timezone.now)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["version", "made_at", "pk"]
        indexes = [models.Index(fields=["author", "made_at"], name="agreement_comment_author_at")]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="agreement_comment_has_text"),
        ]

    def __str__(self):
        return f"{self.person} on {self.clause_number} of {self.version}"

    @property
    def clause_label(self):
        return f"{self.clause_number} {self.clause_heading}".strip()

    def clause(self):
        """The clause commented on, as it is in the version now; None if it has been removed."""
        return Clause.objects.filter(version_id=self.version_id, key=self.clause_key).first()


class CommentOutcome(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class CommentDecision(AppendOnlyModel):
    """The secretariat's decision on a comment, with its reason: recorded once, never changed."""

    comment = models.OneToOneField(Comment, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(max_length=10, choices=CommentOutcome.choices)
    reason = models.TextField()
    # The proposed text was written into the draft's clause when the decision was recorded.
    applied = models.BooleanField("replacement text applied to the draft", default=False)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="agreement_comment_decision_has_reason"),
            models.CheckConstraint(
                condition=Q(applied=False) | Q(outcome="accepted"), name="agreement_comment_applied_if_accepted"
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()}: {self.comment}"
