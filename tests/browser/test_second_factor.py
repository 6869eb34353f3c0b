"""Setting up an authenticator app and signing in with its code, by keyboard alone (issue 18).

The chair (who needs a second factor) is asked to set one up, scans nothing but types
the key shown as text into the test's own "app" (a TOTP computed here), confirms it
with a code, keeps the recovery codes, signs out and signs in again: the password,
then a wrong code (refused), then the right one. axe checks every new page.
"""

import base64
import datetime
import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.pages import error_summary, heading, path_of, visit
from tests.factories import PASSWORD


def app_code(secret_text: str, steps_ahead: int = 0) -> str:
    """What an authenticator app given `secret_text` (base32, in groups) shows now, or `steps_ahead` steps later."""
    key = base64.b32decode("".join(secret_text.split()) + "=" * (-len("".join(secret_text.split())) % 8))
    totp = TOTP(key, step=30, t0=0, digits=6)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def press_enter_on(page, locator):
    """Move the focus to `locator` and press Enter, as a keyboard user does; wait for the page it loads."""
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page, locator, text):
    locator.focus()
    page.keyboard.type(text)


@pytest.fixture
def no_wait(settings):
    # No wait after the wrong code (django-otp's throttling), so the right one can follow at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    # A second factor is required a month from now: until then the chair is asked to set one up.
    settings.MFA_REQUIRED_FROM = datetime.date.today() + datetime.timedelta(days=30)


def prompt(page):
    return page.locator(".app-second-factor-prompt")


def test_a_chair_sets_up_an_app_and_signs_in_with_its_code_by_keyboard(page, cast, axe, no_wait):
    chair = cast.chair
    # Sign in with the password: the chair is asked to set up a second factor.
    visit(page, axe, reverse("login"))
    type_into(page, page.get_by_label("Email address"), chair.email)
    type_into(page, page.get_by_label("Password", exact=True), PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page) == reverse("account")
    assert "Your role needs a second factor" in prompt(page).inner_text()
    axe(page)

    press_enter_on(page, page.get_by_role("link", name="Set up an authenticator app"))
    assert path_of(page) == reverse("security_totp_setup")
    assert heading(page).inner_text() == "Set up an authenticator app"
    assert page.locator(".app-qr-code svg").count() == 1
    axe(page)
    secret = page.locator("#totp-secret").inner_text()

    type_into(page, page.get_by_label("Code from the app"), app_code(secret))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name="Your authenticator app is set up").is_visible()
    codes = [code.strip() for code in page.locator("#recovery-codes code").all_inner_texts()]
    assert len(codes) == 10
    axe(page)
    assert TOTPDevice.objects.filter(user=chair, confirmed=True).count() == 1

    press_enter_on(page, page.get_by_role("link", name="I have kept my codes"))
    assert path_of(page) == reverse("security")
    axe(page)
    press_enter_on(page, page.get_by_role("button", name="Sign out"))

    # Signing in again: the password, then the code.
    page.goto(reverse("login"))
    type_into(page, page.get_by_label("Email address"), chair.email)
    type_into(page, page.get_by_label("Password", exact=True), PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page) == reverse("login_code")
    assert heading(page).inner_text() == "Enter your code"
    axe(page)

    right = app_code(secret, steps_ahead=1)
    type_into(page, page.get_by_label("Code", exact=True), "000000" if right != "000000" else "111111")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page) == reverse("login_code")
    assert error_summary(page) == ["The code is not right. Enter the code your app shows now, or a recovery code"]
    axe(page)
    # Nothing else is open yet.
    page.goto(reverse("account"))
    assert path_of(page) == reverse("login_code")

    type_into(page, page.get_by_label("Code", exact=True), right)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert path_of(page) == reverse("account")
    assert prompt(page).count() == 0

    # The pages to renew the codes and to remove the app.
    visit(page, axe, reverse("security_recovery_codes"))
    visit(page, axe, reverse("security_totp_remove"))
