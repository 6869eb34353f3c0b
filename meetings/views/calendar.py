"""The meetings list, the calendar of business and its feeds, special meeting requests,
the actions register and attendance statistics."""

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bodies.models import Body
from bodies.policies import CHAIRING_ROLES, roles_by_body
from bodies.queries import get_body_for
from meetings import calendar, calendar_ics, stats
from meetings.actions.agenda import on_time_share
from meetings.actions.register import update_action_status
from meetings.actions.requests import (
    agree_special_request,
    decline_special_request,
    forward_special_request,
    submit_special_request,
    where_it_stands,
)
from meetings.calendar_access import (
    actions_visible_to,
    can_update_listed_action,
    chaired_body_ids,
    get_action_for,
    get_request_for,
    requests_visible_to,
)
from meetings.forms.calendar import (
    ActionFilterForm,
    ActionUpdateForm,
    AttendanceFilterForm,
    DeclineRequestForm,
    MeetingFilterForm,
    ScheduleSpecialMeetingForm,
    SpecialRequestForm,
    YearForm,
)
from meetings.models import OPEN_ACTION_STATUSES, ActionStatus, Meeting, RequestStatus, SpecialMeetingRequest
from partnership.models import Person
from partnership.pages import form_page, run_action, secretariat_required
from partnership.policies import is_secretariat

PAST_PER_PAGE = 20
REQUESTS_PER_PAGE = 25
ACTIONS_PER_PAGE = 25


def _status(form):
    return 400 if form.errors else 200


# The house form page, in the meetings section of the navigation.
_page_form = functools.partial(form_page, section="meeting")


# The meetings list and the calendar of business


@require_safe
def meeting_list(request):
    form = MeetingFilterForm(request.GET or None)
    body = form.cleaned_data["body"] if form.is_bound and form.is_valid() else None
    meetings = calendar.meetings_shown()
    if body is not None:
        meetings = meetings.filter(body=body)
    now = timezone.now()
    upcoming = meetings.upcoming(now).order_by("starts_at", "body__name")
    past = Paginator(meetings.past(now).order_by("-starts_at", "body__name"), PAST_PER_PAGE)
    user = request.user
    roles = roles_by_body(user)
    return render(
        request,
        "meetings/calendar/meeting_list.html",
        {
            "form": form,
            "body": body,
            "upcoming": list(upcoming),
            "page_obj": past.get_page(request.GET.get("page")),
            "sees_requests": is_secretariat(user) or any(held & set(CHAIRING_ROLES) for held in roles.values()),
            "sees_attendance": is_secretariat(user) or bool(roles),
        },
        status=_status(form),
    )


def _calendar_page(request, body=None):
    form = YearForm(request.GET or None)
    year = None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"]
    if year is None:
        year = calendar.business_year_of(timezone.localdate())
    context = {
        "form": form,
        "body": body,
        "year": year,
        "label": calendar.business_year_label(year),
        "months": calendar.calendar_of_business(year, body),
        "previous": year - 1 if year > YearForm.base_fields["year"].min_value else None,
        "next": year + 1 if year < YearForm.base_fields["year"].max_value else None,
        "can_request": body is not None and request.user.has_perm("meetings.request_special_meeting", body),
    }
    if body is not None:
        # Each body shows the share of its papers that went out on time (Agreement 10.4).
        context["papers_on_time"], context["papers_circulated"] = on_time_share(body)
    return render(request, "meetings/calendar/calendar.html", context, status=_status(form))


@require_safe
def calendar_page(request):
    return _calendar_page(request)


@require_safe
def body_calendar(request, slug):
    return _calendar_page(request, get_object_or_404(Body, slug=slug))


def _ics(meetings, name):
    return HttpResponse(
        calendar_ics.feed(calendar_ics.feed_meetings(meetings), name=name), content_type="text/calendar; charset=utf-8"
    )


@require_safe
def calendar_ics_feed(request):
    return _ics(Meeting.objects.all(), f"{settings.PARTNERSHIP_NAME}: calendar of business")


@require_safe
def body_calendar_ics_feed(request, slug):
    body = get_object_or_404(Body, slug=slug)
    return _ics(Meeting.objects.filter(body=body), f"{body.name}: meetings")


# Special meetings


