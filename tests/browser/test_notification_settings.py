"""Choosing how you are told, with the keyboard alone: a member has everything sent in a daily digest, then one
kind by email again. Every state of the page is checked with axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from notifications.models import Delivery, NotificationPreference
from tests.browser.pages import banner, heading, path_of, visit

pytestmark = pytest.mark.browser

URL = reverse("notification_settings")


def preferences():
    return dict(NotificationPreference.objects.values_list("kind", "delivery"))


def press_enter_and_wait(page, axe):
    with page.expect_navigation():
        page.keyboard.press("Enter")
    axe(page)


def test_member_has_everything_sent_in_a_daily_digest_then_one_kind_by_email_again(page, axe, login, cast):
    login(page, cast.member)
    visit(page, axe, URL)
    expect(heading(page)).to_have_text("How you are told")
    everything = page.get_by_role("group", name="Send me everything")
    # Mel has an address and has chosen nothing, so every kind comes by email at once.
    expect(everything.get_by_label("By email at once")).to_be_checked()
    expect(page.locator("main h2, main h3")).to_have_text(
        [
            "Everything at once",
            "One kind at a time",
            "Meetings and papers",
            "Minutes",
            "Actions",
            "Declarations and gifts",
            "The Agreement",
            "Performance and risk",
            "Anything else",
        ]
    )

    # Into the choice for everything, down to the daily digest, and Enter sends that form.
    everything.get_by_label("By email at once").focus()
    page.keyboard.press("ArrowDown")
    expect(everything.get_by_label("In a daily digest")).to_be_checked()
    press_enter_and_wait(page, axe)
    assert path_of(page) == URL
    expect(banner(page)).to_have_text("You will now get 13 kinds of notification in a daily digest.")
    expect(everything.get_by_label("In a daily digest")).to_be_checked()
    pack = page.get_by_role("group", name="An agenda pack is published")
    expect(pack.get_by_label("A daily digest email")).to_be_checked()
    # A duty keeps its own choice.
    expect(
        page.get_by_role("group", name="Approved minutes await your signature").get_by_label("An email at once")
    ).to_be_checked()
    assert set(preferences().values()) == {Delivery.DIGEST}
    assert "minutes_to_sign" not in preferences()

    # One kind back to an email at once, from its own radios; Enter saves the kinds' form.
    pack.get_by_label("A daily digest email").focus()
    page.keyboard.press("ArrowUp")
    expect(pack.get_by_label("An email at once")).to_be_checked()
    press_enter_and_wait(page, axe)
    expect(banner(page)).to_have_text("Your choices are saved.")
    expect(pack.get_by_label("An email at once")).to_be_checked()
    # The kinds no longer share one choice, so none is offered for everything.
    for label in ("By email at once", "In a daily digest", "On the site only"):
        expect(everything.get_by_label(label)).not_to_be_checked()
    assert preferences()["pack_published"] == Delivery.EMAIL
    assert sorted(kind for kind, delivery in preferences().items() if delivery == Delivery.DIGEST) == [
        "action_due",
        "action_overdue",
        "advice_answered",
        "advice_asked",
        "agreement_comment_outcome",
        "agreement_consultation",
        "gift_undeclared",
        "late_paper",
        "minutes_published",
        "paper_due",
        "register_confirmation",
        "risk_review",
    ]
