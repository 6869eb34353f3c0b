"""The PDF of a version: title page, contents, numbered clauses, annexes and the signatories page.

WeasyPrint renders it as archival PDF/A-3a, tagged for screen readers, with
the version's canonical text (agreements.canonical) attached as
canonical-text.txt: the PDF's clauses are rendered from the very records the
attachment is made from, so anyone can check the attachment's SHA-256 against
the hash on the title page. agreements.seal then seals the file.
"""

import datetime
import hashlib
import io
import re
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string

from agreements import signing
from agreements.canonical import canonical_text, load_tree
from agreements.models import AgreementVersion, Clause
from partnership.dates import british_date

PDF_VARIANT = "pdf/a-3a"
ATTACHMENT_NAME = "canonical-text.txt"
STATE_PREFIX = "agreement-state:"


class _NoFetching:
    """Fetch nothing from outside: the template uses no remote resource, and must not start to."""

    def __call__(self, url, *args, **kwargs):
        raise ValueError(f"The Agreement's PDF does not fetch {url}")


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    html: str


def signatories_section(sections):
    """The section the signatures are written into: the one headed "Signatories…", if the version has one."""
    for section in sections:
        if "signator" in section.heading.lower():
            return section
    return None


def build_html(version: AgreementVersion, signatures, *, state_key: str, clauses=None) -> str:
    """The HTML the PDF is printed from (from `clauses`, the version's clauses, when given)."""
    if clauses is None:
        clauses = list(Clause.objects.filter(version=version))
    sections, annexes = load_tree(version, clauses)
    by_org = {s.organisation_id: s for s in signatures}
    parties = [
        signing.Party(organisation=party.organisation, signature=by_org.get(party.organisation.pk))
        for party in signing.parties(version)
    ]
    # A signature of an organisation no longer asked (it withdrew after signing) still stands on the page.
    listed = {p.organisation.pk for p in parties}
    parties += [
        signing.Party(organisation=s.organisation, signature=s) for s in signatures if s.organisation_id not in listed
    ]
    parties.sort(key=lambda p: p.organisation.name)
    context = {
        "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
        "version": version,
        "sections": sections,
        "annexes": annexes,
        "signatories_section": signatories_section(sections),
        "parties": parties,
        "signed_count": sum(1 for p in parties if p.signature),
        "state_key": state_key,
        "state_keyword": STATE_PREFIX + state_key,
        "takes_effect": british_date(version.takes_effect) if version.takes_effect else "",
        "last_day": british_date(version.last_day_in_force) if version.superseded_on else "",
        "review_due": british_date(version.review_due) if version.review_due else "",
        "adopted_on": british_date(version.adopted_at.starts_at) if version.adopted_at_id else "",
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    return render_to_string("agreements/pdf/document.html", context)


def write_pdf(html: str, *, attachment_text: str | None = None) -> Rendered:
    """Print `html` with WeasyPrint as tagged PDF/A-3a."""
    from weasyprint import CSS, HTML, Attachment

    fetcher = _NoFetching()
    css = CSS(string=render_to_string("agreements/pdf/document.css"), url_fetcher=fetcher)
    document = HTML(string=html, base_url=settings.SITE_URL, url_fetcher=fetcher).render(stylesheets=[css])
    attachments = []
    if attachment_text is not None:
        attachments.append(
            Attachment(
                file_obj=io.BytesIO(attachment_text.encode("utf-8")),
                name=ATTACHMENT_NAME,
                description="The canonical text of this version, whose SHA-256 is on the title page",
                relationship="Source",
                created=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
                modified=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
            )
        )
    with warnings.catch_warnings():
        # WeasyPrint opens its sRGB profile for PDF/A and leaves the closing to the garbage collector.
        warnings.simplefilter("ignore", ResourceWarning)
        pdf = document.write_pdf(
            pdf_variant=PDF_VARIANT,
            pdf_tags=True,
            attachments=attachments,
            custom_metadata=True,
            # Added below from the bytes written: WeasyPrint's own serialises and compresses every object a
            # second time only to hash them.
            pdf_identifier=False,
        )
    return Rendered(pdf=with_identifier(pdf), pages=len(document.pages), html=html)


_LAST_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


def with_identifier(pdf: bytes) -> bytes:
    """`pdf` with the file identifier PDF/A asks of its trailer (/ID), the MD5 of the file, as WeasyPrint writes it.

    WeasyPrint ends the file with a cross-reference stream whose dictionary is the trailer; the entry
    goes into that dictionary, after every offset the file records, so none of them moves.
    """
    last = _LAST_XREF.search(pdf, max(0, len(pdf) - 64))
    start = int(last[1]) if last else -1
    opening = pdf.find(b"<<", start) if start >= 0 else -1
    closing = pdf.find(b">>", opening)
    if opening < 0 or closing < 0 or b"/Type /XRef" not in pdf[opening:closing] or b"/ID" in pdf[opening:closing]:
        raise ValueError("WeasyPrint's PDF does not end as expected: no cross-reference stream to identify it in")
    digest = hashlib.md5(pdf, usedforsecurity=False).hexdigest().encode()
    entry = b"/ID [(" + digest + b") (" + digest + b")]"
    return pdf[: opening + 2] + entry + pdf[opening + 2 :]


def render_version(version: AgreementVersion, signatures, *, state_key: str, clauses=None, text=None) -> Rendered:
    """The unsealed PDF of `version` with `signatures` on its signatories page.

    `clauses` and `text` (its canonical text), when given, are those the caller checked against the
    stored hash: the PDF is printed from them, not from the records read again.
    """
    if clauses is None:
        clauses = list(Clause.objects.filter(version=version))
    html = build_html(version, signatures, state_key=state_key, clauses=clauses)
    return write_pdf(html, attachment_text=canonical_text(version, clauses) if text is None else text)
