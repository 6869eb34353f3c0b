"""Who may see and change versions of an agreement.

Adopted and superseded versions are public; drafts (and versions out for
consultation) are the secretariat's until adopted. Each predicate has a
queryset twin; tests check that they agree.
"""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from agreements import signing
from agreements.models import LOCKED, AgreementVersion, VersionStatus
from partnership.policies import is_secretariat, rule


@rule("agreements.view_version")
def can_view_version(user, version: AgreementVersion):
    if version is None:
        return False
    return version.status in LOCKED or is_secretariat(user)


def versions_visible_to(user, queryset=None):
    """The queryset twin of agreements.view_version."""
    queryset = AgreementVersion.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    return queryset.filter(status__in=LOCKED)


@rule("agreements.manage")
def can_manage_agreements(user, obj=None):
    """The secretariat drafts versions and records their adoption."""
    return is_secretariat(user)


@rule("agreements.edit_version")
def can_edit_version(user, version: AgreementVersion):
    """Only a version not yet adopted is edited, and only by the secretariat."""
    return version is not None and is_secretariat(user) and version.status not in LOCKED


def versions_editable_by(user, queryset=None):
    """The queryset twin of agreements.edit_version."""
    queryset = AgreementVersion.objects.all() if queryset is None else queryset
    if not is_secretariat(user):
        return queryset.none()
    return queryset.exclude(status__in=LOCKED)


# Signing


@rule("agreements.sign")
def can_sign(user, version: AgreementVersion):
    """An authorised signatory signs the version in force, for an organisation of theirs that has not yet signed."""
    return version is not None and signing.organisations_to_sign_for(user, version).exists()


def versions_signable_by(user, queryset=None):
    """The queryset twin of agreements.sign."""
    queryset = AgreementVersion.objects.all() if queryset is None else queryset
    today = timezone.localdate()
    designations = signing.designations_of(user, today)
    if not designations.exists():
        return queryset.none()
    organisations = signing.asked_to_sign(today).filter(signatories__in=designations)
    return (
        queryset.in_force_on(today)
        .filter(status=VersionStatus.ADOPTED)
        .filter(Exists(organisations.exclude(agreement_signatures__version=OuterRef("pk"))))
    )


@rule("agreements.manage_signatories")
def can_manage_signatories(user, obj=None):
    """The secretariat designates signatories and follows who has signed."""
    return is_secretariat(user)
