"""The secretariat's drafting pages: new drafts, a version's label and adoption, its clauses."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from agreements.actions import drafting as actions
from agreements.canonical import in_document_order
from agreements.forms.drafting import AdoptForm, ClauseForm, ConfirmForm, MoveForm, VersionForm
from agreements.models import Agreement, AgreementVersion, Clause, Comment
from agreements.views.pages import ORDER, document, get_version, manage_form_page, manage_url, posted, refused
from partnership.dates import british_date
from partnership.pages import run_action, secretariat_required


def _clause(pk):
    return get_object_or_404(Clause.objects.select_related("version__agreement"), pk=pk)


def _in_consultation(request, version):
    """A version out for consultation is not edited clause by clause: say so on its page."""
    messages.error(
        request,
        f"“{version.label}” is out for consultation: close the consultation before editing it clause by clause.",
    )
    return redirect(manage_url(version))


def _not_editable(request, version):
    """The redirect for a GET of a clause-editing page of a version that cannot be edited now, or None."""
    if request.method != "GET":
        return None
    if version.is_locked:
        return refused(request, version)
    if version.in_consultation:
        return _in_consultation(request, version)
    return None


@secretariat_required
@require_safe
def manage(request):
    versions = AgreementVersion.objects.order_by(*ORDER)
    agreements = Agreement.objects.select_related("body").prefetch_related(Prefetch("versions", queryset=versions))
    return render(request, "agreements/manage/list.html", {"agreements": agreements})


@secretariat_required
@require_http_methods(["GET", "POST"])
def new_draft(request, pk):
    agreement = get_object_or_404(Agreement, pk=pk)
    based_on = agreement.in_force() or agreement.versions.published().first()
    form = VersionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        draft = run_action(
            form,
            actions.start_draft,
            agreement,
            by=request.user,
            label=form.cleaned_data["label"],
            summary=form.cleaned_data["summary"],
        )
        if draft is not None:
            messages.success(request, f"The draft “{draft.label}” was started.")
            return redirect(manage_url(draft))
    intro = (
        f"The draft starts as a copy of “{based_on.label}”, the version in force; you then edit it clause by clause."
        if based_on
        else "No version has been adopted yet, so the draft starts empty."
    )
    return manage_form_page(
        request,
        form,
        title="Start a new draft",
        caption=agreement.title,
        intro=intro,
        submit_label="Start the draft",
        cancel_url=reverse("agreement_manage"),
    )


@secretariat_required
@require_safe
def version_manage(request, pk):
    version = get_version(pk)
    context = document(version)
    context["in_force"] = version.agreement.in_force()
    context["today"] = timezone.localdate()
    comments = Comment.objects.filter(version=version)
    context["comment_count"] = comments.count()
    context["awaiting_count"] = comments.awaiting_decision().count()
    return render(request, "agreements/manage/version.html", context)


@secretariat_required
@require_http_methods(["GET", "POST"])
def version_edit(request, pk):
    version = get_version(pk)
    if version.is_locked and request.method == "GET":
        return refused(request, version)
    form = VersionForm(posted(request), initial={"label": version.label, "summary": version.summary})
    if request.method == "POST" and form.is_valid():
        done = run_action(
            form,
            actions.update_version,
            version,
            by=request.user,
            label=form.cleaned_data["label"],
            summary=form.cleaned_data["summary"],
        )
        if done is not None:
            messages.success(request, "The version’s label and summary were saved.")
            return redirect(manage_url(version))
    return manage_form_page(
        request, form, title="Label and summary of changes", caption=version.label, cancel_url=manage_url(version)
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def version_adopt(request, pk):
    version = get_version(pk)
    if version.is_locked and request.method == "GET":
        return refused(request, version)
    if version.in_consultation and request.method == "GET":
        messages.error(request, f"“{version.label}” is out for consultation: close the consultation first.")
        return redirect(manage_url(version))
    form = AdoptForm(posted(request), version=version)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            form,
            actions.adopt_version,
            version,
            by=request.user,
            meeting=form.cleaned_data["meeting"],
            decision=form.cleaned_data["decision"],
            takes_effect=form.cleaned_data["takes_effect"],
        )
        if done is not None:
            messages.success(
                request, f"“{version.label}” is adopted. Its review is due on {british_date(done.review_due)}."
            )
            return redirect(version.get_absolute_url())
    previous = version.agreement.versions.filter(status="adopted").first()
    intro = (
        f"From the day it takes effect, “{previous.label}” is superseded. "
        if previous
        else "This will be the first version in force. "
    ) + f"Its review falls due {version.agreement.review_interval_months} months after it takes effect."
    return manage_form_page(
        request,
        form,
        title="Record the adoption of this version",
        caption=version.label,
        intro=intro,
        submit_label="Record the adoption",
        cancel_url=manage_url(version),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def clause_add(request, pk):
    """Add a clause: ?after=<clause> (next to it), ?inside=<clause> (at the end of it), or a section or annex at the end."""
    version = get_version(pk)
    if (refusal := _not_editable(request, version)) is not None:
        return refusal
    place = {}
    for key in ("after", "inside"):
        value = request.GET.get(key, "")
        if value.isdigit() and len(value) <= 18:
            place[key] = get_object_or_404(Clause, pk=int(value), version=version)
    annex = request.GET.get("annex") == "1" and not place
    if "after" in place:
        title = f"Add a clause after {place['after'].number}"
    elif "inside" in place:
        title = f"Add a clause at the end of {place['inside'].number}"
    else:
        title = "Add an annex" if annex else "Add a section at the end"
    form = ClauseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        clause = run_action(
            form,
            actions.add_clause,
            version,
            by=request.user,
            heading=form.cleaned_data["heading"],
            text=form.cleaned_data["text"],
            annex=annex,
            **place,
        )
        if clause is not None:
            messages.success(request, f"{clause.label} was added.")
            return redirect(f"{manage_url(version)}#{clause.anchor}")
    return manage_form_page(
        request,
        form,
        title=title,
        caption=version.label,
        intro="The clauses after it are renumbered.",
        submit_label="Add",
        cancel_url=manage_url(version),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def clause_edit(request, pk):
    clause = _clause(pk)
    version = clause.version
    if (refusal := _not_editable(request, version)) is not None:
        return refusal
    form = ClauseForm(posted(request), initial={"heading": clause.heading, "text": clause.text})
    if request.method == "POST" and form.is_valid():
        done = run_action(
            form,
            actions.edit_clause,
            clause,
            by=request.user,
            heading=form.cleaned_data["heading"],
            text=form.cleaned_data["text"],
        )
        if done is not None:
            messages.success(request, f"{clause.label} was saved.")
            return redirect(f"{manage_url(version)}#{clause.anchor}")
    return manage_form_page(
        request, form, title=f"Edit {clause.number}", caption=version.label, cancel_url=manage_url(version)
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def clause_move(request, pk):
    clause = _clause(pk)
    version = clause.version
    if (refusal := _not_editable(request, version)) is not None:
        return refusal
    clauses = in_document_order(version)
    form = MoveForm(posted(request), clause=clause, clauses=clauses)
    if request.method == "POST" and form.is_valid():
        moved = run_action(form, actions.move_clause, clause, by=request.user, **form.destination_kwargs())
        if moved is not None:
            messages.success(request, f"The clause was moved and is now {moved.number}.")
            return redirect(f"{manage_url(version)}#{moved.anchor}")
    return manage_form_page(
        request,
        form,
        title=f"Move {clause.label}",
        caption=version.label,
        intro="Its own clauses move with it, and the clauses around it are renumbered.",
        submit_label="Move",
        cancel_url=manage_url(version),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def clause_remove(request, pk):
    clause = _clause(pk)
    version = clause.version
    if (refusal := _not_editable(request, version)) is not None:
        return refusal
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        label = clause.label
        done = run_action(form, actions.remove_clause, clause, by=request.user)
        if done is None and not form.errors:
            messages.success(request, f"{label} was removed.")
            return redirect(manage_url(version))
    beneath = len(actions.descendant_ids(clause))
    intro = "The clauses after it are renumbered."
    if beneath:
        intro = f"The {beneath} clauses within it are removed too. " + intro
    return manage_form_page(
        request,
        form,
        title=f"Remove {clause.label}",
        caption=version.label,
        intro=intro,
        submit_label="Remove",
        warning=True,
        cancel_url=manage_url(version),
    )
