"""Replies to a meeting: a member sends apologies and names their reserve from My work, the chair reads who has
replied and the quorum to expect, and after the meeting the secretariat's attendance list starts from the replies.

Everyone signs in through the real form; every page visited, and the form re-rendered with its errors, is
checked with axe-core.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Attendance, Meeting, MeetingReply, ReplyAnswer
from partnership.dates import british_date
from tests.browser.pages import (
    banner,
    board_with_a_named_reserve,
    error_summary,
    flat_texts,
    follow,
    heading,
    path_of,
    sign_out,
    visit,
)
from tests.factories import MeetingFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def coming_meeting(cast):
    """A board meeting in ten days (quorum 3): Chris, Mel (with Pat Price as named reserve) and Tim hold seats."""
    board_with_a_named_reserve(cast)
    day = timezone.localdate() + datetime.timedelta(days=10)
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))
    return MeetingFactory(body=cast.board, starts_at=starts_at, venue="Council Chamber, Chester")


def test_a_members_apologies_and_reserve_are_where_the_secretariats_attendance_list_starts(
    page, axe, login, cast, coming_meeting
):
    meeting = coming_meeting
    last_day = british_date(meeting.starts_at.date() - datetime.timedelta(days=2))

    # Mel follows the link to reply from My work.
    login(page, cast.member)
    axe(page)
    expect(page.locator("main")).to_contain_text(f"You have not replied: reply by the end of {last_day}.")
    follow(page, axe, page.get_by_role("link", name="Reply to say whether you will attend"))
    expect(heading(page)).to_have_text("Your reply to the meeting")
    expect(page.locator("main")).to_contain_text(f"You can reply, and change your reply, until the end of {last_day}.")

    # Nothing chosen is refused, with the error summary.
    follow(page, axe, page.get_by_role("button", name="Send your reply"))
    assert error_summary(page) == ["Choose whether you will attend, send apologies or name your reserve"]

    # Apologies, with Pat Price named to attend in Mel's place, and a note, by keyboard.
    choice = page.get_by_label("I send my apologies, and my named reserve, Pat Price, will attend in my place")
    choice.focus()
    page.keyboard.press("Space")
    expect(choice).to_be_checked()
    page.get_by_label("A note for the secretariat (optional)").fill("At the county conference that day.")
    follow(page, axe, page.get_by_role("button", name="Send your reply"))
    assert path_of(page) == meeting.get_absolute_url()
    expect(banner(page)).to_have_text(
        "Your reply was saved: you send your apologies, and Pat Price will attend in your place. "
        f"You can change it until the end of {last_day}."
    )
    expect(page.locator(".app-reply-panel")).to_contain_text("Apologies; Pat Price attends as named reserve.")
    reply = MeetingReply.objects.get()
    assert (reply.answer, reply.reserve.person.name, reply.note) == (
        ReplyAnswer.RESERVE,
        "Pat Price",
        "At the county conference that day.",
    )
    sign_out(page)

    # The chair reads who has replied and the quorum to expect, from the meeting's page.
    login(page, cast.chair)
    visit(page, axe, meeting.get_absolute_url())
    follow(page, axe, page.get_by_role("link", name="Who has replied, and the quorum to expect"))
    assert flat_texts(page.locator(".app-reply-counts .govuk-summary-list__value")) == ["0", "1", "1", "2"]
    expect(page.locator(".app-expected-quorum")).to_contain_text("1 of 3 seats will be filled: the quorum is 3")
    expect(page.locator(".app-replies")).to_contain_text("At the county conference that day.")
    sign_out(page)

    # The meeting takes place; the secretariat starts the attendance list from the replies.
    held = timezone.now() - datetime.timedelta(hours=3)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=held)
    login(page, cast.secretariat)
    visit(page, axe, reverse("meeting_attendance", args=[meeting.pk]))
    follow(page, axe, page.get_by_role("button", name="Start the list from the membership"))
    expect(banner(page)).to_have_text(
        "4 people added to the list, starting from members' replies: apologies from 1 member and 1 named reserve "
        "present in a member's seat. Record whether the others came."
    )
    expect(page.get_by_role("group", name="Attendance of Mel Morris").get_by_label("Apologies")).to_be_checked()
    expect(page.get_by_role("group", name="Attendance of Pat Price").get_by_label("Present")).to_be_checked()
    expect(page.get_by_role("group", name="Attendance of Tim Jackson").get_by_label("Absent")).not_to_be_checked()
    expect(page.locator("main")).to_contain_text("Their note: At the county conference that day.")
    follow(page, axe, page.get_by_role("button", name="Mark everyone else present"))
    expect(banner(page)).to_have_text("2 people were marked present.")
    assert sorted(Attendance.objects.filter(meeting=meeting).values_list("person__name", "capacity", "status")) == [
        ("Chris Carter", "member", "present"),
        ("Mel Morris", "member", "apologies"),
        ("Pat Price", "reserve", "present"),
        ("Tim Jackson", "member", "present"),
    ]
