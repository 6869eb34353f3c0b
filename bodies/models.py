"""Constituent bodies, the links between them, seats and memberships."""

import datetime

from dateutil.relativedelta import relativedelta
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Func, Q, Value
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnership.constraints import PostgresExclusionConstraint
from partnership.dated import DatedQuerySet
from partnership.dates import british_date, today
from partnership.models import Organisation, Person, User


def _period(start="start", end="end"):
    """The inclusive date range [start, end]; an open end runs for ever."""
    return Func(F(start), F(end), Value("[]"), function="daterange", output_field=DateRangeField())


class BodyKind(models.TextChoices):
    PARTNERSHIP_BOARD = "partnership_board", "Partnership board"
    THEMATIC_LEADS = "thematic_leads", "Thematic leads"
    THEMATIC_PARTNERSHIP = "thematic_partnership", "Thematic partnership"
    AREA_PARTNERSHIP_BOARD = "area_partnership_board", "Area partnership board"
    COMMUNITY_FORUM = "community_forum", "Community forum"
    LOCAL_COUNCIL = "local_council", "Local council"
    SUPPORT_GROUP = "support_group", "Support group"
    TASK_AND_FINISH = "task_and_finish", "Task and finish group"
    NETWORK_EVENT = "network_event", "Network event"
    NEIGHBOURHOOD_PARTNERSHIP = "neighbourhood_partnership", "Neighbourhood partnership"
    COMMISSIONING_BOARD = "commissioning_board", "Commissioning board"
    OTHER = "other", "Other"


class Mode(models.TextChoices):
    # The four modes of partnership working (2005 review, sections 9-11).
    ADVISORY = "advisory", "Advisory"
    COMMISSIONING = "commissioning", "Commissioning"
    LABORATORY = "laboratory", "Laboratory"
    COMMUNITY_EMPOWERMENT = "community_empowerment", "Community empowerment"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    SIX_WEEKLY = "six_weekly", "Every six weeks"
    BIMONTHLY = "bimonthly", "Every two months"
    QUARTERLY = "quarterly", "Quarterly"
    FOUR_A_YEAR = "four_a_year", "At least four times a year"
    BIANNUAL = "biannual", "Twice a year"
    ANNUAL = "annual", "Once a year"
    AS_REQUIRED = "as_required", "As required"


class Status(models.TextChoices):
    ESTABLISHED = "established", "Established"
    SHADOW = "shadow", "Shadow"
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


class BodyQuerySet(DatedQuerySet):
    """`.on(date)`: the bodies that existed that day (established and not yet ended)."""

    start_field = "established_on"
    end_field = "ended_on"


