"""The standing items a body puts on every new agenda (Agreement 8.11): a checkbox and a title for each."""

from django import forms

from meetings.actions.agenda import standing_items_for
from meetings.models import STANDING_AFTER, STANDING_BEFORE, StandingRole
from partnership.rendering import GovukFormMixin

ROLES = [*STANDING_BEFORE, *STANDING_AFTER]


class StandingItemsForm(GovukFormMixin, forms.Form):
    """A checkbox and a title for each of the five standing items."""

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        current = dict(standing_items_for(body))
        for role in ROLES:
            label = StandingRole(role).label
            self.fields[f"use_{role}"] = forms.BooleanField(
                label=f"Put “{label}” on every agenda", required=False, initial=role in current
            )
            self.fields[f"title_{role}"] = forms.CharField(
                label=f"Title of “{label}”", max_length=200, required=False, initial=current.get(role, label)
            )

    def clean(self):
        data = super().clean()
        chosen = [role for role in ROLES if data.get(f"use_{role}")]
        if not chosen:
            raise forms.ValidationError("Choose at least one standing item; a body with none gets all five.")
        for role in chosen:
            if not (data.get(f"title_{role}") or "").strip():
                self.add_error(f"title_{role}", "Enter the title the item has on the agenda")
        return data

    def chosen(self):
        return [
            (role, self.cleaned_data[f"title_{role}"].strip()) for role in ROLES if self.cleaned_data[f"use_{role}"]
        ]
