"""A past meeting entered from the paper record, from the agenda to the published minutes (issue 11).

The secretariat enters two past meetings of the board, records the first one's
attendance and minutes, records their approval at the second, records the
chair's signature from the paper copy as of its real date, and publishes; the
public reads the minutes, marked as entered afterwards. Every page visited,
and every page a form re-renders with errors, is checked with axe-core.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Meeting, Minutes, MinutesStatus
from tests.browser.pages import banner, error_summary, fill_date, follow, heading, path_of, sign_out, visit

pytestmark = pytest.mark.browser


def today():
    day = timezone.localdate()
    return f"{day.day} {day:%B %Y}"


def record_past_meeting(page, axe, *, day, business=""):
    visit(page, axe, reverse("manage:dashboard"))
    follow(page, axe, page.get_by_role("link", name="Record a past meeting"))
    page.get_by_label("Body").select_option(label="Partnership Board")
    fill_date(page, "Date of the meeting", day)
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("Venue (optional)").fill("Council Chamber, Chester")
    if business:
        page.get_by_label("Items of business (optional)").fill(business)
    follow(page, axe, page.get_by_role("button", name="Record the meeting"))


def test_a_past_meeting_goes_from_the_paper_record_to_published_minutes(page, axe, login, cast):
    login(page, cast.secretariat)

    # A date still to come is refused on this page, with the reason.
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    record_past_meeting(page, axe, day=tomorrow)
    assert error_summary(page) == [
        "A meeting entered from the paper record must already have taken place: choose a past date."
    ]

    # The meeting of 30 April 2009, and the one of 28 May that approved its minutes.
    record_past_meeting(page, axe, day="2009-04-30", business="Constitution of the partnership")
    expect(banner(page)).to_have_text(
        "The meeting of 30 April 2009, 2pm was entered from the paper record. Record its attendance and minutes next."
    )
    expect(page.locator(".app-entered-afterwards")).to_contain_text(
        f"Entered on {today()} from the paper record, after the meeting took place"
    )
    expect(page.get_by_role("link", name="Publish the agenda pack")).to_have_count(0)
    april = Meeting.objects.get(starts_at__date=datetime.date(2009, 4, 30))
    manage_april = path_of(page)
    record_past_meeting(page, axe, day="2009-05-28")
    expect(banner(page)).to_contain_text("The meeting of 28 May 2009, 2pm was entered from the paper record.")

    # Attendance, through the usual page.
    visit(page, axe, manage_april)
    follow(page, axe, page.get_by_role("link", name="Record attendance"))
    follow(page, axe, page.get_by_role("button", name="Start the list from the membership"))
    expect(banner(page)).to_have_text("2 people were added to the list, absent until you record otherwise.")
    page.get_by_role("group", name="Attendance of Chris Carter").get_by_label("Present").check()
    page.get_by_role("group", name="Attendance of Mel Morris").get_by_label("Apologies").check()
    follow(page, axe, page.get_by_role("button", name="Save the attendance"))
    expect(banner(page)).to_have_text("The attendance was saved.")

    # The minutes: drafted, with a decision and an action whose due date has long passed.
    follow(page, axe, page.get_by_role("link", name="The minutes"))
    follow(page, axe, page.get_by_role("button", name="Draft the minutes"))
    expect(banner(page)).to_have_text("The draft minutes were started from the attendance and the agenda.")
    follow(page, axe, page.get_by_role("link", name="Edit the minutes of item 3"))
    follow(page, axe, page.get_by_role("link", name="Add a decision"))
    page.get_by_label("Decision").fill("The constitution was endorsed for consultation.")
    follow(page, axe, page.get_by_role("button", name="Add the decision"))
    follow(page, axe, page.get_by_role("link", name="Add an action"))
    page.get_by_label("Action", exact=True).fill("Consult every partner on the constitution.")
    page.get_by_label("Other owners (optional)").fill("All partners")
    fill_date(page, "Due by (optional)", "2009-05-28")
    follow(page, axe, page.get_by_role("button", name="Save the action"))
    expect(banner(page)).to_have_text("The action was saved.")

    # The meeting of 28 May approved them under its item on the previous minutes.
    follow(page, axe, page.get_by_role("link", name="Back to the minutes"))
    follow(page, axe, page.get_by_role("link", name="Record the approval of these minutes"))
    page.get_by_label("The meeting of 28 May 2009, item 2: Minutes of the previous meeting and matters arising").check()
    follow(page, axe, page.get_by_role("button", name="Record the approval"))
    expect(banner(page)).to_have_text("The minutes were recorded as approved as an accurate record.")

    # The chair signed the paper copy on the day: the secretariat records it, after an empty try.
    follow(page, axe, page.get_by_role("link", name="Record the chair's signature from the paper record"))
    follow(page, axe, page.get_by_role("button", name="Record the signature"))
    assert error_summary(page) == ["Choose who signed the minutes", "Enter the date the minutes were signed"]
    page.get_by_label("Chris Carter (chair from 1 April 2009)").check()
    fill_date(page, "Date of the signature", "2009-05-28")
    follow(page, axe, page.get_by_role("button", name="Record the signature"))
    expect(banner(page)).to_have_text(
        "The chair's signature was recorded from the paper record. The minutes are now locked."
    )
    minutes = Minutes.objects.get(meeting=april)
    assert (minutes.status, minutes.signed_on_paper_by, timezone.localdate(minutes.signed_at)) == (
        MinutesStatus.SIGNED,
        cast.chair.person,
        datetime.date(2009, 5, 28),
    )

    # Published as usual.
    follow(page, axe, page.get_by_role("button", name="Publish the minutes"))
    expect(banner(page)).to_have_text("The minutes were published. Confidential items stay withheld.")
    sign_out(page)

    # The public reads them, marked as entered afterwards, with the signature as of its real date.
    minutes_path = reverse("meeting_minutes", args=[april.pk])
    visit(page, axe, minutes_path)
    expect(heading(page)).to_have_text("Minutes of the meeting of the Partnership Board")
    expect(page.locator(".app-entered-afterwards")).to_have_text(
        f"Entered on {today()} from the paper record, after the meeting took place."
    )
    expect(page.locator(".app-minutes-status")).to_contain_text(
        f"By Chris Carter on 28 May 2009, on paper (recorded from the paper record on {today()} by Sam Shaw)"
    )
    expect(page.locator("main")).to_contain_text("Decision 1: The constitution was endorsed for consultation.")
    follow(page, axe, page.get_by_role("link", name="The meeting", exact=True))
    assert path_of(page) == reverse("meeting_detail", args=[april.pk])
    expect(page.locator(".app-entered-afterwards")).to_contain_text(
        f"Entered on {today()} from the paper record, after the meeting took place"
    )
