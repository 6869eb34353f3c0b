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
    CommentForm,
    CompareForm,
    ConfirmForm,
    ConsultationForm,
    DecideForm,
    DesignateForm,
    EndSignatoryForm,
    MoveForm,
    OnDateForm,
    SignForm,
    VerifyForm,
    VersionForm,
)
from agreements.models import (
    Agreement,
    AgreementVersion,
    Clause,
    Comment,
    CommentOutcome,
    Signatory,
    SigningEvent,
)
from agreements.policies import can_comment_on, versions_in_consultation_for, versions_visible_to
from agreements.seal import NotAPdf
from agreements.text import blocks
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
    # A partner reading a draft out for consultation gets a comment link on each clause.
    context["may_comment"] = version.in_consultation and can_comment_on(request.user, version)
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


def _in_consultation(request, version):
    """A version out for consultation is not edited clause by clause: say so on its page."""
    messages.error(
        request,
        f"“{version.label}” is out for consultation: close the consultation before editing it clause by clause.",
    )
    return redirect(_manage_url(version))


def _not_editable(request, version):
    """The redirect for a GET of a clause-editing page of a version that cannot be edited now, or None."""
    if request.method != "GET":
        return None
    if version.is_locked:
        return _refused(request, version)
    if version.in_consultation:
        return _in_consultation(request, version)
    return None


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
    context["today"] = timezone.localdate()
    comments = Comment.objects.filter(version=version)
    context["comment_count"] = comments.count()
    context["awaiting_count"] = comments.awaiting_decision().count()
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
    if version.in_consultation and request.method == "GET":
        messages.error(request, f"“{version.label}” is out for consultation: close the consultation first.")
        return redirect(_manage_url(version))
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
    if (refusal := _not_editable(request, version)) is not None:
        return refusal
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
    if (refusal := _not_editable(request, version)) is not None:
        return refusal
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
    if (refusal := _not_editable(request, version)) is not None:
        return refusal
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


# Consultation: partners comment on a draft; the secretariat opens, closes and decides


