"""The one permission backend: model permissions, computed roles and one-off grants."""

from django.contrib.auth.backends import ModelBackend
from guardian.core import ObjectPermissionChecker

from partnership import policies


class PartnershipBackend(ModelBackend):
    """Log in by email address; answer `has_perm` for every kind of power.

    - a rule registered in a policies module (roles computed from memberships);
    - Django's model permissions (global);
    - django-guardian object permissions (a one-off grant on one object).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None:
            username = username.strip().lower()
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
