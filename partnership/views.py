"""Sign-in, invitations and the health check."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from partnership import actions, sessions
from partnership.forms import AcceptInvitationForm, LoginForm, PasswordResetForm, SetPasswordForm, StatedGenderForm
from partnership.models import SignOutReason, StatedGender, person_of
from partnership.pages import run_action


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm

    def form_valid(self, form):
        response = super().form_valid(form)
        # A new password signs the login out everywhere (Django's session hash already refuses the old sessions;
        # this ends their records and deletes them). A session of the same login that asked for the reset is
        # signed out here, by logout(), so that it is not deleted under this request.
        request = self.request
        here = sessions.current_id(request) if request.user.pk == form.user.pk else None
        sessions.end_all_sign_ins(form.user, by=form.user, reason=SignOutReason.PASSWORD, keep=here)
        if here:
            request._sign_out_reason = SignOutReason.PASSWORD
            logout(request)
        return response


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


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def stated_gender(request):
    """A member states their gender, changes it or withdraws it (Agreement 16.3); only they see this page."""
    person = person_of(request.user)
    if person is None:
        raise Http404("Your account is not linked to a person in the records.")
    stated = StatedGender.objects.filter(person=person).values_list("gender", flat=True).first() or ""
    form = StatedGenderForm(request.POST if request.method == "POST" else None, initial={"gender": stated})
    if request.method == "POST" and form.is_valid():
        gender = form.cleaned_data["gender"]
        if run_action(form, actions.state_gender, person, by=request.user, gender=gender) is not None or not gender:
            messages.success(
                request,
                "Your answer is saved." if gender else "Nothing is kept about your gender: you prefer not to say.",
            )
            return redirect("account")
    return render(request, "registration/stated_gender.html", {"form": form}, status=400 if form.errors else 200)
