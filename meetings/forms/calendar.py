"""Forms of the meetings list and the calendar of business."""

from django import forms

from bodies.models import Body
from partnership.rendering import GovukFormMixin

FIRST_YEAR, LAST_YEAR = 2000, 2100
# The furthest back an iCalendar feed goes on request (`?past=` months): five years.
FEED_MAX_PAST_MONTHS = 60


def _year_field(**kwargs):
    """An optional year between FIRST_YEAR and LAST_YEAR, with the errors said as people would."""
    return forms.IntegerField(
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        required=False,
        error_messages={
            "invalid": "Enter the year as a number, such as 2009.",
            "min_value": f"Enter a year from {FIRST_YEAR} to {LAST_YEAR}.",
            "max_value": f"Enter a year from {FIRST_YEAR} to {LAST_YEAR}.",
        },
        **kwargs,
    )


class MeetingFilterForm(GovukFormMixin, forms.Form):
    body = forms.ModelChoiceField(
        queryset=Body.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All bodies",
        error_messages={"invalid_choice": "Choose a body from the list."},
    )
    year = _year_field(
        label="Year",
        help_text="The year from April: 2009 for April 2009 to March 2010. "
        "Leave it empty for the meetings to come and those of the last 12 months.",
    )


class YearForm(GovukFormMixin, forms.Form):
    year = _year_field()


class FeedWindowForm(forms.Form):
    """How far back an iCalendar feed goes: `?past=` months (the last 12 by default), up to a bound."""

    past = forms.IntegerField(
        min_value=0,
        max_value=FEED_MAX_PAST_MONTHS,
        required=False,
        error_messages={
            "invalid": f"Give past as a whole number of months from 0 to {FEED_MAX_PAST_MONTHS}, such as past=36.",
            "min_value": f"Give past as a whole number of months from 0 to {FEED_MAX_PAST_MONTHS}, such as past=36.",
            "max_value": f"Give past as a whole number of months from 0 to {FEED_MAX_PAST_MONTHS}, such as past=36.",
        },
    )
