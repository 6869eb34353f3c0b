"""The secretariat's forms of the forward plan: an entry, and the agenda item it became."""

import datetime

from django import forms
from django.utils import timezone

from bodies.models import Body
from meetings.models import AgendaItem, ForwardPlanEntry, Meeting, MeetingStatus
from partnership.dates import british_datetime
from partnership.rendering import GovukFormMixin

FIRST_YEAR, LAST_YEAR = 2000, 2100
MONTHS = [(str(n), f"{datetime.date(2000, n, 1):%B}") for n in range(1, 13)]


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        return f"{meeting.body.name}, {british_datetime(meeting.starts_at)}"


class ForwardPlanEntryForm(GovukFormMixin, forms.Form):
    body = forms.ModelChoiceField(
        queryset=Body.objects.order_by("name"),
        label="Body that takes the decision",
        empty_label="Choose a body",
        error_messages={
            "required": "Choose the body that takes the decision.",
            "invalid_choice": "Choose a body from the list.",
        },
    )
    title = forms.CharField(
        label="Decision expected",
        max_length=300,
        help_text="What the body is expected to decide, for example “Approve the community safety plan for 2010/11”.",
        error_messages={"required": "Say what decision is expected."},
    )
    summary = forms.CharField(label="Summary", widget=forms.Textarea(attrs={"rows": 4}), required=False)
    expected_meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(),
        label="Meeting expected",
        required=False,
        empty_label="Not arranged yet: give the month below",
        help_text="A meeting to come of the body that takes the decision.",
        error_messages={"invalid_choice": "Choose a meeting from the list."},
    )
    expected_month = forms.TypedChoiceField(
        label="Month expected",
        choices=[("", "Choose a month"), *MONTHS],
        coerce=int,
        empty_value=None,
        required=False,
        help_text="When no meeting is arranged yet.",
        error_messages={"invalid_choice": "Choose a month from the list."},
    )
    expected_year = forms.IntegerField(
        label="Year expected",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        required=False,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter the year as a number, such as 2010.",
            "min_value": f"Enter a year from {FIRST_YEAR} to {LAST_YEAR}.",
            "max_value": f"Enter a year from {FIRST_YEAR} to {LAST_YEAR}.",
        },
    )
    decision_maker = forms.CharField(
        label="Who decides",
        max_length=200,
        required=False,
        help_text="If not the whole body: for example, “The chair, on the board’s behalf”.",
    )
    confidential = forms.BooleanField(
        label="The entry is confidential",
        required=False,
        help_text="The public sees only “A confidential item” and the reason (Agreement 11.2).",
    )
    confidential_reason = forms.CharField(label="Reason it is confidential", max_length=300, required=False)

    def __init__(self, *args, entry: ForwardPlanEntry | None = None, **kwargs):
        if entry is not None and "initial" not in kwargs:
            month = entry.expected_month
            kwargs["initial"] = {
                "body": entry.body_id,
                "title": entry.title,
                "summary": entry.summary,
                "expected_meeting": entry.expected_meeting_id,
                "expected_month": month.month if month else None,
                "expected_year": month.year if month else None,
                "decision_maker": entry.decision_maker,
                "confidential": entry.confidential,
                "confidential_reason": entry.confidential_reason,
            }
        super().__init__(*args, **kwargs)
        meetings = Meeting.objects.filter(starts_at__gte=timezone.now()).exclude(status=MeetingStatus.CANCELLED)
        if entry is not None and entry.expected_meeting_id:
            meetings = Meeting.objects.filter(pk=entry.expected_meeting_id) | meetings
        self.fields["expected_meeting"].queryset = meetings.select_related("body").order_by("starts_at", "pk")

    def clean(self):
        data = super().clean()
        month, year = data.get("expected_month"), data.get("expected_year")
        if (month is None) != (year is None) and not self.has_error("expected_year"):
            if month is None:
                self.add_error("expected_month", "Choose the month as well as the year.")
            else:
                self.add_error("expected_year", "Enter the year as well as the month.")
        data["expected_on"] = datetime.date(year, month, 1) if month and year else None
        if not self.errors and data.get("expected_meeting") is None and data["expected_on"] is None:
            self.add_error("expected_meeting", "Choose the meeting expected, or give the month and year.")
        if data.get("confidential") and not data.get("confidential_reason", "").strip():
            self.add_error("confidential_reason", "Give the reason the entry is confidential.")
        return data

    def fields_to_save(self) -> dict:
        data = self.cleaned_data
        return {
            "body": data["body"],
            "title": data["title"],
            "summary": data["summary"],
            "expected_meeting": data["expected_meeting"],
            "expected_month": data["expected_on"],
            "decision_maker": data["decision_maker"],
            "confidential": data["confidential"],
            "confidential_reason": data["confidential_reason"] if data["confidential"] else "",
        }


class AgendaItemLinkForm(GovukFormMixin, forms.Form):
    item = forms.ModelChoiceField(
        queryset=AgendaItem.objects.none(),
        label="Agenda item",
        required=False,
        empty_label="None: not on the agenda yet",
        # Offer the empty choice among the radios: taking a link away is a choice too.
        blank=True,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose an item from the list."},
    )

    def __init__(self, *args, entry: ForwardPlanEntry, **kwargs):
        kwargs.setdefault("initial", {"item": entry.agenda_item_id})
        super().__init__(*args, **kwargs)
        field = self.fields["item"]
        field.queryset = AgendaItem.objects.filter(meeting_id=entry.expected_meeting_id).order_by("number")
        field.label_from_instance = lambda item: f"Item {item.number}. {item.title}"
