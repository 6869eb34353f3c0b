"""Meetings entered afterwards from the paper record (issue 11): the action, their minutes, signatures on paper.

A partnership adopting the application brings years of past meetings. The
secretariat enters each as it took place; attendance and minutes go through
the usual actions; a later meeting approves the minutes; the chair signs
online, or the secretariat records the signature on the paper copy. Nothing
about such a meeting is news: no reminder is planned for a moment that passed.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bodies.models import Body, Role
from meetings.actions import agenda
from meetings.actions import minutes as minutes_actions
from meetings.minutes_text import canonical_text
from meetings.models import (
    ActionStatus,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    StandingRole,
    canonical_hash,
)
from meetings.reminders import plan_meeting
from notifications.models import Notification, NotificationStatus
from notifications.planning import at_nine
from tests.factories import MeetingFactory, PersonFactory, UserFactory
from tests.meetings.past import at, minuted, previous_item

pytestmark = pytest.mark.django_db


def refused(call):
    with pytest.raises(ValidationError) as error:
        call()
    return error.value


def titles(meeting):
    return list(meeting.items.order_by("number").values_list("number", "title", "standing_role"))


def notifications():
    return list(Notification.objects.order_by("pk").values_list("kind", "recipient__name", "status"))


# Recording a past meeting


def test_the_secretariat_records_a_past_meeting_with_its_agenda_marked_as_entered_afterwards(cast, past):
    before = timezone.now()

    meeting = past(
        at(2009, 4, 30),
        ends_at=at(2009, 4, 30, 16),
        venue="Council Chamber, Chester",
        kind=MeetingKind.SPECIAL,
        business=["Constitution of the partnership", "  ", " Commissioning budget "],
    )

    meeting.refresh_from_db()
    assert (meeting.body, meeting.kind, meeting.starts_at, meeting.ends_at, meeting.venue, meeting.status) == (
        cast.board,
        MeetingKind.SPECIAL,
        at(2009, 4, 30),
        at(2009, 4, 30, 16),
        "Council Chamber, Chester",
        MeetingStatus.HELD,
    )
    assert (meeting.is_entered_afterwards, meeting.entered_afterwards_by, meeting.agenda_published_at) == (
        True,
        cast.secretariat,
        None,
    )
    assert before <= meeting.entered_afterwards_at <= timezone.now()
    assert titles(meeting) == [
        (1, "Apologies", "apologies"),
        (2, "Minutes of the previous meeting and matters arising", "previous_minutes"),
        (3, "Constitution of the partnership", ""),
        (4, "Commissioning budget", ""),
        (5, "Partner matters", "partner_matters"),
        (6, "Any other business", "other_business"),
        (7, "Date of the next meeting", "next_meeting"),
    ]
    assert [(h.history_type, h.history_user) for h in meeting.history.all()] == [("+", cast.secretariat)]


def test_a_meeting_in_the_future_is_refused_here(cast, past):
    error = refused(lambda: past(timezone.now() + datetime.timedelta(hours=1)))

    assert error.message_dict == {
        "starts_at": ["A meeting entered from the paper record must already have taken place: choose a past date."]
    }
    assert cast.board.meetings.count() == 0


def test_a_date_before_the_body_was_established_is_refused(cast, past):
    error = refused(lambda: past(at(2009, 3, 31)))

    assert error.message_dict == {
        "starts_at": ["Partnership Board is only established on 1 April 2009; it cannot meet before."]
    }


def test_a_date_after_the_body_ended_is_refused_and_one_before_is_accepted(cast):
    Body.objects.filter(pk=cast.forum.pk).update(ended_on=datetime.date(2010, 3, 31))
    cast.forum.refresh_from_db()

    error = refused(lambda: agenda.record_past_meeting(cast.forum, by=cast.secretariat, starts_at=at(2010, 4, 1)))
    last = agenda.record_past_meeting(cast.forum, by=cast.secretariat, starts_at=at(2010, 3, 31))

    assert error.message_dict == {
        "starts_at": ["Chester Community Forum ended on 31 March 2010; it cannot meet after that."]
    }
    assert list(cast.forum.meetings.all()) == [last]


def test_a_second_meeting_of_the_body_at_the_same_time_is_refused(cast, april, past):
    error = refused(lambda: past(at(2009, 4, 30)))

    assert error.message_dict == {"starts_at": ["The Partnership Board already has a meeting on 30 April 2009, 2pm."]}
    assert list(cast.board.meetings.all()) == [april]


def test_an_end_before_the_start_is_refused(cast, past):
    error = refused(lambda: past(at(2009, 4, 30), ends_at=at(2009, 4, 30, 13)))

    assert error.messages == ["A meeting must end after it starts."]
    assert cast.board.meetings.count() == 0


def test_its_date_can_be_corrected_within_the_past_but_not_moved_into_the_future(cast, april):
    agenda.update_meeting(april, by=cast.secretariat, starts_at=at(2009, 4, 29), ends_at=None)

    error = refused(
        lambda: agenda.update_meeting(
            april, by=cast.secretariat, starts_at=timezone.now() + datetime.timedelta(days=1), ends_at=None
        )
    )

    april.refresh_from_db()
    assert april.starts_at == at(2009, 4, 29)
    assert error.message_dict == {
        "starts_at": ["This meeting was entered from the paper record: its date must stay in the past."]
    }


def test_no_pack_goes_out_for_a_meeting_entered_afterwards(cast, april):
    error = refused(lambda: agenda.publish_pack(april, by=cast.secretariat, late_reason="Years late."))

    april.refresh_from_db()
    assert error.messages == [
        "This meeting was entered from the paper record after it took place; its papers went out at the time, so no "
        "pack goes out now. Its agenda and papers are shown on its page as part of the record."
    ]
    assert (april.agenda_published_at, april.status) == (None, MeetingStatus.HELD)


# No reminders for moments that passed


def test_no_deadline_reminder_is_planned_even_for_a_paper_expected_on_its_agenda(cast, april):
    author = PersonFactory(name="Ann Author", user=UserFactory(email="ann@example.org"))
    agenda.add_item(april, by=cast.secretariat, title="Youth strategy", paper_expected_from=author)

    # Even planned as if from before the meeting, nothing: its deadlines are history.
    plan_meeting(april, now=at(2009, 4, 1))

    assert notifications() == []


def test_a_whole_past_meeting_entered_approved_signed_on_paper_and_published_plans_nothing(cast, april, may):
    minutes = minuted(cast, april)
    minutes_actions.draft_minutes(may, by=cast.secretariat)
    minutes_actions.approve_minutes(minutes, by=cast.secretariat, at_item=previous_item(may))
    minutes_actions.record_paper_signature(
        minutes, by=cast.secretariat, signed_by=cast.chair.person, signed_on=datetime.date(2009, 5, 28)
    )
    minutes_actions.publish_minutes(minutes, by=cast.secretariat)

    # The chair's request to sign was planned for the next morning, and cancelled by the paper signature.
    assert notifications() == [("minutes_to_sign", "Chris Carter", NotificationStatus.CANCELLED)]


def test_approved_minutes_ask_the_chair_to_sign_the_next_morning_not_at_once(cast, april, may):
    minutes = minuted(cast, april)

    minutes_actions.approve_minutes(minutes, by=cast.secretariat, at_item=previous_item(may))

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert list(Notification.objects.values_list("kind", "recipient__name", "due_at", "status")) == [
        ("minutes_to_sign", "Chris Carter", at_nine(tomorrow), NotificationStatus.PENDING)
    ]


# Attendance and minutes through the usual actions


def test_attendance_lists_those_who_held_a_seat_on_the_day_of_the_past_meeting(cast, april):
    listed = minutes_actions.prepare_attendance(april, by=cast.secretariat)

    assert sorted(row.person.name for row in listed) == ["Chris Carter", "Len Left", "Mel Morris"]


def test_minutes_are_drafted_with_decisions_and_an_action_due_in_the_past(cast, april):
    minutes = minuted(cast, april)

    april.refresh_from_db()
    action = april.items.get(number=3).actions.get()
    assert (minutes.status, april.status) == (MinutesStatus.DRAFT, MeetingStatus.MINUTES_DRAFTED)
    assert (action.due_on, action.status, list(action.owners.all())) == (
        datetime.date(2009, 5, 28),
        ActionStatus.OPEN,
        [cast.member.person],
    )
    assert list(april.items.get(number=3).decisions.values_list("number", "text")) == [
        (1, "The constitution was endorsed.")
    ]


def test_a_later_meeting_itself_entered_afterwards_approves_them_at_its_previous_minutes_item(cast, april, may):
    minutes = minuted(cast, april)
    minutes_actions.draft_minutes(may, by=cast.secretariat)

    minutes_actions.approve_minutes(minutes, by=cast.secretariat, at_item=previous_item(may))

    minutes.refresh_from_db()
    assert (minutes.status, minutes.approved_at_item, minutes.approved_on) == (
        MinutesStatus.APPROVED,
        previous_item(may),
        datetime.date(2009, 5, 28),
    )
    assert list(previous_item(may).decisions.values_list("text", flat=True)) == [
        "The minutes of the meeting held on 30 April 2009 were agreed as an accurate record."
    ]


def test_the_chair_can_still_sign_them_online_today(cast, april, may):
    minutes = minuted(cast, april)
    minutes_actions.approve_minutes(minutes, by=cast.secretariat, at_item=previous_item(may))

    minutes_actions.sign_minutes(minutes, by=cast.chair)

    minutes.refresh_from_db()
    assert (minutes.status, minutes.signed_by, minutes.signed_on_paper_by, minutes.is_signed_on_paper) == (
        MinutesStatus.SIGNED,
        cast.chair,
        None,
        False,
    )
    assert Notification.objects.get().status == NotificationStatus.CANCELLED


# The chair's signature from the paper record


def paper_signature(cast, minutes, *, signed_by=None, signed_on=datetime.date(2009, 6, 12), by=None):
    return minutes_actions.record_paper_signature(
        minutes,
        by=by or cast.secretariat,
        signed_by=signed_by or cast.chair.person,
        signed_on=signed_on,
    )


def state(minutes):
    minutes.refresh_from_db()
    return (minutes.status, minutes.signed_at, minutes.signed_hash, minutes.signed_on_paper_by)


def test_the_secretariat_records_the_chairs_signature_as_of_its_real_date(cast, april, approved):
    before = timezone.now()

    paper_signature(cast, approved, signed_on=datetime.date(2009, 6, 12))

    approved.refresh_from_db()
    assert (
        approved.status,
        approved.signed_at,
        approved.signed_hash,
        approved.signed_by,
        approved.signed_on_paper_by,
        approved.paper_signature_recorded_by,
    ) == (
        MinutesStatus.SIGNED,
        timezone.make_aware(datetime.datetime(2009, 6, 12)),
        canonical_hash(canonical_text(april)),
        None,
        cast.chair.person,
        cast.secretariat,
    )
    assert before <= approved.paper_signature_recorded_at <= timezone.now()
    assert approved.is_locked and approved.is_signed_on_paper
    assert approved.history.first().history_user == cast.secretariat


def test_the_vice_chair_on_that_date_may_have_signed(cast, approved):
    vera = cast.board.memberships.get(role=Role.VICE_CHAIR).person

    paper_signature(cast, approved, signed_by=vera, signed_on=datetime.date(2009, 7, 1))

    assert state(approved)[3] == vera


def test_someone_not_chairing_the_body_on_that_date_is_refused(cast, approved):
    vera = cast.board.memberships.get(role=Role.VICE_CHAIR).person
    before = state(approved)

    member = refused(lambda: paper_signature(cast, approved, signed_by=cast.member.person))
    former = refused(lambda: paper_signature(cast, approved, signed_by=vera, signed_on=datetime.date(2010, 4, 1)))

    assert member.message_dict == {
        "signed_by": ["Mel Morris was not the chair or vice chair of the Partnership Board on 12 June 2009."]
    }
    assert former.message_dict == {
        "signed_by": ["Vera Vance was not the chair or vice chair of the Partnership Board on 1 April 2010."]
    }
    assert state(approved) == before


def test_a_signature_before_the_approval_or_in_the_future_is_refused(cast, approved):
    early = refused(lambda: paper_signature(cast, approved, signed_on=datetime.date(2009, 5, 27)))
    future = refused(
        lambda: paper_signature(cast, approved, signed_on=timezone.localdate() + datetime.timedelta(days=1))
    )

    assert early.message_dict == {
        "signed_on": ["The minutes were approved on 28 May 2009: they cannot have been signed before that."]
    }
    assert future.message_dict == {"signed_on": ["The date of the signature cannot be in the future."]}
    assert state(approved)[0] == MinutesStatus.APPROVED


def test_the_day_of_the_approval_and_today_are_both_accepted(cast, approved, past):
    paper_signature(cast, approved, signed_on=datetime.date(2009, 5, 28))
    june = past(at(2009, 6, 25), business=["Area boards"])
    july = past(at(2009, 7, 30))
    minutes = minuted(cast, june)
    minutes_actions.approve_minutes(minutes, by=cast.secretariat, at_item=previous_item(july))

    paper_signature(cast, minutes, signed_on=timezone.localdate())

    approved.refresh_from_db()
    minutes.refresh_from_db()
    assert [timezone.localdate(m.signed_at) for m in (approved, minutes)] == [
        datetime.date(2009, 5, 28),
        timezone.localdate(),
    ]


def test_draft_minutes_are_refused_a_signature(cast, april):
    minutes = minuted(cast, april)

    error = refused(lambda: paper_signature(cast, minutes))

    assert error.messages == [
        "Minutes are signed once a later meeting has approved them as an accurate record: record the approval first."
    ]


def test_signing_twice_is_refused(cast, approved):
    paper_signature(cast, approved)
    before = state(approved)

    again = refused(lambda: paper_signature(cast, approved, signed_on=datetime.date(2009, 7, 1)))

    assert again.messages == ["These minutes were signed on 12 June 2009 by Chris Carter."]
    assert state(approved) == before


def test_only_the_secretariat_records_a_paper_signature(cast, approved):
    error = refused(lambda: paper_signature(cast, approved, by=cast.chair))

    assert error.messages == ["Only the secretariat records a signature from the paper record."]
    assert state(approved)[0] == MinutesStatus.APPROVED


def test_minutes_of_a_meeting_held_live_are_signed_online_only(cast):
    live = MeetingFactory(body=cast.board, starts_at=at(2009, 4, 30))
    later = MeetingFactory(body=cast.board, starts_at=at(2009, 5, 28))
    item = later.items.create(number=1, title="Minutes", standing_role=StandingRole.PREVIOUS_MINUTES)
    minutes = Minutes.objects.create(
        meeting=live, status=MinutesStatus.APPROVED, approved_at_item=item, approved_on=datetime.date(2009, 5, 28)
    )

    error = refused(lambda: paper_signature(cast, minutes))

    assert error.messages == [
        "Only the minutes of a meeting entered from the paper record can have a paper signature recorded. "
        "The chair signs these minutes online."
    ]


def test_signed_on_paper_minutes_are_locked_and_published_as_usual(cast, april, approved):
    paper_signature(cast, approved)

    locked = refused(
        lambda: minutes_actions.edit_discussion(april.items.get(number=3), by=cast.secretariat, discussion="Changed.")
    )
    minutes_actions.publish_minutes(approved, by=cast.secretariat)

    april.refresh_from_db()
    assert locked.messages == ["These minutes were signed on 12 June 2009 and are locked. Record a correction instead."]
    assert (approved.is_published, april.status) == (True, MeetingStatus.MINUTES_PUBLISHED)


def test_the_database_keeps_a_paper_signature_whole(cast, approved):
    with pytest.raises(IntegrityError), transaction.atomic():
        Minutes.objects.filter(pk=approved.pk).update(signed_on_paper_by=cast.chair.person)


def test_the_database_refuses_a_meeting_entered_before_it_started(cast, april):
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=april.pk).update(entered_afterwards_at=at(2009, 4, 29))
