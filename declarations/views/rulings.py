"""Pages for declarations at meetings, rulings and disputes.

Every page fetches through a helper that answers the same 404 for a record
that does not exist and for one the user may not see or act on.
"""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from declarations.actions import rulings as actions
from declarations.forms.rulings import (
    DeclarationForm,
    DisputeForm,
    HeadOfLegalForm,
    ResolutionForm,
    RulingForm,
    VerbalDeclarationForm,
)
from declarations.models import Declaration, DeclarationWhen, Dispute, DisputeStatus, Outcome
from declarations.policies.rulings import (
    chaired_body_ids,
    declarations_rulable_by,
    disputes_visible_to,
    is_lsp_chair,
)
from meetings.minutes_text import signer_name
from meetings.models import AgendaItem
from partnership.dates import british_datetime
from partnership.models import person_of
from partnership.pages import form_page, page_of, run_action, secretariat_required
from partnership.policies import is_secretariat

_form_page = functools.partial(form_page, section="meeting")

# Rows a page of the lists of declarations awaiting a ruling and of disputes shows.
PER_PAGE = 50


def _item(pk, item_id):
    return get_object_or_404(
        AgendaItem.objects.select_related("meeting__body", "meeting__minutes"), meeting_id=pk, pk=item_id
    )


def _declaration_for(user, pk, perm):
    declaration = get_object_or_404(
        Declaration.objects.select_related("item__meeting__body", "person", "recorded_by__person"), pk=pk
    )
    if not user.has_perm(perm, declaration):
        raise Http404("No declaration here.")
    return declaration


def _dispute_for(user, pk, perm):
    dispute = get_object_or_404(
        Dispute.objects.select_related(
            "ruling__declaration__item__meeting__body",
            "ruling__declaration__person",
            "head_of_legal",
            "reinstated_membership",
        ),
        pk=pk,
    )
    if not user.has_perm(perm, dispute):
        raise Http404("No dispute here.")
    return dispute


def _summary(declaration):
    item = declaration.item
    return (
        f"{declaration.person.full_name} declared a {declaration.get_kind_display().lower()} interest "
        f"in item {item.number}, {item.title}, at the {item.meeting}: {declaration.description}"
    )


# Declaring


