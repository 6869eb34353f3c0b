"""Who sees which special meeting requests and which actions in the register.

Each predicate has a queryset twin that says the same in SQL; the tests
check that the two agree. Views fetch through the get_*_for helpers, which
give the same 404 for a missing row as for one the user may not see.
"""

from django.db.models import Q
from django.http import Http404

from bodies.policies import CHAIRING_ROLES, roles_by_body
from meetings.models import Action, RequestStatus, SpecialMeetingRequest
from meetings.policies import is_member_of, items_visible_to
from partnership.policies import is_secretariat


def person_of(user):
    """The user's Person record, or None (the anonymous public, or a login without one)."""
    if user is None or not user.is_authenticated:
        return None
    return getattr(user, "person", None)


def chaired_body_ids(user) -> list[int]:
    """The bodies the user chairs (or vice-chairs) today."""
    return [body_id for body_id, roles in roles_by_body(user).items() if roles & set(CHAIRING_ROLES)]


# Special meeting requests: the member who asked, the secretariat, and the
# chair of the body once the secretariat has forwarded the request.


def can_view_request(user, request: SpecialMeetingRequest) -> bool:
    if is_secretariat(user):
        return True
    if user is None or not user.is_authenticated:
        return False
    if request.requested_by_id == user.pk:
        return True
    return request.status != RequestStatus.SUBMITTED and request.body_id in chaired_body_ids(user)


def requests_visible_to(user, queryset=None):
    """The queryset twin of can_view_request."""
    queryset = SpecialMeetingRequest.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    if user is None or not user.is_authenticated:
        return queryset.none()
    forwarded = Q(body_id__in=chaired_body_ids(user)) & ~Q(status=RequestStatus.SUBMITTED)
    return queryset.filter(Q(requested_by=user) | forwarded)


def get_request_for(user, pk) -> SpecialMeetingRequest:
    request = (
        SpecialMeetingRequest.objects.select_related("body", "requested_by__person", "meeting").filter(pk=pk).first()
    )
    if request is None or not can_view_request(user, request):
        raise Http404("No request matches the given query.")
    return request


# The actions register: actions of the meetings of the user's bodies, and
# actions the user owns; an action of a confidential item only for those who
# may see the item (Agreement 11.2). The secretariat sees every action.


def can_view_action(user, action: Action) -> bool:
    if is_secretariat(user):
        return True
    if user is None or not user.is_authenticated:
        return False
    person = person_of(user)
    item = action.item
    involved = is_member_of(user, item.meeting.body_id) or (
        person is not None and action.owners.filter(pk=person.pk).exists()
    )
    return involved and user.has_perm("meetings.view_item", item)


def actions_visible_to(user, queryset=None):
    """The queryset twin of can_view_action."""
    queryset = Action.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    if user is None or not user.is_authenticated:
        return queryset.none()
    person = person_of(user)
    involved = Q(item__meeting__body_id__in=list(roles_by_body(user)))
    if person is not None:
        involved |= Q(pk__in=Action.objects.filter(owners=person).values("pk"))
    return queryset.filter(involved, item__in=items_visible_to(user))


def can_update_listed_action(user, action: Action) -> bool:
    """meetings.update_action, answered from the action's prefetched owners (no query per row)."""
    if is_secretariat(user):
        return True
    person = person_of(user)
    return person is not None and any(owner.pk == person.pk for owner in action.owners.all())


def get_action_for(user, pk, perm=None) -> Action:
    """The action, if `user` may see it (and holds `perm` on it); the same 404 otherwise."""
    action = actions_visible_to(user, Action.objects.select_related("item__meeting__body")).filter(pk=pk).first()
    if action is None or (perm and not user.has_perm(perm, action)):
        raise Http404("No action matches the given query.")
    return action
