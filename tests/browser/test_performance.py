"""Journeys through performance management (issue 17): the public reads an indicator and the annual report;
the reporting organisation's officer enters a value; the secretariat publishes it and reports exceptions.
Every page visited, and every page a form re-renders with errors, is checked with axe-core."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from meetings.models import Paper
from tests.browser.pages import error_summary, follow, heading, path_of, sign_out, visit
from tests.factories import MeetingFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.performance.factories import IndicatorFactory, TargetFactory, ValueFactory

pytestmark = pytest.mark.browser

Q1, Q2, Q3 = datetime.date(2009, 4, 1), datetime.date(2009, 7, 1), datetime.date(2009, 10, 1)


@pytest.fixture
def scene(cast):
    police = OrganisationFactory(name="Cheshire Constabulary")
    officer = UserFactory(email="rita@example.org")
    PersonFactory(name="Rita Reed", user=officer, organisation=police)
    crime = IndicatorFactory(
        name="Assaults with injury",
        slug="assaults",
        unit="per 1,000 people",
        polarity="lower",
        frequency="quarterly",
        owner=cast.forum,
        reporter=police,
        tolerance=D("0.1"),
        national_reference="NI 20",
    )
    for start, target, value in ((Q1, "2.1", "2.0"), (Q2, "2.0", "2.4"), (Q3, "1.9", None)):
        TargetFactory(indicator=crime, period_start=start, value=D(target))
        if value:
            ValueFactory(indicator=crime, period_start=start, value=D(value))
    return crime, officer


def test_the_public_reads_an_indicator_and_the_report(page, axe, scene):
    crime, _ = scene
    visit(page, axe, reverse("performance_indicators"))
    expect(page.get_by_text("Off track", exact=True)).to_be_visible()
    follow(page, axe, page.get_by_role("link", name="Assaults with injury"))
    expect(heading(page)).to_have_text("Assaults with injury")
    chart = page.get_by_role("img", name="Assaults with injury")
    expect(chart).to_be_visible()
    expect(page.locator("#chart-summary")).to_contain_text("is off track against a target of 2")
    table = page.get_by_role("table", name="The figures in the chart")
    expect(table.get_by_role("row")).to_have_count(4)
    visit(page, axe, reverse("performance_report", args=[2009]))
    expect(heading(page)).to_have_text("Performance report 2009/10")
    expect(page.get_by_role("img", name="Assaults with injury")).to_be_visible()
    visit(page, axe, reverse("performance_exceptions", args=[crime.owner.slug]))
    expect(page.get_by_role("table", name="Off track on the latest figures")).to_contain_text("Assaults with injury")


def test_the_officer_enters_a_value_and_the_secretariat_publishes_it_and_reports_exceptions(
    page, axe, login, cast, scene
):
    crime, officer = scene
    login(page, officer)
    visit(page, axe, crime.get_absolute_url())
    follow(page, axe, page.get_by_role("link", name="Enter a value"))
    page.get_by_label("Period").select_option(label="Q3 2009/10")
    page.get_by_label("Value").fill("lots")
    follow(page, axe, page.get_by_role("button", name="Save"))
    assert error_summary(page) == ["Enter a number."]
    page.get_by_label("Value").fill("2.5")
    page.get_by_label("Note (optional)").fill("Includes late city centre returns.")
    follow(page, axe, page.get_by_role("button", name="Save"))
    assert path_of(page) == crime.get_absolute_url()
    expect(page.get_by_text("Draft", exact=True)).to_be_visible()
    sign_out(page)

    MeetingFactory(body=cast.board)
    login(page, cast.secretariat)
    visit(page, axe, reverse("performance_manage"))
    follow(page, axe, page.get_by_role("button", name="Publish Assaults with injury, Q3 2009/10"))
    expect(page.get_by_text("No values are waiting to be published.")).to_be_visible()
    # Q3 is published off track: the secretariat reports it to the board by exception.
    visit(page, axe, reverse("performance_exceptions", args=[crime.owner.slug]))
    expect(page.get_by_role("table", name="Off track on the latest figures")).to_contain_text("Q3 2009/10")
    follow(page, axe, page.get_by_role("button", name="Put on the board's agenda"))
    paper = Paper.objects.get()
    assert path_of(page) == reverse("paper_detail", args=[paper.meeting_id, paper.pk])
    expect(heading(page)).to_contain_text("Performance exception report: Chester Community Forum")
    assert "2.5 per 1,000 people for Q3 2009/10" in paper.versions.get().text
