"""A person's second factor, under /account/security/ (partnership.security_views)."""

from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from partnership import passkeys
from partnership import security_views as views

# django-otp-webauthn's ceremony endpoints (JSON, POST), under the namespace its template tags reverse.
webauthn_patterns = (
    [
        path("registration/begin/", passkeys.BeginRegistration.as_view(), name="credential-registration-begin"),
        path(
            "registration/complete/", passkeys.CompleteRegistration.as_view(), name="credential-registration-complete"
        ),
        path("authentication/begin/", passkeys.BeginAuthentication.as_view(), name="credential-authentication-begin"),
        path(
            "authentication/complete/",
            passkeys.CompleteAuthentication.as_view(),
            name="credential-authentication-complete",
        ),
        path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
    ],
    "otp_webauthn",
)

urlpatterns = [
    path("", views.security, name="security"),
    path("authenticator/", views.totp_setup, name="security_totp_setup"),
    path("authenticator/remove/", views.totp_remove, name="security_totp_remove"),
    path("recovery-codes/", views.recovery_codes, name="security_recovery_codes"),
    path("passkeys/<int:pk>/name/", views.passkey_name, name="security_passkey_name"),
    path("passkeys/<int:pk>/remove/", views.passkey_remove, name="security_passkey_remove"),
    path("webauthn/", include(webauthn_patterns)),
]
