"""The secretariat schedules a meeting, builds its agenda, publishes the pack and adds a late paper;
the public then reads the agenda. Every page visited, and every page a form re-renders, is checked with axe-core.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Meeting, MeetingStatus
from meetings.uploads import PDF
from tests.browser.pages import banner, error_summary, fill_date, follow, heading, path_of
from tests.browser.pages import flat_texts as texts
from tests.meetings.papers import make_pdf, temporary_media

pytestmark = pytest.mark.browser


@pytest.fixture
def media(settings, tmp_path):
    return temporary_media(settings, tmp_path)


def test_secretariat_builds_and_publishes_an_agenda_and_the_public_reads_it(page, axe, login, cast, media):
    # Three days ahead: the circulation deadline (a week before) has passed, so every paper is late.
    day = timezone.localdate() + datetime.timedelta(days=3)
    login(page, cast.secretariat)
    axe(page)
    page.goto(reverse("agenda_meeting_schedule"))
    axe(page)
    expect(heading(page)).to_have_text("Schedule a meeting")
    page.get_by_label("Body").select_option(label="Partnership Board")
    fill_date(page, "Date of the meeting", day)
    page.get_by_label("Start time").fill("14:00")
    page.get_by_label("Venue (optional)").fill("Wyvern House, Winsford")
    follow(page, axe, page.get_by_role("button", name="Schedule the meeting"))

    meeting = Meeting.objects.get()
    assert path_of(page) == reverse("agenda_manage", args=[meeting.pk])
    expect(banner(page)).to_have_text(f"The meeting was scheduled for {day:%-d %B %Y}, 2pm.")
    assert texts(page.locator(".app-agenda-item h3")) == [
        "1. Apologies",
        "2. Minutes of the previous meeting and matters arising",
        "3. Partner matters",
        "4. Any other business",
        "5. Date of the next meeting",
    ]

    follow(page, axe, page.get_by_role("link", name="Add an item"))
    page.get_by_label("Title").fill("Sustainable Community Strategy")
    page.get_by_label("For decision").check()
    page.get_by_label("Presented by (optional)").fill("Pat Policy")
    follow(page, axe, page.get_by_role("button", name="Add the item"))
    expect(banner(page)).to_have_text("Item 3, “Sustainable Community Strategy”, was added.")

    follow(page, axe, page.get_by_role("link", name="Add a paper to item 3"))
    expect(heading(page)).to_have_text("Add a paper")
    page.get_by_label("Report title").fill("Strategy refresh")
    page.get_by_label("Author").fill("Ann Author")
    page.get_by_label("Upload the paper (optional)").set_input_files(
        files=[{"name": "strategy.pdf", "mimeType": "application/pdf", "buffer": make_pdf("Strategy")}]
    )
    follow(page, axe, page.get_by_role("button", name="Add the paper"))
    expect(banner(page)).to_have_text("“Strategy refresh” was added.")
    paper = meeting.papers.get()
    assert (paper.item.number, paper.versions.get().content_type) == (3, PDF)

    follow(page, axe, page.get_by_role("link", name="Publish the agenda pack"))
    follow(page, axe, page.get_by_role("button", name="Publish the agenda pack"))
    assert error_summary(page)[0].startswith("Papers were due out by")
    page.get_by_label("Why the papers are late").fill("The strategy needed the council's comments")
    follow(page, axe, page.get_by_role("button", name="Publish the agenda pack"))
    assert path_of(page) == meeting.get_absolute_url()
    expect(banner(page)).to_have_text("The agenda pack was published and its papers circulated.")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED

    page.goto(reverse("agenda_manage", args=[meeting.pk]))
    axe(page)
    follow(page, axe, page.get_by_role("link", name="Add a paper to item 3"))
    page.get_by_label("Report title").fill("Consultation responses")
    page.get_by_label("Author").fill("Bo Bell")
    page.get_by_label("Or write the paper here (optional)").fill("Forty-two responses arrived.")
    follow(page, axe, page.get_by_role("button", name="Add the paper"))
    expect(page).to_have_title("Error: Add a paper – West Cheshire Together")
    deadline = meeting.circulation_deadline()
    assert error_summary(page) == [
        f"Papers for this meeting were due out by {deadline:%-d %B %Y}: say why this paper is late."
    ]
    page.get_by_label("Why the paper is late").fill("The consultation closed yesterday")
    follow(page, axe, page.get_by_role("button", name="Add the paper"))
    expect(banner(page)).to_have_text("“Consultation responses” was added and circulated.")

    # The public reads the agenda.
    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()
    axe(page)
    page.goto(meeting.get_absolute_url())
    axe(page)
    expect(heading(page)).to_have_text(f"Ordinary meeting, {day:%-d %B %Y}")
    item = page.locator("#item-3")
    size = len(make_pdf("Strategy"))
    assert texts(item.locator(".app-agenda-paper")) == [
        f"Strategy refresh Late The strategy needed the council's comments By Ann Author (PDF, {size} bytes)",
        "Consultation responses Late The consultation closed yesterday By Bo Bell",
    ]
    follow(page, axe, page.get_by_role("link", name="Consultation responses"))
    expect(heading(page)).to_have_text("Consultation responses")
    expect(page.locator(".app-paper-text")).to_have_text("Forty-two responses arrived.")
    page.goto(paper.get_absolute_url())
    axe(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download strategy.pdf").click()
    assert download.value.suggested_filename == "strategy.pdf"
