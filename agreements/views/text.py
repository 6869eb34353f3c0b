"""Pages of the Agreement's text: the text in force, every version, a comparison."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from agreements import signing
from agreements.compare import compare_versions, summary
from agreements.forms.text import CompareForm, OnDateForm
from agreements.models import Agreement, AgreementVersion
from agreements.policies import can_comment_on, versions_visible_to
from agreements.views.pages import ORDER, document
from partnership.date_input import date_given
from partnership.pages import page_of
from partnership.public_cache import public_page

# Versions a page of the list shows: one a year or so, kept for ever.
VERSIONS_PER_PAGE = 25


def get_version_for(user, pk) -> AgreementVersion:
    """The version, if `user` may see it; the same 404 for a draft as for no version."""
    queryset = AgreementVersion.objects.select_related(
        "agreement", "adopted_at__body", "adopted_by_decision__item", "based_on"
    )
    return get_object_or_404(versions_visible_to(user, queryset), pk=pk)


@public_page
@require_safe
def agreement_in_force(request):
    """The framework's Agreement as in force today, or on ?on=YYYY-MM-DD."""
    form = OnDateForm(request.GET if date_given(request.GET, "on") else None)
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
        context.update(document(version))
    return render(request, "agreements/in_force.html", context, status=status)


@public_page
@require_safe
def version_list(request):
    """Every adopted and superseded version; drafts too, for the secretariat."""
    versions = versions_visible_to(
        request.user, AgreementVersion.objects.select_related("agreement", "adopted_at__body")
    ).order_by(*ORDER)
    page = page_of(request, versions, VERSIONS_PER_PAGE)
    return render(request, "agreements/versions.html", {"versions": page.object_list, "page_obj": page})


@public_page
@require_safe
def version_detail(request, pk):
    version = get_version_for(request.user, pk)
    context = document(version)
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


@public_page
@require_safe
def compare(request):
    """A redline between two versions: ?from=<id>&to=<id>."""
    versions = versions_visible_to(request.user, AgreementVersion.objects.select_related("agreement")).order_by(*ORDER)
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
