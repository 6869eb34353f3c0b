"""Who replies to a meeting, and who reads the replies.

A member holding a seat on the body on the day of the meeting replies for
themselves (whether replies are still open is the action's to say, and the
page's); the chair and vice chair of the body and the secretariat read every
reply before the meeting. A member reads only their own.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import TruncDate
from django.http import Http404
from django.shortcuts import get_object_or_404

from bodies.models import SEATED_ROLES, Membership
from meetings.models import Meeting
from meetings.policies.roles import chaired_body_ids, chairs
from meetings.replies import seat_of
from partnership.dated import in_force_on
from partnership.models import person_of
from partnership.policies import is_secretariat, rule


def seat_for_reply(user, meeting: Meeting) -> Membership | None:
    """The seat `user` replies for: held on the body on the meeting's day. Asked once per request and meeting."""
    if meeting is None or user is None or not user.is_authenticated:
        return None
    seats = getattr(user, "_reply_seats", None)
    if seats is None:
        seats = user._reply_seats = {}
    if meeting.pk not in seats:
        person = person_of(user)
        seats[meeting.pk] = seat_of(person.pk if person else None, meeting)
    return seats[meeting.pk]


@rule("meetings.reply_to_meeting")
def can_reply_to_meeting(user, meeting: Meeting) -> bool:
    """A member with a seat on the body on the day of the meeting."""
    return seat_for_reply(user, meeting) is not None


def seat_on_the_day(user):
    """A condition on meetings: `user` holds a seat on the meeting's body on its day (annotate `day` first)."""
    return Exists(
        Membership.objects.filter(person__user=user, body_id=OuterRef("body_id"), role__in=SEATED_ROLES).filter(
            in_force_on(OuterRef("day"))
        )
    )


def meetings_repliable_by(user, queryset=None):
    """The queryset twin of meetings.reply_to_meeting."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    if user is None or not user.is_authenticated:
        return queryset.none()
    return queryset.annotate(day=TruncDate("starts_at")).filter(seat_on_the_day(user))


def get_meeting_for_reply(user, pk) -> tuple[Meeting, Membership]:
    """The meeting and the seat `user` replies for; the same 404 for a missing meeting as for one not theirs."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if not user.has_perm("meetings.reply_to_meeting", meeting):
        raise Http404("No meeting here for you to reply to.")
    return meeting, seat_for_reply(user, meeting)


@rule("meetings.view_replies")
def can_view_replies(user, meeting: Meeting) -> bool:
    """The secretariat, and the chair or vice chair of the body today."""
    return meeting is not None and (is_secretariat(user) or chairs(user, meeting.body_id))


def meetings_with_replies_visible_to(user, queryset=None):
    """The queryset twin of meetings.view_replies."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    return queryset.filter(body_id__in=chaired_body_ids(user))


def get_meeting_with_replies_for(user, pk) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if not user.has_perm("meetings.view_replies", meeting):
        raise Http404("No replies here for you.")
    return meeting
