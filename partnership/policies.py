"""The rule registry behind `user.has_perm(perm, obj)`.

Each app's `policies.py` registers a predicate per permission name. Predicates
compute a user's powers from the records (chair of this body today), never
from rows copied aside. Django's model permissions and django-guardian's
one-off grants answer through the same backend (partnership.backends).
"""

from collections.abc import Callable

from django.db.models import Q

from partnership.models import SECRETARIAT_GROUP, SignInSession, User

Predicate = Callable[..., bool]
_rules: dict[str, Predicate] = {}


def rule(perm: str):
    """Register `predicate(user, obj)` as the answer to `perm`."""

    def register(predicate: Predicate) -> Predicate:
        if perm in _rules:
            raise ValueError(f"A rule for {perm} is already registered")
        _rules[perm] = predicate
        return predicate

    return register


def check(user, perm: str, obj=None) -> bool:
    predicate = _rules.get(perm)
    if predicate is None:
        return False
    return bool(predicate(user, obj))


def registered() -> list[str]:
    return sorted(_rules)


def is_secretariat(user) -> bool:
    """A secretariat officer: an active login in the Secretariat group, or an active superuser."""
    return bool(user is not None and user.is_authenticated and user.is_secretariat)


def secretariat_users():
    """The logins for which is_secretariat is true, in SQL."""
    return (
        User.objects.filter(is_active=True).filter(Q(is_superuser=True) | Q(groups__name=SECRETARIAT_GROUP)).distinct()
    )


@rule("partnership.manage")
def can_manage(user, obj=None):
    """The secretariat manages organisations, people, bodies and memberships."""
    return is_secretariat(user)


@rule("partnership.end_sign_in")
def can_end_sign_in(user, sign_in=None):
    """A person signs out their own sessions only (the secretariat signs a person out everywhere, not one by one)."""
    return bool(
        user is not None and user.is_authenticated and isinstance(sign_in, SignInSession) and sign_in.user_id == user.pk
    )


def sign_ins_for(user):
    """The twin of partnership.end_sign_in: the session records a login may see and end, its own."""
    if user is None or not user.is_authenticated:
        return SignInSession.objects.none()
    return SignInSession.objects.filter(user=user)
