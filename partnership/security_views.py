"""A person's second factor: the code asked for at sign-in, and the pages under /account/security/ (partnership.mfa)."""

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from partnership import mfa, mfa_actions
from partnership.mfa_forms import CodeForm, PasskeyNameForm, PasswordForm, SetUpForm
from partnership.models import Person
from partnership.pages import run_action, secretariat_required
from partnership.reader_cache import not_reader_cached

PENDING_KEY = "partnership_pending_totp_key"


def _safe_next(request, fallback="account"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def login_code(request):
    """The second step of signing in: a code from the authenticator app, or a recovery code.

    Wrong codes count as failed sign-ins (django-axes): at AXES_FAILURE_LIMIT the session is signed out and
    signing in for this address from this client is paused as after wrong passwords. Each device also makes
    the next try wait after a wrong code (django-otp's throttling).
    """
    if mfa.state_of(request) != mfa.VERIFY:
        return redirect(_safe_next(request))
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        check = mfa.verify_code(request.user, form.cleaned_data["code"])
        if check.ok:
            request.session.cycle_key()
            django_otp.login(request, check.device)
            request.session.pop(mfa.FAILURES_KEY, None)
            mfa.set_state(request, None)
            if check.method == mfa.Method.RECOVERY_CODE:
                left = mfa.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    f"You signed in with a recovery code. It cannot be used again: you have {left} left.",
                )
            return redirect(_safe_next(request))
        failures = request.session.get(mfa.FAILURES_KEY, 0) + 1
        request.session[mfa.FAILURES_KEY] = failures
        user = request.user
        user_login_failed.send(
            sender=__name__, credentials={settings.AXES_USERNAME_FORM_FIELD: user.email}, request=request
        )
        if failures >= settings.AXES_FAILURE_LIMIT:
            logout(request)
            return render(request, "registration/locked_out.html", status=429)
        if check.throttled:
            form.add_error("code", "Too many wrong codes in a row. Wait a minute, then enter the code your app shows")
        else:
            form.add_error("code", "The code is not right. Enter the code your app shows now, or a recovery code")
    return render(
        request,
        "account/security/login_code.html",
        {
            "form": form,
            "next": _safe_next(request, ""),
            "has_app": mfa.authenticator_of(request.user) is not None,
            "has_passkey": mfa.has_passkey(request.user),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_safe
@not_reader_cached
def security(request):
    """What second factors the person has, and the links to set one up, renew codes or remove it."""
    device = mfa.authenticator_of(request.user)
    context = {
        "device": device,
        "passkeys": list(mfa.passkeys_of(request.user)),
        "codes_left": mfa.recovery_codes_left(request.user) if device else 0,
        "needs": mfa.needs_second_factor(request.user),
        "required_from": mfa.required_from(),
        "required_now": mfa.required_now(),
    }
    return render(request, "account/security/index.html", context)


@never_cache
@login_required
@not_reader_cached
@require_http_methods(["GET", "POST"])
def totp_setup(request):
    """Add an authenticator app: scan the QR code (or type the secret), then give the code it shows."""
    if mfa.authenticator_of(request.user) is not None:
        messages.info(request, "You already have an authenticator app set up.")
        return redirect("security")
    key = request.session.get(PENDING_KEY)
    if not key:
        key = request.session[PENDING_KEY] = mfa.new_key()
    form = SetUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        codes = run_action(
            form, mfa_actions.set_up_authenticator, by=request.user, key=key, code=form.cleaned_data["code"]
        )
        if codes is not None:
            request.session.pop(PENDING_KEY, None)
            # A new session key: no page kept for the session before (the reader cache) is served after.
            request.session.cycle_key()
            mfa.set_state(request, None)
            return render(request, "account/security/recovery_codes_new.html", {"codes": codes, "first": True})
    context = {
        "form": form,
        "qr": mfa.qr_svg(mfa.config_url(request.user, key)),
        "secret": mfa.base32_secret(key),
        "issuer": settings.OTP_TOTP_ISSUER,
        "email": request.user.email,
    }
    return render(request, "account/security/totp_setup.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
@not_reader_cached
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """How many recovery codes are left; new ones (shown once) for the password."""
    if mfa.authenticator_of(request.user) is None:
        return redirect("security")
    form = PasswordForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        codes = run_action(form, mfa_actions.regenerate_recovery_codes, by=request.user)
        if codes is not None:
            return render(request, "account/security/recovery_codes_new.html", {"codes": codes, "first": False})
    context = {"form": form, "codes_left": mfa.recovery_codes_left(request.user)}
    return render(request, "account/security/recovery_codes.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
@not_reader_cached
@require_http_methods(["GET", "POST"])
def totp_remove(request):
    """Remove the authenticator app and the recovery codes, with the password."""
    if mfa.authenticator_of(request.user) is None:
        return redirect("security")
    form = PasswordForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        run_action(form, mfa_actions.remove_authenticator, by=request.user)
        if not form.errors:
            request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
            request.session.cycle_key()
            state = mfa.state_for(request.user)
            mfa.set_state(request, state)
            messages.success(request, "Your authenticator app and recovery codes were removed.")
            return redirect("security")
    context = {"form": form, "needs": mfa.needs_second_factor(request.user), "required_now": mfa.required_now()}
    return render(request, "account/security/totp_remove.html", context, status=400 if form.errors else 200)


def _own_passkey_or_404(request, pk):
    """One of the person's own passkeys; a 404 alike for one that does not exist and someone else's."""
    return get_object_or_404(mfa.passkeys_of(request.user), pk=pk)


@never_cache
@login_required
@not_reader_cached
@require_http_methods(["GET", "POST"])
def passkey_name(request, pk):
    """Name a passkey (asked for just after it is made, and from the security page)."""
    passkey = _own_passkey_or_404(request, pk)
    initial = {"name": "" if passkey.name == "Passkey" else passkey.name}
    form = PasskeyNameForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if run_action(form, mfa_actions.name_passkey, by=request.user, pk=passkey.pk, name=form.cleaned_data["name"]):
            messages.success(request, f"Your passkey is now called “{form.cleaned_data['name'].strip()}”.")
            return redirect("security")
    context = {"form": form, "passkey": passkey}
    return render(request, "account/security/passkey_name.html", context, status=400 if form.errors else 200)


@never_cache
@login_required
@not_reader_cached
@require_http_methods(["GET", "POST"])
def passkey_remove(request, pk):
    """Remove a passkey, with the password."""
    passkey = _own_passkey_or_404(request, pk)
    form = PasswordForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        run_action(form, mfa_actions.remove_passkey, by=request.user, pk=passkey.pk)
        if not form.errors:
            if str(request.session.get(django_otp.DEVICE_ID_SESSION_KEY, "")) == passkey.persistent_id:
                request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
            request.session.cycle_key()
            mfa.set_state(request, mfa.state_for(request.user) if not mfa.has_second_factor(request.user) else None)
            messages.success(request, f"The passkey “{passkey.name}” was removed.")
            return redirect("security")
    context = {"form": form, "passkey": passkey, "needs": mfa.needs_second_factor(request.user)}
    return render(request, "account/security/passkey_remove.html", context, status=400 if form.errors else 200)


@secretariat_required
@require_POST
def person_reset_factors(request, pk):
    """The secretariat removes a person's second factors (a lost phone); recorded, and the person is emailed."""
    person = get_object_or_404(Person, pk=pk)
    try:
        mfa_actions.reset_factors(person, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            f"The second factors of {person} were removed. They were emailed to say so and to set one up again.",
        )
    return redirect(person)
