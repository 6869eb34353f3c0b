"""Attendance: the list prepared from the membership, statuses, reserves, support staff and visitors."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from bodies.models import Role
from meetings.actions import minutes as actions
from meetings.models import Attendance, AttendanceStatus, Capacity, MeetingStatus, MinutesStatus
from partnership.models import Person
from tests.factories import MembershipFactory, PersonFactory
from tests.meetings.scenario import approved, drafted, held_with_attendance, record, row

pytestmark = pytest.mark.django_db

P, A, X = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT


def listing(meeting):
    return sorted(
        meeting.attendance.values_list("person__name", "capacity", "role_shown", "organisation_shown", "status")
    )


# prepare_attendance


def test_prepare_attendance_lists_each_seated_member_on_the_day_as_absent(scene):
    created = actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)

    assert len(created) == 4
    # Not the named reserve, the observer, or the member who left the day before.
    assert listing(scene.meeting) == [
        ("Chris Carter", "member", "Chair", "Cheshire West and Chester Council", X),
        ("Mel Morris", "member", "Member", "Cheshire Constabulary", X),
        ("Rita Waters", "member", "Co-opted member", "Cheshire Police Authority", X),
        ("Tim Jackson", "member", "Member", "Cheshire Police Authority", X),
    ]
    assert {a.membership for a in created} == {
        scene.cast.chair_membership,
        scene.cast.member_membership,
        scene.tim,
        scene.rita,
    }
    assert {h.history_user for a in created for h in a.history.all()} == {scene.cast.secretariat}


def test_a_later_change_of_membership_does_not_rewrite_the_attendance(scene):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    scene.tim.role = Role.VICE_CHAIR
    scene.tim.organisation = scene.police
    scene.tim.save()

    assert row(scene.meeting, scene.tim.person).role_shown == "Member"
    assert row(scene.meeting, scene.tim.person).organisation_shown == "Cheshire Police Authority"


def test_preparing_again_adds_only_those_not_yet_listed(scene):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    record(scene, {scene.cast.chair.person: P})
    newcomer = MembershipFactory(person=PersonFactory(name="Nia Naylor"), body=scene.cast.board)

    created = actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)

    assert [a.person for a in created] == [newcomer.person]
    assert row(scene.meeting, scene.cast.chair.person).status == P
    assert scene.meeting.attendance.count() == 5


def test_prepare_attendance_is_refused_for_a_cancelled_meeting(scene):
    scene.meeting.status = MeetingStatus.CANCELLED
    scene.meeting.status_reason = "Not enough business."
    scene.meeting.save()

    with pytest.raises(ValidationError) as error:
        actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)

    assert error.value.messages == ["The meeting was cancelled: Not enough business."]
    assert Attendance.objects.count() == 0


# record_attendance


def test_record_attendance_saves_status_late_arrival_and_early_departure(scene):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    tim = row(scene.meeting, scene.tim.person)
    chris = row(scene.meeting, scene.cast.chair.person)

    actions.record_attendance(
        scene.meeting,
        by=scene.cast.secretariat,
        changes=[
            (tim, P, scene.items.constitution, None),
            (chris, P, None, scene.items.confidential),
        ],
    )

    tim.refresh_from_db()
    chris.refresh_from_db()
    assert (tim.status, tim.arrived_before_item, tim.left_after_item) == (P, scene.items.constitution, None)
    assert (chris.status, chris.arrived_before_item, chris.left_after_item) == (P, None, scene.items.confidential)


def test_only_someone_present_can_arrive_late_or_leave_early(scene):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    tim = row(scene.meeting, scene.tim.person)

    with pytest.raises(ValidationError) as error:
        actions.record_attendance(
            scene.meeting, by=scene.cast.secretariat, changes=[(tim, A, scene.items.constitution, None)]
        )

    assert error.value.messages == ["Tim Jackson: only someone present can arrive late or leave early."]
    assert row(scene.meeting, scene.tim.person).status == X


def test_leaving_before_arriving_is_refused(scene):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    tim = row(scene.meeting, scene.tim.person)

    with pytest.raises(ValidationError) as error:
        actions.record_attendance(
            scene.meeting,
            by=scene.cast.secretariat,
            changes=[(tim, P, scene.items.confidential, scene.items.previous)],
        )

    assert error.value.messages == ["Tim Jackson: the item they left after comes before the one they arrived for."]


def test_an_item_of_another_meeting_is_refused(scene):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    tim = row(scene.meeting, scene.tim.person)

    with pytest.raises(ValidationError) as error:
        actions.record_attendance(
            scene.meeting, by=scene.cast.secretariat, changes=[(tim, P, scene.following_items.apologies, None)]
        )

    assert error.value.messages == ["Arrived late: choose an item of this meeting."]


def test_marking_a_member_present_while_their_reserve_attends_is_refused(scene):
    held_with_attendance(scene)
    mel = row(scene.meeting, scene.cast.member.person)

    with pytest.raises(ValidationError) as error:
        actions.record_attendance(scene.meeting, by=scene.cast.secretariat, changes=[(mel, P, None, None)])

    assert error.value.messages == [
        "Mel Morris and Pat Price are both recorded as present in one seat. A named reserve attending for a "
        "member counts for that seat once, never twice: record one of them as absent or sending apologies."
    ]
    assert row(scene.meeting, scene.cast.member.person).status == A


def test_the_member_and_reserve_can_swap_in_one_save(scene):
    held_with_attendance(scene)
    mel = row(scene.meeting, scene.cast.member.person)
    pat = row(scene.meeting, scene.pat.person)

    # The member is saved first in the list, while the reserve is still present: the order must not matter.
    actions.record_attendance(
        scene.meeting, by=scene.cast.secretariat, changes=[(mel, P, None, None), (pat, X, None, None)]
    )

    assert (row(scene.meeting, scene.cast.member.person).status, row(scene.meeting, scene.pat.person).status) == (P, X)


def test_recording_attendance_is_refused_once_the_minutes_are_approved(scene):
    approved(scene)
    tim = row(scene.meeting, scene.tim.person)

    with pytest.raises(ValidationError) as error:
        actions.record_attendance(scene.meeting, by=scene.cast.secretariat, changes=[(tim, X, None, None)])

    assert error.value.messages == [
        "These minutes were approved as an accurate record on 28 May 2009. Record a correction instead."
    ]
    assert row(scene.meeting, scene.tim.person).status == P


# Named reserves


def test_a_named_reserve_attends_in_the_seat_of_the_member_who_sent_apologies(scene):
    held_with_attendance(scene)

    pat = row(scene.meeting, scene.pat.person)
    assert (pat.capacity, pat.membership, pat.role_shown, pat.organisation_shown, pat.status) == (
        Capacity.RESERVE,
        scene.cast.member_membership,
        "Named reserve for Mel Morris",
        "Cheshire Constabulary",
        P,
    )


def test_only_the_members_named_reserve_on_the_day_can_attend_for_them(scene):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    record(scene, {scene.tim.person: A})
    tim = row(scene.meeting, scene.tim.person)

    with pytest.raises(ValidationError) as error:
        actions.record_reserve(scene.meeting, by=scene.cast.secretariat, member=tim, reserve=scene.pat.person)

    assert error.value.message_dict == {
        "reserve": ["Pat Price is not the named reserve for Tim Jackson on 30 April 2009."]
    }
    assert Attendance.objects.filter(person=scene.pat.person).count() == 0


def test_a_reserve_whose_nomination_ended_before_the_meeting_cannot_attend(scene):
    scene.pat.end = datetime.date(2009, 4, 15)
    scene.pat.save()
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    record(scene, {scene.cast.member.person: A})

    with pytest.raises(ValidationError) as error:
        actions.record_reserve(
            scene.meeting,
            by=scene.cast.secretariat,
            member=row(scene.meeting, scene.cast.member.person),
            reserve=scene.pat.person,
        )

    assert error.value.message_dict == {
        "reserve": ["Pat Price is not the named reserve for Mel Morris on 30 April 2009."]
    }


def test_a_reserve_cannot_attend_for_a_member_recorded_as_present(scene):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)
    record(scene, {scene.cast.member.person: P})

    with pytest.raises(ValidationError) as error:
        actions.record_reserve(
            scene.meeting,
            by=scene.cast.secretariat,
            member=row(scene.meeting, scene.cast.member.person),
            reserve=scene.pat.person,
        )

    assert error.value.message_dict == {
        "member": [
            "Mel Morris is recorded as present. A named reserve attending for a member counts for that seat "
            "once, never twice: record Mel Morris as absent or sending apologies first."
        ]
    }
    assert Attendance.objects.filter(person=scene.pat.person).count() == 0


def test_the_database_counts_a_seat_present_once(scene):
    """The constraint behind the actions: a second row present in the same seat is refused."""
    held_with_attendance(scene)
    mel = row(scene.meeting, scene.cast.member.person)
    mel.status = P

    with pytest.raises(ValidationError) as error:
        mel.full_clean()

    assert error.value.messages == ["Someone is already counted present in this seat."]


# Support staff and visitors


def test_support_staff_are_added_from_the_records_as_present(scene):
    officer = PersonFactory(name="Alistair Jeffs", job_title="Partnerships officer")

    added = actions.add_attendee(
        scene.meeting, by=scene.cast.secretariat, capacity=Capacity.SUPPORT, person=officer, organisation_shown="CWAC"
    )

    assert (added.person, added.capacity, added.status, added.role_shown, added.organisation_shown) == (
        officer,
        Capacity.SUPPORT,
        P,
        "Partnerships officer",
        "CWAC",
    )


def test_a_visitor_new_to_the_records_is_created_from_their_name(scene):
    added = actions.add_attendee(
        scene.meeting, by=scene.cast.secretariat, capacity=Capacity.VISITOR, name=" Evan Morris "
    )

    assert (added.person.name, added.capacity, added.status) == ("Evan Morris", Capacity.VISITOR, P)
    assert Person.objects.filter(name="Evan Morris").count() == 1


def test_adding_someone_twice_is_refused(scene):
    actions.prepare_attendance(scene.meeting, by=scene.cast.secretariat)

    with pytest.raises(ValidationError) as error:
        actions.add_attendee(
            scene.meeting, by=scene.cast.secretariat, capacity=Capacity.VISITOR, person=scene.tim.person
        )

    assert error.value.message_dict == {"person": ["Tim Jackson is already on the attendance list."]}
    assert row(scene.meeting, scene.tim.person).capacity == Capacity.MEMBER


def test_a_visitor_needs_a_person_or_a_name_but_not_both(scene):
    for kwargs in ({}, {"person": scene.tim.person, "name": "Evan Morris"}):
        with pytest.raises(ValidationError) as error:
            actions.add_attendee(scene.meeting, by=scene.cast.secretariat, capacity=Capacity.VISITOR, **kwargs)
        assert error.value.message_dict == {
            "person": ["Choose a person from the records, or give the name of someone new."]
        }
    assert Attendance.objects.count() == 0


def test_members_are_not_added_as_visitors(scene):
    with pytest.raises(ValidationError) as error:
        actions.add_attendee(scene.meeting, by=scene.cast.secretariat, capacity=Capacity.MEMBER, name="Evan Morris")

    assert error.value.message_dict == {"capacity": ["Choose support staff or visitor."]}


def test_removing_a_visitor_takes_them_off_the_list(scene):
    added = actions.add_attendee(
        scene.meeting, by=scene.cast.secretariat, capacity=Capacity.VISITOR, name="Evan Morris"
    )

    actions.remove_attendee(added, by=scene.cast.secretariat)

    assert Attendance.objects.count() == 0


def test_removing_someone_is_refused_once_the_minutes_are_approved(scene):
    approved(scene)
    pat = row(scene.meeting, scene.pat.person)

    with pytest.raises(ValidationError):
        actions.remove_attendee(pat, by=scene.cast.secretariat)

    assert Attendance.objects.filter(pk=pat.pk).exists()


def test_a_draft_can_still_take_attendance_changes(scene):
    drafted(scene)
    assert scene.meeting.minutes.status == MinutesStatus.DRAFT

    record(scene, {scene.tim.person: A})

    assert row(scene.meeting, scene.tim.person).status == A
