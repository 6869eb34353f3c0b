"""Helpers for the agenda, paper and pack tests: sample documents, a temporary MEDIA_ROOT, dates."""

import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from meetings.actions import agenda as actions
from meetings.uploads import check_upload


def make_pdf(*pages: str) -> bytes:
    """A small, valid PDF with one line of text (Helvetica) on each page."""
    pages = pages or ("A paper",)
    count = len(pages)
    # Objects: 1 catalog, 2 pages, 3 font, then a page and its content stream for each page.
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        (
            "<< /Type /Pages /Kids [" + " ".join(f"{4 + 2 * i} 0 R" for i in range(count)) + f"] /Count {count} >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, text in enumerate(pages):
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream = f"BT /F1 14 Tf 72 720 Td ({escaped}) Tj ET".encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {5 + 2 * i} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _entry(name):
    # A fixed time stamp, so the same document is the same bytes whenever it is made.
    return zipfile.ZipInfo(name, date_time=(2009, 4, 30, 14, 0, 0))


def make_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_entry("[Content_Types].xml"), "<Types/>")
        archive.writestr(_entry("_rels/.rels"), "<Relationships/>")
        archive.writestr(_entry("word/document.xml"), "<w:document/>")
    return buffer.getvalue()


def make_odt(mimetype="application/vnd.oasis.opendocument.text") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr(_entry("content.xml"), "<office:document-content/>")
    return buffer.getvalue()


def make_doc() -> bytes:
    return bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def checked(name: str, data: bytes):
    return check_upload(upload(name, data))


def future(days: int, hour: int = 14) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def temporary_media(settings, tmp_path):
    """Send uploaded files to a temporary MEDIA_ROOT, never var/media; for each module's `media` fixture."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def schedule(cast, days=21, body=None, **kwargs):
    return actions.schedule_meeting(body or cast.board, by=cast.secretariat, starts_at=future(days), **kwargs)


def titles(meeting):
    return [(item.number, item.title) for item in meeting.items.order_by("number")]
