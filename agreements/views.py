"""Pages of the Agreement: the text in force, every version, a comparison; and the secretariat's drafting pages.

/agreement/versions/<id>/ is the permanent address of a version. Drafts are
the secretariat's: anyone else gets the same 404 as for no version at all.
"""

import functools

from django.contrib import messages
from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from agreements import actions
from agreements.canonical import fingerprint, in_document_order, load_tree
from agreements.compare import compare_versions, summary
from agreements.forms import AdoptForm, ClauseForm, CompareForm, ConfirmForm, MoveForm, OnDateForm, VersionForm
from agreements.models import Agreement, AgreementVersion, Clause
from agreements.policies import versions_visible_to
from partnership.pages import form_page, run_action, secretariat_required

_ORDER = ["agreement__title", "agreement_id", F("takes_effect").desc(nulls_first=True), "-pk"]
_form_page = functools.partial(form_page, section="manage")


def _posted(request):
    return request.POST if request.method == "POST" else None


def get_version_for(user, pk) -> AgreementVersion:
    """The version, if `user` may see it; the same 404 for a draft as for no version."""
    queryset = AgreementVersion.objects.select_related(
        "agreement", "adopted_at__body", "adopted_by_decision__item", "based_on"
    )
    return get_object_or_404(versions_visible_to(user, queryset), pk=pk)


def _document(version):
    clauses = list(Clause.objects.filter(version=version))
    sections, annexes = load_tree(version, clauses)
    return {
        "version": version,
        "sections": sections,
        "annexes": annexes,
        "contents": sections + annexes,
        "fingerprint": fingerprint(version, clauses),
    }


@require_safe
def agreement_in_force(request):
    """The framework's Agreement as in force today, or on ?on=YYYY-MM-DD."""
    form = OnDateForm(request.GET if "on" in request.GET else None)
    today = timezone.localdate()
    on, version, status = today, None, 200
    if form.is_bound:
        if form.is_valid():
            on = form.cleaned_data["on"] or today
        else:
            status = 400
    agreement = Agreement.objects.framework().first()
    if agreement is not None and status == 200:
        version = agreement.versions.in_force_on(on).select_related("agreement", "adopted_at__body", "based_on").first()
    context = {"form": form, "agreement": agreement, "on": on, "is_today": on == today}
    if version is not None:
        context.update(_document(version))
    return render(request, "agreements/in_force.html", context, status=status)


@require_safe
def version_list(request):
    """Every adopted and superseded version; drafts too, for the secretariat."""
    versions = versions_visible_to(
        request.user, AgreementVersion.objects.select_related("agreement", "adopted_at__body")
    ).order_by(*_ORDER)
    return render(request, "agreements/versions.html", {"versions": versions})


@require_safe
def version_detail(request, pk):
    version = get_version_for(request.user, pk)
    context = _document(version)
    context["today"] = timezone.localdate()
    return render(request, "agreements/version.html", context)


@require_safe
def compare(request):
    """A redline between two versions: ?from=<id>&to=<id>."""
    versions = versions_visible_to(request.user, AgreementVersion.objects.select_related("agreement")).order_by(*_ORDER)
    bound = "from" in request.GET or "to" in request.GET
    form = CompareForm(request.GET if bound else None, versions=versions)
    context = {"form": form}
    status = 200
    if bound and form.is_valid():
        old, new = form.cleaned_data["from_version"], form.cleaned_data["to_version"]
        diffs = compare_versions(old, new)
        context.update(old=old, new=new, diffs=diffs, counts=summary(diffs))
    elif bound:
        status = 400
    return render(request, "agreements/compare.html", context, status=status)


# The secretariat's pages


def _version(pk):
    return get_object_or_404(AgreementVersion.objects.select_related("agreement"), pk=pk)


def _clause(pk):
    return get_object_or_404(Clause.objects.select_related("version__agreement"), pk=pk)


def _manage_url(version):
    return reverse("agreement_version_manage", args=[version.pk])


def _refused(request, version):
    """A locked version is not edited: say so on its page."""
    messages.error(request, f"“{version.label}” was adopted and cannot be changed. Start a new draft from it instead.")
    return redirect(_manage_url(version))


@secretariat_required
@require_safe
def manage(request):
    versions = AgreementVersion.objects.order_by(*_ORDER)
    agreements = Agreement.objects.select_related("body").prefetch_related(Prefetch("versions", queryset=versions))
    return render(request, "agreements/manage/list.html", {"agreements": agreements})


