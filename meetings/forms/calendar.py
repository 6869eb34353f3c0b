"""Forms of the meetings list and the calendar of business."""

from django import forms

from bodies.models import Body
from partnership.rendering import GovukFormMixin

FIRST_YEAR, LAST_YEAR = 2000, 2100


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
