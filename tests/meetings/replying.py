"""What the tests of members' replies share: meetings to come of the board, and replies made through the action.

Built on the shared scene (tests/meetings/scenario.py): the board (quorum 3) with
Chris (chair), Mel (member, Cheshire Constabulary, with Pat Price as named
reserve), Tim, Rita (co-opted), an observer and a member who left in 2009.
"""

import datetime

from django.utils import timezone

from meetings.actions.replies import reply_to_meeting
from meetings.models import ReplyAnswer
from tests.factories import MeetingFactory


def at(day: datetime.date, hour=14) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def days_ahead(days: int, hour=14) -> datetime.datetime:
    return at(timezone.localdate() + datetime.timedelta(days=days), hour)


def coming(scene, days=10, **fields):
    """A meeting of the board (or `body`) `days` from today, at 2pm; replies close at the end of the day two days before."""
    fields.setdefault("body", scene.cast.board)
    return MeetingFactory(starts_at=days_ahead(days), **fields)


def reply(scene, meeting, who, answer, *, reserve=None, note="", now=None):
    """`who` (a login of the cast, or a Person with one) replies through the action."""
    user = getattr(who, "user", None) or who
    return reply_to_meeting(meeting, by=user, answer=answer, reserve=reserve, note=note, now=now)


ATTENDING, APOLOGIES, RESERVE, RESERVE_WANTED = (
    ReplyAnswer.ATTENDING,
    ReplyAnswer.APOLOGIES,
    ReplyAnswer.RESERVE,
    ReplyAnswer.RESERVE_WANTED,
)
