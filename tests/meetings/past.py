"""The board's meetings of 2009, entered afterwards from the paper record: for the tests of past meetings.

The fixtures `past`, `april`, `may` and `approved` (tests/meetings/conftest.py) are built with these.
"""

import datetime

from django.utils import timezone

from bodies.models import Role
from meetings.actions import agenda
from meetings.actions import minutes as minutes_actions
from meetings.models import AttendanceStatus, StandingRole
from tests.factories import MembershipFactory, PersonFactory, UserFactory


def at(year, month, day, hour=14):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def board_in_2009(cast):
    """The board in 2009: Chris chairs (still), Vera was vice chair from June 2009 to March 2010, Len left in May.

    Return `record(starts_at, **details)`, which enters a past meeting of the board.
    """
    vera = UserFactory(email="vera@example.org")
    PersonFactory(name="Vera Vance", user=vera)
    MembershipFactory(
        person=vera.person,
        body=cast.board,
        role=Role.VICE_CHAIR,
        start=datetime.date(2009, 6, 1),
        end=datetime.date(2010, 3, 31),
        end_reason="Stood down.",
    )
    MembershipFactory(
        person=PersonFactory(name="Len Left"), body=cast.board, end=datetime.date(2009, 5, 31), end_reason="Retired."
    )

    def record(starts_at, **kwargs):
        return agenda.record_past_meeting(cast.board, by=cast.secretariat, starts_at=starts_at, **kwargs)

    return record


def previous_item(meeting):
    return meeting.items.get(standing_role=StandingRole.PREVIOUS_MINUTES)


def minuted(cast, meeting):
    """Attendance recorded and minutes drafted, with a decision and an action given a due date in the past."""
    listed = minutes_actions.prepare_attendance(meeting, by=cast.secretariat)
    minutes_actions.record_attendance(
        meeting,
        by=cast.secretariat,
        changes=[(row, AttendanceStatus.PRESENT, None, None) for row in listed],
    )
    minutes = minutes_actions.draft_minutes(meeting, by=cast.secretariat)
    business = meeting.items.get(number=3)
    minutes_actions.add_decision(business, by=cast.secretariat, text="The constitution was endorsed.")
    minutes_actions.add_action(
        business,
        by=cast.secretariat,
        text="Consult the partners on the constitution.",
        owners=[cast.member.person],
        due_on=datetime.date(2009, 5, 28),
    )
    return minutes
