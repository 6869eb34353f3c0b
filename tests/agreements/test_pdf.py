"""The sealed PDF of a version: printed from the text whose hash is stored, sealed, rendered once per state."""

import hashlib
import io

from pypdf import PdfReader

from agreements import rendering, renditions, seal
from agreements.canonical import canonical_text, current_hash
from agreements.models import Rendition, RenditionStatus
from agreements.pdf import ATTACHMENT_NAME
from tests.agreements.factories import designate, sign
from tests.factories import OrganisationFactory


def rendered(version):
    rendition = renditions.request_rendition(version)
    rendering.render(rendition.pk)
    rendition.refresh_from_db()
    assert (rendition.status, rendition.error) == (RenditionStatus.READY, "")
    with rendition.file.open("rb") as handle:
        return rendition, handle.read()


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_is_printed_from_the_text_whose_hash_is_stored(cast, signed):
    version, _ = signed
    assert current_hash(version) == version.sha256 == current_hash(version)

    rendition, data = rendered(version)

    reader = PdfReader(io.BytesIO(data))
    attached = reader.attachments[ATTACHMENT_NAME][0]
    assert attached.decode("utf-8") == canonical_text(version)
    assert hashlib.sha256(attached).hexdigest() == version.sha256
    text = pdf_text(data)
    assert version.sha256 in text
    for label in ("1 Introduction", "2 Meetings", "3 Review", "Papers go out a week before the meeting."):
        assert label in text
    assert rendition.content_sha256 == version.sha256
    assert rendition.file_sha256 == hashlib.sha256(data).hexdigest()
    assert rendition.pages == len(reader.pages)
    assert f"Page 1 of {len(reader.pages)}" in text
    # Archival and tagged for screen readers.
    assert "/MarkInfo" in reader.trailer["/Root"]
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    # pyHanko rewrites the XMP packet when it seals, and keeps the PDF/A identification in it.
    assert b'pdfaid:part="3"' in metadata
    assert b'pdfaid:conformance="A"' in metadata


def test_the_signatories_page_names_who_signed_and_leaves_the_others_blank(cast, signed):
    version, signature = signed

    _, data = rendered(version)

    last = PdfReader(io.BytesIO(data)).pages[-1].extract_text()
    assert "for Cheshire Fire Authority" in last
    assert "for Cheshire Police Authority" in last
    assert f"Signature reference {signature.reference}" in last
    assert "Signed: Mel Morris" in last
    assert last.count("Signature reference") == 1
    # Never the signatory's evidence.
    assert signature.ip_address not in pdf_text(data)
    assert signature.user_agent not in pdf_text(data)


def test_the_seal_validates_against_the_configured_certificate_and_fails_after_one_byte_changes(cast, signed):
    version, _ = signed
    _, data = rendered(version)

    [check] = seal.check_seals(data)
    assert check.genuine
    assert (check.intact, check.valid, check.trusted, check.coverage) == (True, True, True, "ENTIRE_FILE")
    assert check.sealed_by == seal.DEV_COMMON_NAME
    assert check.development is True

    tampered = bytearray(data)
    # One byte inside the first stream of the sealed revision: the file still parses, the digest no longer matches.
    offset = data.index(b"stream\n") + 40
    tampered[offset] ^= 0x01
    [after] = seal.check_seals(bytes(tampered))
    assert after.intact is False
    assert after.genuine is False


def test_the_same_state_is_rendered_once_and_a_new_signature_makes_a_new_one(cast, signed):
    version, _ = signed
    first, _ = rendered(version)

    assert renditions.request_rendition(version) == first
    assert rendering.render(first.pk) is None
    assert Rendition.objects.count() == 1

    fire = OrganisationFactory._meta.model.objects.get(name="Cheshire Fire Authority")
    designate(cast, cast.chair, fire)
    sign(version, cast.chair, fire)
    second = renditions.request_rendition(version)
    assert second != first
    assert second.status == RenditionStatus.PENDING
    assert sorted(s.organisation.name for s in second.signatures.all()) == [
        "Cheshire Fire Authority",
        "Cheshire Police Authority",
    ]


def test_a_request_queues_the_task_on_commit(cast, signed, django_capture_on_commit_callbacks, monkeypatch):
    version, _ = signed
    queued = []
    monkeypatch.setattr("agreements.tasks.render_rendition.delay", queued.append)

    with django_capture_on_commit_callbacks(execute=True):
        rendition = renditions.request_rendition(version)
    with django_capture_on_commit_callbacks(execute=True):
        renditions.request_rendition(version)

    assert queued == [rendition.pk]


def test_a_failed_render_is_recorded_and_tried_again(cast, signed, monkeypatch):
    version, _ = signed

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(rendering, "seal_pdf", broken)
    rendition = renditions.request_rendition(version)
    rendering.render(rendition.pk)
    rendition.refresh_from_db()
    assert (rendition.status, rendition.error, rendition.attempts) == (RenditionStatus.FAILED, "OSError: disk full", 1)

    monkeypatch.undo()
    rendering.render(rendition.pk)
    rendition.refresh_from_db()
    assert (rendition.status, rendition.attempts) == (RenditionStatus.READY, 2)
