"""Signing minutes with a passkey as the chair's second factor: recorded as `webauthn` (partnership.passkeys)."""

from django.test import Client
from django.urls import reverse

from meetings.models import MinutesStatus
from partnership.models import SignedWith
from tests.factories import PASSWORD
from tests.meetings.scenario import approved
from tests.partnership.passkey import make_passkey, use_passkey


def test_the_chair_signs_with_password_and_passkey_and_the_method_is_recorded(scene):
    minutes = approved(scene)
    passkey = make_passkey(scene.cast.chair)
    client = Client()
    client.force_login(scene.cast.chair)
    assert use_passkey(client, passkey).status_code == 200
    url = reverse("minutes_sign", args=[scene.meeting.pk])
    page = client.get(url).content.decode()
    assert "Use a passkey" in page and 'name="code"' not in page
    refused = client.post(url, {"password": PASSWORD})
    assert refused.status_code == 400
    assert "Use your passkey" in refused.content.decode()
    minutes.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED
    assert use_passkey(client, passkey).status_code == 200
    assert client.post(url, {"password": PASSWORD}).status_code == 302
    minutes.refresh_from_db()
    assert (minutes.status, minutes.signed_with) == (MinutesStatus.SIGNED, SignedWith.WEBAUTHN)
