"""Check an uploaded paper: what it is (from its content, never its name), how big, and its hash."""

import hashlib
import os
import zipfile
from dataclasses import dataclass

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
