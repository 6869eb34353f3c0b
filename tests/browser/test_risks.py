"""The risk register with its heat maps, a chair adding a risk, a member's answer for the balance figures.

Every page visited is checked with axe-core.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from partnership.models import StatedGender
from risks.models import Risk
from tests.browser.pages import banner, fill_date, follow, heading, path_of, visit
from tests.factories import MembershipFactory, PersonFactory
from tests.risks.helpers import make_risk

pytestmark = pytest.mark.browser


def test_the_register_and_its_heat_maps_and_the_chair_adds_a_risk(page, axe, login, cast):
    make_risk(cast, title="Data sharing stops", likelihood=5, impact=5, residual_likelihood=4, residual_impact=4)
    make_risk(cast, body=cast.forum, owner=cast.other_member.person, title="Venue lost")
    login(page, cast.chair)
    visit(page, axe, reverse("risk_register"))
    expect(heading(page)).to_have_text("Risk register")
    before = page.get_by_role("table", name="Before controls")
    expect(before.get_by_role("columnheader", name="5 Severe")).to_be_visible()
    expect(before.get_by_role("rowheader", name="5 Almost certain")).to_be_visible()
    # The cell says its count and band in words.
    expect(before.get_by_role("row", name="5 Almost certain")).to_contain_text("1 Very high")
    expect(page.get_by_role("link", name="Data sharing stops", exact=True)).to_be_visible()
    expect(page.get_by_text("Escalated", exact=True)).to_be_visible()

    # Filter to the forum: the board's escalated risk is not on the forum's register.
    page.get_by_label("Body").select_option(label=cast.forum.name)
    follow(page, axe, page.get_by_role("button", name="Show risks"))
    expect(page.get_by_role("link", name="Venue lost", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Data sharing stops", exact=True)).to_have_count(0)

    follow(page, axe, page.get_by_role("link", name="Add a risk"))
    expect(heading(page)).to_have_text("Add a risk")
    follow(page, axe, page.get_by_role("button", name="Add the risk"))
    expect(heading(page)).to_have_text("Add a risk")
    axe(page)  # the form with its errors
    page.get_by_label("Title").fill("Grant ends early")
    page.get_by_label("Financial").check()
    page.get_by_label("Owner body").select_option(label=cast.board.name)
    page.get_by_label("Risk owner").select_option(label=cast.member.person.full_name)
    page.get_by_label("Likelihood", exact=True).select_option("3")
    page.get_by_label("Impact", exact=True).select_option("4")
    page.get_by_label("Residual likelihood").select_option("2")
    page.get_by_label("Residual impact").select_option("3")
    fill_date(page, "Next review", "2031-03-01")
    follow(page, axe, page.get_by_role("button", name="Add the risk"))
    expect(banner(page)).to_contain_text("is on the register")
    risk = Risk.objects.get(title="Grant ends early")
    assert path_of(page) == reverse("risk_detail", args=[risk.pk])
    follow(page, axe, page.get_by_role("link", name="Earlier versions of this risk"))
    expect(heading(page)).to_contain_text("History of the risk")


def test_a_member_states_their_gender_and_the_balance_shows_totals_only(page, axe, login, cast):
    for _ in range(6):
        MembershipFactory(body=cast.board, person=PersonFactory())
    login(page, cast.member)
    visit(page, axe, reverse("account"))
    follow(page, axe, page.get_by_role("link", name="Your gender, for the bodies' balance figures (optional)"))
    page.get_by_label("Woman").check()
    follow(page, axe, page.get_by_role("button", name="Save your answer"))
    expect(banner(page)).to_contain_text("Your answer is saved.")
    assert StatedGender.objects.get(person=cast.member.person).gender == "woman"
    visit(page, axe, reverse("body_balance", args=[cast.board.slug]))
    expect(heading(page)).to_have_text("Membership balance")
    expect(page.get_by_role("row", name="Woman")).to_contain_text("Not shown")
    expect(page.get_by_role("row", name="Not stated")).to_contain_text("7")
