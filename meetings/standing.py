"""The page where the secretariat sets the standing items a body puts on every new agenda (Agreement 8.11)."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods

from bodies.models import Body
from meetings.actions.agenda import set_standing_items, standing_items_for
from meetings.models import STANDING_AFTER, STANDING_BEFORE, StandingRole
from partnership.pages import form_page, secretariat_required
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


@secretariat_required
@require_http_methods(["GET", "POST"])
def standing_items(request, slug):
    body = get_object_or_404(Body, slug=slug)
    form = StandingItemsForm(request.POST if request.method == "POST" else None, body=body)
    if request.method == "POST" and form.is_valid():
        set_standing_items(body, form.chosen(), by=request.user)
        messages.success(request, f"The standing items of {body} were saved. New agendas will have them.")
        return redirect(body)
    return form_page(
        request,
        form,
        title="Standing items",
        caption=str(body),
        intro="These items go on every new agenda of the body: apologies and the previous minutes before the "
        "business, the others after it. Agendas already made keep their items.",
        cancel_url=body.get_absolute_url(),
    )
