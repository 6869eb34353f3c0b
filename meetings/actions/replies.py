"""A member's reply to a meeting: attending, apologies, a named reserve in their seat, or a request for a reserve.

One reply per member and meeting, changed until replies close
(Meeting.reply_deadline); every version is kept by django-simple-history,
stamped with who made it. Naming a reserve tells the reserve; asking for one
tells the secretariat (meetings.reminders.reply_changed).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from bodies.models import Membership
from meetings import reminders
from meetings.models import Meeting, MeetingReply, ReplyAnswer
from meetings.replies import closed_words, meeting_day, reserves_for, seat_of
from partnership.audit import validated_save
from partnership.dates import british_date
from partnership.models import User, person_of


@transaction.atomic(durable=True)
def reply_to_meeting(
    meeting: Meeting,
    *,
    by: User,
    answer: str,
    reserve: Membership | None = None,
    note: str = "",
    now: datetime.datetime | None = None,
) -> MeetingReply:
    """Record `by`'s reply to `meeting`, or change it; an unchanged reply writes nothing.

    `by` must hold a seat on the body on the day of the meeting; `reserve`, with the
    answer "reserve", must be a named reserve for that seat on that day (a person is
    the named reserve of one member of a body at a time). Replies close at the
    meeting's reply deadline.
    """
    now = now or timezone.now()
    # One reply at a time per meeting.
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    person = person_of(by)
    seat = seat_of(person.pk if person else None, meeting)
    # The rule meetings.reply_to_meeting (meetings.policies.replies), asked of the locked meeting.
    if seat is None:
        raise ValidationError(
            f"Only a member holding a seat on the {meeting.body.name} on {british_date(meeting_day(meeting))} "
            "can reply to this meeting."
        )
    if not meeting.replies_open(now):
        raise ValidationError(closed_words(meeting))
    if answer not in ReplyAnswer.values:
        raise ValidationError({"answer": "Choose whether you will attend, send apologies or name your reserve."})
    reserves = list(reserves_for(seat, meeting_day(meeting)))
    if answer == ReplyAnswer.RESERVE:
        _check_reserve(meeting, reserve, reserves)
    elif reserve is not None:
        raise ValidationError({"reserve": "Name a reserve only when they attend in your place."})
    if answer == ReplyAnswer.RESERVE_WANTED and reserves:
        names = ", ".join(r.person.full_name for r in reserves)
        raise ValidationError(
            {"answer": f"You have a named reserve for this meeting ({names}): name them, or send your apologies."}
        )

    reply = MeetingReply.objects.select_for_update().filter(meeting=meeting, person=person).first()
    note = note.strip()
    reserve_id = reserve.pk if reserve is not None else None
    if reply is not None and (reply.answer, reply.reserve_id, reply.note, reply.membership_id) == (
        answer,
        reserve_id,
        note,
        seat.pk,
    ):
        return reply
    previous_reserve = reply.reserve if reply is not None else None
    if reply is None:
        reply = MeetingReply(meeting=meeting, person=person)
    reply.meeting = meeting
    reply.membership = seat
    reply.answer = answer
    reply.note = note
    reply.replied_at = now
    if reserve_id != (previous_reserve.pk if previous_reserve is not None else None):
        reply.reserve_named_at = now if reserve is not None else None
    reply.reserve = reserve
    validated_save(reply, by)

    stood_down = None
    if (
        previous_reserve is not None
        and previous_reserve.pk != reserve_id
        and reminders.reserve_was_told(reply, previous_reserve.pk)
    ):
        stood_down = previous_reserve
    reminders.reply_changed(reply, stood_down=stood_down, now=now)
    return reply


def _check_reserve(meeting, reserve, reserves):
    if reserve is None:
        raise ValidationError({"reserve": "Choose the named reserve who attends in your place."})
    if reserve.pk not in {r.pk for r in reserves}:
        raise ValidationError(
            {
                "reserve": f"{reserve.person.full_name} is not your named reserve on the "
                f"{meeting.body.name} on {british_date(meeting_day(meeting))}."
            }
        )
