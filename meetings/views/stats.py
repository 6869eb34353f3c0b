"""Attendance at meetings, counted per body, per person and per organisation."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from bodies.models import Body
from meetings import stats
from meetings.forms.stats import AttendanceFilterForm
from meetings.policies.stats import attendance_body_ids_for, bodies_with_attendance_visible_to, can_view_attendance
from meetings.views.pages import form_status


@login_required
@require_safe
def attendance_stats(request):
    """The secretariat sees every body; a member sees the bodies they sit on today."""
    user = request.user
    if not can_view_attendance(user):
        raise Http404("No page here.")
    body_ids = attendance_body_ids_for(user)
    bodies = bodies_with_attendance_visible_to(user, Body.objects.order_by("name"))
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
        status=form_status(form),
    )
