"""Forms for scheduling meetings, building agendas and adding papers."""

import datetime

from django import forms
from django.utils import timezone

from bodies.models import Body
from meetings.actions.agenda import COVER_FIELDS
from meetings.models import AgendaItem, ItemKind, MeetingKind, Paper, VersionKind
from meetings.uploads import check_upload
from partnership.dates import british_date
from partnership.models import Person
from partnership.rendering import GovukFormMixin

CONFIDENTIAL_HELP = "Confidential matters stay in the meeting (Agreement 11.2): the public sees only the reason."


def _time_input():
    widget = forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"})
    widget.input_type = "time"
    return widget


def _aware(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


class WhenFields(forms.Form):
    """A date, a start time and an optional end time on the same day."""

    starts_on = forms.DateField(label="Date of the meeting")
    starts_time = forms.TimeField(label="Start time", widget=_time_input(), help_text="For example, 14:00")
    ends_time = forms.TimeField(label="End time", widget=_time_input(), required=False)

    def clean(self):
        data = super().clean()
        day, start, end = data.get("starts_on"), data.get("starts_time"), data.get("ends_time")
        if day and start:
            data["starts_at"] = _aware(day, start)
            data["ends_at"] = _aware(day, end) if end else None
            if end and end <= start:
                self.add_error("ends_time", "The end time must be after the start time.")
        return data

    def when(self):
        return {"starts_at": self.cleaned_data["starts_at"], "ends_at": self.cleaned_data["ends_at"]}


class MeetingForm(GovukFormMixin, WhenFields):
    """Schedule a meeting, or change its details."""

    field_order = ["body", "kind", "starts_on", "starts_time", "ends_time", "venue", "online_url"]

    body = forms.ModelChoiceField(label="Body", queryset=Body.objects.none(), empty_label="Choose a body")
    kind = forms.ChoiceField(
        label="Kind of meeting", choices=MeetingKind.choices, widget=forms.RadioSelect, initial=MeetingKind.ORDINARY
    )
    venue = forms.CharField(label="Venue", max_length=300, required=False)
    online_url = forms.URLField(
        label="Online joining link", required=False, assume_scheme="https", help_text="If people can join online."
    )

    def __init__(self, *args, meeting=None, **kwargs):
        if meeting is not None:
            local_start = timezone.localtime(meeting.starts_at)
            kwargs["initial"] = {
                "kind": meeting.kind,
                "starts_on": local_start.date(),
                "starts_time": local_start.time(),
                "ends_time": timezone.localtime(meeting.ends_at).time() if meeting.ends_at else None,
                "venue": meeting.venue,
                "online_url": meeting.online_url,
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        if meeting is None:
            self.fields["body"].queryset = Body.objects.filter(ended_on__isnull=True).order_by("name")
        else:
            del self.fields["body"]

    def clean(self):
        data = super().clean()
        starts_at = data.get("starts_at")
        moved = self.meeting is None or starts_at != self.meeting.starts_at
        if self.meeting is not None and self.meeting.is_entered_afterwards:
            if starts_at and moved and starts_at >= timezone.now():
                self.add_error(
                    "starts_on", "This meeting was entered from the paper record: its date must stay in the past."
                )
        elif starts_at and moved and starts_at <= timezone.now():
            message = (
                "A new meeting must be in the future."
                if self.meeting is None
                else ("A meeting cannot be moved to a time that has passed.")
            )
            self.add_error("starts_on", message)
        return data

    def details(self):
        data = self.cleaned_data
        return {**self.when(), "kind": data["kind"], "venue": data["venue"], "online_url": data["online_url"]}


class _BodyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, body):
        return f"{body.name} (ended {british_date(body.ended_on)})" if body.ended_on else body.name


# An agenda entered in one go; more items can be added on the agenda page afterwards.
MOST_ITEMS = 60


class PastMeetingForm(GovukFormMixin, WhenFields):
    """Enter a meeting that has already taken place, from the paper record."""

    field_order = ["body", "kind", "starts_on", "starts_time", "ends_time", "venue", "business"]

    body = _BodyChoiceField(
        label="Body",
        queryset=Body.objects.none(),
        empty_label="Choose a body",
        help_text="Bodies that have since ended are listed too.",
    )
    kind = forms.ChoiceField(
        label="Kind of meeting", choices=MeetingKind.choices, widget=forms.RadioSelect, initial=MeetingKind.ORDINARY
    )
    venue = forms.CharField(label="Venue", max_length=300, required=False)
    business = forms.CharField(
        label="Items of business",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One item a line, in the order of the agenda. The body's standing items, such as apologies and the "
        "minutes of the previous meeting, are put around them. You can change the agenda afterwards.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.order_by("name", "established_on")
        self.fields["starts_on"].help_text = "The day the meeting took place, as the paper record gives it."

    def clean_business(self):
        titles = [line.strip() for line in self.cleaned_data["business"].splitlines() if line.strip()]
        if len(titles) > MOST_ITEMS:
            raise forms.ValidationError(
                f"Enter at most {MOST_ITEMS} items here; add the others on the agenda page afterwards"
            )
        too_long = [number for number, title in enumerate(titles, start=1) if len(title) > 300]
        if too_long:
            raise forms.ValidationError(f"Item {too_long[0]} is longer than 300 characters: shorten it")
        return titles

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data["starts_at"] >= timezone.now():
            self.add_error(
                "starts_on",
                "A meeting entered from the paper record must already have taken place: choose a past date.",
            )
        return data

    def details(self):
        data = self.cleaned_data
        return {**self.when(), "kind": data["kind"], "venue": data["venue"], "business": data["business"]}


class RescheduleForm(GovukFormMixin, WhenFields):
    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data["starts_at"] <= timezone.now():
            self.add_error("starts_on", "The new date must be in the future.")
        return data


class ReasonForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(label="Reason", max_length=300, widget=forms.Textarea(attrs={"rows": 3}))


class PublishForm(GovukFormMixin, forms.Form):
    """Asks why the papers are late only when the deadline has passed and papers are waiting to go out."""

    late_reason = forms.CharField(
        label="Why the papers are late", max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        deadline = meeting.circulation_deadline()
        late = timezone.localdate() > deadline
        if late and meeting.papers.filter(circulated_at__isnull=True, late_reason="").exists():
            self.fields["late_reason"].error_messages["required"] = (
                f"Papers were due out by {british_date(deadline)}: say why they are going out late."
            )
            self.fields["late_reason"].help_text = f"Papers were due out by {british_date(deadline)}."
        else:
            del self.fields["late_reason"]

    def reason(self):
        return self.cleaned_data.get("late_reason", "")


def _require_reason(form, data, what):
    if data.get("confidential") and not data.get("confidential_reason", "").strip():
        form.add_error("confidential_reason", f"Give the reason the {what} is confidential.")


class ItemForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "title",
            "kind",
            "presenter",
            "paper_expected_from",
            "description",
            "taken_with",
            "confidential",
            "confidential_reason",
        ]
        labels = {
            "kind": "What the item is for",
            "presenter": "Presented by",
            "paper_expected_from": "Paper expected from",
            "taken_with": "Taken together with",
            "confidential": "This item is confidential",
            "confidential_reason": "Why it is confidential",
        }
        help_texts = {
            "taken_with": "Leave empty unless the meeting takes this item with another.",
            "paper_expected_from": "They are reminded before papers are due out, until a paper is added to the item.",
            "confidential": CONFIDENTIAL_HELP,
        }
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        others = meeting.items.filter(taken_with__isnull=True).order_by("number")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["taken_with"].queryset = others
        self.fields["taken_with"].empty_label = "Not taken with another item"
        self.fields["kind"].choices = ItemKind.choices
        self.fields["paper_expected_from"].queryset = Person.objects.order_by("name")
        self.fields["paper_expected_from"].empty_label = "No paper expected, or nobody named"

    def item_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class UploadFields(forms.Form):
    """A document or text written here (at least one), and the reason if it goes out late."""

    document = forms.FileField(
        label="Upload the paper",
        required=False,
        help_text="A PDF, Word or OpenDocument file. PDFs are bound into the agenda pack.",
    )
    text = forms.CharField(
        label="Or write the paper here",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Separate paragraphs with a blank line.",
    )
    late_reason = forms.CharField(label="Why the paper is late", max_length=300)

    def ask_why_late(self):
        """Keep the late reason only where it is needed: the pack has gone out and the deadline has passed."""
        meeting = self.meeting
        deadline = meeting.circulation_deadline()
        if meeting.agenda_is_published and timezone.localdate() > deadline:
            self.fields["late_reason"].error_messages["required"] = (
                f"Papers for this meeting were due out by {british_date(deadline)}: say why this paper is late."
            )
            self.fields[
                "late_reason"
            ].help_text = f"Papers for this meeting were due out by {british_date(deadline)}. The paper goes out now, marked late."
        else:
            del self.fields["late_reason"]

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document is None:
            return None
        return check_upload(document)

    def clean(self):
        data = super().clean()
        if "document" not in self.errors and data.get("document") is None and not data.get("text", "").strip():
            self.add_error("document", "Upload the paper, or write its text in the box for it.")
        return data

    def content(self):
        data = self.cleaned_data
        return {"upload": data["document"], "text": data["text"], "late_reason": data.get("late_reason", "")}


class PaperForm(GovukFormMixin, UploadFields, forms.ModelForm):
    """A new paper: its cover sheet and its first version."""

    class Meta:
        model = Paper
        fields = COVER_FIELDS
        labels = {
            "item": "Agenda item",
            "confidential": "This paper is confidential",
            "confidential_reason": "Why it is confidential",
            "publication_date": "Publication date",
        }
        help_texts = {"confidential": CONFIDENTIAL_HELP}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "action_required": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["item"].queryset = meeting.items.order_by("number")
        self.fields["item"].empty_label = "Not on a particular item"
        if not self.instance.pk:
            self.ask_why_late()
            return
        # Editing the cover sheet: the documents change through a new version.
        for name in ("document", "text"):
            del self.fields[name]
        if not self.instance.is_late():
            del self.fields["late_reason"]
        else:
            self.fields["late_reason"].help_text = "The paper went out after the circulation deadline."
            self.fields["late_reason"].error_messages["required"] = "The paper went out late: keep a reason for it."
            self.initial.setdefault("late_reason", self.instance.late_reason)

    def clean(self):
        data = forms.ModelForm.clean(self) if self.instance.pk else super().clean()
        _require_reason(self, data, "paper")
        return data

    def cover(self):
        return {name: self.cleaned_data[name] for name in COVER_FIELDS}


class VersionForm(GovukFormMixin, UploadFields):
    field_order = ["kind", "note", "document", "text", "late_reason"]

    kind = forms.ChoiceField(
        label="Kind of version",
        choices=[
            (VersionKind.REVISED, "Revised: replaces the paper"),
            (VersionKind.SUPPLEMENTARY, "Supplementary: adds to it"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="What changed", max_length=300, required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.ask_why_late()
