"""My work, the signed-in home: a member sees only their own work, the chair follows each entry to the page that
does it and signs the minutes off the list, and someone with nothing waiting is told so.

Every page visited is checked with axe-core.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import MeetingStatus, Minutes, MinutesStatus
from partnership.dates import british_datetime
from tests.browser.pages import banner, flat_texts, follow, heading, path_of, sign_out, visit
from tests.factories import PASSWORD, AgendaItemFactory, DeclarationFactory, MeetingFactory

pytestmark = pytest.mark.browser

ACCOUNT = reverse("account")


@pytest.fixture
def waiting(cast):
    """A board meeting to come, approved minutes to sign, and a declaration of Mel's awaiting the board's ruling."""
    today = timezone.localdate()

    def at(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))

    meeting = MeetingFactory(body=cast.board, starts_at=at(today + datetime.timedelta(days=21)))
    held = MeetingFactory(
        body=cast.board, starts_at=at(today - datetime.timedelta(days=60)), status=MeetingStatus.MINUTES_APPROVED
    )
    minutes = Minutes.objects.create(
        meeting=held, status=MinutesStatus.APPROVED, approved_on=today - datetime.timedelta(days=1)
    )
    recent = MeetingFactory(
        body=cast.board, starts_at=at(today - datetime.timedelta(days=2)), status=MeetingStatus.HELD
    )
    DeclarationFactory(item=AgendaItemFactory(meeting=recent), person=cast.member.person, recorded_by=cast.secretariat)
    return meeting, minutes


def work_keys(page):
    return flat_texts(page.locator(".govuk-summary-list__key"))


def work_counts(page):
    return flat_texts(page.locator(".govuk-summary-list__value > p.govuk-body"))


def test_the_chair_follows_each_entry_and_signing_the_minutes_takes_them_off_the_list(page, axe, login, cast, waiting):
    meeting, minutes = waiting
    login(page, cast.chair)
    assert path_of(page) == ACCOUNT
    axe(page)
    expect(heading(page)).to_have_text("Your account")
    assert work_keys(page) == [
        "Minutes waiting for your signature",
        "Declarations of interest awaiting a ruling",
        "Your register of interests to confirm this year",
    ]
    assert work_counts(page) == [
        "1 set of minutes to sign",
        "1 declaration to rule on",
        "1 register, yours, due for its yearly check",
    ]
    coming = page.get_by_role("heading", name="Your coming meetings", level=2)
    expect(coming).to_be_visible()
    expect(page.locator("main")).to_contain_text("1 meeting to come in the bodies you sit on.")
    expect(
        page.get_by_role("link", name=f"Partnership Board: {british_datetime(meeting.starts_at)}")
    ).to_have_attribute("href", meeting.get_absolute_url())

    # The ruling entry leads to the page where the chair rules.
    follow(page, axe, page.get_by_role("link", name="Rule on the declarations"))
    expect(heading(page)).to_have_text("Declarations awaiting a ruling")

    # The minutes entry leads straight to the signing page; once signed, they are off the list.
    visit(page, axe, ACCOUNT)
    follow(page, axe, page.get_by_role("link", name="Sign the minutes", exact=True))
    assert path_of(page) == reverse("minutes_sign", args=[minutes.meeting_id])
    page.get_by_label("Your password").fill(PASSWORD)
    follow(page, axe, page.get_by_role("button", name="Sign the minutes"))
    expect(banner(page)).to_have_text("You signed the minutes. They are now locked.")

    visit(page, axe, ACCOUNT)
    assert work_keys(page) == [
        "Declarations of interest awaiting a ruling",
        "Your register of interests to confirm this year",
    ]
    sign_out(page)


def test_a_member_sees_only_their_own_work_and_no_chairs_link(page, axe, login, cast, waiting):
    login(page, cast.member)
    axe(page)
    assert work_keys(page) == ["Your register of interests to confirm this year"]
    expect(page.locator(f'a[href="{reverse("declarations_awaiting_ruling")}"]')).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("awaiting a ruling")
    expect(page.locator("main")).to_contain_text("Agenda and papers not yet published")

    follow(page, axe, page.get_by_role("link", name="Check and confirm your register"))
    expect(heading(page)).to_have_text("Your register of interests")


def test_someone_with_nothing_waiting_is_told_there_is_nothing_to_do(page, axe, login, cast, waiting):
    login(page, cast.stranger)
    axe(page)
    expect(page.locator("main")).to_contain_text("Nothing to do: nothing waits for you today.")
    expect(page.locator(".govuk-summary-list")).to_have_count(0)
    expect(page.get_by_role("heading", name="Your coming meetings")).to_have_count(0)
