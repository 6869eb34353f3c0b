"""Confirming a signatory's identity again, just before they sign.

There is no second factor in this project yet, so a signatory proves who they
are by re-entering their password. `confirm_identity` is the one place a
second factor (a one-time code, a security key) would be checked: it takes
each proof as a keyword argument and answers with a `Confirmation`, so the
signing page and the action do not change shape when one is added. Every
refusal is written to the signing log in a transaction of its own, so it is
kept even though the signing that asked for it does not happen; five
refusals in an hour stop further attempts for that hour.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from agreements.models import SigningEvent, SigningEventKind

MAX_FAILURES = 5
FAILURE_WINDOW = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Confirmation:
    confirmed: bool
    error: str = ""
    field: str = "password"


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


def confirm_identity(user, *, password: str, context: dict) -> Confirmation:
    """Check the proofs that `user` is at the keyboard now. `context` is logged with a refusal (version, ip...)."""
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
    # A second factor would be checked here, once the project has one.
    return Confirmation(True)
