"""Once a meeting's minutes are approved, its agenda is part of the record and stops changing."""

import pytest
from django.core.exceptions import ValidationError

from meetings.actions import agenda as actions_agenda
from meetings.models import AgendaItem, Minutes, MinutesStatus
from tests.factories import AgendaItemFactory, MeetingFactory, PaperFactory


@pytest.fixture
def settled(cast):
    meeting = MeetingFactory(body=cast.board)
    item = AgendaItemFactory(meeting=meeting, number=1, title="Budget")
    AgendaItemFactory(meeting=meeting, number=2, title="Any other business")
    Minutes.objects.create(meeting=meeting, status=MinutesStatus.APPROVED)
    return item


REFUSAL = (
    "The minutes of this meeting are approved as an accurate record, so its agenda and papers can no longer "
    "change. Record a correction to the minutes instead."
)


def test_an_item_of_a_meeting_with_approved_minutes_cannot_be_renamed(settled, cast):
    with pytest.raises(ValidationError) as refused:
        actions_agenda.update_item(settled, by=cast.secretariat, title="Something else")
    assert refused.value.messages == [REFUSAL]
    assert AgendaItem.objects.get(pk=settled.pk).title == "Budget"


def test_items_of_a_meeting_with_approved_minutes_cannot_move_or_be_added(settled, cast):
    with pytest.raises(ValidationError):
        actions_agenda.move_item(settled, by=cast.secretariat, direction="down")
    with pytest.raises(ValidationError):
        actions_agenda.add_item(settled.meeting, by=cast.secretariat, title="Late business")
    assert list(settled.meeting.items.order_by("number").values_list("title", flat=True)) == [
        "Budget",
        "Any other business",
    ]


def test_a_draft_still_lets_the_agenda_change(cast):
    meeting = MeetingFactory(body=cast.board)
    item = AgendaItemFactory(meeting=meeting, number=1, title="Budget")
    Minutes.objects.create(meeting=meeting, status=MinutesStatus.DRAFT)

    actions_agenda.update_item(item, by=cast.secretariat, title="Budget for 2027")

    assert AgendaItem.objects.get(pk=item.pk).title == "Budget for 2027"


def test_a_paper_cannot_be_added_once_the_minutes_are_signed(cast):
    meeting = MeetingFactory(body=cast.board)
    PaperFactory(meeting=meeting)
    Minutes.objects.create(
        meeting=meeting, status=MinutesStatus.SIGNED, signed_hash="0" * 64, signed_at=meeting.starts_at
    )

    with pytest.raises(ValidationError):
        actions_agenda.add_paper(meeting, by=cast.secretariat, title="After the event", author="A", text="Text")
    assert meeting.papers.count() == 1
