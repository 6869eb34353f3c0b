"""The GOV.UK date input: a date typed as day, month and year in three boxes.

https://design-system.service.gov.uk/components/date-input/ and the Dates
pattern. GovukFormMixin (partnership.rendering) gives every DateField the
widget below and teaches the field to read what it returns, so a form needs
nothing of its own:

- the boxes are named as GOV.UK Frontend's macro names them from its
  `namePrefix`: `<name>-day`, `<name>-month`, `<name>-year`;
- without them the plain `<name>` holding an ISO date (YYYY-MM-DD) is read as
  before, so links such as ?from=2026-01-01 keep working;
- what was typed is shown again as typed, and what is wrong gets the Design
  System's messages ("Date of the meeting must include a month", "... must be
  a real date"), with only the boxes at fault marked.
"""

import dataclasses
import datetime
import re

from django import forms
from django.core.exceptions import ValidationError

PARTS = ("day", "month", "year")
_LABELS = {"day": "Day", "month": "Month", "year": "Year"}
_WIDTHS = {"day": 2, "month": 2, "year": 4}
# People write a month as a number or a word (the Dates pattern asks for both to be accepted).
_MONTHS = {
    name: number
    for number, full in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
    for name in (full, full[:3])
} | {"sept": 9}
# ASCII digits only: str.isdigit() accepts "²" and other digits int() refuses or misreads.
_DAY_OR_MONTH = re.compile(r"[0-9]{1,2}")
_NUMBER = re.compile(r"[0-9]{1,9}")
_ISO = re.compile(r"([0-9]{1,4})-([0-9]{1,2})-([0-9]{1,2})")
# Longer than any part anyone types: the rest is cut when it is shown again, never parsed.
_LONGEST_PART = 20


