"""Who asks for a special meeting, who sees the requests and who decides them.

A member of the body asks; the secretariat sees every request and forwards
it; the chair of the body sees it once forwarded, and decides it; the member
who asked follows their own.
"""

from django.db.models import Q
from django.http import Http404

from bodies.models import Body
from bodies.policies import roles_by_body
from meetings.models import RequestStatus, SpecialMeetingRequest
from meetings.policies.roles import chaired_body_ids, chairs, is_member_of
from partnership.policies import is_secretariat, rule


@rule("meetings.request_special_meeting")
def can_request_special_meeting(user, body):
    return body is not None and is_member_of(user, body.pk)


def bodies_requestable_by(user, queryset=None):
    """The queryset twin of meetings.request_special_meeting."""
    queryset = Body.objects.all() if queryset is None else queryset
    return queryset.filter(pk__in=list(roles_by_body(user)))


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


@rule("meetings.decide_special_meeting")
def can_decide_special_meeting(user, request):
    """The chair decides a request the secretariat has forwarded."""
    return request is not None and chairs(user, request.body_id)


def get_decidable_request_for(user, pk) -> SpecialMeetingRequest:
    """The request, if `user` may decide it; the same 404 as for a missing one otherwise."""
    request = get_request_for(user, pk)
    if not user.has_perm("meetings.decide_special_meeting", request):
        raise Http404("No request matches the given query.")
    return request


def requests_decidable_by(user, queryset=None):
    """The queryset twin of meetings.decide_special_meeting."""
    queryset = SpecialMeetingRequest.objects.all() if queryset is None else queryset
    return queryset.filter(body_id__in=chaired_body_ids(user))


# The list of requests: the secretariat's, and each chair's for their bodies. A member
# follows their own requests on their own page.


def can_view_request_list(user) -> bool:
    return is_secretariat(user) or bool(chaired_body_ids(user))


def requests_listed_for(user, queryset=None):
    """The requests on `user`'s list: all of them for the secretariat, the forwarded ones of their bodies for a chair."""
    if is_secretariat(user):
        return requests_visible_to(user, queryset)
    # A chair's own requests as a member are on "Your requests", not here.
    return requests_visible_to(user, queryset).filter(body_id__in=chaired_body_ids(user))
