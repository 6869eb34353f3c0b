"""The words of an uploaded paper, read once when it is uploaded and kept for search.

A PDF is read with pypdf (already used to bind the agenda pack); a Word
(.docx) or OpenDocument (.odt) file is a zip whose text is in one XML part
(word/document.xml, content.xml), read with the standard library. A Word
97-2003 (.doc) file is not read. Whatever goes wrong (a damaged, encrypted or
strange file) leaves the text empty: the upload never fails for it, the paper
is still found by its cover sheet.

Every read is bounded, since the file comes from outside: at most MAX_PAGES
pages, an XML part of at most MAX_PART_BYTES once unzipped (a zip bomb is
refused by its declared size and by reading no more), and MAX_CHARS of text.
"""

import logging
import re
import warnings
import zipfile
from xml.etree import ElementTree

from meetings.uploads import DOCX, ODT, PDF

logger = logging.getLogger(__name__)

# Enough for any paper a partnership writes; a bigger document is searched by its first pages.
MAX_PAGES = 300
MAX_PART_BYTES = 20 * 1024 * 1024
MAX_CHARS = 500_000

_WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
# Control characters other than tab and newline: never kept (the search uses two of them as markers).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BLANK_LINES = re.compile(r"\n{3,}")


def extract_text(file, content_type: str) -> str:
    """The text of an uploaded document, or "" when it cannot be read; the file is left at its start."""
    reader = {PDF: _pdf_text, DOCX: _docx_text, ODT: _odt_text}.get(content_type)
    if reader is None:
        file.seek(0)
        return ""
    try:
        file.seek(0)
        with warnings.catch_warnings():
            # pypdf warns about the small faults of real-world PDFs; they are not ours to report.
            warnings.simplefilter("ignore")
            text = reader(file)
    except Exception:
        # Any failure of a reader on a file from outside: the paper is kept, without its words.
        logger.warning("Could not read the text of an uploaded %s", content_type, exc_info=True)
        text = ""
    finally:
        file.seek(0)
    return tidy(text)


def tidy(text: str) -> str:
    """One newline convention, no control characters, no runs of blank lines, at most MAX_CHARS."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()[:MAX_CHARS]


def _pdf_text(file) -> str:
    from pypdf import PdfReader

    reader = PdfReader(file)
    if reader.is_encrypted:
        return ""
    parts, size = [], 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size >= MAX_CHARS:
            break
    return "\n\n".join(parts)


def _part(file, name: str) -> bytes:
    with zipfile.ZipFile(file) as archive:
        entry = archive.getinfo(name)
        if entry.file_size > MAX_PART_BYTES:
            raise ValueError(f"{name} is too big to read")
        with archive.open(entry) as handle:
            return handle.read(MAX_PART_BYTES + 1)[:MAX_PART_BYTES]


def _paragraphs(root, paragraph_tags, piece) -> str:
    paragraphs = []
    for element in root.iter():
        if element.tag in paragraph_tags:
            paragraphs.append("".join(piece(element)))
    return "\n".join(paragraphs)


def _docx_text(file) -> str:
    # ElementTree fetches no external entity, and Expat 2.4.1 and later refuse entity bombs (meetings.uploads).
    root = ElementTree.fromstring(_part(file, "word/document.xml"))  # noqa: S314

    def piece(paragraph):
        for element in paragraph.iter():
            if element.tag == f"{_WORD}t":
                yield element.text or ""
            elif element.tag == f"{_WORD}tab":
                yield "\t"
            elif element.tag in (f"{_WORD}br", f"{_WORD}cr"):
                yield "\n"

    return _paragraphs(root, {f"{_WORD}p"}, piece)


def _odt_text(file) -> str:
    root = ElementTree.fromstring(_part(file, "content.xml"))  # noqa: S314

    def piece(element, top=True):
        if not top and element.tag in (f"{_ODF_TEXT}p", f"{_ODF_TEXT}h"):
            # A paragraph inside a paragraph (a note's) is read on its own.
            return
        if element.tag == f"{_ODF_TEXT}s":
            count = element.get(f"{_ODF_TEXT}c", "1")
            yield " " * (min(int(count), 100) if count.isdigit() else 1)
        elif element.tag == f"{_ODF_TEXT}tab":
            yield "\t"
        elif element.tag == f"{_ODF_TEXT}line-break":
            yield "\n"
        elif element.text:
            yield element.text
        for child in element:
            yield from piece(child, top=False)
            if child.tail:
                yield child.tail

    return _paragraphs(root, {f"{_ODF_TEXT}p", f"{_ODF_TEXT}h"}, piece)
