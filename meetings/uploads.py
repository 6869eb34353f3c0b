"""Check an uploaded paper: what it is (from its content, never its name), how big, and its hash.

A paper is also refused when it is a web page in disguise. A browser that took
one for a page would run its script on this site, so papers are served as
downloads that cannot run (partnership.downloads); and what is plainly a web
page dressed as a document is refused here, with a message that says what to do:

- a PDF must start with "%PDF-". PDF readers accept that header anywhere in the
  first 1024 bytes, which lets a file be a web page first and a PDF second; and a
  PDF with an HTML tag (`HTML_MARKERS`) in its first 1024 bytes is refused. Real
  PDFs compress their text, so their first bytes hold no tags.
- a Word or OpenDocument file (a zip of parts) must hold no web page or script:
  no part named like one (`WEB_PART_EXTENSIONS`), and no part the package
  declares as one (`WEB_CONTENT_TYPES`, in Word's [Content_Types].xml or
  OpenDocument's META-INF/manifest.xml). Word shows an HTML part (an "altChunk")
  as part of the document. SVG pictures are accepted: Word 365 stores inserted
  icons as SVG, and the package is only ever served whole, as a download.

A Word 97-2003 (.doc) file is a binary container whose parts are not checked.
"""

import hashlib
import os
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOC = "application/msword"
ODT = "application/vnd.oasis.opendocument.text"

# What each kind of document is called, and the extension a download is given.
KINDS = {
    PDF: ("PDF", ".pdf"),
    DOCX: ("Word document", ".docx"),
    DOC: ("Word 97-2003 document", ".doc"),
    ODT: ("OpenDocument text", ".odt"),
}

OLE2_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_SIGNATURE = b"PK\x03\x04"
WRONG_KIND = "The file must be a PDF, Word or OpenDocument document"

# The standard puts the header at byte 0; readers find it anywhere in the first 1024 bytes (an Acrobat
# tolerance the others copied), which is where a web page can hide in front of it.
PDF_HEAD_BYTES = 1024
PDF_HEADER = b"%PDF-"
HTML_MARKERS = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<iframe",
    b"<svg",
    b"<img",
    b"<object",
    b"<embed",
    b"<meta",
)
WEB_PART_EXTENSIONS = (".htm", ".html", ".xhtml", ".xht", ".mht", ".mhtml", ".js")
WEB_CONTENT_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "message/rfc822",  # a web page saved as one file (MHTML), which Word also takes as an altChunk
        "multipart/related",
        "text/javascript",
        "application/javascript",
        "application/ecmascript",
        "text/ecmascript",
    }
)
# The files in which a package says what each of its parts is, and the attribute that says it.
PART_DECLARATIONS = {"[Content_Types].xml": "ContentType", "META-INF/manifest.xml": "media-type"}
# A declarations file is a few kilobytes; a bigger one is not read whole.
DECLARATIONS_MAX_BYTES = 1024 * 1024

PDF_WITH_WEB_PAGE = (
    "This PDF also contains a web page, which cannot be accepted. Save it again as a PDF from the program that made it."
)
PDF_NOT_AT_START = (
    "This PDF has something else before the start of the PDF, which cannot be accepted. "
    "Save it again as a PDF from the program that made it."
)
PACKAGE_WITH_WEB_PAGE = (
    "This {kind} contains a web page or a script, which cannot be accepted. Save it as a PDF and upload that instead."
)
PACKAGE_UNREADABLE = "This {kind} could not be read. Save it again from the program that made it, then upload it again."
PACKAGE_NAMES = {DOCX: "Word document", ODT: "OpenDocument file"}


def max_bytes() -> int:
    return settings.PAPER_MAX_BYTES


@dataclass(frozen=True)
class CheckedUpload:
    file: object
    filename: str
    content_type: str
    size: int
    sha256: str


