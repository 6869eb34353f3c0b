"""Documents that are also web pages, and real documents that are not: for the upload check and the download tests.

No tests here; the test modules import what they need.
"""

import gc
import hashlib
import io
import warnings
import zipfile

from django.core.files.base import ContentFile

from meetings.models import PaperVersion, VersionKind
from tests.meetings.papers import make_pdf

DOCX_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
ODF_MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"


def polyglot_pdf(script: str, *, before_header: bool = False) -> bytes:
    """A PDF that is also a web page running `script`.

    PDF readers take "%PDF-" anywhere in the first 1024 bytes and skip a line
    starting with "%" as a comment; browsers read HTML from the first byte.
    """
    page = f"<html><head><title>Paper</title></head><body><script>{script}</script></body></html>"
    pdf = make_pdf("A paper")
    if before_header:
        return page.encode() + b"\n" + pdf
    header, rest = pdf.split(b"\n", 1)
    return header + b"\n%" + page.encode() + b"\n" + rest


def weasyprint_pdf(**options) -> bytes:
    """A PDF as WeasyPrint makes it (the agenda pack and the Agreement are made so): compressed, binary."""
    from weasyprint import HTML

    html = "<h1>Sustainable Community Strategy</h1><p>The partners agree the <b>priorities</b> for 2010.</p>"
    with warnings.catch_warnings():
        # For PDF/A WeasyPrint opens its sRGB profile and leaves the closing to the garbage collector.
        warnings.simplefilter("ignore", ResourceWarning)
        pdf = HTML(string=html).write_pdf(**options)
        gc.collect()
    return pdf


def pypdf_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": "Strategy <draft>"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _zip(parts: dict[str, str | bytes], *, first: tuple[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        if first is not None:
            archive.writestr(zipfile.ZipInfo(first[0]), first[1], compress_type=zipfile.ZIP_STORED)
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2009, 4, 30, 14, 0, 0)), data)
    return buffer.getvalue()


def content_types(*declarations: str) -> str:
    """A Word [Content_Types].xml with the usual declarations and `declarations` (Default or Override elements)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<Types xmlns="{DOCX_TYPES}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        + "".join(declarations)
        + "</Types>"
    )


def word_document(*declarations: str, parts: dict[str, str | bytes] | None = None) -> bytes:
    """A .docx as Word writes it (deflated parts, a picture), with extra `declarations` and `parts`."""
    return _zip(
        {
            "[Content_Types].xml": content_types(*declarations),
            "_rels/.rels": "<Relationships/>",
            "word/document.xml": "<w:document><w:body><w:p>Strategy</w:p></w:body></w:document>",
            "word/media/image1.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
            **(parts or {}),
        }
    )


ALT_CHUNK = "<html><body><script>fetch('/stolen?' + document.cookie)</script></body></html>"


def manifest(*entries: tuple[str, str]) -> str:
    """An OpenDocument META-INF/manifest.xml listing the usual parts and `entries` (path, media type)."""
    listed = [
        ("/", "application/vnd.oasis.opendocument.text"),
        ("content.xml", "text/xml"),
        ("Pictures/image1.png", "image/png"),
        *entries,
    ]
    rows = "".join(
        f'<manifest:file-entry manifest:full-path="{path}" manifest:media-type="{kind}"/>' for path, kind in listed
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="{ODF_MANIFEST}">{rows}</manifest:manifest>'


def opendocument_text(*entries: tuple[str, str], parts: dict[str, str | bytes] | None = None) -> bytes:
    """An .odt as LibreOffice writes it (the stored mimetype first, a manifest, a picture), with extra parts."""
    return _zip(
        {
            "content.xml": "<office:document-content>Strategy</office:document-content>",
            "Pictures/image1.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
            "META-INF/manifest.xml": manifest(*entries),
            **(parts or {}),
        },
        first=("mimetype", "application/vnd.oasis.opendocument.text"),
    )


def stored_version(paper, data: bytes, *, filename: str, content_type: str) -> PaperVersion:
    """A version written straight to the database and storage, as one uploaded before the check existed."""
    return PaperVersion.objects.create(
        paper=paper,
        number=paper.versions.count() + 1,
        kind=VersionKind.REVISED,
        document=ContentFile(data, name=filename),
        filename=filename,
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
