"""Who may do what with bodies and memberships.

Each predicate has a queryset twin that says the same thing in SQL; a test
checks that the two agree.
"""

from django.db.models import Q

from bodies.models import Body, Membership, Role
from partnership.policies import is_secretariat, rule

CHAIRING_ROLES = [Role.CHAIR, Role.VICE_CHAIR]


def roles_by_body(user) -> dict[int, set[str]]:
    """{body id: roles} the user holds today (computed once per request and cached on the user)."""
    if not user.is_authenticated:
        return {}
    # getattr, not __dict__: request.user is a SimpleLazyObject whose own __dict__ is not the user's.
    cache = getattr(user, "_body_roles", None)
    if cache is None:
        cache = {}
        for body_id, role in Membership.objects.current().of_user(user).values_list("body_id", "role"):
            cache.setdefault(body_id, set()).add(role)
        user._body_roles = cache
    return cache


def _current_roles(user, body):
    return roles_by_body(user).get(body.pk, set())


@rule("bodies.change_terms_of_reference")
def can_edit_terms_of_reference(user, body):
    """The secretariat, and the chair or vice chair of the body today."""
    if is_secretariat(user):
        return True
    return body is not None and bool(_current_roles(user, body) & set(CHAIRING_ROLES))


def bodies_terms_editable_by(user):
    if is_secretariat(user):
        return Body.objects.all()
    if not user.is_authenticated:
        return Body.objects.none()
    chaired = Membership.objects.current().of_user(user).filter(role__in=CHAIRING_ROLES).values("body_id")
    return Body.objects.filter(pk__in=chaired)


@rule("bodies.view_member_contacts")
def can_view_member_contacts(user, body):
    """The secretariat and the body's current members see members' email and telephone."""
    if is_secretariat(user):
        return True
    return body is not None and bool(_current_roles(user, body))


def bodies_contacts_visible_to(user):
    if is_secretariat(user):
        return Body.objects.all()
    if not user.is_authenticated:
        return Body.objects.none()
    held = Membership.objects.current().of_user(user).values("body_id")
    return Body.objects.filter(Q(pk__in=held))


def chairs_a_body_now(user) -> bool:
    """A current chair or vice chair of any body (who needs a second factor: partnership.mfa)."""
    return Membership.objects.current().of_user(user).filter(role__in=CHAIRING_ROLES).exists()