def get_clause_for_comment(user, pk) -> Clause:
    """A clause of a version out for consultation, for a partner; the same 404 for anyone else as for no clause."""
    versions = versions_in_consultation_for(user)
    return get_object_or_404(
        Clause.objects.select_related("version__agreement").filter(version__in=versions.values("pk")), pk=pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def clause_comment(request, pk):
    """A partner comments on one clause, and may propose replacement text; after the closing date, says so."""
    clause = get_clause_for_comment(request.user, pk)
    version = clause.version
    is_open = version.is_open_for_comment()
    form = CommentForm(_posted(request))
    if request.method == "POST" and is_open and form.is_valid():
        comment = run_action(
            form,
            actions.add_comment,
            clause,
            by=request.user,
            text=form.cleaned_data["text"],
            proposed_text=form.cleaned_data["proposed_text"],
        )
        if comment is not None:
            messages.success(
                request, f"Your comment on {clause.number} was sent to the secretariat, which will decide on it."
            )
            return redirect(reverse("agreement_my_comments") + f"#comment-{comment.pk}")
    # After the closing date the page says so, and a comment posted then is refused with the same words.
    refused = request.method == "POST" and not is_open
    context = {"form": form, "clause": clause, "version": version, "is_open": is_open, "refused": refused}
    if is_open:
        context["blocks"] = blocks(clause.text)
    status = 400 if refused or (is_open and form.errors) else 200
    return render(request, "agreements/comment.html", context, status=status)


@login_required
@require_safe
def my_comments(request):
    """Every comment the signed-in person has made, on any version, with what became of it and why."""
    comments = (
        Comment.objects.filter(author=request.user)
        .select_related("version__agreement", "decision")
        .order_by("-made_at", "-pk")
    )
    return render(request, "agreements/my_comments.html", {"comments": comments})


@secretariat_required
@require_http_methods(["GET", "POST"])
def consultation_open(request, pk):
    """Open a draft for comment until a closing date; or, while it is open, move the closing date."""
    version = _version(pk)
    if version.is_locked and request.method == "GET":
        return _refused(request, version)
    moving = version.in_consultation
    form = ConsultationForm(_posted(request), initial={"closes_on": version.consultation_closes_on})
    if request.method == "POST" and form.is_valid():
        action = actions.move_consultation_closing if moving else actions.open_consultation
        done = run_action(form, action, version, by=request.user, closes_on=form.cleaned_data["closes_on"])
        if done is not None:
            closes = f"{done.consultation_closes_on:%-d %B %Y}"
            messages.success(
                request,
                f"Comments on “{version.label}” now close on {closes}."
                if moving
                else f"“{version.label}” is open for comment until {closes}. Every partner has been told.",
            )
            return redirect(_manage_url(version))
    if moving:
        title = "Change the closing date for comments"
        intro = "Partners who have not yet been told are told the new date."
    else:
        title = "Open this draft for comment"
        intro = (
            "Every member of a body and every authorised signatory is told, and can comment on each clause "
            "until the closing date. While it is out for consultation its clauses cannot be edited."
        )
    return _form_page(
        request,
        form,
        title=title,
        caption=version.label,
        intro=intro,
        submit_label="Change the date" if moving else "Open for comment",
        cancel_url=_manage_url(version),
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def consultation_close(request, pk):
    version = _version(pk)
    form = ConfirmForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        done = run_action(form, actions.close_consultation, version, by=request.user)
        if done is not None:
            messages.success(request, f"The consultation on “{version.label}” is closed: it is a draft again.")
            return redirect(_manage_url(version))
    closes = version.consultation_closes_on
    intro = "Partners can no longer comment, and the draft can be edited again. Comments stay, to be decided on."
    if version.in_consultation and closes >= timezone.localdate():
        intro = f"Comments were due to close on {closes:%-d %B %Y}. " + intro
    return _form_page(
        request,
        form,
        title="Close the consultation",
        caption=version.label,
        intro=intro,
        submit_label="Close the consultation",
        warning=True,
        cancel_url=_manage_url(version),
    )


COMMENT_FILTERS = {
    "all": ("All", lambda comments: comments),
    "open": ("Awaiting a decision", lambda comments: comments.awaiting_decision()),
    "accepted": ("Accepted", lambda comments: comments.decided(CommentOutcome.ACCEPTED)),
    "rejected": ("Rejected", lambda comments: comments.decided(CommentOutcome.REJECTED)),
}


@secretariat_required
@require_safe
def comment_list(request, pk):
    """The comments on a version, all or only those awaiting a decision, accepted or rejected (?show=)."""
    version = _version(pk)
    show = request.GET.get("show", "all")
    if show not in COMMENT_FILTERS:
        show = "all"
    label, narrow = COMMENT_FILTERS[show]
    comments = narrow(
        Comment.objects.filter(version=version).select_related("person", "decision__decided_by__person")
    ).order_by("clause_number", "made_at", "pk")
    filters = [(key, name, key == show) for key, (name, _) in COMMENT_FILTERS.items()]
    context = {"version": version, "comments": comments, "filters": filters, "show": show, "show_label": label}
    return render(request, "agreements/manage/comments.html", context)


@secretariat_required
@require_http_methods(["GET", "POST"])
def comment_decide(request, pk):
    """Accept or reject a comment with the reason, once; accepting may apply the proposed text to the draft."""
    comment = get_object_or_404(
        Comment.objects.select_related("version__agreement", "person", "decision__decided_by__person"), pk=pk
    )
    version = comment.version
    comments_url = reverse("agreement_comments", args=[version.pk])
    if hasattr(comment, "decision") and request.method == "GET":
        messages.error(request, "A decision on that comment has already been recorded: it is recorded once.")
        return redirect(f"{comments_url}#comment-{comment.pk}")
    can_apply = bool(comment.proposed_text) and not version.is_locked
    form = DecideForm(_posted(request), can_apply=can_apply)
    if request.method == "POST" and form.is_valid():
        decision = run_action(
            form,
            actions.decide_comment,
            comment,
            by=request.user,
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
            apply_text=form.cleaned_data.get("apply_text", False),
        )
        if decision is not None:
            applied = f" The proposed text is now the text of {comment.clause_number}." if decision.applied else ""
            messages.success(
                request,
                f"The comment by {comment.person.full_name} was {decision.get_outcome_display().lower()}.{applied}",
            )
            return redirect(f"{comments_url}#comment-{comment.pk}")
    context = {
        "form": form,
        "comment": comment,
        "version": version,
        "comments_url": comments_url,
        "clause_blocks": blocks(comment.clause_text),
        "proposed_blocks": blocks(comment.proposed_text),
    }
    return render(request, "agreements/manage/decide.html", context, status=400 if form.errors else 200)