def _missing(parts: list[str]) -> str:
    """Say which parts are missing as GOV.UK does: "month", "day and month", "day and year"."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


@dataclasses.dataclass(frozen=True)
class DateParts:
    """A date as typed in the three boxes, and what is wrong with it.

    `reading()` says what the parts make: (date, None, ()) for a date, (None,
    None, ()) when nothing was typed, and (None, code, faults) otherwise, where
    `code` keys the field's error message and `faults` names the boxes at
    fault, in order.
    """

    day: str = ""
    month: str = ""
    year: str = ""

    def __bool__(self):
        return any((self.day, self.month, self.year))

    def __str__(self):
        return f"{self.day}/{self.month}/{self.year}"

    @classmethod
    def of(cls, value) -> "DateParts":
        """The parts of a value a date field may hold: a date, an ISO date, parts, or nothing."""
        if isinstance(value, DateParts):
            return value
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return cls(str(value.day), str(value.month), str(value.year))
        if isinstance(value, list | tuple) and len(value) == len(PARTS):
            return cls(*(str(part or "") for part in value))
        if isinstance(value, str) and (match := _ISO.fullmatch(value.strip())):
            year, month, day = match.groups()
            try:
                return cls.of(datetime.date(int(year), int(month), int(day)))
            except ValueError:  # 2024-02-30: shown as it was written
                return cls(day, month, year)
        return cls()

    def reading(self) -> tuple[datetime.date | None, str | None, tuple[str, ...]]:
        parts = {"day": self.day, "month": self.month, "year": self.year}
        if not self:
            return None, None, ()
        missing = [name for name, text in parts.items() if not text]
        if missing:
            return None, "incomplete", tuple(missing)
        numbers, wrong = {}, []
        for name, text in parts.items():
            number = _number(name, text)
            if number is None:
                wrong.append(name)
            numbers[name] = number
        if wrong:
            return None, "not_real", tuple(wrong)
        if len(self.year) != 4:
            return None, "year_digits", ("year",)
        try:
            return datetime.date(numbers["year"], numbers["month"], numbers["day"]), None, ()
        except ValueError:  # 31 February, or the year 0
            return None, "not_real", PARTS

    @property
    def faults(self) -> tuple[str, ...]:
        return self.reading()[2]


def _number(name: str, text: str) -> int | None:
    """The day, month or year as a number, or None if it cannot be one."""
    if name == "month" and text.lower() in _MONTHS:
        return _MONTHS[text.lower()]
    if name == "year":
        return int(text) if _NUMBER.fullmatch(text) else None
    if not _DAY_OR_MONTH.fullmatch(text):
        return None
    number = int(text)
    return number if 1 <= number <= (31 if name == "day" else 12) else None


class GovukDateInput(forms.MultiWidget):
    """Three boxes, Day, Month and Year, each with its own label, in GOV.UK's govuk-date-input.

    The field group around it (fieldset, legend, hint, error message) is
    templates/forms/govuk_field.html's. A value of DateParts marks the boxes it
    names in `faults` with govuk-input--error.
    """

    template_name = "forms/widgets/govuk_date_input.html"

    def __init__(self, attrs=None):
        widgets = {
            part: forms.TextInput(
                attrs={
                    "class": f"govuk-input govuk-date-input__input govuk-input--width-{_WIDTHS[part]}",
                    "inputmode": "numeric",
                }
            )
            for part in PARTS
        }
        super().__init__(widgets, attrs)
        self.widgets_names = [f"-{part}" for part in PARTS]

    def decompress(self, value):
        parts = DateParts.of(value)
        return [parts.day, parts.month, parts.year]

    def get_context(self, name, value, attrs):
        context = forms.Widget.get_context(self, name, value, attrs)
        parts = DateParts.of(value)
        faults = getattr(value, "shown_faults", ())
        outer = context["widget"]["attrs"]
        id_ = outer.get("id")
        # A birth date's boxes would say bday-day and so on; no other token applies to a part.
        autocomplete = outer.pop("autocomplete", None)
        shared = {key: outer.pop(key) for key in ("required", "disabled") if key in outer}
        subwidgets = []
        for part, widget in zip(PARTS, self.widgets, strict=True):
            attrs = {**shared}
            if id_:
                attrs["id"] = f"{id_}-{part}"
            if autocomplete == "bday":
                attrs["autocomplete"] = f"bday-{part}"
            if part in faults:
                attrs["class"] = f"{widget.attrs['class']} govuk-input--error"
            text = getattr(parts, part)[:_LONGEST_PART]
            subwidget = widget.get_context(f"{name}-{part}", text or None, attrs)["widget"]
            subwidget["label"] = _LABELS[part]
            subwidgets.append(subwidget)
        context["widget"]["subwidgets"] = subwidgets
        return context

    def value_from_datadict(self, data, files, name):
        keys = [f"{name}-{part}" for part in PARTS]
        if any(key in data for key in keys):
            return DateParts(*(_text(data.get(key)) for key in keys))
        # No boxes: a link or a script that gives the date whole, as YYYY-MM-DD.
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and all(f"{name}-{part}" not in data for part in PARTS)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


@dataclasses.dataclass(frozen=True)
class ShownDateParts(DateParts):
    """Parts to show again, with the boxes to mark as at fault."""

    shown_faults: tuple[str, ...] = ()


def shown(value, has_errors: bool) -> ShownDateParts:
    """The parts of a bound field's value, with the boxes at fault when the field has errors.

    A part the parts themselves find wrong is marked alone; an error found
    later (the date out of range, or before another date) marks all three, as
    GOV.UK asks when the date as a whole is at fault.
    """
    parts = DateParts.of(value)
    faults = (parts.faults or PARTS) if has_errors else ()
    return ShownDateParts(parts.day, parts.month, parts.year, shown_faults=faults)


def date_given(data, name: str) -> bool:
    """Say whether a query or form data holds the date `name`, whole or in parts."""
    return name in data or any(f"{name}-{part}" in data for part in PARTS)


def read_parts_into(field: forms.DateField, label: str) -> None:
    """Teach a DateField to read DateParts, with GOV.UK's messages (a form may still override them).

    Anything else (a date, an ISO date from a link) goes to the field's own
    reading, with its own "invalid" message, as before.
    """
    label = label.replace("%", "%%")  # the messages are formatted with %(missing)s
    field.error_messages.setdefault("incomplete", f"{label} must include a %(missing)s")
    field.error_messages.setdefault("not_real", f"{label} must be a real date")
    field.error_messages.setdefault("year_digits", f"{label} must include a year with 4 numbers")
    to_python = field.to_python

    def read(value):
        if not isinstance(value, DateParts):
            return to_python(value)
        day, code, faults = value.reading()
        if code is None:
            return day
        raise ValidationError(field.error_messages[code], code=code, params={"missing": _missing(list(faults))})

    field.to_python = read
