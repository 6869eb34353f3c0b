"""Special meetings (minutes, 30 April 2009, item 3): a member asks the secretariat,
which forwards the request to the chair, who agrees and schedules the meeting or
declines with a reason.

Each step is one transaction with a keyword-only actor. The request records
who moved it on and when; the meeting agreed is in its own history.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from bodies.models import Membership
from bodies.policies import CHAIRING_ROLES
from meetings import reminders
from meetings.models import Meeting, MeetingKind, RequestStatus, SpecialMeetingRequest
from notifications.planning import secretariat
from partnership.audit import validated_save
from partnership.dates import british_date, british_datetime
from partnership.models import Person, User, person_of
from partnership.policies import is_secretariat

OPEN_STATUSES = [RequestStatus.SUBMITTED, RequestStatus.FORWARDED]


def _locked(request: SpecialMeetingRequest) -> SpecialMeetingRequest:
    # Lock the request row only: its meeting may be missing (an outer join PostgreSQL will not lock).
    return (
        SpecialMeetingRequest.objects.select_for_update(of=("self",))
        .select_related("body", "meeting")
        .get(pk=request.pk)
    )


def where_it_stands(request: SpecialMeetingRequest) -> str:
    """Say why a request cannot take the step asked for, from where it stands now."""
    if request.status == RequestStatus.SUBMITTED:
        return "The secretariat has not yet forwarded this request to the chair."
    if request.status == RequestStatus.FORWARDED:
        return f"This request was already forwarded to the chair on {british_date(request.forwarded_at)}."
    if request.status == RequestStatus.AGREED:
        when = f": the special meeting is on {british_datetime(request.meeting.starts_at)}" if request.meeting else ""
        return f"This request was already agreed on {british_date(request.decided_at)}{when}."
    return f"This request was already declined on {british_date(request.decided_at)}."


def _tell(request, step: str, template: str, recipients, subject: str, **context):
    """Plan a notification to each person, in this transaction: a change rolled back tells nobody."""
    body = render_to_string(template, {"PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME, "request": request, **context})
    reminders.special_request(request, step, recipients, subject, body.strip())


def _chairs_of(body):
    return list(
        Membership.objects.current()
        .filter(body=body, role__in=CHAIRING_ROLES)
        .select_related("person__user")
        .order_by("role", "person__name")
    )


def _requester(request) -> list[Person]:
    person = person_of(request.requested_by)
    return [person] if person is not None else []


@transaction.atomic(durable=True)
def submit_special_request(body, *, by: User, reason: str, proposed_dates: str = "") -> SpecialMeetingRequest:
    """Ask the secretariat for a special meeting of `body`."""
    if not by.has_perm("meetings.request_special_meeting", body):
        raise PermissionDenied("Only a member of the body can ask for a special meeting of it.")
    waiting = SpecialMeetingRequest.objects.filter(body=body, requested_by=by, status__in=OPEN_STATUSES).first()
    if waiting is not None:
        raise ValidationError(
            f"You asked for a special meeting of {body} on {british_date(waiting.created_at)} and it has not been "
            "decided yet. You can ask again once it has."
        )
    request = SpecialMeetingRequest(
        body=body, requested_by=by, reason=reason.strip(), proposed_dates=proposed_dates.strip()
    )
    request.full_clean()
    request.save()
    _tell(
        request,
        "submitted",
        "meetings/calendar/email/request_submitted.txt",
        secretariat(),
        f"Request for a special meeting of {body}",
    )
    return request


@transaction.atomic(durable=True)
def forward_special_request(request: SpecialMeetingRequest, *, by: User) -> SpecialMeetingRequest:
    """Pass a request to the chair of the body, who decides it."""
    if not is_secretariat(by):
        raise PermissionDenied("Only the secretariat forwards requests to the chair.")
    request = _locked(request)
    if request.status != RequestStatus.SUBMITTED:
        raise ValidationError(where_it_stands(request))
    chairs = _chairs_of(request.body)
    if not chairs:
        raise ValidationError(
            f"{request.body} has no chair or vice chair today to decide the request. Record who chairs it first."
        )
    request.status = RequestStatus.FORWARDED
    request.forwarded_by = by
    request.forwarded_at = timezone.now()
    request.full_clean()
    request.save(update_fields=["status", "forwarded_by", "forwarded_at"])
    _tell(
        request,
        "forwarded",
        "meetings/calendar/email/request_forwarded.txt",
        [membership.person for membership in chairs],
        f"Please decide a request for a special meeting of {request.body}",
    )
    return request


def _check_decider(request, by):
    if not by.has_perm("meetings.decide_special_meeting", request):
        raise PermissionDenied("Only the chair of the body decides a request for a special meeting.")


@transaction.atomic(durable=True)
def agree_special_request(
    request: SpecialMeetingRequest,
    *,
    by: User,
    starts_at: datetime.datetime,
    venue: str,
    ends_at: datetime.datetime | None = None,
    online_url: str = "",
    note: str = "",
) -> Meeting:
    """Agree to the request and schedule the special meeting; return the meeting."""
    _check_decider(request, by)
    request = _locked(request)
    if request.status != RequestStatus.FORWARDED:
        raise ValidationError(where_it_stands(request))
    if starts_at <= timezone.now():
        raise ValidationError({"date": "The special meeting must start in the future."})
    meeting = Meeting(
        body=request.body,
        kind=MeetingKind.SPECIAL,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue.strip(),
        online_url=online_url,
    )
    validated_save(meeting, by)
    request.status = RequestStatus.AGREED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_reason = note.strip()
    request.meeting = meeting
    request.full_clean()
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "meeting"])
    _tell(
        request,
        "decided",
        "meetings/calendar/email/request_decided.txt",
        _requester(request),
        f"Your request for a special meeting of {request.body} was agreed",
        when=british_datetime(meeting.starts_at),
    )
    return meeting


@transaction.atomic(durable=True)
def decline_special_request(request: SpecialMeetingRequest, *, by: User, reason: str) -> SpecialMeetingRequest:
    """Decline the request, giving the member the reason."""
    _check_decider(request, by)
    request = _locked(request)
    if request.status != RequestStatus.FORWARDED:
        raise ValidationError(where_it_stands(request))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for declining the request."})
    request.status = RequestStatus.DECLINED
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_reason = reason
    request.full_clean()
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    _tell(
        request,
        "decided",
        "meetings/calendar/email/request_decided.txt",
        _requester(request),
        f"Your request for a special meeting of {request.body} was declined",
    )
    return request