class Body(models.Model):
    """A constituent body of the partnership: a board, partnership, forum or group."""

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60, blank=True)
    # Permanent: /bodies/<slug>/ is cited in papers and minutes for years.
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=40, choices=BodyKind.choices)
    mode = models.CharField("primary mode of working", max_length=30, choices=Mode.choices)
    summary = models.CharField(max_length=300, blank=True, help_text="One sentence on what the body is for.")
    terms_of_reference = models.TextField(blank=True)
    meeting_frequency = models.CharField(max_length=20, choices=Frequency.choices, blank=True)
    # Area partnership boards are independently chaired (Agreement 8).
    independently_chaired = models.BooleanField(default=False)
    # Each body adopts an equality statement and impact assessment (Agreement 16.4).
    equality_statement_adopted_on = models.DateField(null=True, blank=True)
    impact_assessment_adopted_on = models.DateField("equality impact assessment adopted on", null=True, blank=True)
    # Papers go out at least a week before the meeting (Agreement 10.4).
    circulation_days = models.PositiveSmallIntegerField(
        default=7, help_text="How many days before a meeting its papers must go out."
    )
    # Authors are reminded this many days before the papers are due out, and again the day before.
    paper_reminder_days = models.PositiveSmallIntegerField(
        default=3, help_text="How many days before papers are due out their authors are reminded (and the day before)."
    )
    quorum = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How many members must be present for a decision. Leave empty if none is set."
    )
    # Members say whether they will attend, send apologies or name their reserve (minutes of 30 April 2009,
    # item 3) until the end of the day this many days before the meeting, so the secretariat can find reserves.
    reply_days = models.PositiveSmallIntegerField(
        "replies close, in days before the meeting",
        default=2,
        validators=[MaxValueValidator(60)],
        help_text="Members can say whether they will attend until the end of the day this many days before the "
        "meeting. 0 keeps replies open until the meeting starts.",
    )
    # Membership is reviewed regularly (Agreement 6.5).
    membership_review_months = models.PositiveSmallIntegerField(
        default=12, help_text="How often each membership is reviewed, in months."
    )
    # The dates bound the body's states; changes are made by bodies.actions.
    established_on = models.DateField()
    shadow_from = models.DateField(null=True, blank=True, editable=False)
    active_from = models.DateField(null=True, blank=True, editable=False)
    ended_on = models.DateField(null=True, blank=True, editable=False, help_text="The last day of the body.")

    objects = BodyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"
        permissions = [
            ("change_terms_of_reference", "Can edit the terms of reference"),
            ("view_member_contacts", "Can see members' contact details"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("established_on")),
                name="body_ends_after_established",
                violation_error_message="A body cannot end before it is established.",
            ),
            models.CheckConstraint(
                condition=Q(active_from__isnull=True) | Q(active_from__gte=F("established_on")),
                name="body_active_after_established",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("body_detail", args=[self.slug])

    def status_on(self, date):
        """The body's state on `date`, or None before it was established."""
        if date < self.established_on:
            return None
        if self.ended_on and date > self.ended_on:
            return Status.ENDED
        if self.active_from and date >= self.active_from:
            return Status.ACTIVE
        if self.shadow_from and date >= self.shadow_from:
            return Status.SHADOW
        return Status.ESTABLISHED

    @property
    def status(self):
        return self.status_on(today())

    def get_status_display(self):
        return Status(self.status).label if self.status else "Not yet established"

    def exists_on(self, date):
        return self.status_on(date) not in (None, Status.ENDED)


class ChangeKind(models.TextChoices):
    ESTABLISHED = "established", "Established"
    SHADOW = "shadow", "Began working in shadow form"
    ACTIVE = "active", "Became active"
    ENDED = "ended", "Ended"
    MERGED_INTO = "merged_into", "Merged into"
    REPLACED_BY = "replaced_by", "Replaced by"
    RENAMED_TO = "renamed_to", "Renamed to"


_TRANSITIONS = [ChangeKind.MERGED_INTO, ChangeKind.REPLACED_BY, ChangeKind.RENAMED_TO]


class BodyChange(models.Model):
    """One recorded change in a body's life (the February 2011 reshaping is a set of these)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField(max_length=20, choices=ChangeKind.choices)
    on = models.DateField(help_text="The day the change takes effect.")
    other_body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+", help_text="The body it became."
    )
    reason = models.TextField()
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=_TRANSITIONS, other_body__isnull=False)
                | (~Q(kind__in=_TRANSITIONS) & Q(other_body__isnull=True)),
                name="bodychange_successor_iff_transition",
            ),
        ]

    def __str__(self):
        if self.other_body_id:
            return f"{self.body} {self.get_kind_display().lower()} {self.other_body} on {british_date(self.on)}"
        return f"{self.body}: {self.get_kind_display().lower()} on {british_date(self.on)}"


class LinkKind(models.TextChoices):
    REPORTS_TO = "reports_to", "reports to"
    CHAIR_SITS_ON = "chair_sits_on", "chair sits on"
    COMMISSIONS = "commissions", "commissions"
    FORMAL_LINK = "formal_link", "has a formal link with"


class BodyLinkQuerySet(DatedQuerySet):
    """`.on(date)`: the links in force that day."""


class BodyLink(models.Model):
    """A typed link between two bodies. The framework is not a strict hierarchy (Agreement 6.3)."""

    from_body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="links_out")
    to_body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=20, choices=LinkKind.choices)
    note = models.CharField(max_length=300, blank=True, help_text="For example: annually and by exception.")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    objects = BodyLinkQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_body__name", "kind", "to_body__name"]
        constraints = [
            models.CheckConstraint(condition=~Q(from_body=F("to_body")), name="bodylink_not_to_itself"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="bodylink_end_after_start"
            ),
            models.UniqueConstraint(
                fields=["from_body", "to_body", "kind"],
                condition=Q(end__isnull=True),
                name="bodylink_one_open_per_kind",
                violation_error_message="These bodies already have a current link of this kind.",
            ),
        ]

    def __str__(self):
        return f"{self.from_body} {self.get_kind_display()} {self.to_body}"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The link cannot end before it starts."})
        if self.from_body_id and self.from_body_id == self.to_body_id:
            raise ValidationError({"to_body": "A body cannot be linked to itself."})


class Role(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice chair"
    MEMBER = "member", "Member"
    CO_OPTED = "co_opted", "Co-opted member"
    CARETAKER = "caretaker", "Caretaker"
    NAMED_RESERVE = "named_reserve", "Named reserve"
    OBSERVER = "observer", "Observer"
    SUPPORT = "support", "Support staff"


# One of each at a time per body.
SINGLE_ROLES = [Role.CHAIR, Role.VICE_CHAIR]
# The roles that hold a seat at the table, as opposed to reserves, observers and support.
SEATED_ROLES = [Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER, Role.CO_OPTED, Role.CARETAKER]


class SeatQuerySet(DatedQuerySet):
    """`.on(date)`: the seats that existed that day."""


class Seat(models.Model):
    """A place on a body, filled by a membership or shown as a vacancy."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    label = models.CharField(
        max_length=200, help_text="For example: Cheshire Constabulary, or Young people's representative."
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="seats"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    objects = SeatQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["body__name", "label"]
        constraints = [
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=F("start")), name="seat_end_after_start"),
        ]

    def __str__(self):
        return f"{self.label} ({self.body})"


