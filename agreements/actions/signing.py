"""Authorised signatories, and signing the version in force for an organisation (Agreement 24).

Each action is one durable transaction with a keyword-only actor `by`; signatures and the signing log are
append-only. Signing is the exception: a refused signing is logged in a transaction of its own, so
`sign_version` is not one transaction itself, and the signature is written in `_record_signature`'s.
"""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from agreements import identity, reminders, signing
from agreements.models import (
    AgreementVersion,
    Signatory,
    Signature,
    SigningEvent,
    SigningEventKind,
    VersionStatus,
)
from partnership.audit import validated_save
from partnership.dates import british_date
from partnership.models import Organisation, Person, User


def _signing_context(version=None, organisation=None, ip_address=None, user_agent=""):
    return {
        "version": version,
        "organisation": organisation,
        "ip_address": ip_address or None,
        "user_agent": (user_agent or "")[:1000],
    }


@transaction.atomic(durable=True)
def designate_signatory(*, by: User, organisation: Organisation, person: Person, start: datetime.date) -> Signatory:
    """Authorise `person` to sign the Agreement for `organisation` from `start`."""
    signatory = validated_save(
        Signatory(
            organisation=organisation, person=person, start=start, designated_by=by, designated_at=timezone.now()
        ),
        by,
    )
    identity.record(
        SigningEventKind.DESIGNATED,
        user=by,
        organisation=organisation,
        signatory=signatory,
        detail=f"{person.full_name} may sign for {organisation.name} from {british_date(start)}.",
    )
    for version in AgreementVersion.objects.filter(status=VersionStatus.ADOPTED).select_related("agreement"):
        if version.is_in_force_on(timezone.localdate()):
            reminders.plan_signatures(version)
    return signatory


@transaction.atomic(durable=True)
def end_signatory(signatory: Signatory, *, by: User, end: datetime.date) -> Signatory:
    """End a signatory's authority on `end` (their last day)."""
    signatory = Signatory.objects.select_for_update().get(pk=signatory.pk)
    if signatory.end is not None:
        raise ValidationError(f"This authority already ended on {british_date(signatory.end)}.")
    if end < signatory.start:
        raise ValidationError({"end": f"The authority cannot end before it began ({british_date(signatory.start)})."})
    signatory.end = end
    signatory.ended_by = by
    signatory.ended_at = timezone.now()
    validated_save(signatory, by)
    identity.record(
        SigningEventKind.DESIGNATION_ENDED,
        user=by,
        organisation=signatory.organisation,
        signatory=signatory,
        detail=f"{signatory.person.full_name} may sign for {signatory.organisation.name} until {british_date(end)}.",
    )
    return signatory


def _refuse(message, *, by, context, field=None):
    """Log a refused signing, committed on its own, then refuse it."""
    identity.record(SigningEventKind.REFUSED, user=by, detail=message, **context)
    raise ValidationError({field: message} if field else message)


def _new_reference(version):
    return f"S{version.pk}-{secrets.token_hex(4).upper()}"


# No transaction here: a refusal must stay in the signing log although the signing fails, so each is
# committed on its own (identity.record); the signature is written in _record_signature's durable one.
def sign_version(
    version: AgreementVersion,
    *,
    by: User,
    organisation: Organisation,
    password: str,
    code: str = "",
    passkey: bool = False,
    consented: bool,
    read_sha256: str,
    ip_address: str | None,
    user_agent: str,
) -> Signature:
    """Sign the version in force for `organisation`: the signatory confirms who they are, reads, consents and signs.

    Who they are: the password and, for a person with a second factor, its `code` or `passkey` (True when they
    confirmed themselves with a passkey a moment ago: partnership.passkeys.take_step_up) (agreements.identity).

    Each refusal (wrong password, not a signatory, already signed...) is kept
    in the signing log; the signature and its log entry are written in one
    transaction.
    """
    context = _signing_context(version, organisation, ip_address, user_agent)
    if not signing.is_signable(version):
        _refuse(f"“{version.label}” is not the version in force, so it cannot be signed.", by=by, context=context)
    designation = signing.designations_of(by).filter(organisation=organisation).order_by("-start").first()
    if designation is None or not signing.asked_to_sign().filter(pk=organisation.pk).exists():
        _refuse(f"You are not an authorised signatory for {organisation.name}.", by=by, context=context)
    if Signature.objects.filter(version=version, organisation=organisation).exists():
        _refuse(f"{organisation.name} has already signed “{version.label}”.", by=by, context=context)
    if read_sha256 != version.sha256:
        _refuse("The text you read is not the adopted text: reload the page and read it again.", by=by, context=context)
    if not consented:
        raise ValidationError({"consent": "Tick the box to confirm that you agree, or leave the page without signing."})
    confirmation = identity.confirm_identity(by, password=password, code=code, passkey=passkey, context=context)
    if not confirmation.confirmed:
        raise ValidationError({confirmation.field: confirmation.error})
    return _record_signature(version, designation, by=by, context=context, method=confirmation.method)


@transaction.atomic(durable=True)
def _record_signature(version, designation, *, by, context, method) -> Signature:
    # Two signatories of one organisation signing at once: the row lock lets one in, the constraint stops the other.
    version = AgreementVersion.objects.select_for_update().select_related("agreement").get(pk=version.pk)
    organisation = designation.organisation
    if (
        not signing.is_signable(version)
        or Signature.objects.filter(version=version, organisation=organisation).exists()
    ):
        raise ValidationError(f"{organisation.name} has already signed “{version.label}”, or it is no longer in force.")
    signature = Signature(
        version=version,
        organisation=organisation,
        person=designation.person,
        user=by,
        signatory=designation,
        signed_at=timezone.now(),
        content_sha256=version.sha256,
        reference=_new_reference(version),
        ip_address=context["ip_address"],
        user_agent=context["user_agent"],
        consent_text=signing.consent_text(version, organisation),
        method=method,
    )
    signature.full_clean()
    signature.save()
    event = SigningEvent(kind=SigningEventKind.SIGNED, user=by, signature=signature, **context)
    event.detail = f"{designation.person.full_name} signed for {organisation.name} ({signature.reference})."
    event.full_clean()
    event.save()
    reminders.signed(version, organisation)
    return signature
