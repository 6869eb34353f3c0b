"""Permission matrix rows for the second factor (merged by tests/matrix.py).

The code page of signing in answers only a session that owes a code: everyone else
is sent on (the cast signs in with no authenticator app). The pages to renew
recovery codes and remove the app send a person without one back to the security
page. The secretariat's reset refuses a person with no factor with a message on the
person's page.
"""

from django_otp_webauthn.models import WebAuthnCredential

from partnership.models import User
from tests.matrix_helpers import MANAGE_BUTTON, REDIRECT, everyone, signed_in

# A page about one of a person's own passkeys: the sample passkey is someone's outside the cast (a passkey would
# hold a cast member at the sign-in code step), so every signed-in member of the cast gets the 404 of a passkey not
# theirs. The owner's own answers are in tests/partnership/test_passkeys.py.
NOT_THEIRS = signed_in(404)

ENTRIES = {
    "login_code": {"GET": signed_in(REDIRECT), "POST": signed_in(REDIRECT)},
    "security": {"GET": signed_in(200), "POST": signed_in(405)},
    # An empty code is refused with the form's error.
    "security_totp_setup": {"GET": signed_in(200), "POST": signed_in(400)},
    "security_totp_remove": {"GET": signed_in(REDIRECT), "POST": signed_in(REDIRECT)},
    "security_recovery_codes": {"GET": signed_in(REDIRECT), "POST": signed_in(REDIRECT)},
    "manage:person_reset_factors": MANAGE_BUTTON,
    # Passkeys: naming and removing one's own.
    "security_passkey_name": {"GET": NOT_THEIRS, "POST": NOT_THEIRS},
    "security_passkey_remove": {"GET": NOT_THEIRS, "POST": NOT_THEIRS},
    # django-otp-webauthn's ceremony endpoints (JSON, POST only): a signed-in person gets the options to begin;
    # completing without beginning is refused (400); without signing in, 403 (passwordless sign-in is off).
    "otp_webauthn:credential-registration-begin": {"GET": signed_in(405, 403), "POST": signed_in(200, 403)},
    "otp_webauthn:credential-registration-complete": {"GET": signed_in(405, 403), "POST": signed_in(400, 403)},
    "otp_webauthn:credential-authentication-begin": {"GET": signed_in(405, 403), "POST": signed_in(200, 403)},
    "otp_webauthn:credential-authentication-complete": {"GET": signed_in(405, 403), "POST": signed_in(400, 403)},
    # The library's translations for its script: public, as any static file.
    "otp_webauthn:js-i18n-catalog": {"GET": everyone(200), "POST": everyone(405)},
}


def sample_args(cast):
    """The person whose factors the secretariat resets: a member with a login."""
    owner, _ = User.objects.get_or_create(email="passkey.owner@example.org")
    passkey, _ = WebAuthnCredential.objects.get_or_create(
        user=owner,
        credential_id_sha256=WebAuthnCredential.get_credential_id_sha256(b"matrix-passkey"),
        defaults={"name": "Work laptop", "credential_id": b"matrix-passkey", "public_key": b"not-a-real-key"},
    )
    return {
        "manage:person_reset_factors": {"<int:pk>": cast.member.person.pk},
        "security_passkey_name": {"<int:pk>": passkey.pk},
        "security_passkey_remove": {"<int:pk>": passkey.pk},
    }
