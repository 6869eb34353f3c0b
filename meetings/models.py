"""Meetings of the bodies: agendas, papers, attendance, minutes and actions."""

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from bodies.models import Body, Membership
from partnership.append_only import AppendOnlyModel, AppendOnlyQuerySet
from partnership.dates import british_date, british_datetime
from partnership.models import Person, SignedWith, User


class MeetingKind(models.TextChoices):
    ORDINARY = "ordinary", "Ordinary"
    # A partner asks the secretariat, which forwards the request to the chair (minutes, 30 April 2009, item 3).
    SPECIAL = "special", "Special"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    AGENDA_PUBLISHED = "agenda_published", "Agenda published"
    HELD = "held", "Held"
    MINUTES_DRAFTED = "minutes_drafted", "Minutes drafted"
    MINUTES_APPROVED = "minutes_approved", "Minutes approved"
    MINUTES_PUBLISHED = "minutes_published", "Minutes published"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed"


# The meetings members reply to: arranged, and not yet held.
REPLYING_STATUSES = [MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED]


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__gte=now).order_by("starts_at")

    def past(self, now=None):
        now = now or timezone.now()
        return self.filter(starts_at__lt=now).order_by("-starts_at")

    def in_calendar(self):
        """Meetings that belong in the calendar of business: not cancelled."""
        return self.exclude(status=MeetingStatus.CANCELLED)


class Meeting(models.Model):
    """A meeting of a body. Its id is its permanent public address: /meetings/<id>/."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(max_length=10, choices=MeetingKind.choices, default=MeetingKind.ORDINARY)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    online_url = models.URLField("online joining link", blank=True)
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    status_reason = models.CharField(max_length=300, blank=True, help_text="Why it was cancelled or postponed.")
    agenda_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when the secretariat enters a meeting that had already taken place, from the paper record:
    # a partnership adopting the application brings its past meetings. Nothing about it is news.
    entered_afterwards_at = models.DateTimeField(null=True, blank=True, editable=False)
    entered_afterwards_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_it_starts",
                violation_error_message="A meeting must end after it starts.",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["cancelled", "postponed"]) | ~Q(status_reason=""),
                name="meeting_cancellation_has_reason",
                violation_error_message="Give the reason the meeting was cancelled or postponed.",
            ),
            # Entered afterwards means after it started, and says by whom.
            models.CheckConstraint(
                condition=(Q(entered_afterwards_at__isnull=True) & Q(entered_afterwards_by__isnull=True))
                | (
                    Q(entered_afterwards_at__isnull=False)
                    & Q(entered_afterwards_by__isnull=False)
                    & Q(entered_afterwards_at__gt=F("starts_at"))
                ),
                name="meeting_entered_afterwards_after_it_started",
                violation_error_message="A meeting entered afterwards must have started before it was entered.",
            ),
        ]

    def __str__(self):
        kind = "Special meeting" if self.kind == MeetingKind.SPECIAL else "Meeting"
        return f"{kind} of {self.body.name}, {british_date(self.starts_at)}"

    def get_absolute_url(self):
        return reverse("meeting_detail", args=[self.pk])

    def circulation_deadline(self) -> datetime.date:
        """The last day papers can go out on time: a week before by default (Agreement 10.4)."""
        return timezone.localdate(self.starts_at) - datetime.timedelta(days=self.body.circulation_days)

    def reply_deadline(self) -> datetime.datetime:
        """When members' replies close: the end of the day `body.reply_days` before the meeting, or its start at 0."""
        days = self.body.reply_days
        if not days:
            return self.starts_at
        last_day = timezone.localdate(self.starts_at) - datetime.timedelta(days=days)
        return timezone.make_aware(datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time()))

    def reply_deadline_words(self) -> str:
        """The deadline as the reply page says it: "the end of 28 April 2009"."""
        if not self.body.reply_days:
            return f"the start of the meeting, {british_datetime(self.starts_at)}"
        last_day = timezone.localdate(self.starts_at) - datetime.timedelta(days=self.body.reply_days)
        return f"the end of {british_date(last_day)}"

    @property
    def takes_replies(self):
        """Arranged and still to be held: not cancelled, postponed, held, nor entered from the paper record."""
        return self.status in REPLYING_STATUSES and not self.is_entered_afterwards

    def replies_open(self, now: datetime.datetime | None = None) -> bool:
        return self.takes_replies and (now or timezone.now()) < self.reply_deadline()

    @property
    def is_cancelled(self):
        return self.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED)

    @property
    def agenda_is_published(self):
        return self.agenda_published_at is not None

    @property
    def is_entered_afterwards(self):
        """Entered by the secretariat from the paper record after the meeting took place."""
        return self.entered_afterwards_at is not None


