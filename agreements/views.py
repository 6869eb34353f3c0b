"""Pages of the Agreement: the text in force, every version, a comparison; and the secretariat's drafting pages.

/agreement/versions/<id>/ is the permanent address of a version. Drafts are
the secretariat's: anyone else gets the same 404 as for no version at all.
"""

import functools
import ipaddress

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_safe

from agreements import actions, renditions, seal, signing
from agreements.canonical import fingerprint, in_document_order, load_tree
from agreements.compare import compare_versions, summary
from agreements.forms import (
    AdoptForm,
    ClauseForm,
    CompareForm,
    ConfirmForm,
    DesignateForm,
    EndSignatoryForm,
    MoveForm,
    OnDateForm,
    SignForm,
    VerifyForm,
    VersionForm,
)
from agreements.models import Agreement, AgreementVersion, Clause, Signatory, SigningEvent
from agreements.policies import versions_visible_to
from agreements.seal import NotAPdf
from agreements.verify import check_file, check_hash
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
    # Only a signed-in signatory is asked: the public page costs no query for this.
    context["sign_for"] = (
        list(signing.organisations_to_sign_for(request.user, version))
        if request.user.is_authenticated and version.is_locked
        else []
    )
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


# The PDF, the verify page, and signing


def client_ip(request) -> str | None:
    """The address a signature records: REMOTE_ADDR, or behind a trusted proxy the address it saw."""
    candidate = request.META.get("REMOTE_ADDR", "")
    if settings.AGREEMENT_TRUST_X_FORWARDED_FOR:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            # The last entry is the one the proxy itself added; the ones before it are the client's to invent.
            candidate = forwarded[-1]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None


def _published_version(user, pk) -> AgreementVersion:
    """A published version; the same 404 for a draft as for no version."""
    return get_object_or_404(
        AgreementVersion.objects.published().select_related("agreement", "adopted_at__body"), pk=pk
    )


@require_safe
def version_pdf(request, pk):
    """The sealed PDF of a published version, or a page saying it is being prepared (the request starts it)."""
    version = _published_version(request.user, pk)
    rendition = renditions.request_rendition(version)
    if rendition.is_ready:
        response = FileResponse(rendition.file.open("rb"), content_type="application/pdf")
        filename = f"{version.agreement.slug}-{slugify(version.label)}.pdf"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response
    return render(request, "agreements/pdf_waiting.html", {"version": version, "rendition": rendition})


@require_http_methods(["GET", "POST"])
def verify(request):
    """Anyone checks a PDF, or a fingerprint: is it genuine, of which version, with which signatures."""
    max_bytes = settings.AGREEMENT_VERIFY_MAX_BYTES
    bound = request.method == "POST"
    form = VerifyForm(request.POST if bound else None, request.FILES if bound else None, max_bytes=max_bytes)
    finding = None
    if bound and form.is_valid():
        upload = form.cleaned_data["document"]
        if upload is not None:
            try:
                finding = check_file(upload.read())
            except NotAPdf:
                form.add_error("document", "The file could not be read as a PDF")
        else:
            finding = check_hash(form.cleaned_data["sha256"])
    context = {"form": form, "finding": finding, "development_seal": seal.seal_files().development}
    return render(request, "agreements/verify.html", context, status=400 if form.errors else 200)


def _signable_for(request, pk):
    """The version in force and the organisations the user may sign it for; a 404 if there are none."""
    version = get_object_or_404(
        AgreementVersion.objects.published().select_related("agreement", "adopted_at__body", "based_on"), pk=pk
    )
    organisations = list(signing.organisations_to_sign_for(request.user, version))
    if not organisations:
        raise Http404("No page here.")
    return version, organisations


@login_required
@require_http_methods(["GET", "POST"])
def sign(request, pk):
    """An authorised signatory reads the exact version, with its hash, ticks the consent and signs."""
    version, organisations = _signable_for(request, pk)
    wanted = request.POST.get("organisation") if request.method == "POST" else request.GET.get("for")
    organisation = next((o for o in organisations if str(o.pk) == wanted), organisations[0])
    form = SignForm(
        _posted(request),
        organisations=signing.organisations_to_sign_for(request.user, version),
        initial={"organisation": organisation.pk, "sha256": version.sha256},
    )
    if request.method == "POST" and form.is_valid():
        signature = run_action(
            form,
            actions.sign_version,
            version,
            by=request.user,
            organisation=form.cleaned_data["organisation"],
            password=form.cleaned_data["password"],
            consented=form.cleaned_data["consent"],
            read_sha256=form.cleaned_data["sha256"],
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        )
        if signature is not None:
            messages.success(
                request,
                f"You signed “{version.label}” for {signature.organisation.name}. "
                f"The signature’s reference is {signature.reference}.",
            )
            return redirect(version.get_absolute_url())
    context = _document(version)
    context.update(
        form=form,
        organisation=organisation,
        others=[o for o in organisations if o.pk != organisation.pk],
        consent=signing.consent_text(version, organisation),
    )
    return render(request, "agreements/sign.html", context, status=400 if form.errors else 200)


# The secretariat's signing pages


@secretariat_required
@require_safe
def signatures_dashboard(request, pk):
    """Per version: who has signed (who, when, reference), who is outstanding, who withdrew."""
    version = get_object_or_404(
        AgreementVersion.objects.published().select_related("agreement", "adopted_at__body"), pk=pk
    )
    board = signing.dashboard(version)
    events = (
        SigningEvent.objects.filter(version=version)
        .select_related("user__person", "organisation")
        .order_by("-at", "-pk")[:50]
    )
    return render(
        request,
        "agreements/manage/signatures.html",
        {"version": version, "board": board, "events": events, "signable": signing.is_signable(version)},
    )


@secretariat_required
@require_safe
def signatories(request):
    designations = Signatory.objects.select_related("organisation", "person", "designated_by__person").order_by(
        "organisation__name", "person__name", "-start"
    )
    today = timezone.localdate()
    return render(
        request,
        "agreements/manage/signatories.html",
        {"designations": designations, "today": today, "in_force": Agreement.objects.framework().first()},
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def signatory_add(request):
    form = DesignateForm(_posted(request), initial={"start": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        designation = run_action(
            form,
            actions.designate_signatory,
            by=request.user,
            organisation=form.cleaned_data["organisation"],
            person=form.cleaned_data["person"],
            start=form.cleaned_data["start"],
        )
        if designation is not None:
            messages.success(request, f"{designation.person} may now sign for {designation.organisation}.")
            return redirect("agreement_signatories")
    return _form_page(
        request,
        form,
        title="Designate an authorised signatory",
        caption="Signing the Agreement",
        intro="A signatory signs the version in force online for their organisation. They need a login.",
        submit_label="Designate",
        cancel_url=reverse("agreement_signatories"),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def signatory_end(request, pk):
    designation = get_object_or_404(Signatory.objects.select_related("organisation", "person"), pk=pk)
    form = EndSignatoryForm(_posted(request), initial={"end": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        done = run_action(form, actions.end_signatory, designation, by=request.user, end=form.cleaned_data["end"])
        if done is not None:
            messages.success(request, f"{designation.person} may no longer sign for {designation.organisation}.")
            return redirect("agreement_signatories")
    return _form_page(
        request,
        form,
        title=f"End {designation.person}’s authority to sign",
        caption=designation.organisation.name,
        intro="Signatures they made stay as they were.",
        submit_label="End the authority",
        warning=True,
        cancel_url=reverse("agreement_signatories"),
    )
