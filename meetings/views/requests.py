"""Special meetings (minutes, 30 April 2009, item 3): a member asks, the secretariat forwards, the chair decides."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bodies.models import Body
from bodies.queries import get_body_for
from meetings.actions.requests import (
    agree_special_request,
    decline_special_request,
    forward_special_request,
    submit_special_request,
    where_it_stands,
)
from meetings.forms.requests import DeclineRequestForm, ScheduleSpecialMeetingForm, SpecialRequestForm
from meetings.models import RequestStatus, SpecialMeetingRequest
from meetings.policies.requests import (
    bodies_requestable_by,
    can_view_request_list,
    get_decidable_request_for,
    get_request_for,
    requests_listed_for,
)
from meetings.views.pages import form_page
from partnership.dates import british_datetime
from partnership.models import person_of
from partnership.pages import run_action, secretariat_required
from partnership.policies import is_secretariat

REQUESTS_PER_PAGE = 25


@login_required
@require_http_methods(["GET", "POST"])
def special_request_create(request, slug):
    body = get_body_for(request.user, slug, "meetings.request_special_meeting")
    form = SpecialRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if run_action(form, submit_special_request, body, by=request.user, **form.cleaned_data):
            messages.success(request, f"Your request for a special meeting of {body} was sent to the secretariat.")
            return redirect("special_request_mine")
    return form_page(
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
    requests = (
        SpecialMeetingRequest.objects.filter(requested_by=request.user)
        .select_related("body", "meeting")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(requests, REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    bodies = bodies_requestable_by(request.user, Body.objects.current()).order_by("name")
    return render(
        request,
        "meetings/calendar/requests_mine.html",
        {"requests": page.object_list, "page_obj": page, "bodies": bodies},
    )


@login_required
@require_safe
def special_request_list(request):
    user = request.user
    if not can_view_request_list(user):
        raise Http404("No page here.")
    requests = (
        requests_listed_for(user)
        .select_related("body", "requested_by__person", "meeting")
        .order_by("-created_at", "-pk")
    )
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


def _not_open_for_decision(request, special):
    """Send the chair back to the request, saying why, unless it waits for a decision."""
    if special.status == RequestStatus.FORWARDED:
        return None
    messages.info(request, where_it_stands(special))
    return redirect("special_request_detail", pk=special.pk)


def requester_name(special) -> str:
    person = person_of(special.requested_by)
    return str(person or special.requested_by)


@login_required
@require_http_methods(["GET", "POST"])
def special_request_agree(request, pk):
    special = get_decidable_request_for(request.user, pk)
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
            messages.success(request, f"The special meeting was scheduled for {british_datetime(meeting.starts_at)}.")
            return redirect("special_request_detail", pk=special.pk)
    return form_page(
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
    special = get_decidable_request_for(request.user, pk)
    refused = _not_open_for_decision(request, special)
    if refused:
        return refused
    form = DeclineRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if run_action(form, decline_special_request, special, by=request.user, reason=form.cleaned_data["reason"]):
            messages.success(request, "The request was declined. The member who asked can see your reason.")
            return redirect("special_request_detail", pk=special.pk)
    return form_page(
        request,
        form,
        title="Decline the request for a special meeting",
        caption=str(special.body),
        submit_label="Decline the request",
        cancel_url=reverse("special_request_detail", args=[special.pk]),
    )
