"""The search form: the words, and the filters and order of the results."""

from django import forms

from bodies.models import Body
from partnership.rendering import GovukFormMixin
from search.models import Kind
from search.queries import Filters, Sort

# Long enough for any question; a longer one is refused, not searched.
MAX_QUERY = 200


class SearchForm(GovukFormMixin, forms.Form):
    date_names = {"from": "The start of the date range", "to": "The end of the date range"}

    q = forms.CharField(
        label="Search for",
        max_length=MAX_QUERY,
        required=False,
        help_text='Use quotes for a phrase ("circulation of papers"), a minus sign to leave a word out '
        "(housing -transport) and OR for either word (health OR wellbeing).",
        error_messages={"max_length": f"Enter at most {MAX_QUERY} characters."},
    )
    kind = forms.ChoiceField(
        label="Kind",
        choices=[("", "Everything"), *Kind.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a kind from the list."},
    )
    body = forms.ModelChoiceField(
        queryset=Body.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All bodies",
        error_messages={"invalid_choice": "Choose a body from the list."},
    )
    # "from" and "to" in the address, as people write a date range; `from` is a word Python keeps for itself.
    locals()["from"] = forms.DateField(label="From", required=False)
    to = forms.DateField(label="To", required=False)
    sort = forms.ChoiceField(
        label="Order",
        choices=[(Sort.RELEVANCE, "Best match first"), (Sort.DATE, "Latest first")],
        required=False,
        error_messages={"invalid_choice": "Choose an order from the list."},
    )
    older = forms.BooleanField(label="Include older versions of the Agreement", required=False)

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("from"), cleaned.get("to")
        if since and until and until < since:
            self.add_error("to", "The end of the date range must not be before its start.")
        return cleaned

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            kind=data.get("kind") or "",
            body=data.get("body"),
            since=data.get("from"),
            until=data.get("to"),
            older=bool(data.get("older")),
            sort=data.get("sort") or Sort.RELEVANCE,
        )