class ItemKind(models.TextChoices):
    DECISION = "decision", "For decision"
    DISCUSSION = "discussion", "For discussion"
    INFORMATION = "information", "For information"


class StandingRole(models.TextChoices):
    APOLOGIES = "apologies", "Apologies"
    PREVIOUS_MINUTES = "previous_minutes", "Minutes of the previous meeting and matters arising"
    # A standing item on every agenda (Agreement 8.11).
    PARTNER_MATTERS = "partner_matters", "Partner matters"
    OTHER_BUSINESS = "other_business", "Any other business"
    NEXT_MEETING = "next_meeting", "Date of the next meeting"


# Where each standing item goes: before the business, or after it.
STANDING_BEFORE = [StandingRole.APOLOGIES, StandingRole.PREVIOUS_MINUTES]
STANDING_AFTER = [StandingRole.PARTNER_MATTERS, StandingRole.OTHER_BUSINESS, StandingRole.NEXT_MEETING]


class StandingItem(models.Model):
    """An item added to every new agenda of a body. A body with none gets the partnership's five."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="standing_items")
    role = models.CharField(max_length=20, choices=StandingRole.choices)
    title = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["body", "role"], name="standing_item_once_per_body")]

    def __str__(self):
        return self.title


class AgendaItem(models.Model):
    """A numbered item of business on a meeting's agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=ItemKind.choices, default=ItemKind.DISCUSSION)
    standing_role = models.CharField(max_length=20, choices=StandingRole.choices, blank=True)
    presenter = models.CharField(max_length=200, blank=True)
    # Who writes the item's paper: reminded as the circulation deadline nears while no paper has come.
    paper_expected_from = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="paper expected from"
    )
    description = models.TextField(blank=True)
    taken_with = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="Taken together with"
    )
    # Confidential matters stay in the meeting (Agreement 11.2).
    confidential = models.BooleanField(default=False)
    confidential_reason = models.CharField(max_length=300, blank=True)
    # The discussion as minuted; decisions and actions hang off the item.
    discussion = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "number"]
        permissions = [("view_confidential_item", "Can see a confidential agenda item")]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_unique"),
            models.CheckConstraint(
                condition=Q(confidential=False) | ~Q(confidential_reason=""),
                name="agenda_item_confidential_has_reason",
                violation_error_message="Give the reason the item is confidential.",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def clean(self):
        super().clean()
        if self.confidential and not self.confidential_reason.strip():
            raise ValidationError({"confidential_reason": "Give the reason the item is confidential."})


class Paper(models.Model):
    """A report with the partnership's one-side cover sheet, in one or more versions."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="papers")
    # The cover sheet (the heads of the partnership's reports).
    title = models.CharField("report title", max_length=300)
    description = models.TextField(blank=True)
    purpose = models.CharField("document purpose", max_length=300, blank=True)
    circulation = models.CharField("circulation list", max_length=300, blank=True)
    action_required = models.TextField("decision or action required", blank=True)
    author = models.CharField(max_length=200)
    contact_details = models.CharField(max_length=300, blank=True)
    publication_date = models.DateField(null=True, blank=True)
    target_audience = models.CharField(max_length=300, blank=True)
    cross_reference = models.CharField(max_length=300, blank=True)
    confidential = models.BooleanField(default=False)
    confidential_reason = models.CharField(max_length=300, blank=True)
    # Set when the paper goes out: with the pack, or on its own if added after.
    circulated_at = models.DateTimeField(null=True, blank=True, editable=False)
    late_reason = models.CharField(
        max_length=300, blank=True, help_text="Why the paper goes out after the circulation deadline."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item__number", "pk"]
        permissions = [("view_confidential_paper", "Can see a confidential paper")]
        constraints = [
            models.CheckConstraint(
                condition=Q(confidential=False) | ~Q(confidential_reason=""),
                name="paper_confidential_has_reason",
                violation_error_message="Give the reason the paper is confidential.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("paper_detail", args=[self.meeting_id, self.pk])

    def is_late(self):
        """Circulated after the deadline (Agreement 10.4)."""
        if self.circulated_at is None:
            return False
        return timezone.localdate(self.circulated_at) > self.meeting.circulation_deadline()


class VersionKind(models.TextChoices):
    ORIGINAL = "original", "Original"
    REVISED = "revised", "Revised"
    SUPPLEMENTARY = "supplementary", "Supplementary"


def paper_upload_to(version, filename):
    return f"papers/{version.paper.meeting_id}/{version.paper_id}/v{version.number}-{version.sha256[:12]}"


class PaperVersion(models.Model):
    """One version of a paper: a document or text written in the app. Earlier versions are kept."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=20, choices=VersionKind.choices, default=VersionKind.ORIGINAL)
    document = models.FileField(upload_to=paper_upload_to, blank=True)
    filename = models.CharField(max_length=255, blank=True)
    # Found from the file's content, never from its name.
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    text = models.TextField(blank=True)
    # The words of the uploaded document, read once when it was uploaded (meetings.extraction), for search.
    extracted_text = models.TextField(blank=True, editable=False)
    note = models.CharField(max_length=300, blank=True, help_text="What changed in this version.")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["paper", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "number"], name="paper_version_number_unique"),
            models.CheckConstraint(condition=~Q(document="") | ~Q(text=""), name="paper_version_has_document_or_text"),
        ]

    def __str__(self):
        return f"{self.paper} (version {self.number})"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class Capacity(models.TextChoices):
    MEMBER = "member", "Member"
    RESERVE = "reserve", "Named reserve attending for a member"
    SUPPORT = "support", "Support staff"
    VISITOR = "visitor", "Visitor"


