"""Passkeys as a second factor (partnership.passkeys, django-otp-webauthn): at the sign-in code step, on the security
page (list, name, remove), counted as a factor, removed by the secretariat's reset, and the step-up note for signing."""

import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp_webauthn.models import WebAuthnCredential

from partnership import mfa, mfa_actions, passkeys
from tests.factories import PASSWORD
from tests.partnership.passkey import make_passkey, use_passkey
from tests.partnership.second_factor import set_up_app


def signed_in_with_password(user):
    client = Client()
    assert client.post(reverse("login"), {"username": user.email, "password": PASSWORD}).status_code == 302
    return client


def test_a_person_with_only_a_passkey_has_a_second_factor_and_is_held_at_the_code_step(cast):
    make_passkey(cast.stranger)
    assert mfa.has_second_factor(cast.stranger)
    assert mfa.state_for(cast.stranger) == mfa.VERIFY
    client = signed_in_with_password(cast.stranger)
    held = client.get(reverse("account"))
    assert held.status_code == 302 and held.url.startswith(reverse("login_code"))
    page = client.get(reverse("login_code")).content.decode()
    assert "Use a passkey" in page
    assert 'id="passkey-verification-placeholder"' in page
    # No code form for a person with no authenticator app.
    assert 'name="code"' not in page


def test_using_the_passkey_settles_the_session_as_a_code_does(cast):
    passkey = make_passkey(cast.stranger)
    client = signed_in_with_password(cast.stranger)
    key_before = client.session.session_key
    response = use_passkey(client, passkey, next_url="/account/security/")
    assert response.status_code == 200
    assert response.json()["redirect_url"] == "/account/security/"
    assert client.session.session_key != key_before
    assert client.session.get(mfa.SESSION_KEY) is None
    assert client.get(reverse("account")).status_code == 200
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None and passkey.sign_count == 1


def test_the_redirect_after_a_passkey_stays_on_this_site(cast):
    passkey = make_passkey(cast.stranger)
    client = signed_in_with_password(cast.stranger)
    response = use_passkey(client, passkey, next_url="https://evil.example/")
    assert response.json()["redirect_url"] == reverse("account")


def test_a_bad_signature_leaves_the_session_held(cast):
    passkey = make_passkey(cast.stranger)
    client = signed_in_with_password(cast.stranger)
    response = use_passkey(client, passkey, signature_ok=False)
    assert response.status_code >= 400
    assert client.session.get(mfa.SESSION_KEY) == mfa.VERIFY
    assert client.get(reverse("account")).status_code == 302


def test_someone_else_s_passkey_does_not_settle_the_session(cast):
    theirs = make_passkey(cast.member)
    make_passkey(cast.stranger)
    client = signed_in_with_password(cast.stranger)
    response = use_passkey(client, theirs)
    assert response.status_code >= 400
    assert client.session.get(mfa.SESSION_KEY) == mfa.VERIFY


def test_a_passkey_is_never_a_way_to_sign_in_without_the_password(cast):
    passkey = make_passkey(cast.stranger)
    client = Client()
    assert client.post(reverse("otp_webauthn:credential-authentication-begin")).status_code == 403
    assert "_auth_user_id" not in client.session
    assert passkey.user == cast.stranger


def test_the_completion_needs_a_begun_ceremony(cast):
    passkey = make_passkey(cast.stranger)
    client = signed_in_with_password(cast.stranger)
    response = client.post(
        reverse("otp_webauthn:credential-authentication-complete"), data="{}", content_type="application/json"
    )
    assert response.status_code == 400
    assert client.session.get(mfa.SESSION_KEY) == mfa.VERIFY
    assert passkey.pk


def test_a_person_with_an_app_and_a_passkey_is_offered_both(cast):
    set_up_app(cast.stranger)
    make_passkey(cast.stranger)
    client = signed_in_with_password(cast.stranger)
    page = client.get(reverse("login_code")).content.decode()
    assert 'name="code"' in page
    assert "Or use a passkey" in page


# The step-up note, for signing


