"""Confirming a signatory's identity again, just before they sign.

A signatory proves who they are by re-entering their password and, when they
have set up an authenticator app or a passkey, a code from the app (or a recovery code) or the passkey: not
the password alone, nor the session's sign-in. A person who needs a second
factor (partnership.mfa.needs_second_factor) and has none cannot sign once
settings.MFA_REQUIRED_FROM has come. `confirm_identity` is the one place the
proofs are checked: it takes each as a keyword argument and answers with a
`Confirmation` that says which method confirmed it, recorded on the
signature. Every
refusal is written to the signing log in a transaction of its own, so it is
kept even though the signing that asked for it does not happen; five
refusals in an hour stop further attempts for that hour.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from agreements.models import SigningEvent, SigningEventKind
from partnership import mfa

MAX_FAILURES = 5
FAILURE_WINDOW = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Confirmation:
    confirmed: bool
    error: str = ""
    field: str = "password"
    # partnership.models.SignedWith: what confirmed the person (password alone, or with which second factor).
    method: str = ""


def recent_failures(user, now=None) -> int:
    now = now or timezone.now()
    return SigningEvent.objects.filter(
        user=user, kind=SigningEventKind.REAUTH_REFUSED, at__gt=now - FAILURE_WINDOW
    ).count()


def record(kind, *, user, **fields) -> SigningEvent:
    """Write one entry in the signing log, committed on its own (a savepoint inside a caller's transaction)."""
    with transaction.atomic():
        event = SigningEvent(kind=kind, user=user, **fields)
        event.full_clean()
        event.save()
    return event


def _second_factor_missing(user) -> str:
    if mfa.authenticator_of(user) is None:
        return "Use your passkey to confirm it is you, then sign."
    if mfa.has_passkey(user):
        return "Enter the code from your authenticator app, or a recovery code, or use your passkey."
    return "Enter the code from your authenticator app, or a recovery code."


def confirm_identity(user, *, password: str, code: str = "", passkey: bool = False, context: dict) -> Confirmation:
    """Check the proofs that `user` is at the keyboard now. `context` is logged with a refusal (version, ip...).

    `passkey` says the person confirmed themselves with one of their passkeys on this session a moment ago
    (partnership.passkeys.take_step_up, which the signing page asks): it stands for the code.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return Confirmation(False, "Sign in again to sign.")
    if recent_failures(user) >= MAX_FAILURES:
        record(
            SigningEventKind.REAUTH_THROTTLED, user=user, detail="Too many wrong passwords in the last hour.", **context
        )
        return Confirmation(False, "Your password was entered wrongly too many times. Try again in an hour.")
    if not password or not user.check_password(password):
        record(SigningEventKind.REAUTH_REFUSED, user=user, detail="The password entered was wrong.", **context)
        return Confirmation(False, "The password is not right. Enter the password you sign in with.")
    if mfa.has_second_factor(user):
        if passkey:
            return Confirmation(True, method=mfa.Method.WEBAUTHN)
        if not (code or "").strip():
            return Confirmation(False, _second_factor_missing(user), "code")
        check = mfa.verify_code(user, code)
        if not check.ok:
            record(SigningEventKind.REAUTH_REFUSED, user=user, detail="The code entered was wrong.", **context)
            if check.throttled:
                return Confirmation(False, "Too many wrong codes in a row. Wait a minute, then try again.", "code")
            return Confirmation(False, "The code is not right. Enter the code your app shows now.", "code")
        return Confirmation(True, method=check.method)
    if mfa.needs_second_factor(user) and mfa.required_now():
        record(SigningEventKind.REAUTH_REFUSED, user=user, detail="No second factor is set up.", **context)
        return Confirmation(False, "Set up an authenticator app on your sign-in security page before you sign.", "code")
    return Confirmation(True, method=mfa.Method.PASSWORD)
