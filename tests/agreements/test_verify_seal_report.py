"""What the verify page says of a copy's seal: genuine, altered inside the seal, added to after it, sealed by another.

Each sentence is said only where it is known to be true: a byte changed inside
the sealed range alters the content and says nothing of the certificate or of
anything added; an incremental update appended after the seal leaves the
sealed content intact.
"""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements import seal
from agreements.pdf import render_version
from partnership.dates import british_datetime

PARTNERSHIP = "West Cheshire Together"
SEALED_BY = "Sealed by Development seal — not for use (West Cheshire Together (development only))"
DEVELOPMENT = "This is a development seal, not for use."


def verify(client, data):
    return client.post(reverse("agreement_verify"), {"document": SimpleUploadedFile("copy.pdf", data)})


def finding_heading(response):
    return re.search(r'<h2 class="govuk-heading-l">(.*?)</h2>', response.content.decode()).group(1)


def seal_row(response):
    """The lines of the page's Seal row, as a reader sees them."""
    cell = re.search(r'<dd[^>]*id="seal-report">(.*?)</dd>', response.content.decode(), re.S).group(1)
    text = re.sub(r"<[^>]+>", "", cell.replace("<br>", "\n"))
    return [line.strip() for line in text.splitlines() if line.strip()]


def sealed_on(data):
    [check] = seal.check_seals(data)
    return f"{SEALED_BY} on {british_datetime(check.signed_at)}."


def signed_range(data):
    """The byte range the seal's signature covers, as the file declares it."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    [signature] = PdfFileReader(io.BytesIO(data)).embedded_signatures
    return list(signature.sig_object["/ByteRange"])


def test_a_genuine_copy_is_said_to_be_genuine_and_whole(client, issued):
    _, data = issued

    response = verify(client, data)

    assert response.status_code == 200
    assert finding_heading(response) == "This is a genuine copy"
    expected = [
        sealed_on(data),
        f"The certificate is {PARTNERSHIP}’s.",
        "The sealed content is intact.",
        "Nothing was changed after sealing.",
    ]
    assert response.context["finding"].seal_report == expected
    assert seal_row(response) == [*expected, DEVELOPMENT]


def test_a_copy_with_one_byte_changed_inside_the_seal_is_said_only_to_be_altered(client, issued):
    _, data = issued
    offset = data.index(b"stream\n") + 40
    start, first_length, second_start, second_length = signed_range(data)
    # Inside the signed range, and the range is the whole file but the signature itself.
    assert (start, second_start + second_length) == (0, len(data))
    assert offset < first_length
    tampered = bytearray(data)
    tampered[offset] ^= 0x01

    response = verify(client, bytes(tampered))

    assert response.status_code == 200
    assert finding_heading(response) == "This copy could not be confirmed"
    finding = response.context["finding"]
    assert (finding.genuine, finding.changed_after_sealing) == (False, False)
    expected = [sealed_on(data), "The sealed content has been altered: the seal no longer matches it."]
    assert finding.seal_report == expected
    assert seal_row(response) == [*expected, DEVELOPMENT]


def append_update(data: bytes) -> bytes:
    """A valid incremental update after the seal: a line of text added to the first page, in a revision of its own."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    added = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 72 Td (Not agreed) Tj ET"))
    contents = page["/Contents"]
    existing = list(contents) if isinstance(contents, generic.ArrayObject) else [contents]
    page["/Contents"] = generic.ArrayObject([*existing, added])
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_copy_with_an_update_appended_after_sealing_is_said_to_have_something_added(client, issued):
    _, data = issued
    updated = append_update(data)
    assert updated.startswith(data)
    assert updated.count(b"%%EOF") == data.count(b"%%EOF") + 1

    response = verify(client, updated)

    assert response.status_code == 200
    assert finding_heading(response) == "This copy could not be confirmed"
    finding = response.context["finding"]
    assert (finding.genuine, finding.changed_after_sealing, finding.seal.coverage) == (
        False,
        True,
        "ENTIRE_REVISION",
    )
    expected = [
        sealed_on(data),
        f"The certificate is {PARTNERSHIP}’s.",
        "The sealed content is intact.",
        "Something was added to the file after it was sealed.",
    ]
    assert finding.seal_report == expected
    assert seal_row(response) == [*expected, DEVELOPMENT]


def test_a_copy_sealed_with_another_certificate_is_said_to_have_a_certificate_not_the_partnerships(
    client, issued, settings, tmp_path
):
    rendition, _ = issued
    # The same document, printed as this site prints it, sealed by another certificate of the same name.
    unsealed = render_version(rendition.version, [], state_key=rendition.state_key).pdf
    ours = settings.AGREEMENT_SEAL_DEV_DIR
    settings.AGREEMENT_SEAL_DEV_DIR = tmp_path / "another-seal"
    forged = seal.seal_pdf(unsealed, reason="Not the partnership's seal")
    settings.AGREEMENT_SEAL_DEV_DIR = ours

    response = verify(client, forged)

    assert response.status_code == 200
    assert finding_heading(response) == "This copy could not be confirmed"
    finding = response.context["finding"]
    assert (finding.genuine, finding.issued_here, finding.rendition, finding.changed_after_sealing) == (
        False,
        False,
        rendition,
        False,
    )
    expected = [
        sealed_on(forged),
        f"The certificate is not {PARTNERSHIP}’s.",
        "The sealed content is intact.",
        "Nothing was changed after sealing.",
    ]
    assert finding.seal_report == expected
    # Not the development seal of this site, so no word of it.
    assert seal_row(response) == expected
