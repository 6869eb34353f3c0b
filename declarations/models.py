"""Registers of interests and of gifts and hospitality; declarations at meetings, rulings and disputes.

Every declaration, ruling, dispute and resolution is kept with who and when;
none is edited after it is recorded, only superseded (Agreement 11.1).
Declarations, disbarments and register confirmations are append-only
(partnership.append_only, with the PostgreSQL trigger of migration 0004).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from simple_history.models import HistoricalRecords

from bodies.models import SEATED_ROLES, Body, Membership, Role
from meetings.models import AgendaItem
from partnership.append_only import AppendOnlyModel, AppendOnlyQuerySet
from partnership.dated import DatedQuerySet, in_force_on
from partnership.dates import british_date, today
from partnership.models import Organisation, Person, User

# The members whose registers are public and checked against agendas: the
# seated roles and the named reserves who may stand in for them.
REGISTER_ROLES = [*SEATED_ROLES, Role.NAMED_RESERVE]

# Members confirm their register is up to date once a year (Agreement 11.4.5: changes of circumstance).
CONFIRM_EVERY = datetime.timedelta(days=365)


class InterestKind(models.TextChoices):
    FINANCIAL = "financial", "Financial"
    PERSONAL = "personal", "Personal"
    BUSINESS = "business", "Business"
    ORGANISATIONAL = "organisational", "Organisational"


class Holder(models.TextChoices):
    # Whose interest it is (Agreement 11.4.3).
    MEMBER = "member", "The member"
    CONNECTED = "connected", "A connected person"
    HOUSEHOLD = "household", "A member of the household"


class InterestQuerySet(DatedQuerySet):
    """`.on(date)` and `.current()`: the entries held on a day, from `start` to `end` (both included)."""

    def published(self):
        return self.filter(withheld=False)


class Interest(models.Model):
    """An entry in a member's register of interests (Agreement 11.1.1, 11.4).

    A change of circumstance is a new entry or an update, with history kept;
    an entry is closed with an end date, never deleted.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="interests")
    kind = models.CharField(max_length=20, choices=InterestKind.choices)
    holder = models.CharField("whose interest", max_length=20, choices=Holder.choices, default=Holder.MEMBER)
    description = models.TextField()
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="interests_declared"
    )
    matter = models.CharField("matter concerned", max_length=300, blank=True)
    # Wearing more than one hat (Agreement 11.4.3).
    more_than_one_role = models.BooleanField("arises from holding more than one role", default=False)
    start = models.DateField("from")
    end = models.DateField("to", null=True, blank=True)
    # A sensitive interest can be withheld from the public register, which says why.
    withheld = models.BooleanField("withheld from the public register", default=False)
    withheld_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    objects = InterestQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["person__name", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="interest_end_after_start",
                violation_error_message="An interest cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(withheld=False) | ~Q(withheld_reason=""),
                name="interest_withheld_has_reason",
                violation_error_message="Say why the interest is withheld from the public register.",
            ),
            models.CheckConstraint(
                condition=~Q(organisation__isnull=True, matter=""),
                name="interest_names_organisation_or_matter",
                violation_error_message="Name the organisation or the matter the interest concerns.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} interest of {self.person}: {self.description[:60]}"

    def is_closed(self, on: datetime.date | None = None) -> bool:
        """Closed: its last day has passed. A closed entry is history and is not changed."""
        return self.end is not None and self.end < (on or today())


class RegisterConfirmationQuerySet(AppendOnlyQuerySet):
    def last_of(self, person: Person) -> "RegisterConfirmation | None":
        return self.filter(person=person).order_by("-confirmed_at").first()

    def next_due_on(self, person: Person) -> datetime.date | None:
        """The day `person`'s next yearly confirmation falls due; None if they have never confirmed (due now)."""
        last = self.last_of(person)
        if last is None:
            return None
        return timezone.localdate(last.confirmed_at) + CONFIRM_EVERY

    def is_due(self, person: Person, on: datetime.date | None = None) -> bool:
        """Whether `person` should confirm their register now: never confirmed, or not in the last year."""
        due_on = self.next_due_on(person)
        return due_on is None or due_on <= (on or today())


class RegisterConfirmation(AppendOnlyModel):
    """A member confirms once a year that their register is up to date; the next year's supersedes it."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="register_confirmations")
    confirmed_at = models.DateTimeField(default=timezone.now)

    objects = RegisterConfirmationQuerySet.as_manager()

    class Meta:
        ordering = ["-confirmed_at"]
        get_latest_by = "confirmed_at"

    def __str__(self):
        return f"{self.person} confirmed their register on {british_date(self.confirmed_at)}"


class DeclarationWhen(models.TextChoices):
    IN_ADVANCE = "in_advance", "In advance, in writing"
    IN_MEETING = "in_meeting", "Verbally in the meeting"


class Declaration(AppendOnlyModel):
    """An interest declared against an agenda item (Agreement 11.1.2). Never edited once recorded."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="declarations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    interest = models.ForeignKey(Interest, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=20, choices=InterestKind.choices)
    description = models.TextField()
    made = models.CharField(max_length=20, choices=DeclarationWhen.choices)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["item__number", "recorded_at"]
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="declaration_once_per_item"),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display().lower()} interest in item {self.item.number}"


