"""The public reads the Agreement in force and compares two versions of it, in a real browser.

Every page visited, and the page a bad comparison re-renders, is checked with axe-core.
"""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from agreements.actions import drafting as actions
from agreements.models import Clause
from tests.agreements.factories import adopted_version, board_meeting
from tests.browser.pages import error_summary, follow, heading, path_of, texts, visit

pytestmark = pytest.mark.browser


@pytest.fixture
def two_versions(cast):
    v5 = adopted_version(cast)
    revision = actions.start_draft(v5.agreement, by=cast.secretariat, label="Revised February 2011")
    actions.edit_clause(
        Clause.objects.get(version=revision, number="2.1"),
        by=cast.secretariat,
        heading="",
        text="Papers go out ten days before the meeting.",
    )
    actions.add_clause(revision, by=cast.secretariat, heading="Signatories", text="Each partner signs.")
    meeting, decision = board_meeting(cast.board, datetime.date(2011, 2, 24))
    actions.adopt_version(
        revision, by=cast.secretariat, meeting=meeting, decision=decision, takes_effect=datetime.date(2011, 3, 1)
    )
    v5.refresh_from_db()
    return v5, revision


def test_the_public_reads_the_agreement_and_compares_two_versions(page, axe, two_versions):
    v5, revision = two_versions

    visit(page, axe, reverse("home"))
    follow(page, axe, page.get_by_role("navigation", name="Menu").get_by_role("link", name="Agreement"))
    assert path_of(page) == reverse("agreement")
    expect(heading(page)).to_have_text("Agreement and Protocols")
    assert texts(page.locator(".app-contents li")) == ["1 Introduction", "2 Meetings", "3 Review", "4 Signatories"]

    page.get_by_role("link", name="3 Review").click()
    assert page.url.endswith("#clause-3")

    follow(page, axe, page.get_by_role("link", name="all versions"))
    expect(heading(page)).to_have_text("Versions of the Agreement")
    assert texts(page.locator("tbody th")) == ["Revised February 2011", "V5 2.4.09"]

    follow(page, axe, page.get_by_role("link", name="Compare two versions"))
    page.get_by_label("Compare from").select_option(label="Agreement and Protocols: V5 2.4.09 (superseded)")
    # Leaving "Compare to" empty is a clear error, not a failure.
    follow(page, axe, page.get_by_role("button", name="Compare"))
    assert error_summary(page) == ["Choose the version to compare to"]

    page.get_by_label("Compare to").select_option(label="Agreement and Protocols: Revised February 2011 (adopted)")
    follow(page, axe, page.get_by_role("button", name="Compare"))
    expect(heading(page)).to_have_text("Changes from V5 2.4.09 to Revised February 2011")
    assert [t.strip() for t in page.locator(".app-redline del").all_text_contents()] == ["deleted: a week"]
    assert [t.strip() for t in page.locator(".app-redline ins").all_text_contents()] == [
        "inserted: ten days",
        "inserted: 4",
        "inserted: Signatories",
        "inserted: Each partner signs.",
    ]
    # Not by colour alone: struck through and underlined.
    assert page.locator(".app-redline del").first.evaluate("e => getComputedStyle(e).textDecorationLine") == (
        "line-through"
    )
    assert page.locator(".app-redline ins").first.evaluate("e => getComputedStyle(e).textDecorationLine") == (
        "underline"
    )
    assert page.url.endswith(f"?from={v5.pk}&to={revision.pk}")


def test_the_secretariat_drafts_a_revision_and_sees_its_redline(page, axe, login, two_versions, cast):
    _, revision = two_versions
    login(page, cast.secretariat)

    visit(page, axe, reverse("agreement_manage"))
    follow(page, axe, page.get_by_role("link", name="Start a new draft of Agreement and Protocols"))
    page.get_by_label("Label").fill("Draft 2012")
    follow(page, axe, page.get_by_role("button", name="Start the draft"))
    expect(heading(page)).to_have_text("Draft 2012")

    follow(page, axe, page.locator("#clause-3").get_by_role("link", name="Edit 3"))
    page.get_by_label("Text").fill("The Agreement is reviewed every eighteen months.")
    follow(page, axe, page.get_by_role("button", name="Save"))
    assert texts(page.locator(".govuk-notification-banner__heading")) == ["3 Review was saved."]

    follow(page, axe, page.get_by_role("link", name="Compare with Revised February 2011, the version in force"))
    assert [t.strip() for t in page.locator(".app-redline del").all_text_contents()] == ["deleted: year."]
    assert [t.strip() for t in page.locator(".app-redline ins").all_text_contents()] == ["inserted: eighteen months."]

    page.go_back()
    follow(page, axe, page.get_by_role("link", name="Record its adoption"))
    follow(page, axe, page.get_by_role("button", name="Record the adoption"))
    assert error_summary(page) == ["Choose the meeting that adopted it", "Enter the date it takes effect"]
