"""The canonical text of the minutes, and the two renditions built from one record."""

import datetime

import pytest

from meetings.actions import minutes as actions
from meetings.minutes_text import (
    british_datetime,
    build_rendition,
    canonical_text,
    current_hash,
)
from meetings.models import ActionStatus, Capacity
from tests.meetings.test_minutes_scenario import at, drafted, scene_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

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


@pytest.fixture
def minuted(scene):
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


def test_the_canonical_text_holds_attendance_items_discussion_decisions_and_actions(minuted):
    assert canonical_text(minuted.meeting) == EXPECTED


def test_the_canonical_text_is_the_same_every_time(minuted):
    assert canonical_text(minuted.meeting) == canonical_text(minuted.meeting)
    assert current_hash(minuted.meeting) == current_hash(minuted.meeting)


def test_an_actions_progress_does_not_change_the_signed_text(minuted):
    before = current_hash(minuted.meeting)
    minuted.action.status = ActionStatus.DONE
    minuted.action.save()

    assert current_hash(minuted.meeting) == before


def test_a_change_of_discussion_changes_the_hash(minuted):
    before = current_hash(minuted.meeting)
    minuted.items.constitution.discussion = "Endorsed without debate."
    minuted.items.constitution.save()

    assert current_hash(minuted.meeting) != before


def test_the_public_rendition_withholds_everything_but_the_number_and_reason_of_a_confidential_item(minuted):
    public = build_rendition(minuted.meeting, full=False)
    full = build_rendition(minuted.meeting, full=True)

    withheld = public.items[3]
    assert (withheld.number, withheld.title, withheld.withheld, withheld.confidential_reason) == (
        4,
        "Confidential item",
        True,
        "Commercially sensitive: tenders are open.",
    )
    assert (withheld.discussion, withheld.decisions, withheld.actions) == ("", [], [])
    assert (full.items[3].title, full.items[3].discussion) == ("Commissioning budget", "Talked about.\n\nAt length.")
    # Everything else is the same record.
    assert [i.title for i in public.items if not i.withheld] == [i.title for i in full.items if not i.confidential]
    assert public.attending == full.attending
    assert [line.text() for line in public.support] == ["Alistair Jeffs, Partnerships officer"]


def test_a_one_off_grant_shows_a_confidential_item_in_the_public_rendition(minuted):
    rendition = build_rendition(minuted.meeting, full=False, visible_item_ids=[minuted.items.confidential.pk])

    assert (rendition.items[3].withheld, rendition.items[3].title) == (False, "Commissioning budget")


def test_times_read_the_british_way():
    assert [
        british_datetime(at(2009, 4, 30, 14)),
        british_datetime(at(2009, 4, 30, 9, 30)),
        british_datetime(at(2009, 4, 30, 12)),
        british_datetime(at(2009, 4, 30, 0)),
    ] == ["30 April 2009, 2pm", "30 April 2009, 9:30am", "30 April 2009, midday", "30 April 2009, midnight"]
