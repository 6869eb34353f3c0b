"""Shorthands for the permission matrix (tests/matrix.py and its area modules)."""

CAST = ("anonymous", "stranger", "other_member", "member", "chair", "secretariat")
LOGIN = "login"  # 302 to the sign-in page
ADMIN_LOGIN = "admin-login"  # 302 to the Django admin's sign-in page
REDIRECT = "redirect"  # 302 somewhere else


def everyone(answer):
    return dict.fromkeys(CAST, answer)


def signed_in(answer, anonymous=LOGIN):
    return {**everyone(answer), "anonymous": anonymous}


def secretariat_only(answer):
    """Anonymous users sign in; signed-in users outside the secretariat get a 404."""
    return {**everyone(404), "anonymous": LOGIN, "secretariat": answer}


PUBLIC_PAGE = {"GET": everyone(200), "POST": everyone(405)}
MANAGE_PAGE = {"GET": secretariat_only(200), "POST": secretariat_only(405)}
# A form page: an empty POST is refused with the form's errors (400).
MANAGE_FORM = {"GET": secretariat_only(200), "POST": secretariat_only(400)}
MANAGE_BUTTON = {"GET": secretariat_only(405), "POST": secretariat_only(REDIRECT)}
ADMIN_PAGE = {"GET": everyone(ADMIN_LOGIN), "POST": everyone(ADMIN_LOGIN)}