def test_a_passkey_used_on_a_verified_session_is_noted_once_for_a_signature(cast, rf):
    passkey = make_passkey(cast.stranger)
    client = Client()
    client.force_login(cast.stranger)
    assert client.session.get(mfa.SESSION_KEY) == mfa.VERIFY
    assert use_passkey(client, passkey).status_code == 200  # settles the sign-in
    assert passkeys.STEP_UP_KEY not in client.session
    response = use_passkey(client, passkey)  # a second use, on a settled session: the step-up note
    assert response.json()["redirect_url"] == ""
    noted = client.session[passkeys.STEP_UP_KEY]
    assert noted["user"] == cast.stranger.pk

    request = rf.post("/")
    request.user = cast.stranger
    request.session = {passkeys.STEP_UP_KEY: dict(noted)}
    assert passkeys.take_step_up(request) is True
    assert passkeys.take_step_up(request) is False
    request.session = {passkeys.STEP_UP_KEY: {"user": cast.stranger.pk, "at": time.time() - 6 * 60}}
    assert passkeys.take_step_up(request) is False
    request.session = {passkeys.STEP_UP_KEY: {"user": cast.member.pk, "at": time.time()}}
    assert passkeys.take_step_up(request) is False


# The security page


def verified(user, passkey):
    client = signed_in_with_password(user)
    assert use_passkey(client, passkey).status_code == 200
    return client


def test_the_security_page_lists_passkeys_and_offers_to_add_one(cast):
    passkey = make_passkey(cast.stranger, name="Work laptop")
    client = verified(cast.stranger, passkey)
    page = client.get(reverse("security")).content.decode()
    assert "Work laptop" in page
    assert reverse("security_passkey_name", args=[passkey.pk]) in page
    assert reverse("security_passkey_remove", args=[passkey.pk]) in page
    assert 'id="passkey-register-button"' in page
    assert 'id="otp_webauthn_config"' in page
    assert "not available yet" not in page


def test_naming_a_passkey(cast):
    passkey = make_passkey(cast.stranger, name=passkeys.DEFAULT_NAME)
    client = verified(cast.stranger, passkey)
    url = reverse("security_passkey_name", args=[passkey.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": ""}).status_code == 400
    assert client.post(url, {"name": "  Phone  "}).status_code == 302
    passkey.refresh_from_db()
    assert passkey.name == "Phone"


def test_removing_a_passkey_needs_the_password(cast):
    keep = make_passkey(cast.stranger, name="Phone")
    gone = make_passkey(cast.stranger, name="Old laptop")
    client = verified(cast.stranger, keep)
    url = reverse("security_passkey_remove", args=[gone.pk])
    assert client.post(url, {"password": "wrong"}).status_code == 400
    assert WebAuthnCredential.objects.filter(pk=gone.pk).exists()
    assert client.post(url, {"password": PASSWORD}).status_code == 302
    assert list(mfa.passkeys_of(cast.stranger)) == [keep]
    assert client.get(reverse("account")).status_code == 200


def test_another_person_s_passkey_is_a_404(cast):
    theirs = make_passkey(cast.member)
    client = Client()
    client.force_login(cast.stranger)
    for name in ("security_passkey_name", "security_passkey_remove"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
        assert client.post(reverse(name, args=[theirs.pk]), {"name": "Mine", "password": PASSWORD}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Work laptop"


def test_the_actions_touch_only_the_person_s_own_passkeys(cast):
    theirs = make_passkey(cast.member)
    with pytest.raises(Exception, match="not one of yours"):
        mfa_actions.remove_passkey(by=cast.stranger, pk=theirs.pk)
    with pytest.raises(Exception, match="not one of yours"):
        mfa_actions.name_passkey(by=cast.stranger, pk=theirs.pk, name="Mine")
    assert WebAuthnCredential.objects.filter(pk=theirs.pk, name="Work laptop").exists()


def test_removing_the_app_keeps_the_passkeys(cast):
    set_up_app(cast.stranger)
    make_passkey(cast.stranger)
    mfa_actions.remove_authenticator(by=cast.stranger)
    assert mfa.authenticator_of(cast.stranger) is None
    assert mfa.has_second_factor(cast.stranger)


# The secretariat's reset


def test_the_reset_removes_passkeys_too(cast):
    make_passkey(cast.member)
    set_up_app(cast.member)
    reset = mfa_actions.reset_factors(cast.member.person, by=cast.secretariat)
    assert "passkeys" in reset.removed
    assert not WebAuthnCredential.objects.filter(user=cast.member).exists()
    assert not mfa.has_second_factor(cast.member)


def test_the_reset_of_a_person_with_only_a_passkey(cast):
    make_passkey(cast.member)
    reset = mfa_actions.reset_factors(cast.member.person, by=cast.secretariat)
    assert reset.removed == "passkeys"
    assert not mfa.has_second_factor(cast.member)
