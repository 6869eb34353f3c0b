"""Checking a copy of the Agreement's PDF, or a fingerprint, on the public verify page.

Only what is public is told: the version, the organisations that signed, who
signed for them, when, and the signature's reference. Never a signatory's
address or browser.
"""

import hashlib
import io
from dataclasses import dataclass, field

from django.conf import settings

from agreements import seal
from agreements.models import LOCKED, AgreementVersion, Rendition, RenditionStatus, Signature
from agreements.pdf import STATE_PREFIX
from partnership.dates import british_datetime


@dataclass
class Finding:
    sha256: str
    uploaded: bool
    rendition: Rendition | None = None
    version: AgreementVersion | None = None
    # The file is byte for byte the one this site issued.
    issued_here: bool = False
    # The hash entered is the fingerprint of a version's text.
    version_fingerprint: bool = False
    seals: list = field(default_factory=list)
    signatures: list = field(default_factory=list)

    @property
    def seal(self):
        return self.seals[0] if self.seals else None

    @property
    def changed_after_sealing(self):
        """The file holds bytes the seal does not cover: something was added after it was sealed.

        A change inside the sealed bytes is not this: that is `seal.altered`, and is said on its own.
        """
        check = self.seal
        return check is not None and check.coverage != "ENTIRE_FILE"

    @property
    def seal_report(self) -> list[str]:
        """What the verify page says of the seal, a sentence a line; each only where it is known to be true."""
        check = self.seal
        if check is None:
            return ["The file carries no seal."]
        sealed = f"Sealed by {check.sealed_by}"
        if check.organisation:
            sealed += f" ({check.organisation})"
        if check.signed_at:
            sealed += f" on {british_datetime(check.signed_at)}"
        lines = [f"{sealed}."]
        partnership = settings.PARTNERSHIP_NAME
        if not check.partnership_certificate:
            lines.append(f"The certificate is not {partnership}’s.")
        elif check.trusted:
            lines.append(f"The certificate is {partnership}’s.")
        elif not check.altered:
            lines.append(f"The certificate is {partnership}’s, but it could not be checked.")
        # Altered content says nothing of the certificate: pyHanko checks it only over intact content.
        if check.altered:
            lines.append("The sealed content has been altered: the seal no longer matches it.")
        else:
            lines.append("The sealed content is intact.")
        if check.added_after:
            lines.append("Something was added to the file after it was sealed.")
        elif self.changed_after_sealing:
            lines.append("Part of the file is not covered by the seal.")
        elif not check.altered:
            lines.append("Nothing was changed after sealing.")
        return lines

    @property
    def genuine(self):
        if self.uploaded:
            return self.seal is not None and self.seal.genuine and self.rendition is not None
        return self.rendition is not None or self.version_fingerprint


def _published_rendition(queryset):
    return (
        queryset.filter(status=RenditionStatus.READY, version__status__in=LOCKED)
        .select_related("version__agreement")
        .first()
    )


def _public_signatures(rendition):
    return list(
        Signature.objects.filter(renditions=rendition)
        .select_related("organisation", "person")
        .only("organisation__name", "person__name", "person__honorific", "signed_at", "reference", "version_id")
        .order_by("organisation__name")
    )


def _state_key_in(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        keywords = str((PdfReader(io.BytesIO(data)).metadata or {}).get("/Keywords", ""))
    except (PyPdfError, ValueError, KeyError, TypeError, OSError):
        return ""
    for word in keywords.split():
        if word.startswith(STATE_PREFIX):
            return word.removeprefix(STATE_PREFIX)[:64]
    return ""


def check_file(data: bytes) -> Finding:
    """What the uploaded PDF is. Raises seal.NotAPdf when it cannot be read as a PDF."""
    digest = hashlib.sha256(data).hexdigest()
    seals = seal.check_seals(data)
    finding = Finding(sha256=digest, uploaded=True, seals=seals)
    rendition = _published_rendition(Rendition.objects.filter(file_sha256=digest))
    finding.issued_here = rendition is not None
    if rendition is None:
        key = _state_key_in(data)
        rendition = _published_rendition(Rendition.objects.filter(state_key=key)) if key else None
    if rendition is not None:
        finding.rendition = rendition
        finding.version = rendition.version
        finding.signatures = _public_signatures(rendition)
    return finding


def check_hash(digest: str) -> Finding:
    """What a fingerprint belongs to: a PDF this site issued, or the text of a published version."""
    finding = Finding(sha256=digest, uploaded=False)
    rendition = _published_rendition(Rendition.objects.filter(file_sha256=digest))
    if rendition is not None:
        finding.rendition = rendition
        finding.version = rendition.version
        finding.issued_here = True
        finding.signatures = _public_signatures(rendition)
        return finding
    version = AgreementVersion.objects.published().filter(sha256=digest).select_related("agreement").first()
    if version is not None:
        finding.version = version
        finding.version_fingerprint = True
        finding.signatures = list(
            Signature.objects.filter(version=version)
            .select_related("organisation", "person")
            .only("organisation__name", "person__name", "person__honorific", "signed_at", "reference", "version_id")
            .order_by("organisation__name")
        )
    return finding
