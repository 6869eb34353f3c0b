"""The words of an uploaded paper (meetings.extraction): read from a PDF, a Word or an OpenDocument file, and
never an error, whatever the file holds: a damaged, encrypted or oversized file gives no text."""

import io
import logging
import struct
import time
import zipfile

import pytest
from pypdf import PdfReader, PdfWriter

from meetings import extraction
from meetings.extraction import extract_text, tidy
from meetings.uploads import DOC, DOCX, ODT, PDF
from tests.meetings.papers import make_doc, make_pdf

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _zip(parts: dict[str, bytes | str], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_xml(body: str) -> str:
    return f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'


def docx(body: str) -> bytes:
    """A Word document whose word/document.xml has `body` (WordprocessingML) in its body."""
    return _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": docx_xml(body)})


def odt(body: str) -> bytes:
    """An OpenDocument text whose content.xml has `body` in its office:text."""
    content = (
        f'<office:document-content xmlns:office="{OFFICE}" xmlns:text="{TEXT}">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    return _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content})


def read(data: bytes, content_type: str) -> str:
    """Extract from a file as an upload hands it over, and check it is left at its start."""
    file = io.BytesIO(data)
    file.seek(len(data) // 2)
    text = extract_text(file, content_type)
    assert file.tell() == 0
    return text


# What is read


def test_the_text_of_a_pdf_is_read_page_by_page():
    text = read(make_pdf("Housing strategy 2009", "Appendix on affordable homes"), PDF)
    assert text.split("\n\n") == ["Housing strategy 2009", "Appendix on affordable homes"]


def test_the_text_of_a_word_document_is_read_paragraph_by_paragraph():
    body = (
        "<w:p><w:r><w:t>The Transport</w:t></w:r><w:r><w:t> Plan</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Cycle</w:t><w:tab/><w:t>lanes</w:t><w:br/><w:t>along the towpath</w:t></w:r></w:p>"
    )
    assert read(docx(body), DOCX) == "The Transport Plan\nCycle\tlanes\nalong the towpath"


def test_the_text_of_an_opendocument_file_is_read_paragraph_by_paragraph():
    body = (
        "<text:h>Community safety</text:h>"
        '<text:p>Street<text:s text:c="3"/>lighting <text:span>in the</text:span> parks<text:line-break/>'
        "and<text:tab/>car parks</text:p>"
    )
    assert read(odt(body), ODT) == "Community safety\nStreet   lighting in the parks\nand\tcar parks"


def test_a_word_97_document_and_an_unknown_type_are_not_read():
    assert read(make_doc(), DOC) == ""
    assert read(b"Plain words", "text/plain") == ""


# What gives no text, without an error


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (b"%PDF-1.4\n" + b"\x00\xff garbage " * 200, PDF),
        (make_pdf("Housing strategy")[:60], PDF),
        (b"", PDF),
        (b"PK\x03\x04 not really a zip", DOCX),
        (_zip({"[Content_Types].xml": "<Types/>"}), DOCX),
        (_zip({"word/document.xml": "<w:document><w:body>unclosed"}), DOCX),
        (_zip({"content.xml": "<office:document-content"}), ODT),
        (b"\xd0\xcf\x11\xe0 not an OpenDocument file", ODT),
    ],
    ids=[
        "pdf-garbage",
        "pdf-truncated",
        "pdf-empty",
        "docx-not-a-zip",
        "docx-without-document-xml",
        "docx-broken-xml",
        "odt-broken-xml",
        "odt-not-a-zip",
    ],
)
def test_a_damaged_file_gives_no_text(caplog, data, content_type):
    with caplog.at_level(logging.WARNING, logger="meetings.extraction"):
        assert read(data, content_type) == ""
    # The failure is logged, for whoever wonders why a paper is not found by its words.
    assert [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "meetings.extraction"] == [
        (logging.WARNING, f"Could not read the text of an uploaded {content_type}")
    ]


def test_an_encrypted_pdf_gives_no_text():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Secret tender scores"))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    encrypted = buffer.getvalue()
    assert PdfReader(io.BytesIO(encrypted)).is_encrypted
    assert b"Secret" not in encrypted
    # Even with an empty password, which any reader could open.
    assert read(encrypted, PDF) == ""


def _declare_size(data: bytes, name: str, size: int) -> bytes:
    """The zip `data` with `name`'s uncompressed size in the central directory made `size`."""
    data = bytearray(data)
    # The end of central directory record says where the central directory starts.
    position = struct.unpack_from("<I", data, data.rindex(b"PK\x05\x06") + 16)[0]
    while True:
        assert data[position : position + 4] == b"PK\x01\x02"
        name_length = struct.unpack_from("<H", data, position + 28)[0]
        if data[position + 46 : position + 46 + name_length] == name.encode():
            struct.pack_into("<I", data, position + 24, size)
            return bytes(data)
        extra, comment = struct.unpack_from("<HH", data, position + 30)
        position += 46 + name_length + extra + comment


def test_a_word_document_declaring_a_huge_part_is_refused_by_its_declared_size():
    small = docx("<w:p><w:r><w:t>Bomb</w:t></w:r></w:p>")
    bomb = _declare_size(small, "word/document.xml", 4_000_000_000)
    assert zipfile.ZipFile(io.BytesIO(bomb)).getinfo("word/document.xml").file_size == 4_000_000_000
    assert read(small, DOCX) == "Bomb"
    assert read(bomb, DOCX) == ""


def test_a_zip_bomb_is_refused_before_it_is_unzipped():
    size = extraction.MAX_PART_BYTES + 1024
    paragraph = "<w:p><w:r><w:t>boom</w:t></w:r></w:p>"
    body = paragraph * (size // len(paragraph) + 1)
    bomb = _zip({"word/document.xml": docx_xml(body)})
    # A few kilobytes that unzip to more than the limit.
    assert len(bomb) < size // 100
    started = time.perf_counter()
    assert read(bomb, DOCX) == ""
    assert time.perf_counter() - started < 5


def test_a_part_over_the_limit_or_holding_more_than_it_declares_is_refused(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_PART_BYTES", 2_000)
    honest = docx("<w:p><w:r><w:t>" + "word " * 1_000 + "</w:t></w:r></w:p>")
    assert read(honest, DOCX) == ""
    monkeypatch.setattr(extraction, "MAX_PART_BYTES", 20 * 1024 * 1024)
    assert read(honest, DOCX).startswith("word word")
    # It declares 100 bytes: zipfile reads no more than that, and the part cut short fails its checksum.
    assert read(_declare_size(honest, "word/document.xml", 100), DOCX) == ""


def test_an_xml_entity_bomb_is_refused():
    laughs = '<!DOCTYPE w:document [<!ENTITY a "lol"> ' + " ".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    document = f'<?xml version="1.0"?>{laughs}]><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&j;</w:t></w:r></w:p></w:body></w:document>'
    started = time.perf_counter()
    assert read(_zip({"word/document.xml": document}), DOCX) == ""
    assert time.perf_counter() - started < 5


# What is kept of the text


def test_control_characters_are_taken_out():
    assert tidy("Item\x02 four\x03 of\x00 the\x07 agenda\x1b\x7f\tends\nhere") == (
        "Item  four  of  the  agenda  \tends\nhere"
    )
    # The search engines' two markers (search.engines.START, STOP) never reach the index from a paper.
    text = read(make_pdf("Marked \x02words\x03 here"), PDF)
    assert text.startswith("Marked")
    assert text.endswith("here")
    assert not {"\x02", "\x03"} & set(text)


def test_line_ends_and_blank_lines_are_made_one_convention():
    assert tidy("  One\r\nTwo  \rThree\n\n\n\n\nFour\n\n") == "One\nTwo\nThree\n\nFour"


def test_no_more_than_max_chars_of_text_is_kept():
    paragraph = "<w:p><w:r><w:t>" + "x" * 999 + "</w:t></w:r></w:p>"
    text = read(docx(paragraph * (extraction.MAX_CHARS // 1000 + 50)), DOCX)
    assert len(text) == extraction.MAX_CHARS
    assert len(read(odt("<text:p>" + "y" * (extraction.MAX_CHARS + 10) + "</text:p>"), ODT)) == extraction.MAX_CHARS


def test_a_long_pdf_is_read_no_further_than_the_limits(monkeypatch):
    pages = [f"Page {n} " + "z" * 30 for n in range(1, 6)]
    assert len(read(make_pdf(*pages), PDF)) > 100
    monkeypatch.setattr(extraction, "MAX_CHARS", 100)
    text = read(make_pdf(*pages), PDF)
    assert len(text) == 100
    assert text.startswith("Page 1 ")
    monkeypatch.setattr(extraction, "MAX_CHARS", 500_000)
    monkeypatch.setattr(extraction, "MAX_PAGES", 2)
    assert read(make_pdf(*pages), PDF).split("\n\n") == pages[:2]
