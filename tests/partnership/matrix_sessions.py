"""Permission matrix rows for a person's signed-in sessions (merged by tests/matrix.py).

Everyone signed in sees their own sessions and signs out everywhere else (a redirect
back to the list) or everywhere (signed out, sent home). The sample session to sign
out belongs to the member: anyone else gets the 404 of a row that is not there. The
secretariat signs a person out everywhere from the person's page (a button).
"""

from tests.matrix_helpers import CAST, LOGIN, MANAGE_BUTTON, REDIRECT, signed_in

ENTRIES = {
    "account_sessions": {"GET": signed_in(200), "POST": signed_in(405)},
    "account_session_end": {
        "GET": signed_in(405),
        "POST": {**dict.fromkeys(CAST, 404), "anonymous": LOGIN, "member": REDIRECT},
    },
    "account_sessions_end_others": {"GET": signed_in(405), "POST": signed_in(REDIRECT)},
    "account_sessions_end_all": {"GET": signed_in(405), "POST": signed_in(REDIRECT)},
    "manage:person_sign_out": MANAGE_BUTTON,
}


def sample_args(cast):
    """A session of the member's, recorded as a sign-in would be, on another device."""
    from partnership.models import SignInSession
    from partnership.sessions import seal

    key = "matrix-session-of-the-member-on-another-device"
    row = SignInSession.objects.create(
        user=cast.member, key_digest=SignInSession.digest_of(key), key_sealed=seal(key), device="Firefox on Windows"
    )
    return {"account_session_end": {"<int:pk>": row.pk}, "manage:person_sign_out": {"<int:pk>": cast.member.person.pk}}
