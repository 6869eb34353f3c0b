"""A person's second factor, under /account/security/ (partnership.security_views)."""

from django.urls import path

from partnership import security_views as views

urlpatterns = [
    path("", views.security, name="security"),
    path("authenticator/", views.totp_setup, name="security_totp_setup"),
    path("authenticator/remove/", views.totp_remove, name="security_totp_remove"),
    path("recovery-codes/", views.recovery_codes, name="security_recovery_codes"),
]
