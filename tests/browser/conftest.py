"""Playwright on Debian's Chromium against pytest-django's live server.

Browsers are never downloaded: the suite drives /usr/bin/chromium. Without it
the browser tests are skipped, or fail when BROWSER_REQUIRED=1 (as in CI).
"""

import datetime
import os
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from bodies.models import BodyKind, LinkKind, Role
from partnership.models import Sector
from tests.browser.axe import assert_no_axe_violations
from tests.factories import (
    PASSWORD,
    BodyFactory,
    BodyLinkFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SeatFactory,
)

# Playwright's sync API keeps an asyncio loop in this thread; Django would
# otherwise refuse every ORM call made by the test (SynchronousOnlyOperation).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Fail fast: a live server on this machine answers in well under a second.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    if not CHROMIUM.exists():
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("BROWSER_REQUIRED") == "1":
            pytest.fail(f"{reason}; BROWSER_REQUIRED=1 makes that a failure", pytrace=False)
        pytest.skip(f"{reason}; browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def _static_root():
    """Create STATIC_ROOT before the live server starts.

    WhiteNoise warns (an error here) when the directory is missing, as it is
    before the first collectstatic; the live server serves static files from
    the finders regardless.
    """
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def page(_static_root, browser, live_server):
    """A page in a fresh context on the live server; fails the test if the console shows an error.

    Chromium reports Content Security Policy violations as console errors, so
    an inline script or style, or a blocked resource, fails the test too. A
    page the server answers with a 4xx on purpose (a form with errors is a
    400) is not a problem: Chromium's "Failed to load resource" for that
    document is ignored, but never for a script, a stylesheet or an image.
    """
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    console_errors = []
    error_documents = set()

    def on_console(message):
        # Chromium asks for /favicon.ico on pages that name no icon (the Django admin).
        if message.type == "error" and urlsplit(message.location.get("url", "")).path != "/favicon.ico":
            console_errors.append((message.text, message.location.get("url", "")))

    def on_response(response):
        if response.request.resource_type == "document" and 400 <= response.status < 500:
            error_documents.add(response.url)

    page.on("console", on_console)
    page.on("response", on_response)
    page.on("pageerror", lambda error: console_errors.append((f"uncaught exception: {error}", None)))
    yield page
    context.close()
    problems = [
        f"console error: {text} ({url})" if url is not None else text
        for text, url in console_errors
        if not (url in error_documents and text.startswith("Failed to load resource: the server responded"))
    ]
    if problems:
        pytest.fail("The browser reported errors:\n" + "\n".join(problems), pytrace=False)


@pytest.fixture
def login():
    """Return `login(page, user)`: sign in through the real login form."""

    def sign_in(page, user):
        login_path = reverse("login")
        page.goto(login_path)
        page.locator('input[name="username"]').fill(user.email)
        page.locator('input[name="password"]').fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        if urlsplit(page.url).path == login_path:
            raise AssertionError(f"Signing in as {user.email} failed; the login page is still showing")

    return sign_in


@pytest.fixture
def axe():
    """Return `axe(page)`: fail with a readable list if axe-core finds WCAG 2.2 AA violations."""
    return assert_no_axe_violations


@pytest.fixture
def sign_in(login, axe):
    """Return `sign_in(page, user)`: sign in through the form and check the page it lands on."""

    def sign_in_and_check(page, user):
        login(page, user)
        axe(page)

    return sign_in_and_check


@pytest.fixture
def framework(cast):
    """The cast's two bodies, with an organisation, a reserve, a vacancy and links in and out."""
    police = OrganisationFactory(name="Cheshire Constabulary", slug="cheshire-constabulary", sector=Sector.PUBLIC)
    cast.member_membership.organisation = police
    cast.member_membership.save()
    MembershipFactory(
        person=PersonFactory(name="Rita Reed"),
        body=cast.board,
        organisation=police,
        role=Role.NAMED_RESERVE,
        reserve_for=cast.member_membership,
    )
    SeatFactory(body=cast.board, label="Young people’s representative")
    health = BodyFactory(
        name="Health and Wellbeing Partnership",
        slug="health-and-wellbeing-partnership",
        kind=BodyKind.THEMATIC_PARTNERSHIP,
        established_on=datetime.date(2015, 6, 1),
    )
    BodyLinkFactory(from_body=cast.forum, to_body=cast.board, kind=LinkKind.REPORTS_TO)
    BodyLinkFactory(from_body=cast.board, to_body=health, kind=LinkKind.COMMISSIONS, start=health.established_on)
    return SimpleNamespace(board=cast.board, forum=cast.forum, health=health, police=police)