@secretariat_required
@require_http_methods(["GET", "POST"])
def new_draft(request, pk):
    agreement = get_object_or_404(Agreement, pk=pk)
    based_on = agreement.in_force() or agreement.versions.published().first()
    form = VersionForm(_posted(request))
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
            return redirect(_manage_url(draft))
    intro = (
        f"The draft starts as a copy of “{based_on.label}”, the version in force; you then edit it clause by clause."
        if based_on
        else "No version has been adopted yet, so the draft starts empty."
    )
    return _form_page(
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
    version = _version(pk)
    context = _document(version)
    context["in_force"] = version.agreement.in_force()
    return render(request, "agreements/manage/version.html", context)


@secretariat_required
@require_http_methods(["GET", "POST"])
def version_edit(request, pk):
    version = _version(pk)
    if version.is_locked and request.method == "GET":
        return _refused(request, version)
    form = VersionForm(_posted(request), initial={"label": version.label, "summary": version.summary})
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
            return redirect(_manage_url(version))
    return _form_page(
        request, form, title="Label and summary of changes", caption=version.label, cancel_url=_manage_url(version)
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def version_adopt(request, pk):
    version = _version(pk)
    if version.is_locked and request.method == "GET":
        return _refused(request, version)
    form = AdoptForm(_posted(request), version=version)
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
                request, f"“{version.label}” is adopted. Its review is due on {done.review_due:%-d %B %Y}."
            )
            return redirect(version.get_absolute_url())
    previous = version.agreement.versions.filter(status="adopted").first()
    intro = (
        f"From the day it takes effect, “{previous.label}” is superseded. "
        if previous
        else "This will be the first version in force. "
    ) + f"Its review falls due {version.agreement.review_interval_months} months after it takes effect."
    return _form_page(
        request,
        form,
        title="Record the adoption of this version",
        caption=version.label,
        intro=intro,
        submit_label="Record the adoption",
        cancel_url=_manage_url(version),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def clause_add(request, pk):
    """Add a clause: ?after=<clause> (next to it), ?inside=<clause> (at the end of it), or a section or annex at the end."""
    version = _version(pk)
    if version.is_locked and request.method == "GET":
        return _refused(request, version)
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
    form = ClauseForm(_posted(request))
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
            return redirect(f"{_manage_url(version)}#{clause.anchor}")
    return _form_page(
        request,
        form,
        title=title,
        caption=version.label,
        intro="The clauses after it are renumbered.",
        submit_label="Add",
        cancel_url=_manage_url(version),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def clause_edit(request, pk):
    clause = _clause(pk)
    version = clause.version
    if version.is_locked and request.method == "GET":
        return _refused(request, version)
    form = ClauseForm(_posted(request), initial={"heading": clause.heading, "text": clause.text})
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
            return redirect(f"{_manage_url(version)}#{clause.anchor}")
    return _form_page(
        request, form, title=f"Edit {clause.number}", caption=version.label, cancel_url=_manage_url(version)
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def clause_move(request, pk):
    clause = _clause(pk)
    version = clause.version
    if version.is_locked and request.method == "GET":
        return _refused(request, version)
    clauses = in_document_order(version)
    form = MoveForm(_posted(request), clause=clause, clauses=clauses)
    if request.method == "POST" and form.is_valid():
        moved = run_action(form, actions.move_clause, clause, by=request.user, **form.destination_kwargs())
        if moved is not None:
            messages.success(request, f"The clause was moved and is now {moved.number}.")
            return redirect(f"{_manage_url(version)}#{moved.anchor}")
    return _form_page(
        request,
        form,
        title=f"Move {clause.label}",
        caption=version.label,
        intro="Its own clauses move with it, and the clauses around it are renumbered.",
        submit_label="Move",
        cancel_url=_manage_url(version),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def clause_remove(request, pk):
    clause = _clause(pk)
    version = clause.version
    if version.is_locked and request.method == "GET":
        return _refused(request, version)
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        label = clause.label
        done = run_action(form, actions.remove_clause, clause, by=request.user)
        if done is None and not form.errors:
            messages.success(request, f"{label} was removed.")
            return redirect(_manage_url(version))
    beneath = len(actions.descendant_ids(clause))
    intro = "The clauses after it are renumbered."
    if beneath:
        intro = f"The {beneath} clauses within it are removed too. " + intro
    return _form_page(
        request,
        form,
        title=f"Remove {clause.label}",
        caption=version.label,
        intro=intro,
        submit_label="Remove",
        warning=True,
        cancel_url=_manage_url(version),
    )
