"""The secretariat's page for the votes recorded on a decision, reached from the minutes of its item."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from meetings.actions import votes as actions
from meetings.forms.minutes import VotesForm
from meetings.models import Decision, Minutes, Vote
from meetings.views.pages import form_status, meeting_or_404, report
from meetings.votes import voter_name
from partnership.pages import run_action, secretariat_required


def _draft_decision(request, pk, decision_pk):
    """The decision, and a redirect to the minutes page if its votes cannot be recorded (no draft minutes)."""
    meeting = meeting_or_404(pk)
    decision = get_object_or_404(
        Decision.objects.select_related("item", "recorded_vote"), pk=decision_pk, item__meeting=meeting
    )
    decision.item.meeting = meeting
    try:
        actions.refuse_unless_draft(Minutes.objects.filter(meeting=meeting).first())
    except ValidationError as error:
        report(request, error)
        return decision, redirect("meeting_minutes", meeting.pk)
    return decision, None


def _item_url(decision):
    return reverse("minutes_item", args=[decision.item.meeting_id, decision.item_id])


@secretariat_required
@require_http_methods(["GET", "POST"])
def minutes_decision_vote(request, pk, decision_pk):
    """Record, or record again, how each seat present for the item voted on the decision."""
    decision, refused = _draft_decision(request, pk, decision_pk)
    if refused:
        return refused
    who = actions.voters(decision)
    recorded = getattr(decision, "recorded_vote", None)
    initial = {}
    if recorded is not None:
        initial = {f"vote_{vote.attendance_id}": vote.way for vote in Vote.objects.filter(recorded_vote=recorded)}
        initial["casting_vote"] = recorded.casting_vote
    form = VotesForm(request.POST if request.method == "POST" else None, voters=who.eligible, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = run_action(
            form,
            actions.record_votes,
            decision,
            by=request.user,
            ways=form.ways,
            casting_vote=form.cleaned_data["casting_vote"],
        )
        if saved:
            line = actions.result_of(decision)
            messages.success(request, f"The vote on decision {decision.number} was recorded: {line.result}.")
            return redirect(_item_url(decision))
    context = {
        "meeting": decision.item.meeting,
        "item": decision.item,
        "decision": decision,
        "form": form,
        "recorded": recorded,
        "withdrawn": [voter_name(row) for row in who.withdrawn],
        "item_url": _item_url(decision),
    }
    return render(request, "meetings/minutes/votes.html", context, status=form_status(form))


@secretariat_required
@require_POST
def minutes_decision_vote_remove(request, pk, decision_pk):
    """Take the recorded vote off a decision (recorded by mistake), while the minutes are a draft."""
    decision, refused = _draft_decision(request, pk, decision_pk)
    if refused:
        return refused
    try:
        actions.remove_votes(decision, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, f"The vote on decision {decision.number} was taken out of the minutes.")
    return redirect(_item_url(decision))
