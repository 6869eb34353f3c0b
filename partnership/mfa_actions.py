"""Setting up, renewing and removing a person's second factors; the secretariat's reset (partnership.mfa reads them).

A passkey is made by django-otp-webauthn's registration view (the browser's ceremony); here it is named and removed,
and the reset removes passkeys with the rest.

The devices are django-otp's models. An authenticator app's secret is kept (it must be, to check a code) and never
shown again once set up. Recovery codes are django-otp's static tokens: kept as written, not hashed, as the library
stores them; each works once and is deleted when used.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from partnership import mfa
from partnership.audit import validated_save
from partnership.models import FactorReset, Person, User
from partnership.policies import is_secretariat

APP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"


def _new_recovery_codes(user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(mfa.RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic(durable=True)
def set_up_authenticator(*, by: User, key: str, code: str) -> list[str]:
    """Save the authenticator app whose secret is `key` once `code` shows the app has it; return new recovery codes."""
    if TOTPDevice.objects.filter(user=by, confirmed=True).exists():
        raise ValidationError("You already have an authenticator app set up. Remove it first to set up another.")
    step = mfa.code_matches_key(key, code)
    if step is None:
        raise ValidationError({"code": "The code is not right. Enter the 6 digits your app shows now"})
    device = TOTPDevice(user=by, name=APP_NAME, key=key, confirmed=True, last_t=step)
    device.full_clean()
    device.save()
    return _new_recovery_codes(by)


@transaction.atomic(durable=True)
def regenerate_recovery_codes(*, by: User) -> list[str]:
    """Replace the person's recovery codes with new ones: the old ones stop working."""
    if not TOTPDevice.objects.filter(user=by, confirmed=True).exists():
        raise ValidationError("Set up an authenticator app before asking for recovery codes.")
    return _new_recovery_codes(by)


def _own_passkey(by: User, pk: int) -> WebAuthnCredential:
    passkey = WebAuthnCredential.objects.select_for_update().filter(user=by, pk=pk).first()
    if passkey is None:
        raise ValidationError("That passkey is not one of yours.")
    return passkey


@transaction.atomic(durable=True)
def name_passkey(*, by: User, pk: int, name: str) -> WebAuthnCredential:
    """The person names one of their passkeys (a passkey is made by the browser through django-otp-webauthn)."""
    passkey = _own_passkey(by, pk)
    passkey.name = (name or "").strip()
    passkey.full_clean()
    passkey.save(update_fields=["name"])
    return passkey


@transaction.atomic(durable=True)
def remove_passkey(*, by: User, pk: int) -> None:
    """The person removes one of their passkeys: it no longer confirms them."""
    _own_passkey(by, pk).delete()


def _remove_all(user) -> list[str]:
    removed = []
    if WebAuthnCredential.objects.filter(user=user).delete()[0]:
        removed.append("passkeys")
    if TOTPDevice.objects.filter(user=user).delete()[0]:
        removed.append("authenticator app")
    statics = StaticDevice.objects.filter(user=user)
    if statics.exists():
        StaticToken.objects.filter(device__in=statics).delete()
        statics.delete()
        removed.append("recovery codes")
    return removed


@transaction.atomic(durable=True)
def remove_authenticator(*, by: User) -> None:
    """The person removes their own authenticator app, and their recovery codes with it (not their passkeys)."""
    if not TOTPDevice.objects.filter(user=by).delete()[0]:
        raise ValidationError("You have no authenticator app to remove.")
    statics = StaticDevice.objects.filter(user=by)
    StaticToken.objects.filter(device__in=statics).delete()
    statics.delete()


@transaction.atomic(durable=True)
def reset_factors(person: Person, *, by: User) -> FactorReset:
    """The secretariat removes a person's second factors (a lost phone); recorded, and the person is told by email."""
    if not is_secretariat(by):
        raise ValidationError("Only the secretariat resets a person's second factors.")
    person = Person.objects.select_for_update(of=("self",)).select_related("user").get(pk=person.pk)
    if person.user_id is None:
        raise ValidationError(f"{person} has no account, so no second factor to reset.")
    removed = _remove_all(person.user)
    if not removed:
        raise ValidationError(f"{person} has no second factor set up.")
    reset = validated_save(FactorReset(person=person, by=by, at=timezone.now(), removed=" and ".join(removed)), by)
    context = {
        "person": person,
        "reset": reset,
        "link": settings.SITE_URL.rstrip("/") + reverse("security"),
        "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
        "SECRETARIAT_EMAIL": settings.SECRETARIAT_EMAIL,
    }
    subject = f"Your sign-in codes for {settings.PARTNERSHIP_NAME} were reset"
    body = render_to_string("account/security/reset_email.txt", context)
    address = person.user.email
    transaction.on_commit(lambda: send_mail(subject, body, None, [address]))
    return reset