def detect_content_type(file) -> str | None:
    """Return the content type the bytes say the file is, or None if it is none of ours."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head == OLE2_SIGNATURE:
        return DOC
    if head.startswith(ZIP_SIGNATURE):
        return _zip_kind(file)
    return None


def _zip_kind(file) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if not entries:
                return None
            # OpenDocument puts an uncompressed "mimetype" entry first (ODF 1.2, 3.3).
            first = entries[0]
            if first.filename == "mimetype" and first.file_size < 100:
                with archive.open(first) as entry:
                    if entry.read(100).strip() == ODT.encode():
                        return ODT
            names = {entry.filename for entry in entries}
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return DOCX
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        return None
    finally:
        file.seek(0)
    return None


def _head(file) -> bytes:
    file.seek(0)
    head = file.read(PDF_HEAD_BYTES)
    file.seek(0)
    return head


def _has_html(head: bytes) -> bool:
    lowered = head.lower()
    return any(marker in lowered for marker in HTML_MARKERS)


# Damaged, encrypted, or compressed in a way zipfile cannot read.
UNREADABLE_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    OSError,
    EOFError,
    RuntimeError,
    zlib.error,
)


def _web_parts(file) -> bool:
    """Whether the zip holds a part that is a web page or a script, by its name or by its declared type.

    Raises ValueError when a declarations file cannot be read.
    """
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if any(entry.filename.lower().endswith(WEB_PART_EXTENSIONS) for entry in entries):
                return True
            for entry in entries:
                attribute = PART_DECLARATIONS.get(entry.filename)
                if attribute is None:
                    continue
                if entry.file_size > DECLARATIONS_MAX_BYTES:
                    raise ValueError(f"{entry.filename} is too big to read")
                with archive.open(entry) as handle:
                    # Parsed, not searched: "text&#47;html" is text/html to Word. ElementTree fetches no
                    # external entity, and Expat 2.4.1 and later refuse entity bombs, so defusedxml adds nothing.
                    root = ElementTree.fromstring(handle.read(DECLARATIONS_MAX_BYTES))  # noqa: S314
                for element in root.iter():
                    for name, value in element.attrib.items():
                        if name.rsplit("}", 1)[-1] == attribute:
                            if value.split(";", 1)[0].strip().lower() in WEB_CONTENT_TYPES:
                                return True
    except UNREADABLE_ZIP as error:
        raise ValueError(str(error)) from error
    except ElementTree.ParseError as error:
        raise ValueError(f"A declarations file is not well-formed: {error}") from error
    finally:
        file.seek(0)
    return False


def refuse_web_content(file, content_type: str | None) -> None:
    """Raise ValidationError if the file is a web page as well as a document (see the module's docstring)."""
    if content_type is None:
        head = _head(file)
        if PDF_HEADER in head:
            # What would be a PDF, but for what comes before its header.
            message = PDF_WITH_WEB_PAGE if _has_html(head) else PDF_NOT_AT_START
            raise ValidationError(message, code="web_content")
        return
    if content_type == PDF:
        if _has_html(_head(file)):
            raise ValidationError(PDF_WITH_WEB_PAGE, code="web_content")
        return
    if content_type in PACKAGE_NAMES:
        kind = PACKAGE_NAMES[content_type]
        try:
            found = _web_parts(file)
        except ValueError as error:
            raise ValidationError(PACKAGE_UNREADABLE.format(kind=kind), code="unreadable") from error
        if found:
            raise ValidationError(PACKAGE_WITH_WEB_PAGE.format(kind=kind), code="web_content")


def download_type(content_type: str) -> str:
    """The Content-Type a stored paper is served with: the one found at upload, or bytes of no kind."""
    return content_type if content_type in KINDS else "application/octet-stream"


def clean_filename(name: str, content_type: str) -> str:
    """Keep the uploader's name for downloads, without a path, and with the extension its content calls for."""
    base = os.path.basename((name or "").replace("\\", "/"))
    # No control characters: the name goes into a Content-Disposition header.
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    stem = base.rsplit(".", 1)[0] if "." in base else base
    extension = KINDS[content_type][1]
    stem = (stem or "paper")[: 255 - len(extension)]
    return f"{stem}{extension}"


def check_upload(file) -> CheckedUpload:
    """Accept a PDF, Word or OpenDocument file within the size limit; raise ValidationError otherwise."""
    size = file.size
    if size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    if size > max_bytes():
        raise ValidationError(f"The file must be smaller than {human_size(max_bytes())}", code="too_big")
    content_type = detect_content_type(file)
    refuse_web_content(file, content_type)
    if content_type is None:
        raise ValidationError(WRONG_KIND, code="wrong_kind")
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks() if hasattr(file, "chunks") else iter(lambda: file.read(65536), b""):
        digest.update(chunk)
    file.seek(0)
    return CheckedUpload(
        file=file,
        filename=clean_filename(getattr(file, "name", ""), content_type),
        content_type=content_type,
        size=size,
        sha256=digest.hexdigest(),
    )


def human_size(size: int) -> str:
    """Say a size as people do: "20 MB", "350 KB", "12 bytes"."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def describe(content_type: str) -> str:
    return KINDS.get(content_type, ("document", ""))[0]
