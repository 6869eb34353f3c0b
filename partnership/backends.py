"""The one permission backend: model permissions, computed roles and one-off grants."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from guardian.core import ObjectPermissionChecker

from partnership import policies


def login_attempt_username(request, credentials=None):
    """Return the address django-axes counts a sign-in attempt under, cut to the 255 characters it keeps.

    A longer one (the admin's sign-in form takes any length) would fail to save on PostgreSQL.
    """
    data = credentials or getattr(request, "POST", None) or {}
    username = data.get(settings.AXES_USERNAME_FORM_FIELD)
    return username[:255] if isinstance(username, str) else username


class PartnershipBackend(ModelBackend):
    """Log in by email address; answer `has_perm` for every kind of power.

    - a rule registered in a policies module (roles computed from memberships);
    - Django's model permissions (global);
    - django-guardian object permissions (a one-off grant on one object).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None:
            username = username.strip().lower()
            # No account has an address longer than the column holds; SQLite refuses
            # to look up one of 100,000 characters (the admin's sign-in form has no limit).
            if len(username) > get_user_model()._meta.get_field("email").max_length:
                return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def has_perm(self, user_obj, perm, obj=None):
        # The public (anonymous) may pass a rule that says so, e.g. seeing a
        # non-confidential item; a deactivated account passes nothing.
        if user_obj.is_anonymous:
            return obj is not None and policies.check(user_obj, perm, obj)
        if not user_obj.is_active:
            return False
        if policies.check(user_obj, perm, obj):
            return True
        if obj is None:
            return super().has_perm(user_obj, perm)
        checker = getattr(user_obj, "_guardian_checker", None)
        if checker is None:
            checker = user_obj._guardian_checker = ObjectPermissionChecker(user_obj)
        return checker.has_perm(perm, obj)
