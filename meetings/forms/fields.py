"""Fields the meetings forms share: a time typed as people write it, and choices labelled per row."""

import datetime
import re

from django import forms

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


class LabelledChoiceField(forms.ModelChoiceField):
    """A choice of records, each shown with the label given for it (else its name)."""

    def __init__(self, *args, labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.labels = labels or {}

    def label_from_instance(self, obj):
        return self.labels.get(obj.pk) or str(obj)