class MembershipQuerySet(DatedQuerySet):
    """`.on(date)`: the memberships held that day."""

    def chairs(self):
        return self.filter(role=Role.CHAIR)

    def vice_chairs(self):
        return self.filter(role=Role.VICE_CHAIR)

    def of_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(person__user=user)

    def due_for_review(self, by=None):
        """Current memberships whose regular review (Agreement 6.5) falls on or before `by`."""
        by = by or today()
        return self.current().filter(review_due_on__lte=by)


class Membership(models.Model):
    """A person's place on a body, for an organisation, in a role, between two dates."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        help_text="The organisation the person sits for, if any.",
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    seat = models.ForeignKey(Seat, on_delete=models.SET_NULL, null=True, blank=True, related_name="memberships")
    # Each partner names a reserve for its member (minutes of 30 April 2009, item 3).
    reserve_for = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reserves",
        help_text="For a named reserve: the membership they stand in for.",
    )
    start = models.DateField()
    end = models.DateField(null=True, blank=True, help_text="The last day in the role. Leave empty if it continues.")
    end_reason = models.CharField(max_length=300, blank=True)
    # Membership is reviewed regularly and means accepting the Agreement (Agreement 6.5).
    review_due_on = models.DateField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["body__name", "role", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="membership_end_after_start",
                violation_error_message="A membership cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=Q(role="named_reserve", reserve_for__isnull=False)
                | (~Q(role="named_reserve") & Q(reserve_for__isnull=True)),
                name="membership_reserve_names_member",
                violation_error_message="A named reserve stands in for a member; only a reserve does.",
            ),
            # Portable guards: hold on SQLite too, for open-ended memberships.
            models.UniqueConstraint(
                fields=["body", "role"],
                condition=Q(role__in=["chair", "vice_chair"], end__isnull=True),
                name="membership_one_open_chair",
                violation_error_message="The body already has someone in this role.",
            ),
            models.UniqueConstraint(
                fields=["person", "body", "role"],
                condition=Q(end__isnull=True),
                name="membership_one_open_per_role",
                violation_error_message="This person already holds this role on this body.",
            ),
            # Full guards over every period, on PostgreSQL.
            PostgresExclusionConstraint(
                name="membership_one_chair_at_a_time",
                expressions=[
                    ("body", RangeOperators.EQUAL),
                    ("role", RangeOperators.EQUAL),
                    (_period(), RangeOperators.OVERLAPS),
                ],
                condition=Q(role__in=["chair", "vice_chair"]),
            ),
            PostgresExclusionConstraint(
                name="membership_no_overlapping_duplicates",
                expressions=[
                    ("person", RangeOperators.EQUAL),
                    ("body", RangeOperators.EQUAL),
                    ("role", RangeOperators.EQUAL),
                    (_period(), RangeOperators.OVERLAPS),
                ],
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}, {self.body}"

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = "The end date must be on or after the start date."
        if self.role == Role.NAMED_RESERVE and not self.reserve_for_id:
            errors["reserve_for"] = "Choose the member this person is the named reserve for."
        if self.role != Role.NAMED_RESERVE and self.reserve_for_id:
            errors["reserve_for"] = "Only a named reserve stands in for another member."
        if self.reserve_for_id and self.body_id and self.reserve_for.body_id != self.body_id:
            errors["reserve_for"] = "A reserve stands in for a member of the same body."
        if self.seat_id and self.body_id and self.seat.body_id != self.body_id:
            errors["seat"] = "That seat belongs to another body."
        if self.body_id and self.start:
            body = self.body
            if self.start < body.established_on:
                errors["start"] = (
                    f"{body} was established on {british_date(body.established_on)}; start on or after that day."
                )
            elif body.ended_on and (self.end is None or self.end > body.ended_on):
                errors["end"] = f"{body} ended on {british_date(body.ended_on)}; the membership must end by then."
        if errors:
            raise ValidationError(errors)
        if self.body_id and self.start and self.role:
            self._check_overlaps()

    def _check_overlaps(self):
        others = Membership.objects.filter(body_id=self.body_id, role=self.role).exclude(pk=self.pk)
        others = others.filter(Q(end__isnull=True) | Q(end__gte=self.start))
        if self.end:
            others = others.filter(start__lte=self.end)
        if self.role in SINGLE_ROLES:
            clash = others.select_related("person").first()
            if clash:
                raise ValidationError(
                    {
                        "start": f"{self.body} already has a {self.get_role_display().lower()} in this period: "
                        f"{clash.person} from {british_date(clash.start)}"
                        + (f" to {british_date(clash.end)}." if clash.end else ".")
                    }
                )
        if self.person_id and others.filter(person_id=self.person_id).exists():
            raise ValidationError(
                {"start": "This person already holds this role on this body for part of this period."}
            )

    def held_on(self, date):
        return self.start <= date and (self.end is None or self.end >= date)

    def next_review_after(self, date: datetime.date) -> datetime.date:
        return date + relativedelta(months=self.body.membership_review_months)
