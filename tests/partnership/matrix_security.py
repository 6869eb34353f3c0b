"""Permission matrix rows for the second factor (merged by tests/matrix.py).

The code page of signing in answers only a session that owes a code: everyone else
is sent on (the cast signs in with no authenticator app). The pages to renew
recovery codes and remove the app send a person without one back to the security
page. The secretariat's reset refuses a person with no factor with a message on the
person's page.
"""

from tests.matrix_helpers import MANAGE_BUTTON, REDIRECT, signed_in

ENTRIES = {
    "login_code": {"GET": signed_in(REDIRECT), "POST": signed_in(REDIRECT)},
    "security": {"GET": signed_in(200), "POST": signed_in(405)},
    # An empty code is refused with the form's error.
    "security_totp_setup": {"GET": signed_in(200), "POST": signed_in(400)},
    "security_totp_remove": {"GET": signed_in(REDIRECT), "POST": signed_in(REDIRECT)},
    "security_recovery_codes": {"GET": signed_in(REDIRECT), "POST": signed_in(REDIRECT)},
    "manage:person_reset_factors": MANAGE_BUTTON,
}


def sample_args(cast):
    """The person whose factors the secretariat resets: a member with a login."""
    return {"manage:person_reset_factors": {"<int:pk>": cast.member.person.pk}}
