"""Meeting pages, papers and the agenda pack; the secretariat's pages for scheduling and agendas."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bodies.models import Body
from meetings.actions import agenda as actions
from meetings.forms.agenda import (
    ItemForm,
    MeetingForm,
    PaperForm,
    PastMeetingForm,
    PublishForm,
    ReasonForm,
    RescheduleForm,
    VersionForm,
)
from meetings.models import AgendaItem, Meeting, MeetingStatus, Paper, PaperVersion
from meetings.pack import build_agenda, meeting_when, render_pack
from meetings.policies.agenda import can_view_agenda, get_meeting_with_agenda_for, get_paper_for
from meetings.policies.roles import can
from meetings.uploads import describe, download_type, human_size
from meetings.views.pages import form_page, meeting_or_404
from meetings.views.replies import reply_panel
from partnership.dates import british_date, british_datetime
from partnership.downloads import protect, uploaded_file_response
from partnership.pages import apply_errors, secretariat_required
from partnership.public_cache import public_page


def _private(response):
    patch_cache_control(response, private=True)
    return response


# Public pages


@public_page
@require_safe
def meeting_detail(request, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("body", "minutes"), pk=pk)
    user = request.user
    show_agenda = can_view_agenda(user, meeting)
    minutes = getattr(meeting, "minutes", None)
    show_minutes = minutes is not None and (minutes.is_published or can(user, "meetings.view_draft_minutes", meeting))
    on_time, circulated = actions.on_time_share(meeting.body)
    context = {
        "meeting": meeting,
        "when": meeting_when(meeting),
        "agenda": build_agenda(meeting, user) if show_agenda else None,
        "show_minutes": show_minutes,
        "deadline": meeting.circulation_deadline(),
        "published": british_datetime(meeting.agenda_published_at) if meeting.agenda_published_at else "",
        "on_time": on_time,
        "circulated": circulated,
        # A member's own reply, and the chair's and the secretariat's link to everyone's: never for the public.
        "reply_panel": reply_panel(user, meeting),
    }
    # @public_page marks what a signed-in reader sees as private, and keeps what the public sees.
    return render(request, "meetings/agenda/meeting_detail.html", context)


@public_page
@require_safe
def paper_detail(request, pk, paper_id):
    paper = get_paper_for(request.user, pk, paper_id)
    versions = list(paper.versions.all())
    shown = versions[0] if versions else None
    wanted = request.GET.get("version", "")
    if wanted:
        shown = next((v for v in versions if str(v.number) == wanted), None)
        if shown is None:
            raise Http404("No such version.")
    for version in versions:
        version.kind_of_file = describe(version.content_type) if version.document else ""
        version.size_shown = human_size(version.size) if version.document else ""
        version.when = british_datetime(version.created_at)
    context = {
        "meeting": paper.meeting,
        "paper": paper,
        "versions": versions,
        "shown": shown,
        "when": meeting_when(paper.meeting),
        "circulated": british_datetime(paper.circulated_at) if paper.circulated_at else "",
    }
    return render(request, "meetings/agenda/paper_detail.html", context)


@require_safe
def paper_download(request, pk, paper_id, number):
    """A version of a paper, as a download that a browser saves and never runs (partnership.downloads)."""
    paper = get_paper_for(request.user, pk, paper_id)
    version = get_object_or_404(PaperVersion, paper=paper, number=number)
    if version.document:
        try:
            handle = version.document.open("rb")
        except FileNotFoundError as error:
            raise Http404("The file is missing.") from error
        response = uploaded_file_response(
            handle, filename=version.filename, content_type=download_type(version.content_type)
        )
    else:
        response = HttpResponse(version.text, content_type="text/plain; charset=utf-8")
        protect(response, f"{slugify(paper.title)[:80] or 'paper'}-version-{version.number}.txt")
    return _private(response)


@public_page
@require_safe
def meeting_pack(request, pk):
    meeting = get_meeting_with_agenda_for(request.user, pk)
    pdf = render_pack(meeting, request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"agenda-pack-{meeting.body.slug}-{meeting.starts_at:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


# The secretariat's pages


def _run(form, action, *args, rename=None, **kwargs):
    """Run an action; show its refusal on the form, on the field the form shows it with."""
    try:
        return action(*args, **kwargs)
    except ValidationError as error:
        if hasattr(error, "error_dict") and rename:
            error = ValidationError({rename.get(name, name): errors for name, errors in error.error_dict.items()})
        apply_errors(form, error)
        return None


WHEN_FIELDS = {"starts_at": "starts_on", "ends_at": "ends_time", "status_reason": "reason"}


def _manage_url(meeting):
    return reverse("agenda_manage", args=[meeting.pk])


def _refuse(request, error: ValidationError, meeting):
    for message in error.messages:
        messages.error(request, message)
    return redirect(_manage_url(meeting))


@secretariat_required
@require_http_methods(["GET", "POST"])
def meeting_schedule(request):
    initial = {}
    if request.GET.get("body"):
        initial["body"] = Body.objects.filter(slug=request.GET["body"], ended_on__isnull=True).first()
    form = MeetingForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        meeting = _run(form, actions.schedule_meeting, body, by=request.user, rename=WHEN_FIELDS, **form.details())
        if meeting:
            messages.success(request, f"The meeting was scheduled for {meeting_when(meeting)}.")
            return redirect(_manage_url(meeting))
    return form_page(
        request,
        form,
        title="Schedule a meeting",
        intro="The agenda starts with the body's standing items; add the business next.",
        submit_label="Schedule the meeting",
        cancel_url=reverse("manage:dashboard"),
        extra={
            "see_also": {
                "url": reverse("agenda_meeting_record_past"),
                "text": "Record a meeting that has already taken place, from its paper record",
            }
        },
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def meeting_record_past(request):
    """Enter a meeting that has already taken place, from the paper record."""
    initial = {}
    slug = request.GET.get("body", "")
    if slug_re.match(slug):
        initial["body"] = Body.objects.filter(slug=slug).first()
    form = PastMeetingForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        meeting = _run(form, actions.record_past_meeting, body, by=request.user, rename=WHEN_FIELDS, **form.details())
        if meeting:
            messages.success(
                request,
                f"The meeting of {meeting_when(meeting)} was entered from the paper record. "
                "Record its attendance and minutes next.",
            )
            return redirect(_manage_url(meeting))
    return form_page(
        request,
        form,
        title="Record a past meeting",
        intro="Enter a meeting that has already taken place, as its paper record gives it. Nobody is sent "
        "anything about it, and its pages say that it was entered afterwards from the paper record. Record its "
        "attendance and minutes next; a later meeting approves the minutes as usual.",
        submit_label="Record the meeting",
        cancel_url=reverse("manage:dashboard"),
    )


@secretariat_required
@require_safe
def agenda_manage(request, pk):
    meeting = meeting_or_404(pk)
    agenda = build_agenda(meeting, request.user, with_actions=False)
    context = {
        "meeting": meeting,
        "when": meeting_when(meeting),
        "agenda": agenda,
        "deadline": meeting.circulation_deadline(),
        "published": british_datetime(meeting.agenda_published_at) if meeting.agenda_published_at else "",
        "can_change": meeting.status != MeetingStatus.CANCELLED,
        "last_number": max((entry.item.number for entry in agenda.all_items()), default=0),
    }
    return render(request, "meetings/agenda/manage.html", context)


@secretariat_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    meeting = meeting_or_404(pk)
    form = MeetingForm(request.POST if request.method == "POST" else None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        if _run(form, actions.update_meeting, meeting, by=request.user, rename=WHEN_FIELDS, **form.details()):
            messages.success(request, "The meeting's details were saved.")
            return redirect(_manage_url(meeting))
    return form_page(request, form, title="Edit the meeting", caption=str(meeting), cancel_url=_manage_url(meeting))


STATUS_CHANGES = {
    "cancel": (actions.cancel_meeting, "Cancel the meeting", "The meeting was cancelled."),
    "postpone": (actions.postpone_meeting, "Postpone the meeting", "The meeting was postponed."),
}


def _status_change(request, pk, change):
    meeting = meeting_or_404(pk)
    action, title, done = STATUS_CHANGES[change]
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        if _run(form, action, meeting, by=request.user, reason=reason, rename=WHEN_FIELDS):
            messages.success(request, done)
            return redirect(_manage_url(meeting))
    return form_page(
        request,
        form,
        title=title,
        caption=str(meeting),
        intro="The reason is shown on the meeting's public page.",
        submit_label=title,
        cancel_url=_manage_url(meeting),
        warning=True,
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk):
    return _status_change(request, pk, "cancel")


@secretariat_required
@require_http_methods(["GET", "POST"])
def meeting_postpone(request, pk):
    return _status_change(request, pk, "postpone")


@secretariat_required
@require_http_methods(["GET", "POST"])
def meeting_reschedule(request, pk):
    meeting = meeting_or_404(pk)
    if meeting.status != MeetingStatus.POSTPONED:
        messages.info(request, "Only a postponed meeting can be rescheduled.")
        return redirect(_manage_url(meeting))
    form = RescheduleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if _run(form, actions.reschedule_meeting, meeting, by=request.user, rename=WHEN_FIELDS, **form.when()):
            messages.success(request, "The meeting was rescheduled. Publish its agenda pack again for the new date.")
            return redirect(_manage_url(meeting))
    return form_page(
        request,
        form,
        title="Reschedule the meeting",
        caption=str(meeting),
        submit_label="Reschedule the meeting",
        cancel_url=_manage_url(meeting),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def pack_publish(request, pk):
    meeting = meeting_or_404(pk)
    if meeting.agenda_is_published:
        messages.info(request, f"The agenda pack was published on {british_datetime(meeting.agenda_published_at)}.")
        return redirect(_manage_url(meeting))
    form = PublishForm(request.POST if request.method == "POST" else None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        if _run(form, actions.publish_pack, meeting, by=request.user, late_reason=form.reason()):
            messages.success(request, "The agenda pack was published and its papers circulated.")
            return redirect(meeting)
    deadline = meeting.circulation_deadline()
    return form_page(
        request,
        form,
        title="Publish the agenda pack",
        caption=str(meeting),
        intro=f"The agenda goes on the meeting's public page and every paper not yet sent is circulated now. "
        f"Papers are due out by {british_date(deadline)}, {meeting.body.circulation_days} days before the meeting "
        "(Agreement 10.4). Confidential items and papers are shown only to the body's members.",
        submit_label="Publish the agenda pack",
        cancel_url=_manage_url(meeting),
    )


# Agenda items


def _item(meeting, item_id):
    item = get_object_or_404(AgendaItem, pk=item_id, meeting=meeting)
    item.meeting = meeting
    return item


@secretariat_required
@require_http_methods(["GET", "POST"])
def item_create(request, pk):
    meeting = meeting_or_404(pk)
    form = ItemForm(request.POST if request.method == "POST" else None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        fields = form.item_fields()
        if item := _run(form, actions.add_item, meeting, by=request.user, **fields):
            messages.success(request, f"Item {item.number}, “{item.title}”, was added.")
            return redirect(_manage_url(meeting))
    return form_page(
        request,
        form,
        title="Add an item",
        caption=str(meeting),
        intro="New items go before partner matters, any other business and the date of the next meeting.",
        submit_label="Add the item",
        cancel_url=_manage_url(meeting),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk, item_id):
    meeting = meeting_or_404(pk)
    item = _item(meeting, item_id)
    form = ItemForm(request.POST if request.method == "POST" else None, instance=item, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        if _run(form, actions.update_item, item, by=request.user, **form.item_fields()):
            messages.success(request, f"Item {item.number} was saved.")
            return redirect(_manage_url(meeting))
    return form_page(
        request, form, title=f"Edit item {item.number}", caption=str(meeting), cancel_url=_manage_url(meeting)
    )


@secretariat_required
@require_POST
def item_remove(request, pk, item_id):
    meeting = meeting_or_404(pk)
    item = _item(meeting, item_id)
    try:
        actions.remove_item(item, by=request.user)
    except ValidationError as error:
        return _refuse(request, error, meeting)
    messages.success(request, f"Item {item.number}, “{item.title}”, was removed; the items after it moved up.")
    return redirect(_manage_url(meeting))


@secretariat_required
@require_POST
def item_move(request, pk, item_id):
    meeting = meeting_or_404(pk)
    item = _item(meeting, item_id)
    try:
        moved = actions.move_item(item, by=request.user, direction=request.POST.get("direction", ""))
    except ValidationError as error:
        return _refuse(request, error, meeting)
    messages.success(request, f"“{moved.title}” is now item {moved.number}.")
    return redirect(_manage_url(meeting))


# Papers


def _manage_paper(meeting, paper_id):
    paper = get_object_or_404(Paper.objects.select_related("item"), pk=paper_id, meeting=meeting)
    paper.meeting = meeting
    return paper


@secretariat_required
@require_http_methods(["GET", "POST"])
def paper_create(request, pk):
    meeting = meeting_or_404(pk)
    initial = {"item": request.GET.get("item")} if request.GET.get("item", "").isdigit() else {}
    form = PaperForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        meeting=meeting,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        paper = _run(form, actions.add_paper, meeting, by=request.user, **form.cover(), **form.content())
        if paper:
            sent = " and circulated" if paper.circulated_at else ""
            messages.success(request, f"“{paper.title}” was added{sent}.")
            return redirect(_manage_url(meeting))
    return form_page(
        request,
        form,
        title="Add a paper",
        caption=str(meeting),
        intro="Fill in the cover sheet, then upload the paper or write it here."
        + (
            " The pack has gone out, so the paper is circulated as soon as it is added."
            if meeting.agenda_is_published
            else ""
        ),
        submit_label="Add the paper",
        cancel_url=_manage_url(meeting),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def paper_edit(request, pk, paper_id):
    meeting = meeting_or_404(pk)
    paper = _manage_paper(meeting, paper_id)
    form = PaperForm(request.POST if request.method == "POST" else None, instance=paper, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        extra = {"late_reason": form.cleaned_data["late_reason"]} if "late_reason" in form.fields else {}
        if _run(form, actions.update_paper, paper, by=request.user, **form.cover(), **extra):
            messages.success(request, f"The cover sheet of “{form.cleaned_data['title']}” was saved.")
            return redirect(_manage_url(meeting))
    return form_page(
        request,
        form,
        title="Edit the cover sheet",
        caption=paper.title,
        intro="To change the paper itself, add a revised version.",
        cancel_url=_manage_url(meeting),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def version_create(request, pk, paper_id):
    meeting = meeting_or_404(pk)
    paper = _manage_paper(meeting, paper_id)
    form = VersionForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        meeting=meeting,
    )
    if request.method == "POST" and form.is_valid():
        kind, note = form.cleaned_data["kind"], form.cleaned_data["note"]
        version = _run(form, actions.add_version, paper, by=request.user, kind=kind, note=note, **form.content())
        if version:
            messages.success(request, f"Version {version.number} of “{paper.title}” was added.")
            return redirect(_manage_url(meeting))
    return form_page(
        request,
        form,
        title="Add a version",
        caption=paper.title,
        intro="Earlier versions are kept and listed on the paper's page.",
        submit_label="Add the version",
        cancel_url=_manage_url(meeting),
    )


@secretariat_required
@require_POST
def paper_remove(request, pk, paper_id):
    meeting = meeting_or_404(pk)
    paper = _manage_paper(meeting, paper_id)
    try:
        actions.remove_paper(paper, by=request.user)
    except ValidationError as error:
        return _refuse(request, error, meeting)
    messages.success(request, f"“{paper.title}” was removed.")
    return redirect(_manage_url(meeting))
