"""Forms of the meetings list, the calendar, special meeting requests, the actions register and attendance."""

import datetime
import re

from django import forms
from django.utils import timezone

from bodies.models import Body
from meetings.models import ActionStatus, SpecialMeetingRequest
from partnership.models import Person
from partnership.rendering import GovukFormMixin

FIRST_YEAR, LAST_YEAR = 2000, 2100

_TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>[ap]\.?m\.?)?$", re.IGNORECASE)
TIME_HINT = "For example, 2pm, 10:30am or 14:00."


def parse_time(text: str) -> datetime.time | None:
    """Read a time as people write it: "2pm", "10.30am", "14:00", "noon". None if it is not a time."""
    text = text.strip().lower()
    if text in ("noon", "midday", "12 noon"):
        return datetime.time(12)
    match = _TIME.match(text)
    if not match:
        return None
    hour, minute, half = int(match["hour"]), int(match["minute"] or 0), match["half"]
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.startswith("p") else 0)
    elif match["minute"] is None or hour > 23:
        # "14" alone could be a slip for "14:00" or "2pm"; ask rather than guess.
        return None
    if minute > 59:
        return None
    return datetime.time(hour, minute)


class TimeField(forms.Field):
    """A time of day typed as people write it; cleaned to a datetime.time."""

    widget = forms.TextInput
    default_error_messages = {"invalid": f"Enter a time. {TIME_HINT}"}

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", TIME_HINT)
        super().__init__(**kwargs)
        self.widget.attrs.update({"class": "govuk-input--width-5", "maxlength": "20"})

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        parsed = parse_time(value) if len(value) <= 20 else None
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


# The meetings list and the calendar of business


class MeetingFilterForm(GovukFormMixin, forms.Form):
    body = forms.ModelChoiceField(
        queryset=Body.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All bodies",
        error_messages={"invalid_choice": "Choose a body from the list."},
    )


class YearForm(GovukFormMixin, forms.Form):
    year = forms.IntegerField(
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        required=False,
        error_messages={
            "invalid": "Enter the year as a number, such as 2009.",
            "min_value": f"Enter a year from {FIRST_YEAR} to {LAST_YEAR}.",
            "max_value": f"Enter a year from {FIRST_YEAR} to {LAST_YEAR}.",
        },
    )


# Special meetings


class SpecialRequestForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = SpecialMeetingRequest
        fields = ["reason", "proposed_dates"]
        labels = {"reason": "Why is a special meeting needed?", "proposed_dates": "Dates you propose"}
        help_texts = {
            "reason": "Say what the meeting would decide or discuss, and why it cannot wait for the next "
            "ordinary meeting.",
            "proposed_dates": "For example, any weekday afternoon in the week of 18 May.",
        }
        widgets = {"reason": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = "Say why a special meeting is needed."

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) > 2000:
            raise forms.ValidationError("Say why in 2,000 characters or fewer.")
        return reason


class ScheduleSpecialMeetingForm(GovukFormMixin, forms.Form):
    date = forms.DateField(label="Date of the special meeting")
    start_time = TimeField(label="Start time")
    end_time = TimeField(label="End time", required=False)
    venue = forms.CharField(max_length=300, help_text="For example, Council Chamber, HQ, Nicholas Street, Chester.")
    online_url = forms.URLField(label="Online joining link", required=False, max_length=200, assume_scheme="https")
    note = forms.CharField(
        label="Message to the member who asked",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        cleaned = super().clean()
        date, start, end = cleaned.get("date"), cleaned.get("start_time"), cleaned.get("end_time")
        if date is None or start is None:
            return cleaned
        starts_at = timezone.make_aware(datetime.datetime.combine(date, start))
        if starts_at <= timezone.now():
            self.add_error("date", "The special meeting must start in the future.")
        cleaned["starts_at"] = starts_at
        cleaned["ends_at"] = None
        if end is not None:
            if end <= start:
                self.add_error("end_time", "The end time must be after the start time.")
            else:
                cleaned["ends_at"] = timezone.make_aware(datetime.datetime.combine(date, end))
        return cleaned


class DeclineRequestForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Reason for declining",
        max_length=2000,
        help_text="The member who asked will see this.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Give the reason for declining the request."},
    )


# The actions register

STATUS_FILTERS = [
    ("", "Any status"),
    ("unfinished", "Open or in progress"),
    *ActionStatus.choices,
]


class ActionFilterForm(GovukFormMixin, forms.Form):
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="All bodies",
        error_messages={"invalid_choice": "Choose a body from the list."},
    )
    owner = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        empty_label="Anyone",
        error_messages={"invalid_choice": "Choose an owner from the list."},
    )
    status = forms.ChoiceField(choices=STATUS_FILTERS, required=False)
    due_before = forms.DateField(label="Due before", required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args, bodies, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["owner"].queryset = owners
        self.fields["status"].error_messages["invalid_choice"] = "Choose a status from the list."


class ActionUpdateForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(choices=ActionStatus.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=300,
        help_text="What has been done, or why the action is no longer needed.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, action=None, **kwargs):
        if action is not None:
            kwargs.setdefault("initial", {"status": action.status, "note": action.status_note})
        super().__init__(*args, **kwargs)
        self.fields["status"].error_messages["invalid_choice"] = "Choose the status of the action from the list."


# Attendance


class AttendanceFilterForm(GovukFormMixin, forms.Form):
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="All bodies",
        error_messages={"invalid_choice": "Choose a body from the list."},
    )
    since = forms.DateField(label="Meetings from", required=False)
    until = forms.DateField(label="Meetings up to", required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "The end of the period must not be before its start.")
        return cleaned
