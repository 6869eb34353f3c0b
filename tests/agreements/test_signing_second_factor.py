"""Signing the Agreement asks for the second factor again, not the password alone, and records what confirmed it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from agreements.actions import signing as actions_signing
from agreements.models import Signature, SigningEvent, SigningEventKind
from partnership.models import SignedWith
from tests.agreements.factories import DEMO_AGENT, DEMO_IP
from tests.factories import PASSWORD
from tests.partnership.second_factor import current_code, ready_for_a_new_code, set_up_app


def sign(version, user, organisation, **proofs):
    return actions_signing.sign_version(
        version,
        by=user,
        organisation=organisation,
        consented=True,
        read_sha256=version.sha256,
        ip_address=DEMO_IP,
        user_agent=DEMO_AGENT,
        **proofs,
    )


def test_a_signatory_with_an_app_cannot_sign_with_the_password_alone(cast, setting):
    version, police, _ = setting
    set_up_app(cast.member)
    with pytest.raises(ValidationError) as refused:
        sign(version, cast.member, police, password=PASSWORD)
    assert "code" in refused.value.message_dict
    assert not Signature.objects.exists()


def test_a_wrong_code_is_refused_and_logged(cast, setting):
    version, police, _ = setting
    device, _ = set_up_app(cast.member)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    with pytest.raises(ValidationError) as refused:
        sign(version, cast.member, police, password=PASSWORD, code=wrong)
    assert "code" in refused.value.message_dict
    assert not Signature.objects.exists()
    assert SigningEvent.objects.filter(
        user=cast.member, kind=SigningEventKind.REAUTH_REFUSED, detail="The code entered was wrong."
    ).exists()


def test_the_signature_records_the_app_code(cast, setting):
    version, police, _ = setting
    device, _ = set_up_app(cast.member)
    signature = sign(version, cast.member, police, password=PASSWORD, code=current_code(device))
    assert signature.method == SignedWith.TOTP


def test_the_signature_records_a_recovery_code_and_the_code_is_spent(cast, setting):
    version, police, _ = setting
    _, codes = set_up_app(cast.member)
    signature = sign(version, cast.member, police, password=PASSWORD, code=codes[0])
    assert signature.method == SignedWith.RECOVERY_CODE
    from tests.partnership.second_factor import recovery_codes_of

    assert codes[0] not in recovery_codes_of(cast.member)


def test_a_right_code_with_a_wrong_password_is_refused(cast, setting):
    version, police, _ = setting
    device, _ = set_up_app(cast.member)
    with pytest.raises(ValidationError):
        sign(version, cast.member, police, password="wrong-guess", code=current_code(device))
    assert not Signature.objects.exists()


def test_without_an_app_the_password_alone_signs_until_the_date(cast, setting, settings):
    version, police, _ = setting
    settings.MFA_REQUIRED_FROM = datetime.date.today() + datetime.timedelta(days=1)
    signature = sign(version, cast.member, police, password=PASSWORD)
    assert signature.method == SignedWith.PASSWORD


def test_from_the_date_a_signatory_without_an_app_cannot_sign(cast, setting, settings):
    version, police, _ = setting
    settings.MFA_REQUIRED_FROM = datetime.date.today()
    with pytest.raises(ValidationError) as refused:
        sign(version, cast.member, police, password=PASSWORD)
    assert "authenticator app" in str(refused.value)
    assert not Signature.objects.exists()


def test_the_signing_page_asks_for_the_code_and_records_it(cast, setting):
    version, police, _ = setting
    device, _ = set_up_app(cast.member)
    client = Client()
    client.force_login(cast.member)
    client.post(reverse("login_code"), {"code": current_code(device)})
    url = reverse("agreement_sign", args=[version.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Code from your authenticator app" in page.content.decode()
    form = {"organisation": police.pk, "sha256": version.sha256, "consent": "on", "password": PASSWORD}
    refused = client.post(url, form)
    assert refused.status_code == 400
    assert not Signature.objects.exists()
    ready_for_a_new_code(device)
    signed = client.post(url, {**form, "code": current_code(device)})
    assert signed.status_code == 302
    assert Signature.objects.get().method == SignedWith.TOTP


def test_the_signing_page_of_a_signatory_without_an_app_asks_for_no_code(cast, setting, client_for):
    version, _, _ = setting
    page = client_for("member").get(reverse("agreement_sign", args=[version.pk]))
    assert page.status_code == 200
    assert "Code from your authenticator app" not in page.content.decode()
