"""Adding a passkey and signing in with the password and the passkey, in Chromium with its virtual authenticator.

The virtual authenticator (over the DevTools protocol) stands in for a phone or security key: the browser's own
WebAuthn ceremony runs, with django-otp-webauthn's script and our glue, under the site's strict CSP. The relying
party is the live server's host (localhost: a secure context). axe checks every new page.
"""

import datetime
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from meetings.models import MeetingStatus, Minutes, MinutesStatus
from partnership import mfa
from partnership.models import SignedWith
from tests.browser.pages import banner, heading, path_of, sign_out, visit
from tests.factories import PASSWORD, MeetingFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def relying_party(settings, live_server):
    parts = urlsplit(live_server.url)
    settings.OTP_WEBAUTHN_RP_ID = parts.hostname
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [f"{parts.scheme}://{parts.netloc}"]


@pytest.fixture
def authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    options = {
        "protocol": "ctap2",
        "transport": "internal",
        "hasResidentKey": True,
        "hasUserVerification": True,
        "isUserVerified": True,
    }
    found = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": options})
    return cdp, found["authenticatorId"]


def sign_in_with_password(page, user):
    page.goto(reverse("login"))
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def test_add_a_passkey_then_sign_in_with_the_password_and_the_passkey(page, cast, axe, relying_party, authenticator):
    person = cast.stranger
    sign_in_with_password(page, person)
    assert path_of(page) == reverse("account")

    visit(page, axe, reverse("security"))
    assert "You have not added a passkey." in page.content()
    with page.expect_navigation():
        page.get_by_role("button", name="Add a passkey").click()
    passkey = WebAuthnCredential.objects.get(user=person)
    assert path_of(page) == reverse("security_passkey_name", args=[passkey.pk])
    assert heading(page).inner_text() == "Name your passkey"
    axe(page)
    page.get_by_label("Name of the passkey").fill("Test laptop")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the name").click()
    assert path_of(page) == reverse("security")
    assert page.get_by_role("rowheader", name="Test laptop").is_visible()
    axe(page)
    cdp, authenticator_id = authenticator
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"]) == 1

    sign_out(page)
    sign_in_with_password(page, person)
    assert path_of(page) == reverse("login_code")
    assert heading(page).inner_text() == "Confirm it is you"
    axe(page)
    # Nothing else is open until the passkey is used.
    page.goto(reverse("security"))
    assert path_of(page) == reverse("login_code")
    with page.expect_navigation():
        page.get_by_role("button", name="Use a passkey").click()
    assert path_of(page) == reverse("security")
    assert heading(page).inner_text() == "Sign-in security"
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None
    assert mfa.has_second_factor(person)


def add_a_passkey(page, axe, name):
    visit(page, axe, reverse("security"))
    with page.expect_navigation():
        page.get_by_role("button", name="Add a passkey").click()
    page.get_by_label("Name of the passkey").fill(name)
    with page.expect_navigation():
        page.get_by_role("button", name="Save the name").click()


def test_the_chair_signs_minutes_with_the_password_and_a_passkey(page, cast, axe, relying_party, authenticator):
    today = timezone.localdate()
    held = MeetingFactory(
        body=cast.board,
        starts_at=timezone.make_aware(
            datetime.datetime.combine(today - datetime.timedelta(days=60), datetime.time(14))
        ),
        status=MeetingStatus.MINUTES_APPROVED,
    )
    minutes = Minutes.objects.create(
        meeting=held, status=MinutesStatus.APPROVED, approved_on=today - datetime.timedelta(days=1)
    )
    sign_in_with_password(page, cast.chair)
    add_a_passkey(page, axe, "Chair's laptop")

    visit(page, axe, reverse("minutes_sign", args=[held.pk]))
    assert page.get_by_label("Code from your authenticator app").count() == 0
    page.get_by_role("button", name="Use a passkey").click()
    expect(page.locator("#passkey-verification-status-message")).to_contain_text("successful")
    axe(page)
    page.get_by_label("Your password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign the minutes").click()
    expect(banner(page)).to_have_text("You signed the minutes. They are now locked.")
    minutes.refresh_from_db()
    assert (minutes.status, minutes.signed_with) == (MinutesStatus.SIGNED, SignedWith.WEBAUTHN)