@login_required
@require_http_methods(["GET", "POST"])
def special_request_create(request, slug):
    body = get_body_for(request.user, slug, "meetings.request_special_meeting")
    form = SpecialRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if run_action(form, submit_special_request, body, by=request.user, **form.cleaned_data):
            messages.success(request, f"Your request for a special meeting of {body} was sent to the secretariat.")
            return redirect("special_request_mine")
    return _page_form(
        request,
        form,
        title=f"Ask for a special meeting of {body}",
        caption="Special meetings",
        intro="The secretariat passes your request to the chair, who decides whether to call a special meeting. "
        "You can follow your request on the page of your requests.",
        submit_label="Send the request",
        cancel_url=reverse("special_request_mine"),
    )


@login_required
@require_safe
def special_request_mine(request):
    requests = SpecialMeetingRequest.objects.filter(requested_by=request.user).select_related("body", "meeting")
    bodies = Body.objects.current().filter(pk__in=list(roles_by_body(request.user))).order_by("name")
    return render(request, "meetings/calendar/requests_mine.html", {"requests": requests, "bodies": bodies})


@login_required
@require_safe
def special_request_list(request):
    user = request.user
    chaired = chaired_body_ids(user)
    if is_secretariat(user):
        requests = requests_visible_to(user)
    elif chaired:
        # A chair's own requests as a member are on "Your requests", not here.
        requests = requests_visible_to(user).filter(body_id__in=chaired)
    else:
        raise Http404("No page here.")
    requests = requests.select_related("body", "requested_by__person", "meeting").order_by("-created_at", "-pk")
    waiting = RequestStatus.SUBMITTED if is_secretariat(user) else RequestStatus.FORWARDED
    page = Paginator(requests, REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/calendar/request_list.html",
        {"page_obj": page, "waiting": waiting, "waiting_count": requests.filter(status=waiting).count()},
    )


@login_required
@require_safe
def special_request_detail(request, pk):
    special = get_request_for(request.user, pk)
    return render(
        request,
        "meetings/calendar/request_detail.html",
        {
            "special": special,
            "can_forward": is_secretariat(request.user) and special.status == RequestStatus.SUBMITTED,
            "can_decide": special.status == RequestStatus.FORWARDED
            and request.user.has_perm("meetings.decide_special_meeting", special),
        },
    )


@secretariat_required
@require_POST
def special_request_forward(request, pk):
    special = get_request_for(request.user, pk)
    try:
        forward_special_request(special, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"The request was forwarded to the chair of {special.body}.")
    return redirect("special_request_detail", pk=special.pk)


def _decidable(request, pk):
    special = get_request_for(request.user, pk)
    if not request.user.has_perm("meetings.decide_special_meeting", special):
        raise Http404("No request matches the given query.")
    return special


def _not_open_for_decision(request, special):
    """Send the chair back to the request, saying why, unless it waits for a decision."""
    if special.status == RequestStatus.FORWARDED:
        return None
    messages.info(request, where_it_stands(special))
    return redirect("special_request_detail", pk=special.pk)


def requester_name(special) -> str:
    person = getattr(special.requested_by, "person", None)
    return str(person or special.requested_by)


