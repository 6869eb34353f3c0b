"""Signing in and out, resetting a password and accepting an invitation (under /accounts/)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from partnership import security_views, session_views, views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    # The second step of signing in, for a person with an authenticator app (partnership.mfa).
    path("login/code/", security_views.login_code, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    # A member's own answer for the bodies' balance figures (Agreement 16.3).
    path("gender/", views.stated_gender, name="stated_gender"),
]

# Under /account/sessions/ (config/urls.py): a person's signed-in sessions.
session_patterns = [
    path("", session_views.session_list, name="account_sessions"),
    path("<int:pk>/sign-out/", session_views.session_end, name="account_session_end"),
    path("sign-out-everywhere-else/", session_views.session_end_others, name="account_sessions_end_others"),
    path("sign-out-everywhere/", session_views.session_end_all, name="account_sessions_end_all"),
]
