"""The minutes journey: attendance, the draft, approval at the next meeting, the chair's signature, publication.

Everyone signs in through the real form; every page visited, and every page a
form re-renders with errors, is checked with axe-core.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Action, Attendance, Decision, Minutes, MinutesStatus, StandingRole
from tests.browser.pages import (
    banner,
    board_with_a_named_reserve,
    error_summary,
    fill_date,
    follow,
    path_of,
    sign_out,
    texts,
    visit,
)
from tests.factories import (
    PASSWORD,
    AgendaItemFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.browser


def at(year, month, day, hour=14):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.fixture
def board_meetings(cast):
    """The board's meeting of 30 April 2009 with its agenda, and the meeting of 28 May that approves its minutes."""
    board_with_a_named_reserve(cast)
    meeting = MeetingFactory(body=cast.board, starts_at=at(2009, 4, 30), venue="Council Chamber, Chester")
    AgendaItemFactory(meeting=meeting, number=1, title="Apologies", standing_role=StandingRole.APOLOGIES)
    AgendaItemFactory(meeting=meeting, number=2, title="Constitution of the partnership")
    AgendaItemFactory(
        meeting=meeting, number=3, title="Commissioning budget", confidential=True, confidential_reason="Tenders open."
    )
    following = MeetingFactory(body=cast.board, starts_at=at(2009, 5, 28))
    AgendaItemFactory(
        meeting=following,
        number=1,
        title="Minutes of the previous meeting",
        standing_role=StandingRole.PREVIOUS_MINUTES,
    )
    return meeting


def test_the_minutes_go_from_attendance_to_publication(page, axe, login, cast, board_meetings):
    meeting = board_meetings
    minutes_path = reverse("meeting_minutes", args=[meeting.pk])

    # The secretariat records the attendance.
    login(page, cast.secretariat)
    visit(page, axe, minutes_path)
    follow(page, axe, page.get_by_role("link", name="Record the attendance"))
    follow(page, axe, page.get_by_role("button", name="Start the list from the membership"))
    expect(banner(page)).to_have_text("3 people were added to the list, absent until you record otherwise.")
    page.get_by_role("group", name="Attendance of Chris Carter").get_by_label("Present").check()
    page.get_by_role("group", name="Attendance of Tim Jackson").get_by_label("Present").check()
    page.get_by_role("group", name="Attendance of Mel Morris").get_by_label("Apologies").check()
    page.get_by_label("Tim Jackson arrived").select_option(label="Before item 2")
    follow(page, axe, page.get_by_role("button", name="Save the attendance"))
    expect(banner(page)).to_have_text("The attendance was saved.")

    # A reserve attends for Mel; the empty form first.
    follow(page, axe, page.get_by_role("link", name="Record a named reserve attending for a member"))
    follow(page, axe, page.get_by_role("button", name="Record the reserve"))
    assert error_summary(page) == [
        "Choose the member the reserve attends for",
        "Choose the named reserve who attended",
    ]
    page.get_by_label("Member they attend for").select_option(label="Mel Morris (apologies)")
    page.get_by_label("Named reserve attending").select_option(label="Pat Price (named reserve for Mel Morris)")
    follow(page, axe, page.get_by_role("button", name="Record the reserve"))
    expect(banner(page)).to_have_text("Pat Price was recorded as attending as named reserve for Mel Morris.")
    assert sorted(Attendance.objects.filter(meeting=meeting).values_list("person__name", "status")) == [
        ("Chris Carter", "present"),
        ("Mel Morris", "apologies"),
        ("Pat Price", "present"),
        ("Tim Jackson", "present"),
    ]

    # The draft, a decision and an action.
    follow(page, axe, page.get_by_role("link", name="The minutes"))
    follow(page, axe, page.get_by_role("button", name="Draft the minutes"))
    expect(banner(page)).to_have_text("The draft minutes were started from the attendance and the agenda.")
    expect(page.locator("#item-1 + .govuk-body")).to_contain_text("Apologies were received from Mel Morris.")
    follow(page, axe, page.get_by_role("link", name="Edit the minutes of item 2"))
    follow(page, axe, page.get_by_role("link", name="Add a decision"))
    page.get_by_label("Decision").fill("The constitution was endorsed for consultation.")
    follow(page, axe, page.get_by_role("button", name="Add the decision"))
    expect(banner(page)).to_have_text("Decision 1 was added.")
    follow(page, axe, page.get_by_role("link", name="Add an action"))
    follow(page, axe, page.get_by_role("button", name="Save the action"))
    assert error_summary(page) == ["Enter the action", "Say who owns the action: choose people, or describe the owners"]
    page.get_by_label("Action", exact=True).fill("Each partner to confirm a named reserve.")
    page.get_by_label("Tim Jackson").check()
    page.get_by_label("Other owners (optional)").fill("All partners")
    fill_date(page, "Due by (optional)", "2009-05-28")
    follow(page, axe, page.get_by_role("button", name="Save the action"))
    expect(banner(page)).to_have_text("The action was saved.")

    # The meeting of 28 May approves them.
    follow(page, axe, page.get_by_role("link", name="Back to the minutes"))
    follow(page, axe, page.get_by_role("link", name="Record the approval of these minutes"))
    page.get_by_label("The meeting of 28 May 2009, item 1: Minutes of the previous meeting").check()
    follow(page, axe, page.get_by_role("button", name="Record the approval"))
    expect(banner(page)).to_have_text("The minutes were recorded as approved as an accurate record.")
    sign_out(page)

    # The chair signs, after one wrong password.
    login(page, cast.chair)
    visit(page, axe, minutes_path)
    follow(page, axe, page.get_by_role("link", name="Sign the minutes"))
    page.get_by_label("Your password").fill("not-the-password")
    follow(page, axe, page.get_by_role("button", name="Sign the minutes"))
    assert error_summary(page) == ["The password is not right. Enter the password you sign in with"]
    page.get_by_label("Your password").fill(PASSWORD)
    follow(page, axe, page.get_by_role("button", name="Sign the minutes"))
    expect(banner(page)).to_have_text("You signed the minutes. They are now locked.")
    minutes = Minutes.objects.get(meeting=meeting)
    assert (minutes.status, minutes.signed_by) == (MinutesStatus.SIGNED, cast.chair)
    sign_out(page)

    # The secretariat publishes.
    login(page, cast.secretariat)
    visit(page, axe, minutes_path)
    follow(page, axe, page.get_by_role("button", name="Publish the minutes"))
    expect(banner(page)).to_have_text("The minutes were published. Confidential items stay withheld.")
    sign_out(page)

    # The public reads them.
    visit(page, axe, minutes_path)
    assert path_of(page) == minutes_path
    expect(page.get_by_role("heading", level=1)).to_have_text("Minutes of the meeting of the Partnership Board")
    assert texts(page.locator("main h3.govuk-heading-m[id^=item]")) == [
        "Item 1. Apologies",
        "Item 2. Constitution of the partnership",
        "Item 3. Confidential item",
    ]
    expect(page.locator("main")).to_contain_text("Decision 1: The constitution was endorsed for consultation.")
    expect(page.locator("main")).to_contain_text("Tim Jackson; All partners")
    expect(page.locator("main")).to_contain_text(f"Fingerprint (SHA-256): {minutes.signed_hash[:12]}")
    assert list(Decision.objects.values_list("number", "text")) == [
        (1, "The constitution was endorsed for consultation.")
    ]
    assert Action.objects.get().due_on == datetime.date(2009, 5, 28)
