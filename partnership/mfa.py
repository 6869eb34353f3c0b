"""The second factor: who needs one, checking a code, and the gate that holds a session until it is given.

The factors come from django-otp: a time-based one-time code from an authenticator
app (`otp_totp`) and single-use recovery codes (`otp_static`). This module reads and
checks them; the writes are in partnership.mfa_actions.

Who needs one (`needs_second_factor`): the secretariat, and whoever the other apps
say (bodies: a current chair or vice chair; agreements: an authorised signatory),
each registering its check with `require_for` in its AppConfig.ready(), so that this
base layer imports none of them. From settings.MFA_REQUIRED_FROM (a date; None,
"never", turns the requirement off) such a person cannot use the site until they set one up; before it they are
asked to, on every page.

The state of a signed-in session is worked out once, when the person signs in (the
`user_logged_in` signal), and kept in the session, so a page costs no query for it:

- VERIFY: the password was right and the person has an authenticator app or a
  passkey: until a code is given, or a passkey used (partnership.passkeys), (partnership.security_views.login_code) every other page answers
  with a redirect to the code page; nothing else is signed in;
- SETUP: the person needs a factor, the date has passed and they have none: only
  the security pages and signing out are open;
- PROMPT: the same before the date: a banner asks them to set one up.
"""

import datetime
import time
from dataclasses import dataclass
from io import BytesIO

import segno
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from partnership.models import SignedWith
from partnership.policies import is_secretariat

SESSION_KEY = "partnership_second_factor"
FAILURES_KEY = "partnership_second_factor_failures"
VERIFY = "verify"
SETUP = "setup"
PROMPT = "prompt"
RECOVERY_CODES = 10


# What confirmed a person at the keyboard, as a signature records it.
Method = SignedWith


SECOND_FACTORS = {Method.TOTP, Method.WEBAUTHN, Method.RECOVERY_CODE}

_requirements = []


def require_for(check):
    """Register `check(user) -> bool`: one more kind of person who needs a second factor (AppConfig.ready())."""
    if check not in _requirements:
        _requirements.append(check)


def needs_second_factor(user) -> bool:
    """The secretariat, a current chair or vice chair of any body, or an authorised signatory for an organisation."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return is_secretariat(user) or any(check(user) for check in _requirements)


def required_from() -> datetime.date | None:
    return getattr(settings, "MFA_REQUIRED_FROM", None)


def required_now(on: datetime.date | None = None) -> bool:
    """Whether the date from which a second factor is required has come."""
    start = required_from()
    return start is not None and (on or timezone.localdate()) >= start


def authenticator_of(user):
    """The person's confirmed authenticator app, or None."""
    if user is None or not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def recovery_device_of(user):
    if user is None or not user.is_authenticated:
        return None
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def passkeys_of(user):
    """The person's passkeys (django-otp-webauthn; partnership.passkeys), oldest first."""
    if user is None or not user.is_authenticated:
        return WebAuthnCredential.objects.none()
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")


def has_passkey(user) -> bool:
    return passkeys_of(user).exists()


def has_second_factor(user) -> bool:
    """An authenticator app or a passkey (recovery codes come only with an app)."""
    return authenticator_of(user) is not None or has_passkey(user)


def recovery_codes_left(user) -> int:
    device = recovery_device_of(user)
    return device.token_set.count() if device else 0


@dataclass(frozen=True)
class Check:
    """The outcome of a code given: the method that confirmed it, or why not."""

    method: str = ""
    device: object = None
    throttled: bool = False

    @property
    def ok(self) -> bool:
        return bool(self.method)


def _normalise(code: str) -> str:
    return "".join((code or "").split()).lower()


def _is_totp_shape(code: str) -> bool:
    return len(code) == 6 and code.isdigit()


