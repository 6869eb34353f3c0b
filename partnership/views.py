"""Sign-in, invitations and the health check."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from partnership import actions
from partnership.celery import app as celery_app
from partnership.forms import AcceptInvitationForm, LoginForm, PasswordResetForm, SetPasswordForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm


@never_cache
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    person = actions.person_for_invitation(token)
    if person is None:
        return render(request, "registration/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST if request.method == "POST" else None, person=person)
    if request.method == "POST" and form.is_valid():
        user = actions.accept_invitation(person, password=form.cleaned_data["password1"])
        login(request, user, backend="partnership.backends.PartnershipBackend")
        messages.success(request, "Your account is ready. You are signed in.")
        return redirect("account")
    return render(request, "registration/invitation_accept.html", {"form": form, "person": person})


def _database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001  (any failure means the database is down)
        return "error", str(error.__class__.__name__)
    return "ok", None


def _broker_state():
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # noqa: BLE001  (any failure means the broker is unreachable)
        return "error", str(error.__class__.__name__)
    return "ok", None


@never_cache
@require_safe
def healthz(request):
    """Report the database and broker state as JSON; 503 when either is down."""
    database, database_error = _database_state()
    broker, broker_error = _broker_state()
    body = {
        "status": "ok" if database == broker == "ok" else "error",
        "database": {"state": database, "vendor": connection.vendor},
        "broker": {"state": broker, "transport": settings.CELERY_BROKER_URL.split(":", 1)[0]},
    }
    if database_error:
        body["database"]["error"] = database_error
    if broker_error:
        body["broker"]["error"] = broker_error
    return JsonResponse(body, status=200 if body["status"] == "ok" else 503)
