"""The forward plan: the public's page (/forward-plan/) and the secretariat's pages (/manage/forward-plan/)."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from bodies.models import Body
from meetings import forward_plan
from meetings.actions.forward_plan import link_agenda_item, remove_forward_plan_entry, save_forward_plan_entry
from meetings.forms.forward_plan import AgendaItemLinkForm, ForwardPlanEntryForm
from meetings.models import ForwardPlanEntry
from meetings.views.pages import form_page, form_status
from partnership.pages import page_of, run_action, secretariat_required
from partnership.public_cache import public_page
from partnership.rendering import GovukFormMixin

# Entries a page shows.
PER_PAGE = 50


class BodyFilterForm(GovukFormMixin, forms.Form):
    body = forms.ModelChoiceField(
        queryset=Body.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="All bodies",
        error_messages={"invalid_choice": "Choose a body from the list."},
    )


@public_page
@require_safe
def forward_plan_public(request):
    """The decisions expected at meetings to come, month by month; `?body=` for one body's."""
    form = BodyFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    entries = forward_plan.coming()
    body = data.get("body")
    if body is not None:
        entries = entries.filter(body=body)
    page = page_of(request, entries, PER_PAGE)
    page.object_list = [forward_plan.public_entry(entry) for entry in page.object_list]
    context = {"form": form, "page_obj": page, "body": body}
    return render(request, "meetings/forward_plan/public.html", context, status=form_status(form))


# The secretariat's pages


def _manage_url():
    return reverse("forward_plan_manage")


@secretariat_required
@require_safe
def forward_plan_manage(request):
    """Every entry, the latest expected first: those to come and those past, to tidy."""
    entries = forward_plan.with_due().order_by("-due", "body__name", "-pk")
    page = page_of(request, entries, PER_PAGE)
    for entry in page.object_list:
        entry.month = forward_plan.month_label(entry.due)
    return render(request, "meetings/forward_plan/manage.html", {"page_obj": page})


@secretariat_required
@require_http_methods(["GET", "POST"])
def forward_plan_create(request):
    form = ForwardPlanEntryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        entry = run_action(form, save_forward_plan_entry, None, by=request.user, **form.fields_to_save())
        if entry is not None:
            messages.success(request, f"“{entry.title}” was added to the forward plan.")
            return redirect(_manage_url())
    return form_page(
        request,
        form,
        title="Add to the forward plan",
        intro="A decision a body expects to take at a meeting to come. Name the meeting if it is arranged, "
        "otherwise the month.",
        submit_label="Add to the forward plan",
        cancel_url=_manage_url(),
        section="manage",
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def forward_plan_edit(request, pk):
    entry = get_object_or_404(ForwardPlanEntry, pk=pk)
    form = ForwardPlanEntryForm(request.POST if request.method == "POST" else None, entry=entry)
    if request.method == "POST" and form.is_valid():
        saved = run_action(form, save_forward_plan_entry, entry, by=request.user, **form.fields_to_save())
        if saved is not None:
            messages.success(request, f"“{saved.title}” was saved.")
            return redirect(_manage_url())
    return form_page(
        request,
        form,
        title="Edit a forward plan entry",
        caption=entry.title,
        submit_label="Save",
        cancel_url=_manage_url(),
        section="manage",
    )


class ConfirmForm(GovukFormMixin, forms.Form):
    """A step with nothing to fill in: the button confirms it."""


@secretariat_required
@require_http_methods(["GET", "POST"])
def forward_plan_remove(request, pk):
    entry = get_object_or_404(ForwardPlanEntry, pk=pk)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        remove_forward_plan_entry(entry, by=request.user)
        messages.success(request, f"“{entry.title}” was removed from the forward plan.")
        return redirect(_manage_url())
    return form_page(
        request,
        form,
        title="Remove from the forward plan",
        caption=entry.title,
        intro=f"“{entry.title}” will no longer show on the forward plan. Its history is kept.",
        submit_label="Remove it",
        warning=True,
        cancel_url=_manage_url(),
        section="manage",
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def forward_plan_link(request, pk):
    entry = get_object_or_404(ForwardPlanEntry.objects.select_related("expected_meeting__body"), pk=pk)
    if entry.expected_meeting_id is None:
        messages.error(request, "Choose the meeting expected first: the item is one of its agenda.")
        return redirect(reverse("forward_plan_edit", args=[entry.pk]))
    form = AgendaItemLinkForm(request.POST if request.method == "POST" else None, entry=entry)
    if request.method == "POST" and form.is_valid():
        saved = run_action(form, link_agenda_item, entry, form.cleaned_data["item"], by=request.user)
        if saved is not None:
            if saved.agenda_item_id:
                messages.success(request, f"“{saved.title}” is item {saved.agenda_item.number} of the meeting.")
            else:
                messages.success(request, f"“{saved.title}” is linked to no agenda item.")
            return redirect(_manage_url())
    return form_page(
        request,
        form,
        title="Link to an agenda item",
        caption=entry.title,
        intro=f"The item of the agenda of the meeting of {entry.expected_meeting} under which the decision is taken.",
        cancel_url=_manage_url(),
        section="manage",
    )
