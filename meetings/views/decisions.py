"""The public decisions register (/decisions/) and a permanent page for each decision (/decisions/<id>/)."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from meetings import decisions, minutes_text
from meetings.forms.decisions import DecisionFilterForm
from meetings.views.pages import form_status
from meetings.votes import fetched_vote, withdrawn_names
from partnership.pages import page_of
from partnership.public_cache import public_page

# Decisions a page of the register shows.
PER_PAGE = 50


@public_page
@require_safe
def decision_register(request):
    """Every decision of published minutes, newest meeting first; `?body=`, `?from=`, `?to=` and `?q=` narrow it."""
    form = DecisionFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = decisions.filtered(
        decisions.published(),
        body=data.get("body"),
        since=data.get("from"),
        until=data.get("to"),
        words=data.get("q", ""),
    )
    page = page_of(request, rows, PER_PAGE)
    page.object_list = [decisions.entry(decision) for decision in page.object_list]
    filtered = any(data.get(name) for name in ("body", "from", "to", "q"))
    context = {"form": form, "page_obj": page, "body": data.get("body"), "filtered": filtered}
    return render(request, "meetings/decisions/register.html", context, status=form_status(form))


@public_page
@require_safe
def decision_detail(request, pk):
    """A decision's permanent address: there once its minutes are published; a withheld one shows only the notice."""
    decision = get_object_or_404(decisions.published(), pk=pk)
    extra = {}
    if fetched_vote(decision) is not None and not minutes_text.withholds(decision.item, visible=False):
        # A recorded vote shows whether the item was quorate and who withdrew, as the minutes do.
        item = decision.item
        attendance = minutes_text.attendance_rows(item.meeting)
        excluded = minutes_text.excluded_by_item(item.meeting).get(item.pk, ())
        extra = {
            "quorum": minutes_text.quorum_for(item, attendance=attendance, excluded_people=excluded),
            "withdrawn": withdrawn_names(item, attendance, excluded),
        }
    return render(request, "meetings/decisions/detail.html", {"d": decisions.entry(decision, **extra)})
