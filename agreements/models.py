"""The Agreement and Protocols: agreements, their versions, and the numbered clauses of each version.

An adopted (or superseded) version is the text partners agreed to and will
sign: it never changes. The guards below refuse a change to it however it is
attempted (a model's save or delete, a queryset's update or delete, a bulk
create); on PostgreSQL a trigger refuses it too (migration 0002).
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
from partnership.models import User


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
