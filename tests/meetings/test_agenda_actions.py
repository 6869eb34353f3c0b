"""Scheduling meetings and building their agendas: the secretariat's actions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bodies.models import Body
from meetings.actions import agenda as actions
from meetings.models import (
    AgendaItem,
    ItemKind,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    StandingItem,
    StandingRole,
)
from tests.factories import MeetingFactory, PaperFactory
from tests.meetings.papers import future, schedule, titles

DEFAULT_AGENDA = [
    (1, "Apologies"),
    (2, "Minutes of the previous meeting and matters arising"),
    (3, "Partner matters"),
    (4, "Any other business"),
    (5, "Date of the next meeting"),
]


def messages_of(error):
    return error.value.message_dict if hasattr(error.value, "error_dict") else error.value.messages


# Scheduling


def test_a_new_meeting_gets_the_five_default_standing_items_in_order(cast):
    meeting = schedule(cast, venue="Wyvern House", online_url="https://meet.example.org/lsp")
    assert titles(meeting) == DEFAULT_AGENDA
    assert list(meeting.items.order_by("number").values_list("standing_role", flat=True)) == [
        "apologies",
        "previous_minutes",
        "partner_matters",
        "other_business",
        "next_meeting",
    ]
    assert (meeting.status, meeting.kind, meeting.venue) == (MeetingStatus.SCHEDULED, "ordinary", "Wyvern House")
    assert meeting.history.first().history_user == cast.secretariat


def test_a_body_with_its_own_standing_items_gets_those_instead(cast):
    StandingItem.objects.create(body=cast.forum, role=StandingRole.OTHER_BUSINESS, title="Any other matters")
    StandingItem.objects.create(body=cast.forum, role=StandingRole.APOLOGIES, title="Welcome and apologies")
    meeting = schedule(cast, body=cast.forum)
    assert titles(meeting) == [(1, "Welcome and apologies"), (2, "Any other matters")]


def test_a_meeting_in_the_past_is_refused(cast):
    with pytest.raises(ValidationError) as error:
        actions.schedule_meeting(
            cast.board, by=cast.secretariat, starts_at=timezone.now() - datetime.timedelta(hours=1)
        )
    assert messages_of(error) == {"starts_at": ["A new meeting must be in the future."]}
    assert Meeting.objects.count() == 0


def test_a_body_that_has_ended_cannot_meet_after_its_last_day(cast):
    Body.objects.filter(pk=cast.board.pk).update(ended_on=timezone.localdate())
    cast.board.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        schedule(cast, days=3)
    last_day = f"{timezone.localdate():%-d %B %Y}"
    assert messages_of(error) == {"starts_at": [f"Partnership Board ended on {last_day}; it cannot meet after that."]}
    assert AgendaItem.objects.count() == 0


def test_a_special_meeting_ending_before_it_starts_is_refused(cast):
    with pytest.raises(ValidationError) as error:
        actions.schedule_meeting(
            cast.board, by=cast.secretariat, starts_at=future(5), ends_at=future(5, hour=13), kind=MeetingKind.SPECIAL
        )
    assert messages_of(error) == {"__all__": ["A meeting must end after it starts."]}


def test_editing_a_meeting_changes_its_details_but_not_into_the_past(cast):
    meeting = schedule(cast)
    actions.update_meeting(meeting, by=cast.secretariat, venue="Chester Town Hall", starts_at=future(22, hour=10))
    meeting.refresh_from_db()
    assert (meeting.venue, timezone.localtime(meeting.starts_at).hour) == ("Chester Town Hall", 10)
    with pytest.raises(ValidationError) as error:
        actions.update_meeting(meeting, by=cast.secretariat, starts_at=timezone.now() - datetime.timedelta(days=1))
    assert messages_of(error) == {"starts_at": ["A meeting cannot be moved to a time that has passed."]}


def test_postponing_then_rescheduling_brings_the_meeting_back_with_a_new_date(cast):
    meeting = schedule(cast)
    actions.publish_pack(meeting, by=cast.secretariat)
    actions.postpone_meeting(meeting, by=cast.secretariat, reason="The chair is ill")
    meeting.refresh_from_db()
    assert (meeting.status, meeting.status_reason) == (MeetingStatus.POSTPONED, "The chair is ill")
    actions.reschedule_meeting(meeting, by=cast.secretariat, starts_at=future(40))
    meeting.refresh_from_db()
    assert (meeting.status, meeting.status_reason, meeting.agenda_published_at) == (MeetingStatus.SCHEDULED, "", None)
    assert timezone.localdate(meeting.starts_at) == timezone.localdate() + datetime.timedelta(days=40)


def test_only_a_postponed_meeting_can_be_rescheduled(cast):
    meeting = schedule(cast)
    with pytest.raises(ValidationError) as error:
        actions.reschedule_meeting(meeting, by=cast.secretariat, starts_at=future(40))
    assert messages_of(error) == ["Only a postponed meeting can be rescheduled."]


def test_cancelling_needs_a_reason_and_freezes_the_agenda(cast):
    meeting = schedule(cast)
    with pytest.raises(ValidationError) as error:
        actions.cancel_meeting(meeting, by=cast.secretariat, reason="  ")
    assert messages_of(error) == {"status_reason": ["Give the reason."]}
    actions.cancel_meeting(meeting, by=cast.secretariat, reason="Not quorate")
    meeting.refresh_from_db()
    assert (meeting.status, meeting.status_reason) == (MeetingStatus.CANCELLED, "Not quorate")
    with pytest.raises(ValidationError) as error:
        actions.add_item(meeting, by=cast.secretariat, title="Too late")
    assert messages_of(error) == ["The meeting was cancelled; its agenda and papers can no longer change."]
    with pytest.raises(ValidationError) as error:
        actions.postpone_meeting(meeting, by=cast.secretariat, reason="Again")
    assert messages_of(error) == ["The meeting cannot be postponed: its status is cancelled."]


# Items


def test_new_business_goes_before_the_closing_standing_items(cast):
    meeting = schedule(cast)
    first = actions.add_item(meeting, by=cast.secretariat, title="Budget", kind=ItemKind.DECISION, presenter="Pat")
    actions.add_item(meeting, by=cast.secretariat, title="Equality statement")
    assert first.number == 3
    assert titles(meeting) == [
        (1, "Apologies"),
        (2, "Minutes of the previous meeting and matters arising"),
        (3, "Budget"),
        (4, "Equality statement"),
        (5, "Partner matters"),
        (6, "Any other business"),
        (7, "Date of the next meeting"),
    ]


def test_an_agenda_without_closing_items_takes_new_business_at_the_end(cast):
    StandingItem.objects.create(body=cast.forum, role=StandingRole.APOLOGIES, title="Apologies")
    meeting = schedule(cast, body=cast.forum)
    actions.add_item(meeting, by=cast.secretariat, title="Play areas")
    assert titles(meeting) == [(1, "Apologies"), (2, "Play areas")]


def test_moving_an_item_swaps_it_with_its_neighbour(cast):
    meeting = schedule(cast)
    budget = actions.add_item(meeting, by=cast.secretariat, title="Budget")
    actions.move_item(budget, by=cast.secretariat, direction="up")
    assert titles(meeting)[1:3] == [(2, "Budget"), (3, "Minutes of the previous meeting and matters arising")]
    actions.move_item(budget, by=cast.secretariat, direction="down")
    actions.move_item(budget, by=cast.secretariat, direction="down")
    assert titles(meeting)[2:4] == [(3, "Partner matters"), (4, "Budget")]
    assert sorted(number for number, _ in titles(meeting)) == [1, 2, 3, 4, 5, 6]


def test_the_first_item_cannot_move_up_nor_the_last_down(cast):
    meeting = schedule(cast)
    items = list(meeting.items.order_by("number"))
    with pytest.raises(ValidationError) as error:
        actions.move_item(items[0], by=cast.secretariat, direction="up")
    assert messages_of(error) == ["Item 1 is already first on the agenda."]
    with pytest.raises(ValidationError) as error:
        actions.move_item(items[-1], by=cast.secretariat, direction="down")
    assert messages_of(error) == ["Item 5 is already last on the agenda."]
    with pytest.raises(ValidationError) as error:
        actions.move_item(items[1], by=cast.secretariat, direction="sideways")
    assert messages_of(error) == ["Choose whether to move the item up or down."]
    assert titles(meeting) == DEFAULT_AGENDA


def test_removing_an_item_before_publication_renumbers_the_rest(cast):
    meeting = schedule(cast)
    budget = actions.add_item(meeting, by=cast.secretariat, title="Budget")
    paper = PaperFactory(meeting=meeting, item=budget)
    actions.remove_item(meeting.items.get(number=1), by=cast.secretariat)
    assert [number for number, _ in titles(meeting)] == [1, 2, 3, 4, 5]
    assert titles(meeting)[1] == (2, "Budget")
    actions.remove_item(budget, by=cast.secretariat)
    paper.refresh_from_db()
    assert (paper.meeting_id, paper.item_id) == (meeting.pk, None)


def test_removing_an_item_after_publication_is_refused(cast):
    meeting = schedule(cast)
    actions.publish_pack(meeting, by=cast.secretariat)
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        actions.remove_item(meeting.items.get(number=3), by=cast.secretariat)
    assert messages_of(error) == [
        f"The agenda was published on {timezone.localdate():%-d %B %Y}, so item 3 cannot be removed. "
        "Edit it to say it was withdrawn instead."
    ]
    assert titles(meeting) == DEFAULT_AGENDA


def test_an_item_the_minutes_refer_to_cannot_be_removed(cast):
    meeting = schedule(cast)
    earlier = MeetingFactory(body=cast.board, starts_at=future(-30), status="held")
    Minutes.objects.create(meeting=earlier, approved_at_item=meeting.items.get(number=2))
    with pytest.raises(ValidationError) as error:
        actions.remove_item(meeting.items.get(number=2), by=cast.secretariat)
    assert messages_of(error) == ["Item 2 is referred to by minutes, so it cannot be removed."]
    assert titles(meeting) == DEFAULT_AGENDA


def test_an_item_can_be_taken_with_another_but_not_in_a_chain(cast):
    meeting = schedule(cast)
    lead = actions.add_item(meeting, by=cast.secretariat, title="Health inequalities")
    second = actions.add_item(meeting, by=cast.secretariat, title="Marmot review", taken_with=lead)
    assert second.taken_with == lead
    third = actions.add_item(meeting, by=cast.secretariat, title="Third")
    with pytest.raises(ValidationError) as error:
        actions.update_item(third, by=cast.secretariat, taken_with=second)
    assert messages_of(error) == {"taken_with": ["Item 4 is itself taken with item 3: choose that one."]}
    with pytest.raises(ValidationError) as error:
        actions.update_item(lead, by=cast.secretariat, taken_with=third)
    assert messages_of(error) == {
        "taken_with": ["Other items are taken with this one, so it cannot be taken with another item."]
    }
    with pytest.raises(ValidationError) as error:
        actions.update_item(third, by=cast.secretariat, taken_with=third)
    assert messages_of(error) == {"taken_with": ["An item cannot be taken with itself."]}


def test_an_item_of_another_meeting_cannot_be_taken_with(cast):
    meeting, other = schedule(cast), schedule(cast, days=30)
    foreign = other.items.get(number=1)
    item = actions.add_item(meeting, by=cast.secretariat, title="Budget")
    with pytest.raises(ValidationError) as error:
        actions.update_item(item, by=cast.secretariat, taken_with=foreign)
    assert messages_of(error) == {"taken_with": ["Choose an item on this meeting's agenda."]}


def test_a_confidential_item_needs_its_reason_and_losing_confidentiality_drops_it(cast):
    meeting = schedule(cast)
    with pytest.raises(ValidationError) as error:
        actions.add_item(meeting, by=cast.secretariat, title="Contract", confidential=True)
    assert messages_of(error) == {"confidential_reason": ["Give the reason the item is confidential."]}
    item = actions.add_item(
        meeting, by=cast.secretariat, title="Contract", confidential=True, confidential_reason="Tender"
    )
    actions.update_item(item, by=cast.secretariat, confidential=False, confidential_reason="Tender")
    item.refresh_from_db()
    assert (item.confidential, item.confidential_reason) == (False, "")
    assert item.history.first().history_user == cast.secretariat


# The pack


def test_publishing_sends_out_every_waiting_paper_and_is_done_once(cast):
    meeting = schedule(cast)
    first = actions.add_paper(meeting, by=cast.secretariat, title="A", author="Ann", text="Text")
    second = actions.add_paper(meeting, by=cast.secretariat, title="B", author="Bob", text="Text")
    actions.publish_pack(meeting, by=cast.secretariat)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    sent = {paper.pk: paper.circulated_at for paper in meeting.papers.all()}
    assert sent == {first.pk: meeting.agenda_published_at, second.pk: meeting.agenda_published_at}
    with pytest.raises(ValidationError) as error:
        actions.publish_pack(meeting, by=cast.secretariat)
    assert messages_of(error) == [f"The agenda pack was already published on {timezone.localdate():%-d %B %Y}."]


def test_publishing_after_the_deadline_needs_a_reason_for_the_waiting_papers(cast):
    meeting = schedule(cast, days=3)
    paper = actions.add_paper(meeting, by=cast.secretariat, title="A", author="Ann", text="Text")
    deadline = f"{meeting.circulation_deadline():%-d %B %Y}"
    with pytest.raises(ValidationError) as error:
        actions.publish_pack(meeting, by=cast.secretariat)
    assert messages_of(error) == {
        "late_reason": [f"Papers were due out by {deadline}: say why they are going out late."]
    }
    actions.publish_pack(meeting, by=cast.secretariat, late_reason="Awaiting the audit")
    paper.refresh_from_db()
    assert (paper.is_late(), paper.late_reason) == (True, "Awaiting the audit")


def test_a_postponed_meeting_cannot_publish_its_pack(cast):
    meeting = actions.postpone_meeting(schedule(cast), by=cast.secretariat, reason="Snow")
    with pytest.raises(ValidationError) as error:
        actions.publish_pack(meeting, by=cast.secretariat)
    assert messages_of(error) == ["The meeting is postponed; its pack cannot go out."]
