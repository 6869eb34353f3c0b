"""Helpers the Agreement's pages share: the order of versions, the form page, a version and its document."""

import functools

from django.contrib import messages
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from agreements.canonical import fingerprint, load_tree
from agreements.models import AgreementVersion, Clause
from partnership.pages import form_page

ORDER = ["agreement__title", "agreement_id", F("takes_effect").desc(nulls_first=True), "-pk"]
manage_form_page = functools.partial(form_page, section="manage")


def posted(request):
    return request.POST if request.method == "POST" else None


def document(version):
    clauses = list(Clause.objects.filter(version=version))
    sections, annexes = load_tree(version, clauses)
    return {
        "version": version,
        "sections": sections,
        "annexes": annexes,
        "contents": sections + annexes,
        "fingerprint": fingerprint(version, clauses),
    }


def get_version(pk):
    return get_object_or_404(AgreementVersion.objects.select_related("agreement"), pk=pk)


def manage_url(version):
    return reverse("agreement_version_manage", args=[version.pk])


def refused(request, version):
    """A locked version is not edited: say so on its page."""
    messages.error(request, f"“{version.label}” was adopted and cannot be changed. Start a new draft from it instead.")
    return redirect(manage_url(version))
