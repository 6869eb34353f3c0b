"""Journeys through the decisions register and the forward plan (issue 16).

The public narrows the register to one body and a date range and opens a decision; the secretariat
adds an entry to the forward plan, correcting the form first, and the public then reads it.
Every page visited, and every page a form re-renders with errors, is checked with axe-core.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Decision, Minutes
from tests.browser.pages import banner, error_summary, fill_date, follow, heading, path_of, sign_out, visit
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.browser


def held(body, year, month, day):
    meeting = MeetingFactory(body=body, starts_at=timezone.make_aware(datetime.datetime(year, month, day, 14)))
    Minutes.objects.create(meeting=meeting, published_at=timezone.now())
    return meeting


def test_the_public_filters_the_register_by_body_and_opens_a_decision(page, axe, cast):
    board = held(cast.board, 2009, 9, 10)
    forum = held(cast.forum, 2009, 6, 15)
    housing = AgendaItemFactory(meeting=board, number=3, title="Housing strategy")
    Decision.objects.create(item=housing, number=1, text="The housing strategy was endorsed.")
    secret = AgendaItemFactory(
        meeting=board, number=4, title="Land sale", confidential=True, confidential_reason="Commercial terms."
    )
    Decision.objects.create(item=secret, number=2, text="The land is sold to the highest bidder.")
    venues = AgendaItemFactory(meeting=forum, number=1, title="Venues")
    Decision.objects.create(item=venues, number=1, text="The forum will meet in Upton.")

    visit(page, axe, reverse("meeting_list"))
    follow(page, axe, page.get_by_role("link", name="Decisions register", exact=True).first)
    expect(heading(page)).to_have_text("Decisions register")
    expect(page.get_by_text("The land is sold")).to_have_count(0)
    expect(page.get_by_text("Withheld from the published minutes: Commercial terms.")).to_be_visible()

    page.get_by_label("Body").select_option(label="Partnership Board")
    fill_date(page, "Meetings from", "2009-09-01")
    follow(page, axe, page.get_by_role("button", name="Show decisions"))
    expect(heading(page)).to_have_text("Decisions register: Partnership Board")
    expect(page.get_by_text("The forum will meet in Upton.")).to_have_count(0)

    follow(page, axe, page.get_by_role("link", name="Decision 1", exact=True))
    assert path_of(page) == reverse("decision_detail", args=[housing.decisions.get().pk])
    expect(heading(page)).to_have_text("Decision 1, item 3: Housing strategy")
    expect(page.get_by_text("The housing strategy was endorsed.")).to_be_visible()
    follow(page, axe, page.get_by_role("link", name="Item 3 of the minutes"))
    assert path_of(page) == reverse("meeting_minutes", args=[board.pk])
    assert page.url.endswith("#item-3")

    # A bad date range is the form's error, said in the summary.
    visit(page, axe, reverse("decision_register") + "?from=2009-09-01&to=2009-08-01", status=400)
    assert error_summary(page) == ["The end of the date range must not be before its start."]


def test_the_secretariat_adds_a_forward_plan_entry_that_the_public_then_reads(page, axe, sign_in, cast):
    coming = MeetingFactory(body=cast.board)
    AgendaItemFactory(meeting=coming, number=3, title="Community safety plan")
    sign_in(page, cast.secretariat)
    visit(page, axe, reverse("forward_plan_manage"))
    follow(page, axe, page.get_by_role("link", name="Add to the forward plan"))
    follow(page, axe, page.get_by_role("button", name="Add to the forward plan"))
    assert error_summary(page) == ["Choose the body that takes the decision.", "Say what decision is expected."]
    page.get_by_label("Body that takes the decision").select_option(label="Partnership Board")
    page.get_by_label("Decision expected").fill("Adopt the community safety plan")
    page.get_by_label("Summary (optional)", exact=True).fill("The plan for the next three years, after consultation.")
    page.get_by_label("Meeting expected").select_option(index=1)
    follow(page, axe, page.get_by_role("button", name="Add to the forward plan"))
    assert path_of(page) == reverse("forward_plan_manage")
    expect(banner(page)).to_have_text("“Adopt the community safety plan” was added to the forward plan.")
    # Once it is on the agenda, the secretariat says under which item.
    follow(page, axe, page.get_by_role("link", name="Link to an agenda item for “Adopt the community safety plan”"))
    page.get_by_label("Item 3. Community safety plan").check()
    follow(page, axe, page.get_by_role("button", name="Save"))
    expect(banner(page)).to_have_text("“Adopt the community safety plan” is item 3 of the meeting.")
    sign_out(page)

    visit(page, axe, reverse("forward_plan") + f"?body={cast.board.slug}")
    expect(heading(page)).to_have_text("Forward plan: Partnership Board")
    expect(page.get_by_role("heading", name="Adopt the community safety plan")).to_be_visible()
    expect(page.get_by_text("The plan for the next three years, after consultation.")).to_be_visible()
    expect(page.get_by_role("link", name=f"The meeting of {coming.starts_at:%-d %B %Y}")).to_be_visible()
    expect(page.get_by_text(", item 3")).to_be_visible()