@login_required
@require_http_methods(["GET", "POST"])
def special_request_agree(request, pk):
    special = _decidable(request, pk)
    refused = _not_open_for_decision(request, special)
    if refused:
        return refused
    form = ScheduleSpecialMeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = run_action(
            form,
            agree_special_request,
            special,
            by=request.user,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            venue=data["venue"],
            online_url=data["online_url"],
            note=data["note"],
        )
        if meeting:
            messages.success(
                request, f"The special meeting was scheduled for {calendar.british_datetime(meeting.starts_at)}."
            )
            return redirect("special_request_detail", pk=special.pk)
    return _page_form(
        request,
        form,
        title="Agree and schedule the special meeting",
        caption=str(special.body),
        intro=f"{requester_name(special)} asked for a special meeting: {special.reason}",
        submit_label="Schedule the special meeting",
        cancel_url=reverse("special_request_detail", args=[special.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def special_request_decline(request, pk):
    special = _decidable(request, pk)
    refused = _not_open_for_decision(request, special)
    if refused:
        return refused
    form = DeclineRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if run_action(form, decline_special_request, special, by=request.user, reason=form.cleaned_data["reason"]):
            messages.success(request, "The request was declined. The member who asked can see your reason.")
            return redirect("special_request_detail", pk=special.pk)
    return _page_form(
        request,
        form,
        title="Decline the request for a special meeting",
        caption=str(special.body),
        submit_label="Decline the request",
        cancel_url=reverse("special_request_detail", args=[special.pk]),
    )


# The actions register


def _mark_overdue(action, today):
    action.is_overdue = action.status in OPEN_ACTION_STATUSES and action.due_on is not None and action.due_on < today


def _apply_action_filters(actions, data, today):
    if data.get("body"):
        actions = actions.filter(item__meeting__body=data["body"])
    if data.get("owner"):
        actions = actions.filter(pk__in=data["owner"].actions.values("pk"))
    if data.get("status") == "unfinished":
        actions = actions.open()
    elif data.get("status"):
        actions = actions.filter(status=data["status"])
    if data.get("due_before"):
        actions = actions.filter(due_on__lt=data["due_before"])
    if data.get("overdue"):
        actions = actions.overdue(today)
    return actions


@login_required
@require_safe
def action_register(request):
    user = request.user
    visible = actions_visible_to(user)
    bodies = Body.objects.filter(pk__in=visible.values("item__meeting__body_id")).order_by("name")
    owners = Person.objects.filter(pk__in=visible.values("owners")).order_by("name")
    form = ActionFilterForm(request.GET or None, bodies=bodies, owners=owners)
    today = timezone.localdate()
    actions = visible.select_related("item__meeting__body").prefetch_related("owners")
    if form.is_bound and form.is_valid():
        actions = _apply_action_filters(actions, form.cleaned_data, today)
    actions = actions.order_by(F("due_on").asc(nulls_last=True), "pk")
    page = Paginator(actions, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    for action in page:
        _mark_overdue(action, today)
        action.can_update = can_update_listed_action(user, action)
        if action.can_update:
            action.form = ActionUpdateForm(action=action, prefix=f"action-{action.pk}")
    return render(
        request,
        "meetings/calendar/action_register.html",
        {"form": form, "page_obj": page, "next": request.get_full_path()},
        status=_status(form),
    )


def _safe_next(request):
    """Return the page of the register the update came from (its filters kept), or the register itself.

    Only the register is followed: any other value, a view name or another site, is ignored.
    """
    register = reverse("action_register")
    parts = urlsplit(request.POST.get("next") or request.GET.get("next") or "")
    if parts.scheme or parts.netloc or parts.path != register:
        return register
    return f"{register}?{parts.query}" if parts.query else register


@login_required
@require_http_methods(["GET", "POST"])
def action_update(request, pk):
    action = get_action_for(request.user, pk, "meetings.update_action")
    _mark_overdue(action, timezone.localdate())
    prefix = f"action-{action.pk}"
    form = ActionUpdateForm(request.POST if request.method == "POST" else None, action=action, prefix=prefix)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_action(form, update_action_status, action, by=request.user, status=data["status"], note=data["note"]):
            messages.success(request, f"The action “{action}” is now {ActionStatus(data['status']).label.lower()}.")
            return redirect(_safe_next(request))
    return render(
        request,
        "meetings/calendar/action_update.html",
        {"action": action, "form": form, "next": _safe_next(request)},
        status=_status(form),
    )


# Attendance


@login_required
@require_safe
def attendance_stats(request):
    """The secretariat sees every body; a member sees the bodies they sit on today."""
    user = request.user
    if is_secretariat(user):
        bodies, body_ids = Body.objects.order_by("name"), None
    else:
        body_ids = list(roles_by_body(user))
        if not body_ids:
            raise Http404("No page here.")
        bodies = Body.objects.filter(pk__in=body_ids).order_by("name")
    form = AttendanceFilterForm(request.GET or None, bodies=bodies)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if data.get("body"):
        body_ids = [data["body"].pk]
    rows = stats.attendance_rows(body_ids=body_ids, since=data.get("since"), until=data.get("until"))
    return render(
        request,
        "meetings/calendar/attendance.html",
        {
            "form": form,
            "by_body": stats.by_body(rows),
            "by_person": stats.by_person(rows),
            "by_organisation": stats.by_organisation(rows),
            "total": stats.totals(rows),
        },
        status=_status(form),
    )
