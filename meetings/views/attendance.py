"""The secretariat's pages for a meeting's attendance: the list, support staff and visitors, named reserves."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from meetings.actions import minutes as actions
from meetings.actions.attendance import mark_others_present, why_left
from meetings.forms.attendance import AddAttendeeForm, AttendanceFormSet, ReserveForm
from meetings.minutes_text import lower_first
from meetings.models import Attendance, AttendanceStatus, Capacity, Minutes, MinutesStatus
from meetings.views.pages import form_page, meeting_or_404, report
from partnership.dates import british_date, british_datetime
from partnership.pages import run_action, secretariat_required

CAPACITY_ORDER = [choice for choice, _ in Capacity.choices]


def _ordered_rows(meeting):
    rows = Attendance.objects.filter(meeting=meeting).select_related("person", "membership")
    return sorted(rows, key=lambda row: (CAPACITY_ORDER.index(row.capacity), row.person.name, row.pk))


@secretariat_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk):
    """One row per person: present, apologies or absent, late arrival and early departure."""
    meeting = meeting_or_404(pk)
    rows = _ordered_rows(meeting)
    items = list(meeting.items.order_by("number"))
    formset = AttendanceFormSet(request.POST if request.method == "POST" else None, rows=rows, items=items)
    if request.method == "POST" and formset.is_valid():
        try:
            actions.record_attendance(meeting, by=request.user, changes=formset.changes())
        except ValidationError as error:
            formset._non_form_errors.extend(error.messages)
        else:
            messages.success(request, "The attendance was saved.")
            return redirect("meeting_attendance", meeting.pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    errors = [(None, error) for error in formset.non_form_errors()] if formset.is_bound else []
    if formset.is_bound:
        for form in formset.forms:
            for field in form:
                errors.extend((field.anchor_id, error) for error in field.errors)
            errors.extend((None, error) for error in form.non_field_errors())
    context = {
        "meeting": meeting,
        "held": british_datetime(meeting.starts_at),
        "formset": formset,
        "error_list": errors,
        "settled": minutes is not None and minutes.status != MinutesStatus.DRAFT,
        "date_text": british_date(timezone.localdate(meeting.starts_at)),
        "not_recorded": sum(1 for row in rows if not row.recorded),
        "started": meeting.starts_at <= timezone.now(),
    }
    return render(request, "meetings/minutes/attendance.html", context, status=400 if errors else 200)


@secretariat_required
@require_POST
def attendance_prepare(request, pk):
    meeting = meeting_or_404(pk)
    try:
        rows = actions.prepare_attendance(meeting, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        if rows:
            messages.success(request, _prepared_message(rows))
        else:
            messages.info(request, "Everyone holding a seat on the day is already on the list.")
    return redirect("meeting_attendance", meeting.pk)


def _counted(count, singular, plural):
    return f"{count} {singular if count == 1 else plural}"


def _prepared_message(rows) -> str:
    """What starting the list did, in words: the people added, and what their replies brought."""
    added = [row for row in rows if row.added]
    apologies = sum(1 for row in rows if row.status == AttendanceStatus.APOLOGIES)
    reserves = sum(1 for row in rows if row.capacity == Capacity.RESERVE)
    if not apologies and not reserves:
        return (
            f"{_counted(len(added), 'person was', 'people were')} added to the list, absent until you record otherwise."
        )
    said = [f"apologies from {_counted(apologies, 'member', 'members')}"] if apologies else []
    if reserves:
        said.append(f"{_counted(reserves, 'named reserve', 'named reserves')} present in a member's seat")
    head = f"{_counted(len(added), 'person', 'people')} added to the list" if added else "The list was filled in"
    return f"{head}, starting from members' replies: {' and '.join(said)}. Record whether the others came."


@secretariat_required
@require_POST
def attendance_mark_present(request, pk):
    """Everyone whose attendance is not yet recorded is marked present, in one step."""
    meeting = meeting_or_404(pk)
    try:
        marked, left = mark_others_present(meeting, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        if marked:
            messages.success(request, f"{_counted(len(marked), 'person was', 'people were')} marked present.")
        elif not left:
            messages.info(request, "Everyone's attendance is already recorded.")
        for row in left:
            messages.warning(request, why_left(row))
    return redirect("meeting_attendance", meeting.pk)


@secretariat_required
@require_http_methods(["GET", "POST"])
def attendance_add(request, pk):
    meeting = meeting_or_404(pk)
    form = AddAttendeeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        added = run_action(form, actions.add_attendee, meeting, by=request.user, **form.cleaned_data)
        if added:
            messages.success(request, f"{added.person.full_name} was added as {added.get_capacity_display().lower()}.")
            return redirect("meeting_attendance", meeting.pk)
    return form_page(
        request,
        form,
        title="Add support staff or a visitor",
        caption=str(meeting),
        submit_label="Add to the list",
        cancel_url=reverse("meeting_attendance", args=[meeting.pk]),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def attendance_reserve(request, pk):
    meeting = meeting_or_404(pk)
    date = timezone.localdate(meeting.starts_at)
    form = ReserveForm(request.POST if request.method == "POST" else None, meeting=meeting, date=date)
    if request.method == "POST" and form.is_valid():
        row = run_action(form, actions.record_reserve, meeting, by=request.user, **form.cleaned_data)
        if row:
            messages.success(
                request, f"{row.person.full_name} was recorded as attending as {lower_first(row.role_shown)}."
            )
            return redirect("meeting_attendance", meeting.pk)
    return form_page(
        request,
        form,
        title="Record a named reserve attending",
        caption=str(meeting),
        intro="A member's named reserve can attend in their place. The seat counts once: record the member's "
        "apologies or absence first.",
        submit_label="Record the reserve",
        cancel_url=reverse("meeting_attendance", args=[meeting.pk]),
    )


@secretariat_required
@require_POST
def attendance_remove(request, pk, attendance_pk):
    meeting = meeting_or_404(pk)
    row = get_object_or_404(Attendance.objects.select_related("person", "meeting"), pk=attendance_pk, meeting=meeting)
    try:
        actions.remove_attendee(row, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, f"{row.person.full_name} was taken off the list.")
    return redirect("meeting_attendance", meeting.pk)
