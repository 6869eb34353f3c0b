"""The rendition does its work once: the file identifier from the bytes written, the seal's key read once per process."""

import hashlib
import io

import pytest
from cryptography.hazmat.primitives import serialization
from pypdf import PdfReader

from agreements import seal
from agreements.pdf import with_identifier, write_pdf

HTML = "<html lang='en'><head><title>Agreement</title></head><body><h1>Agreement</h1><p>Clause one.</p></body></html>"


def test_the_pdf_carries_the_file_identifier_pdf_a_asks_for_and_the_seal_keeps_its_first_half(db):
    pdf = write_pdf(HTML, attachment_text="The text\n").pdf
    digest = hashlib.md5(pdf.replace(pdf[pdf.rindex(b"/ID [") : pdf.rindex(b")]") + 2], b""), usedforsecurity=False)

    assert PdfReader(io.BytesIO(pdf)).trailer["/ID"] == [digest.hexdigest(), digest.hexdigest()]
    sealed = PdfReader(io.BytesIO(seal.seal_pdf(pdf, reason="test")))
    assert sealed.trailer["/ID"][0] == digest.hexdigest()
    assert sealed.trailer["/ID"][1] != digest.hexdigest()


def test_a_pdf_that_does_not_end_with_a_cross_reference_stream_is_refused_not_half_identified():
    with pytest.raises(ValueError, match="no cross-reference stream"):
        with_identifier(b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n")


def test_the_seals_key_is_read_once_per_process_and_again_for_a_new_certificate(db, settings, tmp_path, monkeypatch):
    settings.AGREEMENT_SEAL_DEV_DIR = tmp_path / "seal"
    parsed = []
    parse = serialization.load_der_private_key
    monkeypatch.setattr(serialization, "load_der_private_key", lambda *a, **k: parsed.append(1) or parse(*a, **k))
    pdf = write_pdf(HTML).pdf

    first = seal.seal_pdf(pdf, reason="first")
    second = seal.seal_pdf(pdf, reason="second")

    assert len(parsed) == 1  # once, not twice for each seal (its size, then the signature)
    assert seal.seal_signer() is seal.seal_signer()
    old = seal.seal_signer()
    seal.make_dev_seal(replace=True)
    assert seal.seal_signer() is not old
    renewed = seal.seal_pdf(pdf, reason="renewed")
    assert [check.genuine for data in (renewed,) for check in seal.check_seals(data)] == [True]
    assert [check.genuine for data in (first, second) for check in seal.check_seals(data)] == [False, False]
