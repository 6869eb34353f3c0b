"""The attendance list starts from the replies; a named reserve counts for the member's seat once, never twice.

The scene's meeting of 30 April 2009: the members reply in the days before it
(the action's `now`), and the secretariat starts the list after it.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.actions import minutes as actions
from meetings.actions.attendance import mark_others_present, why_left
from meetings.minutes_text import Quorum, build_rendition, quorum_for, register_quorum_excluder
from meetings.minutes_text import unregister_quorum_excluder as unregister
from meetings.models import Attendance, AttendanceStatus, Capacity
from meetings.replies import reply_sheet
from tests.factories import UserFactory
from tests.meetings.replying import APOLOGIES, ATTENDING, RESERVE, RESERVE_WANTED, coming, reply
from tests.meetings.scenario import HELD, approved, row

pytestmark = pytest.mark.django_db

P, A, X = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT
BEFORE = HELD - datetime.timedelta(days=5)


def login_for(person):
    person.user = UserFactory(email=f"{person.name.split()[0].lower()}@example.org")
    person.save()
    return person.user


@pytest.fixture
def replied(scene):
    """Chris attending, Mel's apologies with Pat named, Tim's apologies; Rita has not replied."""
    cast = scene.cast
    reply(scene, scene.meeting, cast.chair, ATTENDING, note="Arriving from another meeting.", now=BEFORE)
    reply(scene, scene.meeting, cast.member, RESERVE, reserve=scene.pat, note="On leave.", now=BEFORE)
    reply(scene, scene.meeting, login_for(scene.tim.person), APOLOGIES, note="Unwell.", now=BEFORE)
    return scene


def listing(meeting):
    return sorted(
        meeting.attendance.values_list(
            "person__name", "capacity", "membership", "role_shown", "organisation_shown", "status", "recorded", "note"
        )
    )


def test_the_list_starts_from_the_replies(replied):
    scene = replied
    rows = actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)

    mel = scene.cast.member_membership.pk
    assert listing(scene.meeting) == [
        (
            "Chris Carter",
            Capacity.MEMBER,
            scene.cast.chair_membership.pk,
            "Chair",
            "Cheshire West and Chester Council",
            X,
            False,
            "Arriving from another meeting.",
        ),
        ("Mel Morris", Capacity.MEMBER, mel, "Member", "Cheshire Constabulary", A, True, "On leave."),
        # The named reserve, present in Mel's seat.
        ("Pat Price", Capacity.RESERVE, mel, "Named reserve for Mel Morris", "Cheshire Constabulary", P, True, ""),
        ("Rita Waters", Capacity.MEMBER, scene.rita.pk, "Co-opted member", "Cheshire Police Authority", X, False, ""),
        ("Tim Jackson", Capacity.MEMBER, scene.tim.pk, "Member", "Cheshire Police Authority", A, True, "Unwell."),
    ]
    assert len(rows) == 5 and all(r.added for r in rows)
    # The member's own row before their reserve's.
    names = [r.person.name for r in rows]
    assert names.index("Mel Morris") == names.index("Pat Price") - 1
    assert {h.history_user for r in rows for h in r.history.all()} == {scene.cast.secretariat}


def test_everyone_else_is_marked_present_in_one_step_and_the_seat_counts_once(replied):
    scene = replied
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)

    marked, left = mark_others_present(scene.meeting, by=scene.cast.secretariat)

    assert [r.person.name for r in marked] == ["Chris Carter", "Rita Waters"]
    assert left == []
    assert sorted(scene.meeting.attendance.values_list("person__name", "status", "recorded")) == [
        ("Chris Carter", P, True),
        ("Mel Morris", A, True),
        ("Pat Price", P, True),
        ("Rita Waters", P, True),
        ("Tim Jackson", A, True),
    ]
    # Chris, Rita, and Mel's seat through Pat: three seats of the quorum of three.
    assert quorum_for(scene.items.constitution) == Quorum(3, 3, True)
    assert mark_others_present(scene.meeting, by=scene.cast.secretariat) == ([], [])


def test_a_member_not_yet_recorded_whose_reserve_sits_in_their_seat_is_not_marked_present(scene):
    cast = scene.cast
    actions.prepare_attendance(scene.meeting, by=cast.secretariat)
    mel = row(scene.meeting, cast.member.person)
    actions.record_reserve(scene.meeting, by=cast.secretariat, member=mel, reserve=scene.pat.person)

    marked, left = mark_others_present(scene.meeting, by=cast.secretariat)

    assert [r.person.name for r in marked] == ["Chris Carter", "Rita Waters", "Tim Jackson"]
    assert [r.person.name for r in left] == ["Mel Morris"]
    assert why_left(left[0]) == (
        "Mel Morris was not marked present: Pat Price is present in that seat. A named reserve attending for a "
        "member counts for that seat once, never twice: record Mel Morris's attendance yourself."
    )
    assert (row(scene.meeting, cast.member.person).status, row(scene.meeting, cast.member.person).recorded) == (
        X,
        False,
    )
    assert quorum_for(scene.items.constitution) == Quorum(4, 3, True)


def test_the_member_cannot_also_be_recorded_present_in_the_seat_their_reserve_fills(replied):
    scene = replied
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    mel = row(scene.meeting, scene.cast.member.person)

    with pytest.raises(ValidationError) as refused:
        actions.record_attendance(scene.meeting, by=scene.cast.secretariat, changes=[(mel, P, None, None)])

    assert refused.value.messages == [
        "Mel Morris and Pat Price are both recorded as present in one seat. A named reserve attending for a member "
        "counts for that seat once, never twice: record one of them as absent or sending apologies."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        Attendance.objects.filter(pk=mel.pk).update(status=P)
    assert row(scene.meeting, scene.cast.member.person).status == A


def test_recording_a_row_marks_it_recorded(scene):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    tim = row(scene.meeting, scene.tim.person)

    actions.record_attendance(scene.meeting, by=scene.cast.secretariat, changes=[(tim, X, None, None)])

    assert row(scene.meeting, scene.tim.person).recorded is True
    marked, _ = mark_others_present(scene.meeting, by=scene.cast.secretariat)
    assert scene.tim.person.name not in [r.person.name for r in marked]
    assert row(scene.meeting, scene.tim.person).status == X


def test_starting_again_fills_in_a_later_reply_but_never_a_row_already_recorded(scene):
    cast = scene.cast
    actions.prepare_attendance(scene.meeting, by=cast.secretariat)
    chris = row(scene.meeting, cast.chair.person)
    actions.record_attendance(scene.meeting, by=cast.secretariat, changes=[(chris, X, None, None)])
    reply(scene, scene.meeting, cast.chair, APOLOGIES, note="Sorry.", now=BEFORE)
    reply(scene, scene.meeting, cast.member, RESERVE, reserve=scene.pat, now=BEFORE)

    rows = actions.prepare_attendance(scene.meeting, by=cast.secretariat)

    assert sorted((r.person.name, r.added) for r in rows) == [("Mel Morris", False), ("Pat Price", True)]
    assert sorted(scene.meeting.attendance.values_list("person__name", "status", "recorded")) == [
        ("Chris Carter", X, True),
        ("Mel Morris", A, True),
        ("Pat Price", P, True),
        ("Rita Waters", X, False),
        ("Tim Jackson", X, False),
    ]


def test_a_reserve_no_longer_in_the_place_on_the_day_is_not_listed(scene):
    reply(scene, scene.meeting, scene.cast.member, RESERVE, reserve=scene.pat, now=BEFORE)
    scene.pat.end = datetime.date(2009, 4, 29)
    scene.pat.save()

    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)

    assert row(scene.meeting, scene.cast.member.person).status == A
    assert not scene.meeting.attendance.filter(person=scene.pat.person).exists()


def test_the_minutes_list_the_apologies_from_the_replies_and_never_the_notes(replied):
    scene = replied
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    mark_others_present(scene.meeting, by=scene.cast.secretariat)

    minutes = actions.draft_minutes(scene.meeting, by=scene.cast.secretariat)

    rendition = build_rendition(scene.meeting, full=True, minutes=minutes)
    assert [line.text() for line in rendition.apologies] == [
        "Mel Morris, Member, Cheshire Constabulary",
        "Tim Jackson, Member, Cheshire Police Authority",
    ]
    assert [line.text() for line in rendition.reserves] == [
        "Pat Price, Named reserve for Mel Morris, Cheshire Constabulary"
    ]
    scene.items.apologies.refresh_from_db()
    assert scene.items.apologies.discussion == (
        "Apologies were received from Mel Morris and Tim Jackson.\nPat Price attended as named reserve for Mel Morris."
    )
    text = actions.canonical_text(scene.meeting)
    assert "On leave." not in text and "Unwell." not in text


def test_everyone_else_is_marked_present_only_once_the_meeting_has_started(scene):
    meeting = coming(scene)
    actions.prepare_attendance(meeting, by=scene.cast.secretariat)

    with pytest.raises(ValidationError) as refused:
        mark_others_present(meeting, by=scene.cast.secretariat)

    assert refused.value.messages[0].endswith("2pm: mark people present once it has started.")
    assert not meeting.attendance.filter(status=P).exists()


def test_everyone_else_is_not_marked_present_once_the_minutes_are_approved(scene):
    approved(scene)

    with pytest.raises(ValidationError) as refused:
        mark_others_present(scene.meeting, by=scene.cast.secretariat)

    assert refused.value.messages == [
        "These minutes were approved as an accurate record on 28 May 2009. Record a correction instead."
    ]


# The quorum to expect, before the meeting


def test_the_expected_quorum_counts_those_attending_and_each_reserve_once(replied):
    sheet = reply_sheet(replied.meeting)

    assert [(line.name, line.text) for line in sheet.lines] == [
        ("Chris Carter", "Attending"),
        ("Mel Morris", "Apologies; Pat Price attends as named reserve"),
        ("Rita Waters", "Not replied"),
        ("Tim Jackson", "Apologies"),
    ]
    assert (sheet.attending, sheet.apologies, sheet.reserves, sheet.not_replied) == (1, 2, 1, 1)
    # Chris, and Mel's seat through Pat: two of the three the board needs.
    assert sheet.expected == Quorum(2, 3, False)
    assert sheet.short_items == []


def test_the_expected_quorum_leaves_out_members_who_must_withdraw_from_an_item(replied):
    scene = replied
    reply(scene, scene.meeting, login_for(scene.rita.person), ATTENDING, now=BEFORE)

    def declared(meeting):
        return {scene.items.constitution.pk: {scene.cast.chair.person.pk}}

    register_quorum_excluder(declared)
    try:
        sheet = reply_sheet(scene.meeting)
    finally:
        unregister(declared)

    assert sheet.expected == Quorum(3, 3, True)
    assert [(line.item.number, line.quorum) for line in sheet.short_items] == [(3, Quorum(2, 3, False))]


def test_a_body_without_a_quorum_expects_no_verdict(replied):
    replied.cast.board.quorum = None
    replied.cast.board.save()
    replied.meeting.body.refresh_from_db()

    assert reply_sheet(replied.meeting).expected == Quorum(2, None, None)


def test_a_request_for_a_reserve_is_apologies_in_the_list(scene):
    reply(scene, scene.meeting, scene.cast.chair, RESERVE_WANTED, now=BEFORE)

    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)

    assert (row(scene.meeting, scene.cast.chair.person).status, reply_sheet(scene.meeting).apologies) == (A, 1)
