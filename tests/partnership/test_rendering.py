"""Every form with GovukFormMixin accepts dates from 1900 to 2999 only (issue 11)."""

import datetime

import pytest
from django import forms

from partnership.rendering import GovukFormMixin


class MeetingDateForm(GovukFormMixin, forms.Form):
    on = forms.DateField(label="Date of the meeting")
    until = forms.DateField(label="Until", required=False)


@pytest.mark.parametrize("value", ["9999-12-31", "3000-01-01", "1899-12-31", "0001-01-01"])
def test_a_date_beyond_the_years_forms_accept_is_refused(value):
    form = MeetingDateForm({"on": value})
    assert form.errors == {"on": ["Enter a date from 1 January 1900 to 31 December 2999."]}


@pytest.mark.parametrize("day", [datetime.date(1900, 1, 1), datetime.date(2999, 12, 31)])
def test_the_first_and_last_days_forms_accept_are_valid(day):
    form = MeetingDateForm({"on": day.isoformat()})
    assert form.errors == {}
    assert form.cleaned_data == {"on": day, "until": None}


def test_a_date_that_is_not_in_the_calendar_is_refused_as_before():
    form = MeetingDateForm({"on": "2024-02-30"})
    assert form.errors == {"on": ["Enter a valid date."]}
