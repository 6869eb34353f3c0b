"""The declarations journey: a member declares an interest on an item, the chair rules "must withdraw",
the minutes say so and the item's quorum drops by one. Every page visited is checked with axe-core."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from declarations.models import Declaration, Outcome, Ruling
from meetings.minutes_text import quorum_for
from meetings.models import MeetingStatus, Minutes
from tests.browser.pages import banner, error_summary, follow, sign_out, visit
from tests.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def held_meeting(cast):
    cast.board.quorum = 3
    cast.board.save()
    tim = MembershipFactory(person=PersonFactory(name="Tim Jackson"), body=cast.board)
    meeting = MeetingFactory(
        body=cast.board,
        starts_at=timezone.make_aware(datetime.datetime(2009, 4, 30, 14)),
        status=MeetingStatus.HELD,
        agenda_published_at=timezone.make_aware(datetime.datetime(2009, 4, 20, 9)),
    )
    AgendaItemFactory(meeting=meeting, number=1, title="Apologies")
    item = AgendaItemFactory(meeting=meeting, number=2, title="Youth centre grant")
    for person, membership in (
        (cast.chair.person, cast.chair_membership),
        (cast.member.person, cast.member_membership),
        (tim.person, tim),
    ):
        AttendanceFactory(meeting=meeting, person=person, membership=membership)
    Minutes.objects.create(meeting=meeting)
    return item


def test_member_declares_chair_rules_must_withdraw_and_the_minutes_show_it(page, axe, login, cast, held_meeting):
    item = held_meeting
    meeting = item.meeting
    assert quorum_for(item).present == 3

    # Mel declares while reading the papers; the empty form first.
    login(page, cast.member)
    visit(page, axe, meeting.get_absolute_url())
    follow(page, axe, page.get_by_role("link", name="Declare an interest in item 2"))
    follow(page, axe, page.get_by_role("button", name="Declare the interest"))
    assert error_summary(page) == ["Choose the kind of interest", "Describe the interest"]
    page.get_by_label("Financial").check()
    page.get_by_label("Describe the interest").fill("My brother's firm is bidding for the grant.")
    follow(page, axe, page.get_by_role("button", name="Declare the interest"))
    expect(banner(page)).to_have_text("Your declaration on item 2 is recorded. The body will rule on it.")
    declaration = Declaration.objects.get()
    assert (declaration.item, declaration.person) == (item, cast.member.person)
    sign_out(page)

    # Chris, chair of the board, rules from his list.
    login(page, cast.chair)
    visit(page, axe, reverse("declarations_awaiting_ruling"))
    follow(page, axe, page.get_by_role("link", name="Mel Morris"))
    follow(page, axe, page.get_by_role("link", name="Record the ruling"))
    follow(page, axe, page.get_by_role("button", name="Record the ruling"))
    assert error_summary(page) == ["Choose the ruling", "Give the reasons for the ruling"]
    page.get_by_label("Must withdraw from the item").check()
    page.get_by_label("Reasons").fill("A close family member stands to gain.")
    follow(page, axe, page.get_by_role("button", name="Record the ruling"))
    expect(banner(page)).to_have_text("The ruling is recorded: Must withdraw from the item.")
    assert list(Ruling.objects.values_list("outcome", "ruled_by")) == [(Outcome.WITHDRAW, cast.chair.pk)]

    # The minutes say so, and the item is no longer quorate without Mel.
    visit(page, axe, reverse("meeting_minutes", args=[meeting.pk]))
    section = page.locator("section", has=page.locator("#item-2"))
    expect(section.locator(".app-declarations li")).to_have_text(
        "Mel Morris declared a financial interest (in advance, in writing): My brother's firm is bidding for the "
        "grant. Ruling: Must withdraw from the item. Reasons: A close family member stands to gain. "
        "Mel Morris took no part in the decision on this item and was not counted towards its quorum."
    )
    expect(section).to_contain_text("The meeting was not quorate for this item.")
    assert quorum_for(item).present == 2
