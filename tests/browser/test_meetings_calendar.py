"""Journeys through the meetings list, special meeting requests, the actions register and attendance.

Everyone signs in through the real form. Every page visited, and every page a
form re-renders with errors, is checked with axe-core.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Action, ActionStatus, AttendanceStatus, Capacity, MeetingKind, RequestStatus
from meetings.models import SpecialMeetingRequest as Request
from tests.browser.pages import banner, error_summary, fill_date, follow, heading, path_of, sign_out, visit
from tests.browser.pages import flat_texts as texts
from tests.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory

pytestmark = pytest.mark.browser

REASON = "The budget for 2009/10 needs a decision before the next ordinary meeting."


def long_date(day):
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def sign_in(login, axe):
    def sign_in_and_check(page, user):
        login(page, user)
        axe(page)

    return sign_in_and_check


def test_a_special_meeting_is_asked_for_forwarded_agreed_and_published(page, axe, sign_in, cast):
    # The member asks, correcting an empty form first.
    sign_in(page, cast.member)
    visit(page, axe, reverse("meeting_list"))
    follow(page, axe, page.get_by_role("link", name="Your requests for special meetings"))
    expect(heading(page)).to_have_text("Your requests for special meetings")
    follow(page, axe, page.get_by_role("link", name="Ask for a special meeting of Partnership Board"))
    follow(page, axe, page.get_by_role("button", name="Send the request"))
    expect(page).to_have_title("Error: Ask for a special meeting of Partnership Board – West Cheshire Together")
    assert error_summary(page) == ["Say why a special meeting is needed."]
    page.get_by_label("Why is a special meeting needed?").fill(REASON)
    page.get_by_label("Dates you propose (optional)").fill("Any weekday afternoon in May")
    follow(page, axe, page.get_by_role("button", name="Send the request"))
    assert path_of(page) == reverse("special_request_mine")
    expect(banner(page)).to_have_text(
        "Your request for a special meeting of Partnership Board was sent to the secretariat."
    )
    expect(page.locator(".govuk-summary-card .govuk-tag")).to_have_text("With the secretariat")
    request = Request.objects.get()
    sign_out(page)

    # The secretariat forwards it to the chair.
    sign_in(page, cast.secretariat)
    visit(page, axe, reverse("meeting_list"))
    follow(page, axe, page.get_by_role("link", name="Requests for special meetings to deal with"))
    assert texts(page.locator("tbody tr td:nth-child(3)")) == ["Mel Morris"]
    follow(page, axe, page.locator("tbody tr td:first-child a"))
    follow(page, axe, page.get_by_role("button", name="Forward to the chair"))
    expect(banner(page)).to_have_text("The request was forwarded to the chair of Partnership Board.")
    request.refresh_from_db()
    assert request.status == RequestStatus.FORWARDED
    sign_out(page)

    # The chair agrees, after a date in the past is refused.
    sign_in(page, cast.chair)
    visit(page, axe, reverse("special_request_list"))
    follow(page, axe, page.locator("tbody tr td:first-child a"))
    follow(page, axe, page.get_by_role("link", name="Agree and schedule the meeting"))
    fill_date(page, "Date of the special meeting", "2009-04-30")
    page.get_by_label("Start time").fill("2pm")
    page.get_by_label("Venue").fill("Council Chamber, Chester")
    follow(page, axe, page.get_by_role("button", name="Schedule the special meeting"))
    expect(page).to_have_title("Error: Agree and schedule the special meeting – West Cheshire Together")
    assert error_summary(page) == ["The special meeting must start in the future."]
    day = timezone.localdate() + datetime.timedelta(days=14)
    fill_date(page, "Date of the special meeting", day)
    follow(page, axe, page.get_by_role("button", name="Schedule the special meeting"))
    assert path_of(page) == reverse("special_request_detail", args=[request.pk])
    expect(banner(page)).to_have_text(f"The special meeting was scheduled for {long_date(day)}, 2pm.")
    request.refresh_from_db()
    assert (request.status, request.meeting.kind) == (RequestStatus.AGREED, MeetingKind.SPECIAL)
    sign_out(page)

    # The member sees the outcome.
    sign_in(page, cast.member)
    visit(page, axe, reverse("special_request_mine"))
    outcome = page.locator(".govuk-summary-list__row").filter(has_text="Outcome").locator("dd")
    expect(outcome).to_have_text(
        f"Agreed on {long_date(timezone.localdate())}. The special meeting is on {long_date(day)}, 2pm, "
        "Council Chamber, Chester."
    )
    sign_out(page)

    # The public sees the meeting among those to come, marked special, and not why it was asked for.
    visit(page, axe, reverse("meeting_list"))
    upcoming = page.get_by_role("table", name="Upcoming meetings")
    assert texts(upcoming.locator("tbody tr")) == [
        f"{long_date(day)}, 2pm Partnership Board Special meeting of Partnership Board, {long_date(day)} "
        "Council Chamber, Chester"
    ]
    assert REASON not in page.content()


def test_an_owner_marks_an_action_done_in_the_register(page, axe, sign_in, cast):
    item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board), number=3, title="Budget")
    action = Action.objects.create(item=item, text="Circulate the draft budget", due_on=datetime.date(2009, 5, 1))
    action.owners.add(cast.member.person)

    sign_in(page, cast.member)
    visit(page, axe, reverse("meeting_list"))
    follow(page, axe, page.get_by_role("link", name="Actions register"))
    card = page.locator(f"#action-{action.pk}")
    expect(card.locator(".govuk-tag")).to_have_text(["Open", "Overdue"])
    card.get_by_text("Update the status").click()
    card.get_by_label("Done").check()
    card.get_by_label("Note (optional)").fill("Sent to every partner")
    follow(page, axe, card.get_by_role("button", name=f"Save the status of action {action.pk}"))
    assert path_of(page) == reverse("action_register")
    expect(banner(page)).to_have_text("The action “Circulate the draft budget” is now done.")
    expect(page.locator(f"#action-{action.pk} .govuk-tag")).to_have_text("Done")
    action.refresh_from_db()
    assert (action.status, action.status_note) == (ActionStatus.DONE, "Sent to every partner")

    # Closing without a note is refused on the action's own page.
    visit(page, axe, reverse("action_update", args=[action.pk]))
    page.get_by_label("No longer needed").check()
    page.get_by_label("Note (optional)").fill("")
    follow(page, axe, page.get_by_role("button", name="Save the status"))
    assert error_summary(page) == ["Say why the action is no longer needed."]


def test_the_calendar_and_attendance_pages_pass_axe(page, axe, sign_in, cast):
    held = MeetingFactory(body=cast.board, starts_at=timezone.now() - datetime.timedelta(days=7))
    AttendanceFactory(meeting=held, person=cast.member.person, capacity=Capacity.MEMBER)
    AttendanceFactory(
        meeting=held, person=cast.chair.person, capacity=Capacity.MEMBER, status=AttendanceStatus.APOLOGIES
    )
    coming = MeetingFactory(body=cast.forum, starts_at=timezone.now() + datetime.timedelta(hours=1))
    visit(page, axe, reverse("calendar"))
    month = f"{timezone.localtime(coming.starts_at):%B %Y}"
    expect(page.get_by_role("heading", level=2, name=month)).to_be_visible()
    visit(page, axe, reverse("body_calendar", args=[cast.board.slug]))
    sign_in(page, cast.secretariat)
    visit(page, axe, reverse("attendance_stats"))
    board = page.get_by_role("table", name="By body").locator("tbody tr")
    assert texts(board) == ["Partnership Board 1 2 1 1 0 0 50%"]