@login_required
@require_http_methods(["GET", "POST"])
def declaration_create(request, pk, item_id):
    """A member declares an interest in an item in advance, while reading the papers (Agreement 11.1.1)."""
    item = _item(pk, item_id)
    if not request.user.has_perm("declarations.declare_on_item", item):
        raise Http404("No item here.")
    form = DeclarationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        declaration = run_action(
            form,
            actions.declare_interest,
            item,
            by=request.user,
            person=person_of(request.user),
            made=DeclarationWhen.IN_ADVANCE,
            **form.cleaned_data,
        )
        if declaration:
            messages.success(request, f"Your declaration on item {item.number} is recorded. The body will rule on it.")
            return redirect("declaration_detail", declaration.pk)
    return _form_page(
        request,
        form,
        title=f"Declare an interest in item {item.number}",
        caption=str(item.meeting),
        intro=f"Item {item.number}: {item.title}.",
        submit_label="Declare the interest",
        cancel_url=item.meeting.get_absolute_url(),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def declaration_record_verbal(request, pk, item_id):
    """The secretariat notes a declaration made verbally in the meeting (Agreement 11.1.2)."""
    item = _item(pk, item_id)
    form = VerbalDeclarationForm(request.POST if request.method == "POST" else None, meeting=item.meeting)
    if request.method == "POST" and form.is_valid():
        declaration = run_action(
            form, actions.declare_interest, item, by=request.user, made=DeclarationWhen.IN_MEETING, **form.cleaned_data
        )
        if declaration:
            messages.success(request, f"The declaration by {declaration.person.full_name} is recorded.")
            return redirect("declaration_detail", declaration.pk)
    return _form_page(
        request,
        form,
        title=f"Record a declaration made in the meeting, item {item.number}",
        caption=str(item.meeting),
        intro=f"Item {item.number}: {item.title}.",
        submit_label="Record the declaration",
        cancel_url=reverse("meeting_minutes", args=[item.meeting_id]),
    )


# A declaration and its ruling


@require_safe
@login_required
def declaration_detail(request, pk):
    declaration = _declaration_for(request.user, pk, "declarations.view_declaration")
    ruling = getattr(declaration, "ruling", None)
    dispute = getattr(ruling, "dispute", None) if ruling else None
    user = request.user
    context = {
        "declaration": declaration,
        "item": declaration.item,
        "meeting": declaration.item.meeting,
        "recorded": british_datetime(declaration.recorded_at),
        "ruling": ruling,
        "ruled": british_datetime(ruling.ruled_at) if ruling else "",
        "dispute": dispute,
        "can_see_dispute": dispute is not None and user.has_perm("declarations.view_dispute", dispute),
        "can_rule": ruling is None and user.has_perm("declarations.rule_on_declaration", declaration),
        "can_dispute": ruling is not None and user.has_perm("declarations.dispute_ruling", ruling),
        "standing": Outcome(ruling.standing_outcome()).label if ruling else "",
    }
    return render(request, "declarations/rulings/declaration_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def declaration_rule(request, pk):
    """The chair or vice chair records the body's ruling; the secretariat may record it for them."""
    declaration = _declaration_for(request.user, pk, "declarations.rule_on_declaration")
    form = RulingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        ruling = run_action(form, actions.rule_on_declaration, declaration, by=request.user, **form.cleaned_data)
        if ruling:
            messages.success(request, f"The ruling is recorded: {ruling.get_outcome_display()}.")
            return redirect("declaration_detail", declaration.pk)
    return _form_page(
        request,
        form,
        title="Record the body's ruling",
        caption=str(declaration.item.meeting),
        intro=_summary(declaration),
        submit_label="Record the ruling",
        cancel_url=reverse("declaration_detail", args=[declaration.pk]),
    )


@require_safe
@login_required
def declarations_awaiting_ruling(request):
    """The declarations of the bodies the user chairs (all of them for the secretariat) that await a ruling."""
    user = request.user
    if not is_secretariat(user) and not chaired_body_ids(user):
        raise Http404("No page here.")
    waiting = (
        declarations_rulable_by(user)
        .filter(ruling__isnull=True)
        .select_related("item__meeting__body", "person")
        .order_by("item__meeting__starts_at", "item__number", "recorded_at", "pk")
    )
    page = page_of(request, waiting, PER_PAGE)
    declarations = page.object_list
    for declaration in declarations:
        declaration.recorded_text = british_datetime(declaration.recorded_at)
        declaration.meeting_text = british_datetime(declaration.item.meeting.starts_at)
    return render(request, "declarations/rulings/awaiting.html", {"declarations": declarations, "page_obj": page})


# Disputes (Agreement 11.1.5)


@login_required
@require_http_methods(["GET", "POST"])
def ruling_dispute(request, pk):
    """The declarant disputes the ruling on their declaration."""
    declaration = _declaration_for(request.user, pk, "declarations.view_declaration")
    ruling = getattr(declaration, "ruling", None)
    if ruling is None or not request.user.has_perm("declarations.dispute_ruling", ruling):
        raise Http404("No ruling to dispute here.")
    form = DisputeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        dispute = run_action(form, actions.raise_dispute, ruling, by=request.user, **form.cleaned_data)
        if dispute:
            messages.success(request, "Your dispute is recorded. It goes to the chair of the partnership board.")
            return redirect("dispute_detail", dispute.pk)
    return _form_page(
        request,
        form,
        title="Dispute the ruling",
        caption=str(declaration.item.meeting),
        intro=f"The body ruled: {ruling.get_outcome_display()}. Reasons: {ruling.reasons}",
        submit_label="Send the dispute",
        cancel_url=reverse("declaration_detail", args=[declaration.pk]),
    )


@require_safe
@login_required
def dispute_detail(request, pk):
    dispute = _dispute_for(request.user, pk, "declarations.view_dispute")
    ruling = dispute.ruling
    declaration = ruling.declaration
    context = {
        "dispute": dispute,
        "designations": _designations(dispute),
        "ruling": ruling,
        "declaration": declaration,
        "item": declaration.item,
        "meeting": declaration.item.meeting,
        "recorded": british_datetime(declaration.recorded_at),
        "ruled": british_datetime(ruling.ruled_at),
        "raised": british_datetime(dispute.raised_at),
        "resolved": british_datetime(dispute.resolved_at) if dispute.resolved_at else "",
        "resolution_label": Outcome(dispute.resolution_outcome).label if dispute.resolution_outcome else "",
        "can_resolve": request.user.has_perm("declarations.resolve_dispute", dispute),
        "can_designate": is_secretariat(request.user) and dispute.status == DisputeStatus.OPEN,
        "is_lsp_chair": is_lsp_chair(request.user),
    }
    return render(request, "declarations/rulings/dispute_detail.html", context)


def _designations(dispute):
    """Who was named Head of Legal for the dispute, by whom and when, oldest first (from its history)."""
    rows = []
    previous = None
    history = dispute.history.select_related("history_user__person", "head_of_legal").order_by(
        "history_date", "history_id"
    )
    for record in history:
        if record.head_of_legal_id is not None and record.head_of_legal_id != previous:
            rows.append(
                {
                    "name": record.head_of_legal.full_name,
                    "by": signer_name(record.history_user),
                    "at": british_datetime(record.history_date),
                    "replaced": previous is not None,
                }
            )
        previous = record.head_of_legal_id
    return rows


@require_safe
@login_required
def dispute_list(request):
    """The disputes a user may see: all for the secretariat and the chair of the partnership board,
    the Head of Legal's for the disputes they are designated to, and the declarant's own."""
    user = request.user
    # One list a page at a time, the open disputes first ("open" sorts before "resolved"), newest first in each.
    disputes = (
        disputes_visible_to(user)
        .select_related("ruling__declaration__item__meeting__body", "ruling__declaration__person", "head_of_legal")
        .order_by("status", "-raised_at", "-pk")
    )
    page = page_of(request, disputes, PER_PAGE)
    rows = page.object_list
    for dispute in rows:
        dispute.raised_text = british_datetime(dispute.raised_at)
    open_ = [d for d in rows if d.status == DisputeStatus.OPEN]
    resolved = [d for d in rows if d.status == DisputeStatus.RESOLVED]
    return render(
        request,
        "declarations/rulings/dispute_list.html",
        {
            "open": open_,
            "resolved": resolved,
            "page_obj": page,
            # Each table shows on the pages that hold its rows; the first page says when none is open,
            # the last when none is resolved.
            "show_open": bool(open_) or page.number == 1,
            "show_resolved": bool(resolved) or not page.has_next(),
        },
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def dispute_head_of_legal(request, pk):
    """Designate the Head of Legal for one dispute, or replace the one designated."""
    dispute = _dispute_for(request.user, pk, "declarations.view_dispute")
    if dispute.status != DisputeStatus.OPEN:
        messages.info(request, "This dispute is resolved: its Head of Legal is not changed.")
        return redirect("dispute_detail", dispute.pk)
    replacing = dispute.head_of_legal
    form = HeadOfLegalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        done = run_action(form, actions.designate_head_of_legal, dispute, by=request.user, **form.cleaned_data)
        if done:
            messages.success(request, f"{done.head_of_legal.full_name} is the Head of Legal for this dispute.")
            return redirect("dispute_detail", dispute.pk)
    intro = "The chair of the partnership board decides the dispute in consultation with the Head of Legal."
    if replacing is not None:
        intro += f" {replacing.full_name} is designated now and will no longer see the dispute once replaced."
    return _form_page(
        request,
        form,
        title="Replace the Head of Legal" if replacing else "Designate the Head of Legal",
        caption=f"Dispute of the ruling on item {dispute.ruling.declaration.item.number}",
        intro=intro,
        submit_label="Replace" if replacing else "Designate",
        cancel_url=reverse("dispute_detail", args=[dispute.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def dispute_resolve(request, pk):
    dispute = _dispute_for(request.user, pk, "declarations.resolve_dispute")
    form = ResolutionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        done = run_action(form, actions.resolve_dispute, dispute, by=request.user, **form.cleaned_data)
        if done:
            messages.success(request, "The resolution is recorded. It stands over the original ruling.")
            return redirect("dispute_detail", dispute.pk)
    ruling = dispute.ruling
    return _form_page(
        request,
        form,
        title="Resolve the dispute",
        caption=f"Dispute of the ruling on item {ruling.declaration.item.number}",
        intro=f"The body ruled: {ruling.get_outcome_display()}. The member's grounds: {dispute.grounds}",
        submit_label="Record the resolution",
        cancel_url=reverse("dispute_detail", args=[dispute.pk]),
    )
