"""Who is asked to sign a version, who has signed, and who may sign for whom.

Nothing here is copied into rows: the organisations asked to sign a version
are computed from the organisations as they stand (every current partner that
has not given notice of withdrawal, Agreement 18.3), so an organisation that
joins later is asked too and one that withdraws is no longer asked. Reminders
(notifications.planning) use `outstanding` and `signatories_of`.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from agreements.models import AgreementVersion, Signatory, Signature, VersionStatus
from partnership.models import Organisation, Person, Withdrawal

# The statement a signatory ticks; stored word for word with each signature.
CONSENT_TEXT = (
    "I confirm that I am authorised to sign for {organisation}, that I have read {agreement}, "
    "version “{label}” (SHA-256 {sha256}), and that {organisation} agrees to it."
)


def consent_text(version: AgreementVersion, organisation: Organisation) -> str:
    return CONSENT_TEXT.format(
        organisation=organisation.name,
        agreement=version.agreement.title,
        label=version.label,
        sha256=version.sha256,
    )


def is_signable(version: AgreementVersion, on: datetime.date | None = None) -> bool:
    """Only the adopted version in force can be signed."""
    on = on or timezone.localdate()
    return version.status == VersionStatus.ADOPTED and version.is_in_force_on(on)


def asked_to_sign(on: datetime.date | None = None):
    """The organisations asked to sign a version in force on `on`: current partners that have not withdrawn."""
    on = on or timezone.localdate()
    return Organisation.objects.on(on).filter(withdrawal__isnull=True).order_by("name")


def outstanding(version: AgreementVersion, on: datetime.date | None = None) -> list[Organisation]:
    """The organisations asked to sign `version` that have not yet signed it (none unless it is in force)."""
    on = on or timezone.localdate()
    if not is_signable(version, on):
        return []
    return list(asked_to_sign(on).exclude(agreement_signatures__version=version))


def signatories_of(organisation: Organisation, on: datetime.date | None = None) -> list[Person]:
    """The people authorised to sign for `organisation` on `on` (today by default)."""
    on = on or timezone.localdate()
    return list(
        Person.objects.filter(signatory_designations__in=Signatory.objects.on(on).filter(organisation=organisation))
        .select_related("user")
        .distinct()
        .order_by("name")
    )


def designations_of(user, on: datetime.date | None = None):
    """The signatory designations of `user` in force on `on`."""
    on = on or timezone.localdate()
    if user is None or not user.is_authenticated or not user.is_active:
        return Signatory.objects.none()
    return Signatory.objects.on(on).filter(person__user=user)


def is_signatory_now(user) -> bool:
    """An authorised signatory for an organisation today (who needs a second factor: partnership.mfa)."""
    return designations_of(user).exists()


def organisations_to_sign_for(user, version: AgreementVersion, on: datetime.date | None = None):
    """The organisations `user` may sign `version` for now: theirs, asked, and not yet signed."""
    on = on or timezone.localdate()
    if not is_signable(version, on):
        return Organisation.objects.none()
    return (
        asked_to_sign(on)
        .filter(signatories__in=designations_of(user, on))
        .exclude(agreement_signatures__version=version)
        .distinct()
    )


def state_key(version: AgreementVersion, signatures) -> str:
    """The state a rendition shows: the version's hash and the set of its signatures."""
    references = sorted(signature.reference for signature in signatures)
    material = "\n".join([version.sha256 or "", *references])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass
class Party:
    """One organisation's line on a version's signatories page or dashboard."""

    organisation: Organisation
    signature: Signature | None = None
    withdrawal: Withdrawal | None = None

    @property
    def signed(self):
        return self.signature is not None


def signatures_of(version: AgreementVersion):
    return (
        Signature.objects.filter(version=version)
        .select_related("organisation", "person")
        .order_by("organisation__name")
    )


def parties(version: AgreementVersion, on: datetime.date | None = None) -> list[Party]:
    """Every organisation on the version's signatories page: those who signed and those asked. Two queries."""
    on = on or timezone.localdate()
    signed = {s.organisation_id: s for s in signatures_of(version)}
    asked = asked_to_sign(on) if is_signable(version, on) else Organisation.objects.none()
    organisations = {o.pk: o for o in asked}
    for signature in signed.values():
        organisations.setdefault(signature.organisation_id, signature.organisation)
    return [
        Party(organisation=organisation, signature=signed.get(pk))
        for pk, organisation in sorted(organisations.items(), key=lambda item: item[1].name)
    ]


@dataclass
class Dashboard:
    version: AgreementVersion
    signed: list[Party]
    outstanding: list[Party]
    withdrawn: list[Party]


def dashboard(version: AgreementVersion, on: datetime.date | None = None) -> Dashboard:
    """Who has signed `version`, who is outstanding (with their signatories), and who withdrew. Fixed queries."""
    on = on or timezone.localdate()
    everyone = parties(version, on)
    waiting = [p for p in everyone if not p.signed]
    designations = Signatory.objects.on(on).select_related("person").order_by("person__name")
    by_org = {
        o.pk: o
        for o in Organisation.objects.filter(pk__in=[p.organisation.pk for p in waiting]).prefetch_related(
            Prefetch("signatories", queryset=designations, to_attr="current_signatories")
        )
    }
    for party in waiting:
        party.organisation = by_org[party.organisation.pk]
    withdrawn = []
    if version.takes_effect is not None:
        signed_ids = {p.organisation.pk for p in everyone if p.signed}
        withdrawals = (
            Withdrawal.objects.filter(effective_on__gte=version.takes_effect)
            .exclude(organisation_id__in=signed_ids)
            .select_related("organisation")
            .order_by("organisation__name")
        )
        withdrawn = [Party(organisation=w.organisation, withdrawal=w) for w in withdrawals]
    return Dashboard(
        version=version, signed=[p for p in everyone if p.signed], outstanding=waiting, withdrawn=withdrawn
    )
