"""Signing minutes asks a chair with an authenticator app for its code too, and records what confirmed the chair."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from meetings.actions import minutes as actions
from meetings.models import MinutesStatus
from partnership.models import SignedWith
from tests.factories import PASSWORD
from tests.meetings.scenario import approved
from tests.partnership.second_factor import current_code, ready_for_a_new_code, set_up_app


def chair_client(scene):
    """The chair, with an authenticator app, signed in with its code."""
    device, codes = set_up_app(scene.cast.chair)
    client = Client()
    client.force_login(scene.cast.chair)
    assert client.post(reverse("login_code"), {"code": current_code(device)}).status_code == 302
    return client, ready_for_a_new_code(device), codes


def sign_url(scene):
    return reverse("minutes_sign", args=[scene.meeting.pk])


def test_the_page_refuses_the_password_alone_from_a_chair_with_an_app(scene):
    minutes = approved(scene)
    client, _, _ = chair_client(scene)
    page = client.get(sign_url(scene))
    assert "Code from your authenticator app" in page.content.decode()
    response = client.post(sign_url(scene), {"password": PASSWORD})
    assert response.status_code == 400
    assert "Enter the code from your authenticator app" in response.content.decode()
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED


def test_a_wrong_code_signs_nothing(scene):
    minutes = approved(scene)
    client, device, _ = chair_client(scene)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    response = client.post(sign_url(scene), {"password": PASSWORD, "code": wrong})
    assert response.status_code == 400
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED


def test_the_chair_signs_with_password_and_code_and_the_method_is_recorded(scene):
    minutes = approved(scene)
    client, device, _ = chair_client(scene)
    response = client.post(sign_url(scene), {"password": PASSWORD, "code": current_code(device)})
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert (minutes.status, minutes.signed_with) == (MinutesStatus.SIGNED, SignedWith.TOTP)


def test_a_recovery_code_signs_once(scene):
    minutes = approved(scene)
    client, _, codes = chair_client(scene)
    response = client.post(sign_url(scene), {"password": PASSWORD, "code": codes[1]})
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.signed_with == SignedWith.RECOVERY_CODE


def test_the_action_refuses_a_chair_with_an_app_without_its_code(scene):
    minutes = approved(scene)
    set_up_app(scene.cast.chair)
    with pytest.raises(ValidationError):
        actions.sign_minutes(minutes, by=scene.cast.chair)
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED


def test_without_an_app_the_password_signs_until_the_date_and_not_after(scene, settings):
    minutes = approved(scene)
    settings.MFA_REQUIRED_FROM = datetime.date.today()
    with pytest.raises(ValidationError):
        actions.sign_minutes(minutes, by=scene.cast.chair)
    settings.MFA_REQUIRED_FROM = datetime.date.today() + datetime.timedelta(days=1)
    signed = actions.sign_minutes(minutes, by=scene.cast.chair)
    assert signed.signed_with == SignedWith.PASSWORD
