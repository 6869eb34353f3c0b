"""Helpers for the second factor's tests: an authenticator app set up, and the codes it would show."""

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnership import mfa, mfa_actions


def code_for(key_hex: str, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app holding `key_hex` shows now (or `steps_ahead` steps of 30 seconds later)."""
    totp = TOTP(bytes.fromhex(key_hex), step=30, t0=0, digits=6)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def set_up_app(user) -> tuple[TOTPDevice, list[str]]:
    """Set `user` up with an authenticator app through the action; return the device and the recovery codes."""
    key = mfa.new_key()
    codes = mfa_actions.set_up_authenticator(by=user, key=key, code=code_for(key))
    device = TOTPDevice.objects.get(user=user)
    ready_for_a_new_code(device)
    return device, codes


def ready_for_a_new_code(device: TOTPDevice) -> TOTPDevice:
    """Forget the last time step used: a test gives several codes within one 30 seconds, as no person would."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None
    )
    device.refresh_from_db()
    return device


def current_code(device: TOTPDevice) -> str:
    return code_for(device.key)


def recovery_codes_of(user) -> list[str]:
    return sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