class Outcome(models.TextChoices):
    # The body rules on every declaration (Agreement 11.1.4).
    NOTED = "noted", "Noted: may take part"
    SPEAK_NOT_VOTE = "speak_not_vote", "May speak but not vote"
    WITHDRAW = "withdraw", "Must withdraw from the item"
    DISBARRED_PROJECT = "disbarred_project", "Disbarred from a named project"
    DISBARRED_BODY = "disbarred_body", "Disbarred from the body"


# Outcomes under which the member takes no part in the item's decision.
EXCLUDING_OUTCOMES = [Outcome.SPEAK_NOT_VOTE, Outcome.WITHDRAW, Outcome.DISBARRED_PROJECT, Outcome.DISBARRED_BODY]


class Ruling(models.Model):
    """The body's ruling on a declaration, recorded by its chair, vice chair or the secretariat."""

    declaration = models.OneToOneField(Declaration, on_delete=models.PROTECT, related_name="ruling")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reasons = models.TextField()
    project = models.CharField(max_length=300, blank=True, help_text="The project, for disbarment from a project.")
    # The membership a disbarment from the body ended.
    ended_membership = models.ForeignKey(Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    ruled_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    ruled_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="disbarred_project") | ~Q(project=""),
                name="ruling_names_the_project",
                violation_error_message="Name the project the member is disbarred from.",
            ),
        ]

    def __str__(self):
        return f"Ruling on {self.declaration}: {self.get_outcome_display()}"

    def standing_outcome(self) -> str:
        """The outcome that stands: the resolution of a resolved dispute (Agreement 11.1.5), else the ruling's."""
        dispute = getattr(self, "dispute", None)
        if dispute is not None and dispute.status == DisputeStatus.RESOLVED:
            return dispute.resolution_outcome
        return self.outcome