class Attendance(models.Model):
    """Who was expected at a meeting and whether they came."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    capacity = models.CharField(max_length=10, choices=Capacity.choices, default=Capacity.MEMBER)
    # The seat the person is counted in: their own, or the member's they stand in for.
    membership = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    role_shown = models.CharField("role", max_length=200, blank=True)
    organisation_shown = models.CharField("organisation", max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT)
    arrived_before_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="Arrived late"
    )
    left_after_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="Left early"
    )
    # The member's note from their reply (why they cannot come): for the secretariat, never minuted.
    note = models.CharField(max_length=500, blank=True)
    # False while a row started from the membership waits for the secretariat to say whether the person came.
    recorded = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "capacity", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once_per_person"),
            # A named reserve attending for a member counts for that seat once, never twice.
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                condition=Q(status="present", membership__isnull=False),
                name="attendance_seat_counted_once",
                violation_error_message="Someone is already counted present in this seat.",
            ),
        ]

    def __str__(self):
        return f"{self.person} at {self.meeting}: {self.get_status_display()}"

    def present_for(self, item):
        """Present during `item`, given late arrival and early departure."""
        if self.status != AttendanceStatus.PRESENT:
            return False
        if self.arrived_before_item_id and self.arrived_before_item.number > item.number:
            return False
        return not (self.left_after_item_id and self.left_after_item.number < item.number)


class ReplyAnswer(models.TextChoices):
    ATTENDING = "attending", "Attending"
    APOLOGIES = "apologies", "Apologies"
    # Each partner names a reserve for its member (minutes of 30 April 2009, item 3).
    RESERVE = "reserve", "Apologies, and a named reserve attends"
    RESERVE_WANTED = "reserve_wanted", "Apologies, and no named reserve: the secretariat is asked to add one"


# The answers that send apologies.
APOLOGY_ANSWERS = [ReplyAnswer.APOLOGIES, ReplyAnswer.RESERVE, ReplyAnswer.RESERVE_WANTED]


class MeetingReply(models.Model):
    """A member's reply to a meeting: attending, apologies, or their named reserve in their seat.

    One per member and meeting, changed until replies close (Meeting.reply_deadline); every version is kept.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="replies")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    # The seat the member holds on the body on the day of the meeting.
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=20, choices=ReplyAnswer.choices)
    # The named reserve's own membership: a reserve for `membership` on the day. Emptied if that place is removed.
    reserve = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.CharField(max_length=500, blank=True)
    replied_at = models.DateTimeField(default=timezone.now)
    # When the reserve now named was named: naming them is news to them, an unchanged reply is not.
    reserve_named_at = models.DateTimeField(null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "person__name", "pk"]
        verbose_name_plural = "meeting replies"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="meeting_reply_once_per_person",
                violation_error_message="This member has already replied to this meeting.",
            ),
            models.CheckConstraint(
                condition=Q(reserve__isnull=True) | Q(answer="reserve"),
                name="meeting_reply_reserve_only_when_named",
                violation_error_message="Only a reply naming a reserve names one.",
            ),
        ]

    def __str__(self):
        return f"{self.person} to the {self.meeting}: {self.get_answer_display()}"

    def clean(self):
        super().clean()
        if self.answer == ReplyAnswer.RESERVE and self.reserve_id is None:
            raise ValidationError({"answer": "Choose the named reserve who attends in your place."})
        if self.membership_id and self.person_id and self.membership.person_id != self.person_id:
            raise ValidationError({"membership": "A member replies for their own seat."})

    @property
    def sends_apologies(self):
        return self.answer in APOLOGY_ANSWERS


