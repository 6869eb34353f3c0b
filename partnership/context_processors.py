from django.conf import settings

from partnership import mfa
from partnership.policies import is_secretariat


def partnership(request):
    user = getattr(request, "user", None)
    return {
        "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
        "SECRETARIAT_EMAIL": settings.SECRETARIAT_EMAIL,
        "MFA_REQUIRED_FROM": getattr(settings, "MFA_REQUIRED_FROM", None),
        "is_secretariat": is_secretariat(user),
        # Asked to set up a second factor (partnership.mfa): kept in the session at sign-in, so no query here.
        "second_factor_prompt": bool(
            user is not None and user.is_authenticated and mfa.state_of(request) == mfa.PROMPT
        ),
    }
