"""Quorum per item: seats present at the item, each counted once, less those who must withdraw."""

import pytest

from meetings.actions import minutes as actions
from meetings.minutes_text import Quorum, quorum_for, register_quorum_excluder, unregister_quorum_excluder
from meetings.models import AttendanceStatus, Capacity
from tests.meetings.scenario import held_with_attendance, record, row

pytestmark = pytest.mark.django_db

P, A, X = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT


def test_a_reserve_for_an_absent_member_fills_the_seat(scene):
    held_with_attendance(scene)

    # Chris, Tim, and Pat in Mel's seat: three seats of the four, the quorum being three.
    assert quorum_for(scene.items.constitution) == Quorum(3, 3, True)


def test_without_the_reserve_the_meeting_is_not_quorate(scene):
    held_with_attendance(scene)
    record(scene, {scene.pat.person: X})

    assert quorum_for(scene.items.constitution) == Quorum(2, 3, False)


def test_visitors_support_staff_and_observers_do_not_count(scene):
    held_with_attendance(scene)
    record(scene, {scene.pat.person: X})
    actions.add_attendee(scene.meeting, by=scene.cast.secretariat, capacity=Capacity.VISITOR, name="Evan Morris")
    actions.add_attendee(scene.meeting, by=scene.cast.secretariat, capacity=Capacity.SUPPORT, name="Alison Armstrong")

    assert quorum_for(scene.items.constitution) == Quorum(2, 3, False)


def test_a_late_arrival_counts_from_the_item_they_arrived_for(scene):
    held_with_attendance(scene)
    tim = row(scene.meeting, scene.tim.person)
    actions.record_attendance(
        scene.meeting, by=scene.cast.secretariat, changes=[(tim, P, scene.items.constitution, None)]
    )

    assert [quorum_for(item).present for item in scene.meeting.items.order_by("number")] == [2, 2, 3, 3, 3]


def test_an_early_departure_counts_up_to_the_item_they_left_after(scene):
    held_with_attendance(scene)
    chris = row(scene.meeting, scene.cast.chair.person)
    actions.record_attendance(
        scene.meeting, by=scene.cast.secretariat, changes=[(chris, P, None, scene.items.constitution)]
    )

    assert [quorum_for(item).is_quorate for item in scene.meeting.items.order_by("number")] == [
        True,
        True,
        True,
        False,
        False,
    ]


def test_people_who_must_withdraw_from_an_item_are_not_counted(scene):
    held_with_attendance(scene)

    assert quorum_for(scene.items.constitution, excluded_people=[scene.tim.person.pk]) == Quorum(2, 3, False)


def test_a_registered_excluder_withdraws_people_from_the_items_it_names(scene):
    """The hook for declarations of interest: one call per meeting, {item id: person ids}."""
    held_with_attendance(scene)
    calls = []

    def declared_interests(meeting):
        calls.append(meeting.pk)
        return {scene.items.constitution.pk: {scene.cast.chair.person.pk}}

    register_quorum_excluder(declared_interests)
    try:
        assert quorum_for(scene.items.constitution) == Quorum(2, 3, False)
        assert quorum_for(scene.items.previous) == Quorum(3, 3, True)
    finally:
        unregister_quorum_excluder(declared_interests)
    assert calls == [scene.meeting.pk, scene.meeting.pk]
    assert quorum_for(scene.items.constitution) == Quorum(3, 3, True)


def test_a_body_without_a_quorum_is_neither_quorate_nor_inquorate(scene):
    held_with_attendance(scene)
    scene.cast.board.quorum = None
    scene.cast.board.save()
    scene.meeting.body.refresh_from_db()

    assert quorum_for(scene.items.constitution) == Quorum(3, None, None)


def test_a_member_with_apologies_is_not_counted(scene):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    record(scene, {scene.cast.chair.person: P, scene.tim.person: A, scene.rita.person: P})

    assert quorum_for(scene.items.constitution) == Quorum(2, 3, False)
