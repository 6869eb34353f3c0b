"""Members' replies to a meeting: a member's own reply, and who has replied, for the chair and the secretariat."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from meetings.actions.replies import reply_to_meeting
from meetings.forms.replies import ReplyForm
from meetings.models import MeetingReply, ReplyAnswer
from meetings.pack import meeting_when
from meetings.policies.replies import (
    can_view_replies,
    get_meeting_for_reply,
    get_meeting_with_replies_for,
    seat_for_reply,
)
from meetings.replies import closed_words, describe, meeting_day, reply_sheet, reserves_for
from partnership.dates import british_datetime
from partnership.pages import apply_errors

# The action's fields, as the form shows them: every answer is one radio button.
ON_THE_FORM = {"answer": "choice", "reserve": "choice"}


def _apply(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        error = ValidationError({ON_THE_FORM.get(name, name): errors for name, errors in error.error_dict.items()})
    apply_errors(form, error)


def _saved_message(reply: MeetingReply) -> str:
    meeting = reply.meeting
    said = {
        ReplyAnswer.ATTENDING: "you will attend",
        ReplyAnswer.APOLOGIES: "you send your apologies",
        ReplyAnswer.RESERVE_WANTED: "you send your apologies, and the secretariat is asked to add a named reserve",
    }.get(reply.answer)
    if reply.answer == ReplyAnswer.RESERVE:
        said = f"you send your apologies, and {reply.reserve.person.full_name} will attend in your place"
    return (
        f"Your reply was saved: {said}. You can change it until {meeting.reply_deadline_words()}."
        if meeting.replies_open()
        else f"Your reply was saved: {said}."
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_reply(request, pk):
    """A member says whether they will attend, sends apologies or names their reserve, until replies close."""
    meeting, seat = get_meeting_for_reply(request.user, pk)
    reserves = list(reserves_for(seat, meeting_day(meeting)))
    reply = (
        MeetingReply.objects.filter(meeting=meeting, person_id=seat.person_id).select_related("reserve__person").first()
    )
    is_open = meeting.replies_open()
    form = ReplyForm(request.POST if request.method == "POST" else None, reserves=reserves, reply=reply)
    if request.method == "POST":
        if not is_open:
            form.is_valid()
            form.add_error(None, closed_words(meeting))
        elif form.is_valid():
            try:
                saved = reply_to_meeting(meeting, by=request.user, **form.reply())
            except ValidationError as error:
                _apply(form, error)
            else:
                messages.success(request, _saved_message(saved))
                return redirect("meeting_detail", meeting.pk)
    context = {
        "meeting": meeting,
        "when": meeting_when(meeting),
        "seat": seat,
        "reply": reply,
        "reply_text": describe(reply) if reply else "",
        "replied_at": british_datetime(reply.replied_at) if reply else "",
        "is_open": is_open,
        "closed": "" if is_open else closed_words(meeting),
        "deadline": meeting.reply_deadline_words(),
        "form": form,
    }
    return render(request, "meetings/replies/reply.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def meeting_replies(request, pk):
    """Who has replied, and the quorum to expect: for the chair and the secretariat, before the meeting."""
    meeting = get_meeting_with_replies_for(request.user, pk)
    return render(
        request,
        "meetings/replies/replies.html",
        {"meeting": meeting, "when": meeting_when(meeting), "sheet": reply_sheet(meeting)},
    )


def reply_panel(user, meeting) -> dict | None:
    """What the meeting's page says to a signed-in reader about replies: their own, and the link to everyone's."""
    if not user.is_authenticated or not meeting.takes_replies:
        return None
    seat = seat_for_reply(user, meeting)
    reply = None
    if seat is not None:
        reply = (
            MeetingReply.objects.filter(meeting=meeting, person_id=seat.person_id)
            .select_related("reserve__person")
            .first()
        )
    panel = {
        "seat": seat,
        "reply": reply,
        "reply_text": describe(reply) if reply else "",
        "replied_at": british_datetime(reply.replied_at) if reply else "",
        "is_open": meeting.replies_open(),
        "deadline": meeting.reply_deadline_words(),
        "closed": closed_words(meeting),
        "sees_replies": can_view_replies(user, meeting),
    }
    return panel if seat is not None or panel["sees_replies"] else None
