"""Who may see and do what with meetings, papers, minutes and actions.

Powers come from memberships (computed, per request) and from
django-guardian one-off grants on a single item or paper. Each predicate
has a queryset twin; tests check that they agree.
"""

from django.db.models import Q

from bodies.policies import CHAIRING_ROLES, roles_by_body
from meetings.models import Action, AgendaItem, Meeting, Paper
from partnership.policies import is_secretariat, rule


def is_member_of(user, body_id) -> bool:
    """A current member of the body, in any role (reserves, observers and support staff included)."""
    return body_id in roles_by_body(user)


def chairs(user, body_id) -> bool:
    return bool(roles_by_body(user).get(body_id, set()) & set(CHAIRING_ROLES))


def _grant(user, perm, obj):
    """A django-guardian one-off grant on this object."""
    if not user.is_authenticated or obj is None:
        return False
    from guardian.core import ObjectPermissionChecker

    checker = getattr(user, "_guardian_checker", None)
    if checker is None:
        checker = user._guardian_checker = ObjectPermissionChecker(user)
    return checker.has_perm(perm, obj)


# Confidential items and papers (Agreement 11.2): the body's members, the
# secretariat, and people granted the one item or paper.


@rule("meetings.view_item")
def can_view_item(user, item: AgendaItem):
    if item is None:
        return False
    if not item.confidential:
        return True
    return (
        is_secretariat(user)
        or is_member_of(user, item.meeting.body_id)
        or _grant(user, "meetings.view_confidential_item", item)
    )


@rule("meetings.view_paper")
def can_view_paper(user, paper: Paper):
    if paper is None:
        return False
    if not paper.confidential and (paper.item is None or not paper.item.confidential):
        return True
    if is_secretariat(user) or is_member_of(user, paper.meeting.body_id):
        return True
    if _grant(user, "meetings.view_confidential_paper", paper):
        return True
    return (
        paper.item is not None
        and paper.item.confidential
        and _grant(user, "meetings.view_confidential_item", paper.item)
    )


def items_visible_to(user, queryset=None):
    """The queryset twin of meetings.view_item."""
    queryset = AgendaItem.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    member_of = list(roles_by_body(user))
    granted = _granted_ids(user, AgendaItem, "view_confidential_item")
    return queryset.filter(Q(confidential=False) | Q(meeting__body_id__in=member_of) | Q(pk__in=granted))


def papers_visible_to(user, queryset=None):
    """The queryset twin of meetings.view_paper."""
    queryset = Paper.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    member_of = list(roles_by_body(user))
    granted = _granted_ids(user, Paper, "view_confidential_paper")
    granted_items = _granted_ids(user, AgendaItem, "view_confidential_item")
    public = Q(confidential=False) & (Q(item__isnull=True) | Q(item__confidential=False))
    return queryset.filter(
        public
        | Q(meeting__body_id__in=member_of)
        | Q(pk__in=granted)
        | (Q(item__confidential=True) & Q(item_id__in=granted_items))
    )


def _granted_ids(user, model, codename):
    if not user.is_authenticated:
        return []
    from guardian.shortcuts import get_objects_for_user

    return list(
        get_objects_for_user(
            user, f"meetings.{codename}", klass=model, use_groups=True, with_superuser=False, accept_global_perms=False
        ).values_list("pk", flat=True)
    )


@rule("meetings.view_draft_minutes")
def can_view_draft_minutes(user, meeting: Meeting):
    """Draft minutes: the body's members and the secretariat."""
    return is_secretariat(user) or (meeting is not None and is_member_of(user, meeting.body_id))


@rule("meetings.sign_minutes")
def can_sign_minutes(user, meeting: Meeting):
    """The chair (or vice chair) of the body signs its approved minutes."""
    return meeting is not None and chairs(user, meeting.body_id)


@rule("meetings.request_special_meeting")
def can_request_special_meeting(user, body):
    return body is not None and is_member_of(user, body.pk)


@rule("meetings.decide_special_meeting")
def can_decide_special_meeting(user, request):
    """The chair decides a request the secretariat has forwarded."""
    return request is not None and chairs(user, request.body_id)


@rule("meetings.update_action")
def can_update_action(user, action: Action):
    """An action's owners, and the secretariat, update its status."""
    if is_secretariat(user):
        return True
    person = getattr(user, "person", None) if user.is_authenticated else None
    return person is not None and action is not None and action.owners.filter(pk=person.pk).exists()
