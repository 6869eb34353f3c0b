"""Whose attendance a user may count: the secretariat every body's, a member the bodies they sit on today."""

from bodies.models import Body
from bodies.policies import roles_by_body
from partnership.policies import is_secretariat


def attendance_body_ids_for(user) -> list[int] | None:
    """The bodies whose attendance `user` may see: None for every body (the secretariat), else those they sit on."""
    if is_secretariat(user):
        return None
    return list(roles_by_body(user))


def can_view_attendance(user) -> bool:
    body_ids = attendance_body_ids_for(user)
    return body_ids is None or bool(body_ids)


def bodies_with_attendance_visible_to(user, queryset=None):
    """The queryset twin of attendance_body_ids_for."""
    queryset = Body.objects.all() if queryset is None else queryset
    body_ids = attendance_body_ids_for(user)
    return queryset if body_ids is None else queryset.filter(pk__in=body_ids)
