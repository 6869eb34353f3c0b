"""Journeys through the register of interests, with an axe-core check on every page visited."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from declarations.models import Interest, RegisterConfirmation
from tests.browser.pages import banner, error_summary, fill_date, flat_texts, follow, heading, path_of, sign_out, visit
from tests.factories import AgendaItemFactory, InterestFactory, MeetingFactory, PaperFactory

pytestmark = pytest.mark.browser

MARKER = "WITHHELD-MARKER-91c2"


def test_member_declares_an_interest_confirms_the_register_and_the_public_sees_only_what_is_published(
    page, axe, login, cast
):
    InterestFactory(
        person=cast.member.person,
        description=f"Household member in a court case {MARKER}",
        matter=f"Case {MARKER}",
        withheld=True,
        withheld_reason="It concerns a family matter before the courts",
    )
    login(page, cast.member)
    visit(page, axe, reverse("interests_mine"))
    expect(heading(page)).to_have_text("Your register of interests")

    follow(page, axe, page.get_by_role("link", name="Declare an interest"))
    follow(page, axe, page.get_by_role("button", name="Add to the register"))
    expect(page).to_have_title("Error: Declare an interest – West Cheshire Together")
    assert error_summary(page) == [
        "Choose the kind of interest",
        "Describe the interest",
        "Name the organisation or the matter the interest concerns.",
        "Enter the date the interest began",
    ]

    page.get_by_label("Business").check()
    page.get_by_label("A member of the household").check()
    page.get_by_label("Description").fill("My partner is a director of Dee Valley Lettings Ltd")
    page.get_by_label("Matter concerned (optional)").fill("Dee Valley Lettings Ltd")
    fill_date(page, "From", "2009-04-01", exact=True)
    follow(page, axe, page.get_by_role("button", name="Add to the register"))

    assert path_of(page) == "/account/interests/"
    expect(banner(page)).to_have_text("The interest was added to the register.")
    interest = Interest.objects.get(matter="Dee Valley Lettings Ltd")
    assert (interest.person, interest.holder, interest.kind) == (cast.member.person, "household", "business")

    follow(page, axe, page.get_by_role("button", name="Confirm my register is up to date"))
    expect(banner(page)).to_have_text("Thank you: you confirmed your register of interests is up to date.")
    assert RegisterConfirmation.objects.filter(person=cast.member.person).count() == 1

    sign_out(page)
    visit(page, axe, reverse("interests_public") + "?body=partnership-board")
    assert flat_texts(page.locator("#body-partnership-board + table tbody tr td")) == [
        "None declared.",
        "An interest is withheld from the public register: It concerns a family matter before the courts "
        "Business (a member of the household): My partner is a director of Dee Valley Lettings Ltd "
        "(Dee Valley Lettings Ltd), from 1 April 2009",
    ]
    assert MARKER not in page.content()
    follow(page, axe, page.get_by_role("link", name="Mel Morris"))
    expect(heading(page)).to_have_text("Mel Morris")
    assert MARKER not in page.content()


def test_the_chair_sees_the_possible_conflicts_on_an_agenda(page, axe, login, cast):
    meeting = MeetingFactory(body=cast.board, agenda_published_at=timezone.now())
    InterestFactory(person=cast.member.person, description="Tenant", matter="Dee Valley")
    item = AgendaItemFactory(meeting=meeting, number=3, title="Housing")
    PaperFactory(meeting=meeting, item=item, title="Dee Valley regeneration")
    login(page, cast.chair)
    visit(page, axe, reverse("meeting_conflicts", args=[meeting.pk]))
    expect(heading(page)).to_have_text("Possible conflicts of interest")
    assert flat_texts(page.locator("main tbody tr")) == ["3. Housing Mel Morris Tenant (Dee Valley)"]

    # The agenda itself flags the item, and links back to the list.
    visit(page, axe, meeting.get_absolute_url())
    flags = page.locator("#item-3 .app-conflicts li")
    expect(flags).to_have_text(["Possible conflict of interest: the register of Mel Morris names Dee Valley."])
    follow(page, axe, page.locator("#item-3").get_by_role("link", name="Possible conflicts on this agenda"))
    expect(heading(page)).to_have_text("Possible conflicts of interest")


def test_member_reads_the_history_of_an_entry(page, axe, login, cast):
    InterestFactory(person=cast.member.person, description="Trustee of the Dee Valley Trust", matter="Dee Valley")
    login(page, cast.member)
    visit(page, axe, reverse("interests_mine"))
    follow(page, axe, page.get_by_role("link", name="Update Trustee of the Dee Valley Trust"))
    page.get_by_label("Description").fill("Chair of the Dee Valley Trust")
    follow(page, axe, page.get_by_role("button", name="Save"))
    follow(page, axe, page.get_by_role("link", name="History of Chair of the Dee Valley Trust"))
    expect(heading(page)).to_have_text("History of an entry")
    expect(page.locator(".govuk-summary-card").first).to_contain_text("Chair of the Dee Valley Trust")
