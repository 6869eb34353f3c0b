"""The sealed PDF, the verify page, and signing: the signatory's page and the secretariat's."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_safe

from agreements import renditions, seal, signing
from agreements.actions import signing as actions_signing
from agreements.forms.signing import DesignateForm, EndSignatoryForm, SignForm
from agreements.forms.verify import VerifyForm
from agreements.models import Agreement, AgreementVersion, Signatory, SigningEvent
from agreements.seal import NotAPdf
from agreements.verify import check_file, check_hash
from agreements.views.pages import document, manage_form_page, posted
from partnership import mfa, passkeys, public_cache
from partnership.clients import client_ip
from partnership.pages import page_of, run_action, secretariat_required

# Rows a page of the signing log, or of the signatories, shows: both are kept for ever.
PER_PAGE = 50


def _published_version(user, pk) -> AgreementVersion:
    """A published version; the same 404 for a draft as for no version."""
    return get_object_or_404(
        AgreementVersion.objects.published().select_related("agreement", "adopted_at__body"), pk=pk
    )


def _pdf_response(version, rendition):
    response = FileResponse(rendition.file.open("rb"), content_type="application/pdf")
    filename = f"{version.agreement.slug}-{slugify(version.label)}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def version_pdf(request, pk):
    """The sealed PDF of a published version, or a page saying it is being prepared (the request starts it)."""
    version = _published_version(request.user, pk)
    rendition = renditions.request_rendition(version)
    if rendition.is_ready:
        # The sealed file's own hash is its ETag: a reader whose copy is current gets 304 and the file is not opened.
        return public_cache.conditional(
            request,
            lambda: _pdf_response(version, rendition),
            etag=rendition.file_sha256,
            last_modified=rendition.finished_at,
        )
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
        posted(request),
        organisations=signing.organisations_to_sign_for(request.user, version),
        initial={"organisation": organisation.pk, "sha256": version.sha256},
        with_code=mfa.authenticator_of(request.user) is not None,
    )
    if request.method == "POST" and form.is_valid():
        signature = run_action(
            form,
            actions_signing.sign_version,
            version,
            by=request.user,
            organisation=form.cleaned_data["organisation"],
            password=form.cleaned_data["password"],
            code=form.cleaned_data.get("code", ""),
            passkey=passkeys.take_step_up(request),
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
    context = document(version)
    context.update(
        form=form,
        organisation=organisation,
        others=[o for o in organisations if o.pk != organisation.pk],
        consent=signing.consent_text(version, organisation),
        has_passkey=mfa.has_passkey(request.user),
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
    events = page_of(
        request,
        SigningEvent.objects.filter(version=version)
        .select_related("user__person", "organisation")
        .order_by("-at", "-pk"),
        PER_PAGE,
    )
    return render(
        request,
        "agreements/manage/signatures.html",
        {
            "version": version,
            "board": board,
            "events": events.object_list,
            "page_obj": events,
            "signable": signing.is_signable(version),
        },
    )


@secretariat_required
@require_safe
def signatories(request):
    designations = Signatory.objects.select_related("organisation", "person", "designated_by__person").order_by(
        "organisation__name", "person__name", "-start", "-pk"
    )
    page = page_of(request, designations, PER_PAGE)
    today = timezone.localdate()
    return render(
        request,
        "agreements/manage/signatories.html",
        {
            "designations": page.object_list,
            "page_obj": page,
            "today": today,
            "in_force": Agreement.objects.framework().first(),
        },
    )


@secretariat_required
@require_http_methods(["GET", "POST"])
def signatory_add(request):
    form = DesignateForm(posted(request), initial={"start": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        designation = run_action(
            form,
            actions_signing.designate_signatory,
            by=request.user,
            organisation=form.cleaned_data["organisation"],
            person=form.cleaned_data["person"],
            start=form.cleaned_data["start"],
        )
        if designation is not None:
            messages.success(request, f"{designation.person} may now sign for {designation.organisation}.")
            return redirect("agreement_signatories")
    return manage_form_page(
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
    form = EndSignatoryForm(posted(request), initial={"end": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        done = run_action(
            form, actions_signing.end_signatory, designation, by=request.user, end=form.cleaned_data["end"]
        )
        if done is not None:
            messages.success(request, f"{designation.person} may no longer sign for {designation.organisation}.")
            return redirect("agreement_signatories")
    return manage_form_page(
        request,
        form,
        title=f"End {designation.person}’s authority to sign",
        caption=designation.organisation.name,
        intro="Signatures they made stay as they were.",
        submit_label="End the authority",
        warning=True,
        cancel_url=reverse("agreement_signatories"),
    )