class Decision(models.Model):
    """A decision minuted against an item; numbered through the meeting."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["item__number", "number"]

    def __str__(self):
        return f"Decision {self.number}"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "No longer needed"


OPEN_ACTION_STATUSES = [ActionStatus.OPEN, ActionStatus.IN_PROGRESS]


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_ACTION_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())


class Action(models.Model):
    """Something a meeting asked to be done, by one or more owners, by a date."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField()
    owners = models.ManyToManyField(Person, related_name="actions")
    owner_note = models.CharField(
        max_length=200, blank=True, help_text="Owners who are not people in the records, e.g. 'all partners'."
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    status_note = models.CharField(max_length=300, blank=True)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[owners])

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.text[:80]


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved as an accurate record"
    SIGNED = "signed", "Signed by the chair"


class Minutes(models.Model):
    """The minutes of a meeting: one record, from which the public rendition is derived."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT)
    drafted_at = models.DateTimeField(default=timezone.now)
    # Approved at the next meeting, under its "minutes of the previous meeting" item.
    approved_at_item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="approved_minutes"
    )
    approved_on = models.DateField(null=True, blank=True)
    signed_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    signed_at = models.DateTimeField(null=True, blank=True)
    # SHA-256 of the canonical text signed; a correction records the new one.
    signed_hash = models.CharField(max_length=64, blank=True)
    # What confirmed the chair at the keyboard when they signed online: password alone, or with a second factor.
    signed_with = models.CharField(max_length=20, choices=SignedWith.choices, blank=True)
    # The minutes of a meeting entered afterwards may have been signed on paper: the secretariat records
    # who signed (the chair or vice chair that day) and when; signed_at is then that day, with no time.
    signed_on_paper_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="signed on paper by"
    )
    paper_signature_recorded_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    paper_signature_recorded_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "minutes"
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="signed") | (Q(signed_at__isnull=False) & ~Q(signed_hash="")),
                name="minutes_signed_have_hash",
            ),
            models.CheckConstraint(
                condition=(
                    Q(signed_on_paper_by__isnull=True)
                    & Q(paper_signature_recorded_by__isnull=True)
                    & Q(paper_signature_recorded_at__isnull=True)
                )
                | (
                    Q(status="signed")
                    & Q(signed_on_paper_by__isnull=False)
                    & Q(paper_signature_recorded_by__isnull=False)
                    & Q(paper_signature_recorded_at__isnull=False)
                ),
                name="minutes_paper_signature_recorded_in_full",
                violation_error_message="A signature on paper names who signed, and who recorded it when.",
            ),
        ]

    def __str__(self):
        return f"Minutes of the {self.meeting}"

    def get_absolute_url(self):
        return reverse("meeting_minutes", args=[self.meeting_id])

    @property
    def is_locked(self):
        """Signed minutes are locked; a change is a recorded correction."""
        return self.status == MinutesStatus.SIGNED

    @property
    def is_published(self):
        return self.published_at is not None

    @property
    def is_signed_on_paper(self):
        """Signed on paper, and recorded by the secretariat from the paper record."""
        return self.paper_signature_recorded_at is not None


class Correction(AppendOnlyModel):
    """A correction to signed minutes, kept with who, when and the hashes before and after.

    Written once and never changed or removed: a later correction corrects it (partnership.append_only).
    """

    minutes = models.ForeignKey(Minutes, on_delete=models.PROTECT, related_name="corrections")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reason = models.TextField()
    before = models.TextField()
    after = models.TextField()
    previous_hash = models.CharField(max_length=64)
    new_hash = models.CharField(max_length=64)
    made_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["made_at"]

    def __str__(self):
        return f"Correction to {self.minutes}, {british_date(self.made_at)}"


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", "With the secretariat"
    FORWARDED = "forwarded", "With the chair"
    AGREED = "agreed", "Agreed"
    DECLINED = "declined", "Declined"


class SpecialMeetingRequest(models.Model):
    """A member's request for a special meeting (minutes, 30 April 2009, item 3)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="special_requests")
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(help_text="What the meeting is needed for.")
    proposed_dates = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED)
    created_at = models.DateTimeField(default=timezone.now)
    forwarded_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    forwarded_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    meeting = models.OneToOneField(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="special_request"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decision_reason=""),
                name="special_request_declined_with_reason",
            ),
        ]

    def __str__(self):
        return f"Request for a special meeting of {self.body}"


