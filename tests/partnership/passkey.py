"""Helpers for tests of passkeys (partnership.passkeys): a stored passkey, and using it with the signature check mocked.

Only py_webauthn's `verify_authentication_response` (the cryptography) is replaced: the ceremony's begin and complete
views, the challenge kept in the session, the lookup of the credential and the check that it is the signed-in person's
all run as they do in production.
"""

import json
import os
from types import SimpleNamespace
from unittest import mock

from django.urls import reverse
from django_otp_webauthn.models import WebAuthnCredential
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

BEGIN = "otp_webauthn:credential-authentication-begin"
COMPLETE = "otp_webauthn:credential-authentication-complete"


def make_passkey(user, name="Work laptop") -> WebAuthnCredential:
    return WebAuthnCredential.objects.create(
        user=user, name=name, credential_id=os.urandom(16), public_key=b"a public key", confirmed=True
    )


def _assertion(passkey) -> dict:
    raw = bytes_to_base64url(bytes(passkey.credential_id))
    blank = bytes_to_base64url(b"{}")
    return {
        "id": raw,
        "rawId": raw,
        "type": "public-key",
        "response": {"authenticatorData": blank, "clientDataJSON": blank, "signature": blank},
        "clientExtensionResults": {},
    }


def use_passkey(client, passkey, *, next_url="", signature_ok=True):
    """Begin and complete the authentication ceremony with `passkey`; answer the completion's response."""
    begin = client.post(reverse(BEGIN))
    assert begin.status_code == 200
    challenge = base64url_to_bytes(begin.json()["challenge"])
    url = reverse(COMPLETE) + (f"?next={next_url}" if next_url else "")
    with mock.patch("django_otp_webauthn.helpers.verify_authentication_response") as verify:
        if signature_ok:
            verify.return_value = SimpleNamespace(new_sign_count=1, credential_backed_up=False)
        else:
            from webauthn.helpers.exceptions import InvalidAuthenticationResponse

            verify.side_effect = InvalidAuthenticationResponse("bad signature")
        response = client.post(url, data=json.dumps(_assertion(passkey)), content_type="application/json")
    if verify.called:
        assert verify.call_args.kwargs["expected_challenge"] == challenge
    return response
