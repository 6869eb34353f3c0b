"""Signing the Agreement with a passkey as the second factor: the signature records `webauthn` (partnership.passkeys)."""

from django.test import Client
from django.urls import reverse

from agreements import identity
from agreements.models import Signature
from partnership.models import SignedWith
from tests.factories import PASSWORD
from tests.partnership.passkey import make_passkey, use_passkey
from tests.partnership.second_factor import set_up_app


def signed_in_with_passkey(user, passkey):
    client = Client()
    client.force_login(user)
    assert use_passkey(client, passkey).status_code == 200
    return client


def test_a_signatory_with_only_a_passkey_signs_after_using_it_and_the_method_is_recorded(cast, setting):
    version, police, _ = setting
    passkey = make_passkey(cast.member)
    client = signed_in_with_passkey(cast.member, passkey)
    url = reverse("agreement_sign", args=[version.pk])
    page = client.get(url).content.decode()
    assert "Use a passkey" in page and 'name="code"' not in page
    form = {"organisation": police.pk, "sha256": version.sha256, "consent": "on", "password": PASSWORD}
    refused = client.post(url, form)
    assert refused.status_code == 400
    assert "Use your passkey" in refused.content.decode()
    assert not Signature.objects.exists()
    assert use_passkey(client, passkey).status_code == 200
    assert client.post(url, form).status_code == 302
    assert Signature.objects.get().method == SignedWith.WEBAUTHN


def test_a_passkey_stands_for_the_code_of_a_signatory_with_an_app_too(cast, setting):
    version, police, _ = setting
    set_up_app(cast.member)
    passkey = make_passkey(cast.member)
    client = signed_in_with_passkey(cast.member, passkey)
    url = reverse("agreement_sign", args=[version.pk])
    assert 'name="code"' in client.get(url).content.decode()
    assert use_passkey(client, passkey).status_code == 200
    form = {"organisation": police.pk, "sha256": version.sha256, "consent": "on", "password": PASSWORD}
    assert client.post(url, form).status_code == 302
    assert Signature.objects.get().method == SignedWith.WEBAUTHN


def test_the_passkey_does_not_stand_for_the_password(cast, setting):
    make_passkey(cast.member)
    refused = identity.confirm_identity(cast.member, password="wrong", passkey=True, context={})
    assert not refused.confirmed and refused.field == "password"
    confirmed = identity.confirm_identity(cast.member, password=PASSWORD, passkey=True, context={})
    assert (confirmed.confirmed, confirmed.method) == (True, SignedWith.WEBAUTHN)
    without = identity.confirm_identity(cast.member, password=PASSWORD, context={})
    assert not without.confirmed and "passkey" in without.error
