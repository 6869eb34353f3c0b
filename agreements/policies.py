"""Who may see and change versions of an agreement, and who may comment on a draft.

Adopted and superseded versions are public; drafts are the secretariat's
until adopted. A draft out for consultation is also shown, until its closing
date, to the partners who may comment on it. Each predicate has a queryset
twin; tests check that they agree.

Who may comment: a partner, that is a signed-in, active person who today
either holds a membership of a constituent body (any role: membership means
accepting the Agreement, Agreement 6.5) or is an authorised signatory of a
partner organisation (who signs it for their organisation, Agreement 24).
The secretariat runs the consultation and decides on the comments; it does
not comment unless its officer is also a partner in one of those ways.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from agreements import signing
from agreements.models import LOCKED, AgreementVersion, Signatory, VersionStatus
from bodies.models import Membership
from partnership.models import Person
from partnership.policies import is_secretariat, rule


def partners(on: datetime.date | None = None):
    """The people who may comment on a draft on `on`: members of a body and authorised signatories, with a login."""
    on = on or timezone.localdate()
    return Person.objects.filter(user__is_active=True).filter(
        Exists(Membership.objects.on(on).filter(person=OuterRef("pk")))
        | Exists(Signatory.objects.on(on).filter(person=OuterRef("pk")))
    )


def is_partner(user, on: datetime.date | None = None) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return partners(on).filter(user=user).exists()


@rule("agreements.view_version")
def can_view_version(user, version: AgreementVersion):
    if version is None:
        return False
    return version.status in LOCKED or is_secretariat(user) or can_comment_on(user, version)


def versions_visible_to(user, queryset=None):
    """The queryset twin of agreements.view_version."""
    queryset = AgreementVersion.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    return queryset.filter(Q(status__in=LOCKED) | Q(pk__in=versions_commentable_by(user).values("pk")))


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


# Consultation


@rule("agreements.comment")
def can_comment_on(user, version: AgreementVersion):
    """A partner comments on a version while it is out for consultation, up to and including its closing date."""
    return version is not None and version.is_open_for_comment() and is_partner(user)


def versions_commentable_by(user, queryset=None):
    """The queryset twin of agreements.comment."""
    queryset = AgreementVersion.objects.all() if queryset is None else queryset
    if not is_partner(user):
        return queryset.none()
    return queryset.filter(status=VersionStatus.CONSULTATION, consultation_closes_on__gte=timezone.localdate())


def versions_in_consultation_for(user, queryset=None):
    """Versions out for consultation, open or past their closing date, that a partner may ask to comment on.

    The comment page uses it, so that a partner who follows a link after the
    closing date is told the consultation has closed rather than shown a 404.
    """
    queryset = AgreementVersion.objects.all() if queryset is None else queryset
    if not is_partner(user):
        return queryset.none()
    return queryset.filter(status=VersionStatus.CONSULTATION)


@rule("agreements.decide_comments")
def can_decide_comments(user, obj=None):
    """The secretariat runs consultations and decides on each comment."""
    return is_secretariat(user)
