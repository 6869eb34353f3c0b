"""Attendance at meetings, counted per body, per person and per organisation."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from bodies.models import Body
from meetings import stats
from meetings.calendar import RECENT_MONTHS, months_ago
from meetings.forms.stats import AttendanceFilterForm
from meetings.policies.stats import attendance_body_ids_for, bodies_with_attendance_visible_to, can_view_attendance
from meetings.views.pages import form_status
from partnership.pages import page_of

# Rows a page of the tables by person and by organisation shows.
PER_PAGE = 50


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
    since, until = data.get("since"), data.get("until")
    if since is None and until is None:
        # Twenty years of meetings are asked for by dates; the page opens on the last 12 months.
        since = months_ago(RECENT_MONTHS)
    rows = stats.attendance_rows(body_ids=body_ids, since=since, until=until)
    people = page_of(request, stats.person_totals(rows), PER_PAGE)
    organisations = page_of(request, stats.organisation_totals(rows), PER_PAGE, param="organisations")
    return render(
        request,
        "meetings/calendar/attendance.html",
        {
            "form": form,
            "since": since,
            "until": until,
            "by_body": stats.by_body(rows),
            "page_obj": people,
            "by_person": [stats.person_row(values) for values in people.object_list],
            "organisations_page": organisations,
            "by_organisation": [stats.organisation_row(values) for values in organisations.object_list],
            "total": stats.totals(rows),
        },
        status=form_status(form),
    )
