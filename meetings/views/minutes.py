"""Pages for the minutes: the permanent minutes page, and the secretariat's and chair's pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from meetings import minutes_pdf
from meetings.actions import minutes as actions
from meetings.forms.minutes import (
    ActionForm,
    ApproveForm,
    CorrectionForm,
    DecisionForm,
    DiscussionForm,
    PaperSignatureForm,
    SignForm,
)
from meetings.minutes_text import (
    build_rendition,
    item_line,
    item_queryset,
    render_text,
    signed_by_name,
    signed_when,
    signer_name,
)
from meetings.models import (
    Action,
    AgendaItem,
    Decision,
    Meeting,
    Minutes,
    MinutesStatus,
    canonical_hash,
)
from meetings.policies.agenda import items_visible_to
from meetings.views.pages import form_page, meeting_or_404, report
from partnership import mfa, passkeys
from partnership.dates import british_date, british_datetime
from partnership.downloads import content_disposition
from partnership.pages import run_action, secretariat_required
from partnership.policies import is_secretariat
from partnership.public_cache import public_page


def _minutes_url(meeting):
    return reverse("meeting_minutes", args=[meeting.pk])


# The minutes page


def _meeting_with_minutes(pk):
    """The meeting, with what the header of its minutes names; 404 if there is none."""
    return get_object_or_404(
        Meeting.objects.select_related(
            "body",
            "minutes__approved_at_item__meeting",
            "minutes__signed_by__person",
            "minutes__signed_on_paper_by",
            "minutes__paper_signature_recorded_by__person",
        ),
        pk=pk,
    )


@public_page
@require_safe
def meeting_minutes(request, pk):
    """The permanent address of a meeting's minutes: the public rendition once published, in full for members."""
    meeting = _meeting_with_minutes(pk)
    minutes = getattr(meeting, "minutes", None)
    user = request.user
    full = user.has_perm("meetings.view_draft_minutes", meeting)
    secretariat = is_secretariat(user)
    # Before publication the page is not there for the public: the same 404 as for no meeting at all.
    if minutes is None and not secretariat:
        raise Http404("No minutes here.")
    if minutes is not None and not minutes.is_published and not full:
        raise Http404("No minutes here.")
    visible = ()
    if not full and user.is_authenticated:
        granted = items_visible_to(user, AgendaItem.objects.filter(meeting=meeting, confidential=True))
        visible = set(granted.values_list("pk", flat=True))
    rendition = build_rendition(meeting, full=full, visible_item_ids=visible, minutes=minutes)
    context = {
        "meeting": meeting,
        "minutes": minutes,
        "r": rendition,
        "held": british_datetime(meeting.starts_at),
        "has_taken_place": meeting.starts_at <= timezone.now(),
    }
    if minutes is not None:
        context.update(_header(minutes))
        context["can_sign"] = minutes.status == MinutesStatus.APPROVED and user.has_perm(
            "meetings.sign_minutes", meeting
        )
        context["can_record_paper_signature"] = (
            secretariat and minutes.status == MinutesStatus.APPROVED and meeting.is_entered_afterwards
        )
        if secretariat and minutes.signed_hash:
            # A check for the secretariat: does the record still read as the text that was signed?
            context["matches_signature"] = canonical_hash(render_text(rendition)) == minutes.signed_hash
    return render(request, "meetings/minutes/minutes.html", context)


