"""The roles the meetings rules are computed from: a member or the chair of a body today."""

from bodies.policies import CHAIRING_ROLES, roles_by_body
from partnership.policies import check


def is_member_of(user, body_id) -> bool:
    """A current member of the body, in any role (reserves, observers and support staff included)."""
    return body_id in roles_by_body(user)


def chairs(user, body_id) -> bool:
    return bool(roles_by_body(user).get(body_id, set()) & set(CHAIRING_ROLES))


def chaired_body_ids(user) -> list[int]:
    """The bodies the user chairs (or vice-chairs) today."""
    return [body_id for body_id, roles in roles_by_body(user).items() if roles & set(CHAIRING_ROLES)]


def can(user, perm, obj) -> bool:
    """Ask `has_perm`; Django answers False for every anonymous visitor, so the rule answers for the public."""
    return user.has_perm(perm, obj) if user.is_authenticated else check(user, perm, obj)
