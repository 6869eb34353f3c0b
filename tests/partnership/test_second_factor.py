"""The second factor: setting up an authenticator app, the code asked for at sign-in, recovery codes, throttling,
who must have one and from when, and the secretariat's reset (partnership.mfa)."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from bodies.models import Role
from partnership import mfa, mfa_actions
from partnership.append_only import AppendOnly
from partnership.models import FactorReset
from tests.agreements.factories import designate
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory
from tests.partnership.second_factor import (
    code_for,
    current_code,
    ready_for_a_new_code,
    recovery_codes_of,
    set_up_app,
)


@pytest.fixture
def no_wait(settings):
    """No wait after a wrong code (django-otp's throttling), so that a test can give the right one straight after."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def sign_in(client, user):
    return client.post(reverse("login"), {"username": user.email, "password": PASSWORD})


def code_page():
    return reverse("login_code")


def verified_client(user, device):
    """A client signed in as `user` who has given a code from their app."""
    client = Client()
    client.force_login(user)
    assert client.post(code_page(), {"code": current_code(ready_for_a_new_code(device))}).status_code == 302
    return client


# Setting up


def test_setting_up_an_app_shows_its_qr_code_and_key_and_needs_a_code_from_it(cast):
    client = Client()
    client.force_login(cast.stranger)
    page = client.get(reverse("security_totp_setup"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "QR code for your authenticator app" in html
    key = client.session["partnership_pending_totp_key"]
    assert mfa.base32_secret(key) in html
    # The same secret while the person is setting up: reloading the page does not change it.
    assert client.get(reverse("security_totp_setup")).content.decode().count(mfa.base32_secret(key)) == 1

    wrong = client.post(reverse("security_totp_setup"), {"code": "000000" if code_for(key) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert "The code is not right" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=cast.stranger).exists()

    done = client.post(reverse("security_totp_setup"), {"code": code_for(key)})
    assert done.status_code == 200
    device = TOTPDevice.objects.get(user=cast.stranger)
    assert device.confirmed and device.key == key
    codes = recovery_codes_of(cast.stranger)
    assert len(codes) == mfa.RECOVERY_CODES
    shown = re.findall(r"<code>([a-z2-7]{8})</code>", done.content.decode())
    assert sorted(shown) == codes
    assert "partnership_pending_totp_key" not in client.session
    # The secret is not shown again: the setup page now sends the person back.
    again = client.get(reverse("security_totp_setup"))
    assert again.status_code == 302 and again["Location"] == reverse("security")


def test_new_recovery_codes_replace_the_old_and_need_the_password(cast):
    device, old = set_up_app(cast.stranger)
    client = verified_client(cast.stranger, device)
    assert client.post(reverse("security_recovery_codes"), {"password": "wrong-guess"}).status_code == 400
    assert recovery_codes_of(cast.stranger) == sorted(old)
    page = client.post(reverse("security_recovery_codes"), {"password": PASSWORD})
    assert page.status_code == 200
    new = recovery_codes_of(cast.stranger)
    assert len(new) == mfa.RECOVERY_CODES and not set(new) & set(old)
    assert sorted(re.findall(r"<code>([a-z2-7]{8})</code>", page.content.decode())) == new


def test_removing_the_app_needs_the_password_and_removes_the_recovery_codes(cast):
    device, _ = set_up_app(cast.stranger)
    client = verified_client(cast.stranger, device)
    assert client.post(reverse("security_totp_remove"), {"password": "wrong-guess"}).status_code == 400
    assert TOTPDevice.objects.filter(user=cast.stranger).exists()
    response = client.post(reverse("security_totp_remove"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.stranger).exists()
    assert not StaticDevice.objects.filter(user=cast.stranger).exists()
    assert not StaticToken.objects.filter(device__user=cast.stranger).exists()


def test_a_second_app_is_refused_while_one_is_set_up(cast):
    set_up_app(cast.stranger)
    key = mfa.new_key()
    with pytest.raises(ValidationError):
        mfa_actions.set_up_authenticator(by=cast.stranger, key=key, code=code_for(key))


# Signing in


def test_sign_in_asks_for_the_code_after_the_password_and_nothing_else_is_open_until_then(cast, no_wait):
    device, _ = set_up_app(cast.member)
    client = Client()
    response = sign_in(client, cast.member)
    assert response.status_code == 302
    # The password was right, but every page sends the person to the code page first, public ones too.
    for url in (reverse("account"), reverse("home"), reverse("security"), reverse("notification_list")):
        held = client.get(url)
        assert held.status_code == 302, url
        assert held["Location"].startswith(code_page()), url
    assert client.get(code_page()).status_code == 200

    wrong = "000000" if current_code(device) != "000000" else "111111"
    refused = client.post(code_page(), {"code": wrong, "next": reverse("account")})
    assert refused.status_code == 400
    assert "The code is not right" in refused.content.decode()
    assert client.get(reverse("account")).status_code == 302

    accepted = client.post(code_page(), {"code": current_code(device), "next": reverse("account")})
    assert accepted.status_code == 302 and accepted["Location"] == reverse("account")
    page = client.get(reverse("account"))
    assert page.status_code == 200 and page.context["user"] == cast.member
    assert page.context["user"].is_verified()
    # The same code cannot be given twice.
    assert not mfa.verify_code(cast.member, current_code(device)).ok


def test_a_person_without_an_app_signs_in_with_the_password_alone(cast):
    client = Client()
    assert sign_in(client, cast.member)["Location"] == reverse("account")
    assert client.get(reverse("account")).status_code == 200
    # The code page has nothing to ask them.
    assert client.get(code_page()).status_code == 302


def test_a_wrong_code_makes_the_next_try_wait(cast):
    """django-otp's throttling: after a wrong code, even the right one is refused until the wait is over."""
    device, _ = set_up_app(cast.member)
    client = Client()
    sign_in(client, cast.member)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    assert client.post(code_page(), {"code": wrong}).status_code == 400
    held = client.post(code_page(), {"code": current_code(device)})
    assert held.status_code == 400
    assert "Too many wrong codes" in held.content.decode()
    assert client.get(reverse("account")).status_code == 302


def test_five_wrong_codes_sign_the_session_out_and_pause_signing_in(cast, no_wait, settings):
    settings.AXES_FAILURE_LIMIT = 5
    device, _ = set_up_app(cast.member)
    client = Client()
    sign_in(client, cast.member)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    for _ in range(4):
        assert client.post(code_page(), {"code": wrong}).status_code == 400
    fifth = client.post(code_page(), {"code": wrong})
    assert fifth.status_code == 429
    assert "_auth_user_id" not in client.session
    # The wrong codes counted as failed sign-ins: the right password is refused for now too.
    assert sign_in(client, cast.member).status_code == 429


def test_a_recovery_code_signs_in_once_only(cast, no_wait):
    device, codes = set_up_app(cast.member)
    code = codes[0]
    client = Client()
    sign_in(client, cast.member)
    accepted = client.post(code_page(), {"code": code.upper()})
    assert accepted.status_code == 302
    assert client.get(reverse("account")).status_code == 200
    assert code not in recovery_codes_of(cast.member)
    assert mfa.recovery_codes_left(cast.member) == mfa.RECOVERY_CODES - 1

    client.post(reverse("logout"))
    other = Client()
    sign_in(other, cast.member)
    refused = other.post(code_page(), {"code": code})
    assert refused.status_code == 400
    assert other.get(reverse("account")).status_code == 302


def test_a_login_made_elsewhere_is_held_too(cast):
    """A login that does not pass through the sign-in page (the admin's, a test's) still owes the code."""
    set_up_app(cast.member)
    client = Client()
    client.force_login(cast.member)
    held = client.get(reverse("account"))
    assert held.status_code == 302 and held["Location"].startswith(code_page())


def test_the_code_page_sends_only_to_this_site(cast, no_wait):
    device, _ = set_up_app(cast.member)
    client = Client()
    sign_in(client, cast.member)
    response = client.post(code_page(), {"code": current_code(device), "next": "https://evil.example.com/"})
    assert response["Location"] == reverse("account")


# Who needs one, and from when


def test_who_needs_a_second_factor(cast):
    police = OrganisationFactory(name="Cheshire Police Authority")
    designate(cast, cast.other_member, police)
    assert mfa.needs_second_factor(cast.secretariat)
    assert mfa.needs_second_factor(cast.chair)
    assert mfa.needs_second_factor(cast.other_member)  # an authorised signatory
    assert not mfa.needs_second_factor(cast.member)
    assert not mfa.needs_second_factor(cast.stranger)
    assert not mfa.needs_second_factor(None)
    MembershipFactory(person=cast.stranger.person, body=cast.forum, role=Role.VICE_CHAIR)
    assert mfa.needs_second_factor(cast.stranger)


def test_before_the_date_a_chair_without_an_app_is_asked_to_set_one_up(cast, settings):
    settings.MFA_REQUIRED_FROM = datetime.date.today() + datetime.timedelta(days=30)
    client = Client()
    sign_in(client, cast.chair)
    page = client.get(reverse("account"))
    assert page.status_code == 200
    assert "Your role needs a second factor" in page.content.decode()
    assert reverse("security_totp_setup") in page.content.decode()
    # A member who needs none is not asked.
    other = Client()
    sign_in(other, cast.member)
    assert "Your role needs a second factor" not in other.get(reverse("account")).content.decode()


def test_with_no_date_the_requirement_is_off(cast, settings):
    settings.MFA_REQUIRED_FROM = None
    client = Client()
    sign_in(client, cast.chair)
    page = client.get(reverse("account"))
    assert page.status_code == 200
    assert "Your role needs a second factor" not in page.content.decode()


def test_from_the_date_a_chair_without_an_app_must_set_one_up_before_anything_else(cast, settings):
    settings.MFA_REQUIRED_FROM = datetime.date.today()
    client = Client()
    assert sign_in(client, cast.chair).status_code == 302
    for url in (reverse("account"), reverse("home"), reverse("body_list")):
        held = client.get(url)
        assert held.status_code == 302 and held["Location"] == reverse("security_totp_setup"), url
    assert client.get(reverse("security")).status_code == 200
    assert client.get(reverse("security_totp_setup")).status_code == 200
    key = client.session["partnership_pending_totp_key"]
    assert client.post(reverse("security_totp_setup"), {"code": code_for(key)}).status_code == 200
    assert client.get(reverse("account")).status_code == 200
    # A member who needs none signs in as before.
    other = Client()
    sign_in(other, cast.member)
    assert other.get(reverse("account")).status_code == 200


def test_the_date_comes_from_the_environment(monkeypatch):
    from partnership.env import env_date

    monkeypatch.setenv("MFA_REQUIRED_FROM", "2027-04-01")
    assert env_date("MFA_REQUIRED_FROM", "never") == datetime.date(2027, 4, 1)
    monkeypatch.setenv("MFA_REQUIRED_FROM", "never")
    assert env_date("MFA_REQUIRED_FROM", "2027-04-01") is None


# The secretariat's reset


def test_the_secretariat_resets_a_person_s_factors_with_an_audit_row_and_an_email(
    cast, client_for, django_capture_on_commit_callbacks
):
    set_up_app(cast.member)
    url = reverse("manage:person_reset_factors", args=[cast.member.person.pk])
    assert client_for("chair").post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=cast.member).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("secretariat").post(url)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=cast.member).exists()
    assert not StaticDevice.objects.filter(user=cast.member).exists()
    reset = FactorReset.objects.get()
    assert (reset.person, reset.by, reset.removed) == (
        cast.member.person,
        cast.secretariat,
        "authenticator app and recovery codes",
    )
    assert [message.to for message in mail.outbox] == [[cast.member.email]]
    assert "reset" in mail.outbox[0].subject
    # The person now signs in with the password alone.
    client = Client()
    sign_in(client, cast.member)
    assert client.get(reverse("account")).status_code == 200
    # The audit row is kept as written.
    with pytest.raises(AppendOnly):
        reset.delete()
    with pytest.raises(AppendOnly):
        FactorReset.objects.update(removed="nothing")


def test_a_reset_of_a_person_with_no_factor_is_refused_and_not_recorded(cast, client_for):
    response = client_for("secretariat").post(reverse("manage:person_reset_factors", args=[cast.member.person.pk]))
    assert response.status_code == 302
    assert not FactorReset.objects.exists()
    assert mail.outbox == []
    with pytest.raises(ValidationError):
        mfa_actions.reset_factors(cast.member.person, by=cast.chair)


def test_the_person_page_offers_the_reset(cast, client_for):
    page = client_for("secretariat").get(reverse("manage:person_detail", args=[cast.member.person.pk]))
    assert reverse("manage:person_reset_factors", args=[cast.member.person.pk]) in page.content.decode()


def test_the_security_page_says_what_is_set_up(cast):
    device, _ = set_up_app(cast.stranger)
    client = verified_client(cast.stranger, device)
    html = client.get(reverse("security")).content.decode()
    assert "Recovery codes left" in html and str(mfa.RECOVERY_CODES) in html
    assert device.key not in html and mfa.base32_secret(device.key) not in html
