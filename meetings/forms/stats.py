"""The filters of the attendance statistics."""

from django import forms

from bodies.models import Body
from partnership.rendering import GovukFormMixin


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