def verify_code(user, code: str) -> Check:
    """Check a code from the person's authenticator app, or one of their recovery codes (used up when it works).

    Six digits are tried against the app, anything else against the recovery codes. Each device counts its own
    wrong codes (django-otp's throttling): after one, the next try must wait 1, 2, 4... seconds, and a code given
    while it waits is refused unread.
    """
    code = _normalise(code)
    if not code or user is None or not user.is_authenticated:
        return Check()
    model, method = (TOTPDevice, Method.TOTP) if _is_totp_shape(code) else (StaticDevice, Method.RECOVERY_CODE)
    # The device row is locked while it is checked, so a recovery code cannot be spent twice at once.
    with transaction.atomic():
        for device in model.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk"):
            allowed, _ = device.verify_is_allowed()
            if not allowed:
                return Check(throttled=True)
            if device.verify_token(code):
                return Check(method=method, device=device)
    return Check()


def code_matches_key(key_hex: str, code: str) -> int | None:
    """Check a code against a secret not yet saved (setting up an app); the time step it matched, or None."""
    code = _normalise(code)
    if not _is_totp_shape(code):
        return None
    device = TOTPDevice(key=key_hex)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.verify(int(code), device.tolerance):
        return totp.t()
    return None


def new_key() -> str:
    from django_otp.plugins.otp_totp.models import default_key

    return default_key()


def base32_secret(key_hex: str) -> str:
    """The secret as an authenticator app's manual entry wants it, in groups of four."""
    from base64 import b32encode

    text = b32encode(bytes.fromhex(key_hex)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def config_url(user, key_hex: str) -> str:
    return TOTPDevice(user=user, key=key_hex, name="Authenticator app").config_url


def qr_svg(url: str) -> str:
    """The QR code of `url` as an inline SVG, made here (no outside service), labelled for screen readers."""
    buffer = BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=5, border=2, xmldecl=False, svgns=True, title="QR code for your authenticator app"
    )
    return buffer.getvalue().decode()


# The session's state


def state_for(user) -> str | None:
    """What a session just signed in must do first (see the module's docstring)."""
    if has_second_factor(user):
        return VERIFY
    # With no date set (MFA_REQUIRED_FROM=never) the requirement is off: nobody is held or asked.
    if required_from() is not None and needs_second_factor(user):
        return SETUP if required_now() else PROMPT
    return None


def set_state(request, state: str | None) -> None:
    if state:
        request.session[SESSION_KEY] = state
    else:
        request.session.pop(SESSION_KEY, None)


def state_of(request) -> str | None:
    session = getattr(request, "session", None)
    return session.get(SESSION_KEY) if session is not None else None


def _on_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    # django-otp's own handler has already recorded a device given with the login, if any.
    verified = getattr(user, "otp_device", None) is not None
    set_state(request, None if verified else state_for(user))
    request.session.pop(FAILURES_KEY, None)


def connect_signals():
    user_logged_in.connect(_on_login, dispatch_uid="partnership.mfa.on_login")


# The gate

_PASSKEY_SIGN_IN = (
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
)
_PASSKEY_SET_UP = (
    "otp_webauthn:credential-registration-begin",
    "otp_webauthn:credential-registration-complete",
    "otp_webauthn:js-i18n-catalog",
)
_OPEN_WHILE_VERIFYING = ("login_code", "logout", *_PASSKEY_SIGN_IN)
_OPEN_WHILE_SETTING_UP = ("security", "security_totp_setup", "logout", "privacy_notice", *_PASSKEY_SET_UP)


def _open_paths(names):
    return {reverse(name) for name in names}


class SecondFactorMiddleware:
    """Hold a session that owes a second factor (VERIFY) or must set one up (SETUP) to the pages that settle it.

    After the authentication and messages middleware, before the reader cache (so no kept page is served past it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie there is no session to hold; not reading it keeps `Vary: Cookie` off the answers
        # that need no session (a calendar feed, the API).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        state = state_of(request)
        if state in (VERIFY, SETUP) and request.user.is_authenticated:
            path = request.path
            if not path.startswith(settings.STATIC_URL):
                if state == VERIFY and path not in _open_paths(_OPEN_WHILE_VERIFYING):
                    return redirect(f"{reverse('login_code')}?{urlencode({'next': request.get_full_path()})}")
                if state == SETUP and path not in _open_paths(_OPEN_WHILE_SETTING_UP):
                    return redirect("security_totp_setup")
        return self.get_response(request)