@public_page
@require_safe
def meeting_minutes_pdf(request, pk):
    """The published minutes as a tagged PDF: the public rendition, whoever asks; a 404 until they are published."""
    meeting = _meeting_with_minutes(pk)
    minutes = getattr(meeting, "minutes", None)
    if minutes is None or not minutes.is_published:
        raise Http404("No published minutes here.")
    document = minutes_pdf.public_document(meeting, minutes, header=_header(minutes))
    response = HttpResponse(minutes_pdf.pdf_for(document), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(minutes_pdf.filename(meeting))
    return response


def _header(minutes):
    header = {}
    if minutes.approved_at_item_id:
        at = minutes.approved_at_item
        header["approved_text"] = (
            f"On {british_date(minutes.approved_on)}, at the meeting of that day (item {at.number})"
        )
        header["approved_meeting"] = at.meeting
    if minutes.signed_at:
        header["signed_text"] = f"By {signed_by_name(minutes)} on {signed_when(minutes)}"
        if minutes.is_signed_on_paper:
            recorded = british_date(timezone.localdate(minutes.paper_signature_recorded_at))
            header["signed_text"] += (
                f", on paper (recorded from the paper record on {recorded} "
                f"by {signer_name(minutes.paper_signature_recorded_by)})"
            )
    if minutes.published_at:
        header["published_text"] = british_datetime(minutes.published_at)
    return header


# Drafting and editing the minutes


@secretariat_required
@require_POST
def minutes_draft(request, pk):
    meeting = meeting_or_404(pk)
    try:
        actions.draft_minutes(meeting, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, "The draft minutes were started from the attendance and the agenda.")
    return redirect("meeting_minutes", meeting.pk)


def _draft_item(request, pk, item_pk):
    """The item, and a redirect to the minutes page if they cannot be edited (none yet, or settled)."""
    meeting = meeting_or_404(pk)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting)
    item.meeting = meeting
    minutes = Minutes.objects.filter(meeting=meeting).first()
    try:
        if minutes is None:
            raise ValidationError("Draft the minutes of this meeting first.")
        actions.refuse_if_settled(minutes)
    except ValidationError as error:
        report(request, error)
        return item, redirect("meeting_minutes", meeting.pk)
    return item, None


def _item_url(item):
    return reverse("minutes_item", args=[item.meeting_id, item.pk])


@secretariat_required
@require_http_methods(["GET", "POST"])
def minutes_item(request, pk, item_pk):
    """The minutes of one item: its discussion, and the decisions and actions recorded under it."""
    item, refused = _draft_item(request, pk, item_pk)
    if refused:
        return refused
    form = DiscussionForm(request.POST if request.method == "POST" else None, initial={"discussion": item.discussion})
    if request.method == "POST" and form.is_valid():
        if run_action(form, actions.edit_discussion, item, by=request.user, **form.cleaned_data):
            messages.success(request, f"The discussion of item {item.number} was saved.")
            return redirect(_item_url(item))
    line = item_line(item_queryset(pk=item.pk).get(), visible=True)
    context = {"meeting": item.meeting, "item": item, "line": line, "form": form}
    return render(request, "meetings/minutes/item.html", context, status=400 if form.errors else 200)


