"""Sign-in, invitations and the health check."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from partnership import actions
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
