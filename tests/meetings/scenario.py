"""The meeting the attendance and minutes tests share, after the minutes of 30 April 2009.

The fixture `scene` (tests/meetings/conftest.py) builds it on top of the cast
with `build_scene`; the helpers here take a scene through the workflow
(drafted, approved, signed, published) with the actions.
test_minutes_scenario.py checks the scene is what the other tests assume.
"""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from bodies.models import Role
from meetings.actions import minutes as actions
from meetings.models import AttendanceStatus, Capacity, StandingRole
from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)


def at(year, month, day, hour=14, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


HELD = at(2009, 4, 30)
NEXT = at(2009, 5, 28)


def agenda(meeting, confidential=True):
    items = SimpleNamespace(
        apologies=AgendaItemFactory(
            meeting=meeting,
            number=1,
            title="Welcome, introductions and apologies",
            standing_role=StandingRole.APOLOGIES,
        ),
        previous=AgendaItemFactory(
            meeting=meeting,
            number=2,
            title="Minutes of the previous meeting and matters arising",
            standing_role=StandingRole.PREVIOUS_MINUTES,
        ),
        constitution=AgendaItemFactory(meeting=meeting, number=3, title="Constitution of the partnership"),
    )
    if confidential:
        items.confidential = AgendaItemFactory(
            meeting=meeting,
            number=4,
            title="Commissioning budget",
            confidential=True,
            confidential_reason="Commercially sensitive: tenders are open.",
        )
    items.next = AgendaItemFactory(
        meeting=meeting,
        number=5 if confidential else 4,
        title="Date of the next meeting",
        standing_role=StandingRole.NEXT_MEETING,
    )
    return items


def build_scene(cast):
    """The board (quorum 3) with four seats, a named reserve, an observer, and two meetings."""
    council = OrganisationFactory(name="Cheshire West and Chester Council", slug="cwac")
    police = OrganisationFactory(name="Cheshire Constabulary", slug="police")
    authority = OrganisationFactory(name="Cheshire Police Authority", slug="police-authority")
    cast.board.quorum = 3
    cast.board.save()
    cast.chair_membership.organisation = council
    cast.chair_membership.save()
    cast.member_membership.organisation = police
    cast.member_membership.save()
    tim = MembershipFactory(person=PersonFactory(name="Tim Jackson"), body=cast.board, organisation=authority)
    rita = MembershipFactory(
        person=PersonFactory(name="Rita Waters"), body=cast.board, role=Role.CO_OPTED, organisation=authority
    )
    pat = MembershipFactory(
        person=PersonFactory(name="Pat Price"),
        body=cast.board,
        role=Role.NAMED_RESERVE,
        reserve_for=cast.member_membership,
        organisation=police,
    )
    MembershipFactory(person=PersonFactory(name="Olive Observer"), body=cast.board, role=Role.OBSERVER)
    MembershipFactory(
        person=PersonFactory(name="Len Left"), body=cast.board, end=datetime.date(2009, 4, 29), end_reason="Retired."
    )
    meeting = MeetingFactory(body=cast.board, starts_at=HELD, venue="Council Chamber, County Hall, Chester")
    following = MeetingFactory(body=cast.board, starts_at=NEXT, venue="Council Chamber, County Hall, Chester")
    return SimpleNamespace(
        cast=cast,
        meeting=meeting,
        items=agenda(meeting),
        following=following,
        following_items=agenda(following, confidential=False),
        tim=tim,
        rita=rita,
        pat=pat,
        police=police,
    )


def row(meeting, person):
    return meeting.attendance.get(person=person)


def record(scene, statuses):
    """Record {person: status} (other rows unchanged) with the action."""
    changes = []
    for person, status in statuses.items():
        attendance = row(scene.meeting, person)
        changes.append((attendance, status, None, None))
    actions.record_attendance(scene.meeting, by=scene.cast.secretariat, changes=changes)


def held_with_attendance(scene):
    """Chris and Tim present, Mel's apologies with Pat attending for Mel, Rita absent."""
    cast = scene.cast
    actions.prepare_attendance(scene.meeting, by=cast.secretariat)
    record(
        scene,
        {
            cast.chair.person: AttendanceStatus.PRESENT,
            scene.tim.person: AttendanceStatus.PRESENT,
            cast.member.person: AttendanceStatus.APOLOGIES,
        },
    )
    member_row = row(scene.meeting, cast.member.person)
    actions.record_reserve(scene.meeting, by=cast.secretariat, member=member_row, reserve=scene.pat.person)
    return scene


def drafted(scene):
    held_with_attendance(scene)
    return actions.draft_minutes(scene.meeting, by=scene.cast.secretariat)


def approved(scene):
    minutes = drafted(scene)
    return actions.approve_minutes(minutes, by=scene.cast.secretariat, at_item=scene.following_items.previous)


def signed(scene):
    minutes = approved(scene)
    return actions.sign_minutes(minutes, by=scene.cast.chair)


def published(scene):
    minutes = signed(scene)
    return actions.publish_minutes(minutes, by=scene.cast.secretariat)


# The minuted scene and its canonical text

EXPECTED = """\
Minutes of the meeting of the Partnership Board
Held on 30 April 2009, 2pm
Venue: Council Chamber, County Hall, Chester

Attending:
- Chris Carter, Chair, Cheshire West and Chester Council
- Tim Jackson, Member, Cheshire Police Authority (arrived before item 3)

Named reserves attending for members:
- Pat Price, Named reserve for Mel Morris, Cheshire Constabulary

Apologies:
- Mel Morris, Member, Cheshire Constabulary

Absent:
- Rita Waters, Co-opted member, Cheshire Police Authority

Support staff:
- Alistair Jeffs, Partnerships officer

Visitors:
- none

Item 1. Welcome, introductions and apologies
Apologies were received from Mel Morris.
Pat Price attended as named reserve for Mel Morris.

Item 2. Minutes of the previous meeting and matters arising
There were no minutes of an earlier meeting to approve.

Item 3. Constitution of the partnership
Taken together with item 2.
Decision 1: Endorsed.
Action: Confirm a named reserve.
  Owners: Tim Jackson; All partners
  Due: 28 May 2009

Item 4. Commissioning budget
Confidential: Commercially sensitive: tenders are open.
Talked about.

At length.

Item 5. Date of the next meeting
The next meeting will be held on 28 May 2009, 2pm, Council Chamber, County Hall, Chester.
"""


def minute(scene):
    """Minute the scene's meeting: attendance, a support officer, a decision, an action and a discussion."""
    drafted(scene)
    by = scene.cast.secretariat
    tim = scene.meeting.attendance.get(person=scene.tim.person)
    actions.record_attendance(scene.meeting, by=by, changes=[(tim, tim.status, scene.items.constitution, None)])
    actions.add_attendee(
        scene.meeting, by=by, capacity=Capacity.SUPPORT, name="Alistair Jeffs", role_shown="Partnerships officer"
    )
    scene.items.constitution.taken_with = scene.items.previous
    scene.items.constitution.save()
    actions.add_decision(scene.items.constitution, by=by, text="Endorsed.")
    scene.action = actions.add_action(
        scene.items.constitution,
        by=by,
        text="Confirm a named reserve.",
        owners=[scene.tim.person],
        owner_note="All partners",
        due_on=datetime.date(2009, 5, 28),
    )
    # Windows line ends and trailing spaces are normalised away.
    actions.edit_discussion(scene.items.confidential, by=by, discussion="Talked about.  \r\n\r\nAt length.")
    return scene
