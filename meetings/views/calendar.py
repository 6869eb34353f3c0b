"""The meetings list, the calendar of business and its iCalendar feeds."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from bodies.models import Body
from meetings import calendar, calendar_ics
from meetings.actions.agenda import on_time_share
from meetings.forms.calendar import MeetingFilterForm, YearForm
from meetings.models import Meeting
from meetings.policies.requests import can_view_request_list
from meetings.policies.stats import can_view_attendance
from meetings.views.pages import form_status

PAST_PER_PAGE = 20


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
    return render(
        request,
        "meetings/calendar/meeting_list.html",
        {
            "form": form,
            "body": body,
            "upcoming": list(upcoming),
            "page_obj": past.get_page(request.GET.get("page")),
            "sees_requests": can_view_request_list(user),
            "sees_attendance": can_view_attendance(user),
        },
        status=form_status(form),
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
    return render(request, "meetings/calendar/calendar.html", context, status=form_status(form))


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