class Disbarment(AppendOnlyModel):
    """A member disbarred from a named project, shown when that project's items come up."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="disbarments")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="disbarments")
    project = models.CharField(max_length=300)
    ruling = models.OneToOneField(Ruling, on_delete=models.PROTECT, related_name="disbarment")
    start = models.DateField(default=timezone.localdate)

    objects = AppendOnlyQuerySet.as_manager()

    def __str__(self):
        return f"{self.person} disbarred from {self.project}"


class DisputeStatus(models.TextChoices):
    OPEN = "open", "With the chair of the partnership board"
    RESOLVED = "resolved", "Resolved"


class Dispute(models.Model):
    """A member's dispute of a ruling (Agreement 11.1.5): the chair of the partnership board decides,
    in consultation with the Head of Legal, whom the secretariat designates for this dispute alone."""

    ruling = models.OneToOneField(Ruling, on_delete=models.PROTECT, related_name="dispute")
    raised_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    grounds = models.TextField()
    raised_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=DisputeStatus.choices, default=DisputeStatus.OPEN)
    head_of_legal = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The resolution stands over the original ruling.
    resolution_outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    resolution_reasons = models.TextField(blank=True)
    # The project, when the resolution disbars the member from one.
    resolution_project = models.CharField(max_length=300, blank=True)
    resolved_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    # The membership a resolution restored, when it overturned a disbarment from the body.
    reinstated_membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    # Who designated (or replaced) the Head of Legal, and when.
    history = HistoricalRecords()

    class Meta:
        permissions = [("consult_on_dispute", "Can read and advise on one dispute (Head of Legal)")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | (~Q(resolution_outcome="") & Q(resolved_at__isnull=False)),
                name="dispute_resolved_has_outcome",
            ),
        ]

    def __str__(self):
        return f"Dispute of {self.ruling}"

    def clean(self):
        super().clean()
        if self.status == DisputeStatus.RESOLVED and not self.resolution_reasons.strip():
            raise ValidationError({"resolution_reasons": "Give the reasons for the resolution."})


class GiftsSettings(models.Model):
    """The partnership's settings for the gifts and hospitality register, set in the app (one row)."""

    publish_threshold = models.DecimalField(
        "publish entries worth at least (£)", max_digits=9, decimal_places=2, default=25
    )
    declare_within_days = models.PositiveSmallIntegerField("declare within (days)", default=28)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "gifts settings"
        constraints = [
            models.CheckConstraint(condition=Q(publish_threshold__gte=0), name="gifts_threshold_not_negative"),
            models.CheckConstraint(condition=Q(declare_within_days__gte=1), name="gifts_days_at_least_one"),
        ]

    def __str__(self):
        return "Gifts and hospitality settings"

    @classmethod
    def current(cls):
        return cls.objects.order_by("pk").first() or cls()


class GiftKind(models.TextChoices):
    GIFT = "gift", "Gift"
    HOSPITALITY = "hospitality", "Hospitality"


class GiftDecision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    REFUSED = "refused", "Refused"


class GiftQuerySet(models.QuerySet):
    def published(self, settings=None):
        """The entries the public register shows: valued at the threshold set in the app, or more."""
        settings = settings or GiftsSettings.current()
        return self.filter(estimated_value__gte=settings.publish_threshold)

    def late(self, declare_within_days: int):
        """Declared more than `declare_within_days` after the offer (as Gift.is_late, in SQL for a paged list)."""
        waited = ExpressionWrapper(TruncDate("declared_at") - F("offered_on"), output_field=models.DurationField())
        return self.alias(waited=waited).filter(waited__gt=datetime.timedelta(days=declare_within_days))

    def of_body(self, body):
        """Offers made to people while they sat on `body` (in any role)."""
        sat = Membership.objects.filter(in_force_on(OuterRef("offered_on")), person=OuterRef("person"), body=body)
        return self.filter(Exists(sat))


class Gift(models.Model):
    """An offer of a gift or hospitality in connection with a role (Agreement 11.3); refused offers too."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="gifts")
    kind = models.CharField(max_length=12, choices=GiftKind.choices)
    offered_by = models.CharField(max_length=300)
    description = models.TextField()
    estimated_value = models.DecimalField("estimated value (£)", max_digits=9, decimal_places=2)
    offered_on = models.DateField()
    decision = models.CharField(max_length=10, choices=GiftDecision.choices)
    reason = models.TextField("why")
    declared_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    objects = GiftQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-offered_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_value__gte=0),
                name="gift_value_not_negative",
                violation_error_message="The estimated value cannot be negative.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} offered to {self.person} by {self.offered_by}"

    def is_late(self, declare_within_days: int | None = None) -> bool:
        """Declared more than the days the settings allow after the offer was made (Agreement 11.3)."""
        if declare_within_days is None:
            declare_within_days = GiftsSettings.current().declare_within_days
        return timezone.localdate(self.declared_at) - self.offered_on > datetime.timedelta(days=declare_within_days)


class AdviceRequest(models.Model):
    """Advice asked before deciding on an offer; the chair, deputy chair and secretariat see and answer it."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="gift_advice_requests")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+")
    question = models.TextField()
    asked_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    gift = models.ForeignKey(Gift, on_delete=models.SET_NULL, null=True, blank=True, related_name="advice")

    class Meta:
        ordering = ["-asked_at"]

    def __str__(self):
        return f"Advice asked by {self.person}"