def canonical_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ForwardPlanEntry(models.Model):
    """A decision a body expects to take at a coming meeting: the forward plan, entered by the secretariat.

    It names the meeting expected, or only the month while no meeting is arranged, and the agenda item
    once the business is on an agenda. A confidential entry shows the public only its reason (Agreement 11.2).
    """

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="forward_plan")
    title = models.CharField("decision expected", max_length=300)
    summary = models.TextField(blank=True)
    expected_meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="forward_plan_entries"
    )
    # The first day of the month expected, while no meeting is named.
    expected_month = models.DateField(null=True, blank=True)
    decision_maker = models.CharField("who decides", max_length=200, blank=True)
    confidential = models.BooleanField(default=False)
    confidential_reason = models.CharField(max_length=300, blank=True)
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="forward_plan_entries"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["expected_month", "pk"]
        verbose_name_plural = "forward plan entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_meeting__isnull=False) | Q(expected_month__isnull=False),
                name="forward_plan_entry_expected_when",
                violation_error_message="Choose the meeting expected, or the month.",
            ),
            models.CheckConstraint(
                condition=Q(confidential=False) | ~Q(confidential_reason=""),
                name="forward_plan_entry_confidential_has_reason",
                violation_error_message="Give the reason the entry is confidential.",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.expected_meeting_id is None and self.expected_month is None:
            errors["expected_meeting"] = "Choose the meeting expected, or give the month."
        if self.expected_month is not None and self.expected_month.day != 1:
            self.expected_month = self.expected_month.replace(day=1)
        if self.confidential and not self.confidential_reason.strip():
            errors["confidential_reason"] = "Give the reason the entry is confidential."
        if self.expected_meeting_id and self.body_id and self.expected_meeting.body_id != self.body_id:
            errors["expected_meeting"] = "Choose a meeting of the body that takes the decision."
        if self.agenda_item_id and self.agenda_item.meeting_id != self.expected_meeting_id:
            errors["agenda_item"] = "Choose an item on the agenda of the meeting expected."
        if errors:
            raise ValidationError(errors)


class VoteWay(models.TextChoices):
    FOR = "for", "For"
    AGAINST = "against", "Against"
    ABSTAIN = "abstain", "Abstained"


class CastingVote(models.TextChoices):
    FOR = "for", "For"
    AGAINST = "against", "Against"


class RecordedVote(models.Model):
    """A vote recorded on a decision (optional per decision): one row per seat present for the item (Vote).

    Its result and whether the item was quorate are worked out from the records (meetings.votes), never typed.
    A tie is not carried unless the chair's casting vote, recorded here, is for.
    """

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="recorded_vote")
    casting_vote = models.CharField("the chair's casting vote", max_length=10, choices=CastingVote.choices, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()

    def __str__(self):
        return f"The vote on {self.decision}"


class Vote(models.Model):
    """How one seat voted on a decision: its member present for the item, or the named reserve in the member's seat.

    A seat votes once (the constraint `vote_seat_once`, and clean()); the attendance row says who
    was there, so only someone present for the item can vote (meetings.actions.votes).
    """

    recorded_vote = models.ForeignKey(RecordedVote, on_delete=models.CASCADE, related_name="votes")
    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="+")
    # The seat: the attendance row's membership, copied so the database can hold a seat to one vote.
    # Emptied if that place is removed, as the attendance row's is.
    membership = models.ForeignKey(Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    way = models.CharField(max_length=10, choices=VoteWay.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["recorded_vote", "attendance__person__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recorded_vote", "membership"],
                name="vote_seat_once",
                violation_error_message="This seat has already voted on this decision.",
            ),
            models.UniqueConstraint(
                fields=["recorded_vote", "attendance"],
                name="vote_once_per_person",
                violation_error_message="This person has already voted on this decision.",
            ),
        ]

    def __str__(self):
        return f"{self.attendance.person}: {self.get_way_display()}"

    def clean(self):
        super().clean()
        if not self.attendance_id or not self.recorded_vote_id:
            return
        attendance = self.attendance
        item = self.recorded_vote.decision.item
        if attendance.meeting_id != item.meeting_id:
            raise ValidationError({"attendance": "Only someone on this meeting's attendance list votes."})
        if attendance.capacity not in (Capacity.MEMBER, Capacity.RESERVE) or (
            attendance.capacity == Capacity.RESERVE and attendance.membership_id is None
        ):
            raise ValidationError(
                {
                    "attendance": f"{attendance.person.full_name} does not hold a seat: only members and named reserves vote."
                }
            )
        if self.membership_id != attendance.membership_id:
            raise ValidationError({"membership": "A vote is counted in the seat the voter attends in."})
        if (
            self.membership_id
            and Vote.objects.filter(recorded_vote_id=self.recorded_vote_id, membership_id=self.membership_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError(
                "A named reserve attending for a member votes for that seat once, never twice: "
                "this seat has already voted on this decision."
            )
        if not attendance.present_for(item):
            raise ValidationError(
                {"attendance": f"{attendance.person.full_name} was not present for item {item.number}."}
            )
