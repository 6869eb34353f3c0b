"""A member sees where they are signed in, signs out their other browser, then everywhere; the secretariat
signs a person out everywhere. Every page visited is checked with axe-core."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.pages import banner, follow, heading, path_of, visit

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _sessions_as_the_live_server_keeps_them(settings):
    """The live server's session middleware took the settings' engine (cached_db) when it started, before the
    tests' own (db): signing out a session elsewhere must delete it from the store the server reads."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def other_browser(browser, live_server):
    """A second browser of the same person: a context of its own, with its own cookies."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    yield context.new_page()
    context.close()


def test_a_member_signs_out_their_other_browser_and_then_everywhere(page, other_browser, axe, login, cast):
    login(other_browser, cast.member)
    login(page, cast.member)
    axe(page)
    follow(page, axe, page.get_by_role("link", name="Where you are signed in"))
    assert path_of(page) == reverse("account_sessions")
    expect(heading(page)).to_have_text("Where you are signed in")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="This device")).to_have_count(1)

    follow(page, axe, page.get_by_role("button", name=re.compile(r"^Sign out Chromium on Linux signed in")))
    expect(banner(page)).to_contain_text("You have signed out of Chromium on Linux")
    expect(rows).to_have_count(1)
    # The other browser is signed out: its next page asks it to sign in.
    other_browser.goto(reverse("account"))
    assert path_of(other_browser) == reverse("login")

    follow(page, axe, page.get_by_role("button", name="Sign out everywhere", exact=True))
    assert path_of(page) == reverse("home")
    expect(banner(page)).to_have_text("You have signed out everywhere, on this device too.")
    page.goto(reverse("account_sessions"))
    assert path_of(page) == reverse("login")


def test_the_secretariat_signs_a_person_out_everywhere(page, other_browser, axe, login, cast):
    login(other_browser, cast.member)
    login(page, cast.secretariat)
    visit(page, axe, reverse("manage:person_detail", args=[cast.member.person.pk]))
    expect(page.locator(".govuk-summary-list")).to_contain_text("On 1 device or browser")

    follow(page, axe, page.get_by_role("button", name="Sign out everywhere"))
    expect(banner(page)).to_have_text("Mel Morris was signed out everywhere (1 active session ended).")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Not signed in anywhere")
    other_browser.goto(reverse("account"))
    assert path_of(other_browser) == reverse("login")
