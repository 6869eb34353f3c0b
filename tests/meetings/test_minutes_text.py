"""The canonical text of the minutes, and the two renditions built from one record."""

import pytest

from meetings.minutes_text import build_rendition, canonical_text, current_hash
from meetings.models import ActionStatus
from partnership.dates import british_datetime
from tests.meetings.scenario import EXPECTED, at

pytestmark = pytest.mark.django_db


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
