"""The secretariat records a vote on a decision from the minutes of its item (issue 16), correcting the form first;
the minutes then show it. Every page visited, and the form re-rendered with errors, is checked with axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from meetings.models import Decision
from tests.browser.pages import banner, error_summary, follow, visit
from tests.meetings import scenario

pytestmark = pytest.mark.browser


def test_the_secretariat_records_a_vote_and_the_minutes_show_it(page, axe, sign_in, cast):
    scene = scenario.minute(scenario.build_scene(cast))
    decision = Decision.objects.get(item=scene.items.constitution)
    sign_in(page, cast.secretariat)

    visit(page, axe, reverse("minutes_item", args=[scene.meeting.pk, scene.items.constitution.pk]))
    follow(page, axe, page.get_by_role("link", name="Record a vote on decision 1"))
    follow(page, axe, page.get_by_role("button", name="Record the vote"))
    assert error_summary(page) == [
        "Say how Chris Carter voted",
        "Say how Pat Price voted",
        "Say how Tim Jackson voted",
    ]
    page.get_by_role("group", name="Chris Carter").get_by_label("For").check()
    page.get_by_role("group", name="Pat Price (named reserve for Mel Morris)").get_by_label("Against").check()
    page.get_by_role("group", name="Tim Jackson").get_by_label("Abstained").check()
    follow(page, axe, page.get_by_role("button", name="Record the vote"))
    expect(banner(page)).to_have_text("The vote on decision 1 was recorded: not carried.")
    expect(page.get_by_text("Recorded vote: 1 for, 1 against, 1 abstained.")).to_be_visible()

    visit(page, axe, reverse("meeting_minutes", args=[scene.meeting.pk]))
    expect(page.get_by_text(f"Recorded vote on decision {decision.number}:")).to_be_visible()
    expect(page.get_by_text("The meeting was quorate for this item.")).to_be_visible()