@secretariat_required
@require_http_methods(["GET", "POST"])
def minutes_decision_create(request, pk, item_pk):
    item, refused = _draft_item(request, pk, item_pk)
    if refused:
        return refused
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        decision = run_action(form, actions.add_decision, item, by=request.user, **form.cleaned_data)
        if decision:
            messages.success(request, f"Decision {decision.number} was added.")
            return redirect(_item_url(item))
    return form_page(
        request,
        form,
        title="Add a decision",
        caption=str(item),
        submit_label="Add the decision",
        cancel_url=_item_url(item),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def minutes_decision_edit(request, pk, decision_pk):
    decision = get_object_or_404(Decision.objects.select_related("item"), pk=decision_pk, item__meeting_id=pk)
    item, refused = _draft_item(request, pk, decision.item_id)
    if refused:
        return refused
    form = DecisionForm(request.POST if request.method == "POST" else None, initial={"text": decision.text})
    if request.method == "POST" and form.is_valid():
        if run_action(form, actions.edit_decision, decision, by=request.user, **form.cleaned_data):
            messages.success(request, f"Decision {decision.number} was saved.")
            return redirect(_item_url(item))
    return form_page(
        request, form, title=f"Edit decision {decision.number}", caption=str(item), cancel_url=_item_url(item)
    )


@secretariat_required
@require_POST
def minutes_decision_delete(request, pk, decision_pk):
    decision = get_object_or_404(Decision.objects.select_related("item"), pk=decision_pk, item__meeting_id=pk)
    item, refused = _draft_item(request, pk, decision.item_id)
    if refused:
        return refused
    try:
        actions.delete_decision(decision, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, f"Decision {decision.number} was removed; the others were numbered again.")
    return redirect(_item_url(item))


def _actionform_page(request, item, action=None):
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        meeting=item.meeting,
        action=action,
        initial=(
            {
                "text": action.text,
                "owners": list(action.owners.all()),
                "owner_note": action.owner_note,
                "due_on": action.due_on,
                "status": action.status,
            }
            if action
            else None
        ),
    )
    if request.method == "POST" and form.is_valid():
        if action is None:
            saved = run_action(form, actions.add_action, item, by=request.user, **form.cleaned_data)
        else:
            saved = run_action(form, actions.edit_action, action, by=request.user, **form.cleaned_data)
        if saved:
            messages.success(request, "The action was saved.")
            return redirect(_item_url(item))
    return form_page(
        request,
        form,
        title="Edit the action" if action else "Add an action",
        caption=str(item),
        submit_label="Save the action",
        cancel_url=_item_url(item),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def minutes_action_create(request, pk, item_pk):
    item, refused = _draft_item(request, pk, item_pk)
    return refused or _actionform_page(request, item)


@secretariat_required
@require_http_methods(["GET", "POST"])
def minutes_action_edit(request, pk, action_pk):
    action = get_object_or_404(Action, pk=action_pk, item__meeting_id=pk)
    item, refused = _draft_item(request, pk, action.item_id)
    action.item = item
    return refused or _actionform_page(request, item, action)


@secretariat_required
@require_POST
def minutes_action_delete(request, pk, action_pk):
    action = get_object_or_404(Action, pk=action_pk, item__meeting_id=pk)
    item, refused = _draft_item(request, pk, action.item_id)
    if refused:
        return refused
    action.item = item
    try:
        actions.delete_action(action, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, "The action was removed.")
    return redirect(_item_url(item))


# Approval, signing, correction and publication


def _minutes(pk):
    return get_object_or_404(
        Minutes.objects.select_related("meeting__body", "signed_by__person", "signed_on_paper_by"), meeting_id=pk
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def minutes_approve(request, pk):
    minutes = _minutes(pk)
    meeting = minutes.meeting
    if minutes.status != MinutesStatus.DRAFT:
        messages.info(request, f"These minutes were approved on {british_date(minutes.approved_on)}.")
        return redirect("meeting_minutes", meeting.pk)
    form = ApproveForm(request.POST if request.method == "POST" else None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        if run_action(form, actions.approve_minutes, minutes, by=request.user, **form.cleaned_data):
            messages.success(request, "The minutes were recorded as approved as an accurate record.")
            return redirect("meeting_minutes", meeting.pk)
    return form_page(
        request,
        form,
        title="Record the approval of the minutes",
        caption=str(meeting),
        intro="A later meeting of the body approves the minutes as an accurate record, under its item on the "
        "minutes of the previous meeting. After that they change only by a recorded correction.",
        submit_label="Record the approval",
        cancel_url=_minutes_url(meeting),
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_sign(request, pk):
    """The chair signs approved minutes, confirming with their password and, if they have one, their app's code."""
    minutes = _minutes(pk)
    meeting = minutes.meeting
    if not request.user.has_perm("meetings.sign_minutes", meeting):
        raise Http404("No minutes here.")
    if minutes.status == MinutesStatus.SIGNED:
        messages.info(
            request,
            f"These minutes were signed on {signed_when(minutes)} by {signed_by_name(minutes)}.",
        )
        return redirect("meeting_minutes", meeting.pk)
    if minutes.status != MinutesStatus.APPROVED:
        messages.info(request, "Minutes are signed once a later meeting has approved them as an accurate record.")
        return redirect("meeting_minutes", meeting.pk)
    posting = request.method == "POST"
    form = SignForm(
        request.POST if posting else None, user=request.user, passkey=posting and passkeys.take_step_up(request)
    )
    if request.method == "POST" and form.is_valid():
        if run_action(form, actions.sign_minutes, minutes, by=request.user, signed_with=form.signed_with):
            messages.success(request, "You signed the minutes. They are now locked.")
            return redirect("meeting_minutes", meeting.pk)
    context = {
        "meeting": meeting,
        "minutes": minutes,
        "form": form,
        "held": british_datetime(meeting.starts_at),
        "approved_on": british_date(minutes.approved_on),
        "text": render_text(build_rendition(meeting, full=True, minutes=minutes)),
        "has_passkey": mfa.has_passkey(request.user),
    }
    return render(request, "meetings/minutes/sign.html", context, status=400 if form.errors else 200)


@secretariat_required
@require_http_methods(["GET", "POST"])
def minutes_paper_signature(request, pk):
    """The secretariat records, from the paper record, the chair's signature on the minutes of a past meeting."""
    minutes = _minutes(pk)
    meeting = minutes.meeting
    try:
        actions.refuse_paper_signature(minutes)
    except ValidationError as error:
        report(request, error)
        return redirect("meeting_minutes", meeting.pk)
    form = PaperSignatureForm(request.POST if request.method == "POST" else None, minutes=minutes)
    if request.method == "POST" and form.is_valid():
        if run_action(form, actions.record_paper_signature, minutes, by=request.user, **form.cleaned_data):
            messages.success(
                request, "The chair's signature was recorded from the paper record. The minutes are now locked."
            )
            return redirect("meeting_minutes", meeting.pk)
    context = {
        "meeting": meeting,
        "minutes": minutes,
        "form": form,
        "held": british_datetime(meeting.starts_at),
        "approved_on": british_date(minutes.approved_on),
        "text": render_text(build_rendition(meeting, full=True, minutes=minutes)),
    }
    return render(request, "meetings/minutes/paper_signature.html", context, status=400 if form.errors else 200)


@secretariat_required
@require_http_methods(["GET", "POST"])
def minutes_correct(request, pk):
    minutes = _minutes(pk)
    meeting = minutes.meeting
    if minutes.status == MinutesStatus.DRAFT:
        messages.info(request, "These minutes are still a draft: edit the item instead.")
        return redirect("meeting_minutes", meeting.pk)
    initial = {}
    chosen = request.GET.get("item", "")
    if chosen.isdigit():
        item = AgendaItem.objects.filter(meeting=meeting, pk=int(chosen)).first()
        if item is not None:
            initial = {"item": item, "new_discussion": item.discussion}
    form = CorrectionForm(request.POST if request.method == "POST" else None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        if run_action(form, actions.correct_minutes, minutes, by=request.user, **form.cleaned_data):
            messages.success(request, "The correction was recorded.")
            return redirect("meeting_minutes", meeting.pk)
    intro = "The correction is kept with the minutes: the text before and after, the reason, who made it and when."
    if minutes.status == MinutesStatus.SIGNED:
        intro += " The signed fingerprint moves on to the corrected text."
    return form_page(
        request,
        form,
        title="Correct the minutes",
        caption=str(meeting),
        intro=intro,
        submit_label="Record the correction",
        cancel_url=_minutes_url(meeting),
    )


@secretariat_required
@require_POST
def minutes_publish(request, pk):
    minutes = _minutes(pk)
    try:
        actions.publish_minutes(minutes, by=request.user)
    except ValidationError as error:
        report(request, error)
    else:
        messages.success(request, "The minutes were published. Confidential items stay withheld.")
    return redirect("meeting_minutes", minutes.meeting_id)
