"""The filters of the public decisions register: the body, the meetings' dates and words."""

from django import forms

from bodies.models import Body
from partnership.rendering import GovukFormMixin

# Long enough for any words looked for; a longer text is refused, not looked for.
MAX_WORDS = 200


class DecisionFilterForm(GovukFormMixin, forms.Form):
    date_names = {"from": "The start of the date range", "to": "The end of the date range"}

    body = forms.ModelChoiceField(
        queryset=Body.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All bodies",
        error_messages={"invalid_choice": "Choose a body from the list."},
    )
    # "from" and "to" in the address, as the search has them; `from` is a word Python keeps for itself.
    locals()["from"] = forms.DateField(label="Meetings from", required=False)
    to = forms.DateField(label="Meetings up to", required=False)
    q = forms.CharField(
        label="Words in the decision or the item's title",
        required=False,
        max_length=MAX_WORDS,
        error_messages={"max_length": f"Enter at most {MAX_WORDS} characters."},
    )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].replace("\x00", "").split())

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("from"), cleaned.get("to")
        if since and until and until < since:
            self.add_error("to", "The end of the date range must not be before its start.")
        return cleaned
