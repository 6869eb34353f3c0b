"""Passkeys (WebAuthn) as a second factor, from django-otp-webauthn: its ceremonies, fitted to partnership.mfa's gate.

The library does the cryptography and keeps the credential (a public key, its id, a signature counter and the name
the person gives it; never a secret). Its views are used through the subclasses below so that:

- a passkey is only ever a second factor: the person must have signed in with their password first (passwordless
  sign-in is off in settings);
- verifying with a passkey at the sign-in code step settles the session exactly as a code does (a new session key,
  django-otp's login, mfa's state cleared);
- verifying with a passkey on a signing page (step-up) is noted in the session for a few minutes, for one signature
  (`take_step_up`), and records `webauthn` as the method;
- registering a passkey clears a session held to set a factor up (mfa.SETUP), as setting up an app does.
"""

import time

import django_otp
from django.urls import reverse
from django_otp_webauthn import exceptions
from django_otp_webauthn import views as webauthn_views
from django_otp_webauthn.helpers import WebAuthnHelper

from partnership import mfa

STEP_UP_KEY = "partnership_passkey_step_up"
STEP_UP_SECONDS = 5 * 60
DEFAULT_NAME = "Passkey"


def take_step_up(request) -> bool:
    """Whether the person confirmed themselves with a passkey on this session in the last few minutes; used once."""
    noted = request.session.pop(STEP_UP_KEY, None)
    if not noted or noted.get("user") != request.user.pk:
        return False
    return time.time() - noted.get("at", 0) <= STEP_UP_SECONDS


class Helper(WebAuthnHelper):
    """A new passkey gets a plain name until the person names it."""

    def create_credential(self, *args, **kwargs):
        device = super().create_credential(*args, **kwargs)
        device.name = DEFAULT_NAME
        return device


class _SignedInOnly:
    def check_can_authenticate(self):
        user = self.get_user()
        if not user or not user.is_active:
            raise exceptions.NotAuthenticated()


class BeginAuthentication(_SignedInOnly, webauthn_views.BeginCredentialAuthenticationView):
    pass


class CompleteAuthentication(_SignedInOnly, webauthn_views.CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        request = self.request
        if mfa.state_of(request) == mfa.VERIFY:
            request.session.cycle_key()
            django_otp.login(request, device)
            request.session.pop(mfa.FAILURES_KEY, None)
            mfa.set_state(request, None)
            self.settled = True
        else:
            request.session[STEP_UP_KEY] = {"user": request.user.pk, "at": time.time()}
            self.settled = False

    def get_success_data(self, device):
        data = {"id": device.pk, "redirect_url": ""}
        if self.settled:
            data["redirect_url"] = self.get_redirect_url() or reverse("account")
        return data


class BeginRegistration(webauthn_views.BeginCredentialRegistrationView):
    pass


class CompleteRegistration(webauthn_views.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        if response.status_code == 200:
            # A session held to set a factor up (mfa.SETUP) or asked to (PROMPT) is free once it has one.
            self.request.session.cycle_key()
            mfa.set_state(self.request, None)
        return response
