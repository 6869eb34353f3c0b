"""Drafting the minutes from the records, then editing them item by item: discussion, decisions, actions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.actions import minutes as actions
from meetings.models import ActionStatus, Decision, MeetingStatus, Minutes, MinutesStatus
from tests.factories import MeetingFactory, PaperFactory
from tests.meetings.scenario import approved, drafted, signed

pytestmark = pytest.mark.django_db


def discussions(meeting):
    return list(meeting.items.order_by("number").values_list("number", "discussion"))


def decisions(meeting):
    return list(
        Decision.objects.filter(item__meeting=meeting).order_by("number").values_list("item__number", "number", "text")
    )


def refused(call):
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.messages


# Drafting


def test_drafting_starts_the_minutes_from_attendance_apologies_papers_and_the_calendar(scene):
    PaperFactory(meeting=scene.meeting, item=scene.items.constitution, title="Draft constitution", author="Ann Lee")
    PaperFactory(
        meeting=scene.meeting,
        item=scene.items.constitution,
        title="Legal advice",
        confidential=True,
        confidential_reason="Legal privilege.",
    )

    minutes = drafted(scene)

    assert (minutes.status, minutes.meeting, minutes.approved_at_item, minutes.signed_hash) == (
        MinutesStatus.DRAFT,
        scene.meeting,
        None,
        "",
    )
    assert discussions(scene.meeting) == [
        (1, "Apologies were received from Mel Morris.\nPat Price attended as named reserve for Mel Morris."),
        (2, "There were no minutes of an earlier meeting to approve."),
        # A confidential paper is not named in the discussion of a public item.
        (3, "The report “Draft constitution” (Ann Lee) was presented."),
        (4, ""),
        (5, "The next meeting will be held on 28 May 2009, 2pm, Council Chamber, County Hall, Chester."),
    ]
    scene.meeting.refresh_from_db()
    assert scene.meeting.status == MeetingStatus.MINUTES_DRAFTED
    assert [h.history_user for h in minutes.history.all()] == [scene.cast.secretariat]


def test_a_discussion_already_written_is_kept(scene):
    scene.items.constitution.discussion = "Taken as read."
    scene.items.constitution.save()

    drafted(scene)

    assert discussions(scene.meeting)[2] == (3, "Taken as read.")


def test_drafting_names_the_minutes_the_previous_minutes_item_deals_with(scene):
    drafted(scene)

    actions.draft_minutes(scene.following, by=scene.cast.secretariat)

    assert discussions(scene.following)[1] == (
        2,
        "The minutes of the meeting held on 30 April 2009 were presented for approval as an accurate record.",
    )
    assert discussions(scene.following)[0] == (1, "No apologies were received.")
    assert discussions(scene.following)[3] == (4, "The date of the next meeting is to be confirmed.")


def test_minutes_approved_before_the_approving_meeting_is_drafted_are_minuted_as_a_decision(scene):
    approved(scene)

    actions.draft_minutes(scene.following, by=scene.cast.secretariat)

    assert discussions(scene.following)[1] == (2, "The minutes of the meeting held on 30 April 2009 were considered.")
    assert decisions(scene.following) == [
        (2, 1, "The minutes of the meeting held on 30 April 2009 were agreed as an accurate record.")
    ]


def test_drafting_before_the_meeting_has_taken_place_is_refused(cast):
    meeting = MeetingFactory(body=cast.board)

    assert refused(lambda: actions.draft_minutes(meeting, by=cast.secretariat)) == [
        "The meeting has not taken place yet."
    ]
    assert Minutes.objects.count() == 0
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED


def test_drafting_the_minutes_of_a_cancelled_meeting_is_refused(scene):
    scene.meeting.status = MeetingStatus.CANCELLED
    scene.meeting.status_reason = "The venue flooded."
    scene.meeting.save()

    assert refused(lambda: actions.draft_minutes(scene.meeting, by=scene.cast.secretariat)) == [
        "The meeting was cancelled: The venue flooded."
    ]
    assert Minutes.objects.count() == 0


def test_drafting_twice_is_refused(scene):
    drafted(scene)

    assert refused(lambda: actions.draft_minutes(scene.meeting, by=scene.cast.secretariat)) == [
        "The minutes of this meeting have already been drafted."
    ]
    assert Minutes.objects.count() == 1


# Editing: discussion, decisions numbered through the meeting, actions


def test_editing_an_item_before_the_minutes_are_drafted_is_refused(scene):
    assert refused(
        lambda: actions.edit_discussion(scene.items.constitution, by=scene.cast.secretariat, discussion="Agreed.")
    ) == ["Draft the minutes of this meeting first."]


def test_the_discussion_of_a_draft_is_edited(scene):
    drafted(scene)

    actions.edit_discussion(scene.items.constitution, by=scene.cast.secretariat, discussion="  Partners agreed.\n")

    scene.items.constitution.refresh_from_db()
    assert scene.items.constitution.discussion == "Partners agreed."


def test_decisions_are_numbered_through_the_meeting_in_the_order_of_the_items(scene):
    drafted(scene)
    by = scene.cast.secretariat

    later = actions.add_decision(scene.items.constitution, by=by, text="The constitution was endorsed.")
    assert later.number == 1
    earlier = actions.add_decision(scene.items.previous, by=by, text="Matters arising were noted.")
    also = actions.add_decision(scene.items.constitution, by=by, text="Consultation to follow.")

    assert (earlier.number, also.number) == (1, 3)
    assert decisions(scene.meeting) == [
        (2, 1, "Matters arising were noted."),
        (3, 2, "The constitution was endorsed."),
        (3, 3, "Consultation to follow."),
    ]

    actions.delete_decision(Decision.objects.get(text="Matters arising were noted."), by=by)

    assert decisions(scene.meeting) == [
        (3, 1, "The constitution was endorsed."),
        (3, 2, "Consultation to follow."),
    ]


def test_a_decision_is_edited(scene):
    drafted(scene)
    decision = actions.add_decision(scene.items.constitution, by=scene.cast.secretariat, text="Endorsed.")

    actions.edit_decision(decision, by=scene.cast.secretariat, text="Endorsed, subject to consultation.")

    decision.refresh_from_db()
    assert (decision.number, decision.text) == (1, "Endorsed, subject to consultation.")


def test_an_action_is_recorded_with_owners_a_note_and_a_due_date(scene):
    drafted(scene)

    action = actions.add_action(
        scene.items.constitution,
        by=scene.cast.secretariat,
        text="Confirm a named reserve.",
        owners=[scene.tim.person, scene.cast.chair.person],
        owner_note="All partners",
        due_on=datetime.date(2009, 5, 28),
    )

    action.refresh_from_db()
    assert (action.item, action.text, action.owner_note, action.due_on, action.status) == (
        scene.items.constitution,
        "Confirm a named reserve.",
        "All partners",
        datetime.date(2009, 5, 28),
        ActionStatus.OPEN,
    )
    assert list(action.owners.order_by("name")) == [scene.cast.chair.person, scene.tim.person]


def test_an_action_needs_an_owner(scene):
    drafted(scene)

    with pytest.raises(ValidationError) as error:
        actions.add_action(scene.items.constitution, by=scene.cast.secretariat, text="Report back.")

    assert error.value.message_dict == {"owners": ["Say who owns the action: choose people, or describe the owners."]}
    assert scene.items.constitution.actions.count() == 0


def test_an_action_is_edited_and_removed(scene):
    drafted(scene)
    by = scene.cast.secretariat
    action = actions.add_action(scene.items.constitution, by=by, text="Report back.", owners=[scene.tim.person])

    actions.edit_action(
        action, by=by, text="Report back in May.", owners=[], owner_note="Secretariat", status=ActionStatus.IN_PROGRESS
    )
    action.refresh_from_db()
    assert (action.text, list(action.owners.all()), action.owner_note, action.status) == (
        "Report back in May.",
        [],
        "Secretariat",
        ActionStatus.IN_PROGRESS,
    )

    actions.delete_action(action, by=by)
    assert scene.items.constitution.actions.count() == 0


# Approved and signed minutes are settled


def test_approved_minutes_are_no_longer_edited(scene):
    approved(scene)
    by = scene.cast.secretariat
    message = ["These minutes were approved as an accurate record on 28 May 2009. Record a correction instead."]

    assert refused(lambda: actions.edit_discussion(scene.items.constitution, by=by, discussion="Changed.")) == message
    assert refused(lambda: actions.add_decision(scene.items.constitution, by=by, text="Late.")) == message
    assert refused(lambda: actions.add_action(scene.items.constitution, by=by, text="Late.", owner_note="All")) == (
        message
    )
    assert refused(lambda: actions.prepare_attendance(scene.meeting, by=by)) == message
    scene.items.constitution.refresh_from_db()
    assert scene.items.constitution.discussion == ""
    assert scene.items.constitution.decisions.count() == 0


def test_signed_minutes_are_locked_against_every_edit(scene):
    minutes = signed(scene)
    by = scene.cast.secretariat
    decision = Decision.objects.create(item=scene.items.constitution, number=1, text="Endorsed.")
    when = timezone.localtime(minutes.signed_at).strftime("%-d %B %Y")

    messages = refused(lambda: actions.edit_decision(decision, by=by, text="Rejected."))

    assert len(messages) == 1
    assert messages[0].startswith(f"These minutes were signed on {when}")
    assert messages[0].endswith("and are locked. Record a correction instead.")
    assert refused(lambda: actions.delete_decision(decision, by=by)) == messages
    decision.refresh_from_db()
    assert decision.text == "Endorsed."
