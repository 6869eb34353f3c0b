"""Forms of special meeting requests: asking, scheduling the meeting agreed, declining."""

import datetime

from django import forms
from django.utils import timezone

from meetings.forms.fields import TimeField
from meetings.models import SpecialMeetingRequest
from partnership.rendering import GovukFormMixin


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
