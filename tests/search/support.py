"""Helpers of the search tests: searching as someone, what a search found, documents with words in them."""

import io
import zipfile

from django.urls import reverse
from guardian.shortcuts import assign_perm

from tests.meetings.papers import make_pdf


def search(client, q, status=200, **params):
    """GET the search page for `q` (and filters); check the status it answers."""
    response = client.get(reverse("search"), {"q": q, **params})
    assert response.status_code == status, f"{q!r} {params} answered {response.status_code}"
    return response


def titles(response) -> list[str]:
    """The titles of the results the page shows, in order (none for the empty and no-result states)."""
    return [entry.title for entry in response.context.get("results") or []]


def kinds(response) -> list[tuple[str, str]]:
    return [(entry.kind, entry.title) for entry in response.context.get("results") or []]


def found(client, q, **params) -> list[tuple[str, str]]:
    """(kind, title) of every result of the first page."""
    return kinds(search(client, q, **params))


def docx(*paragraphs: str) -> bytes:
    """A Word document whose body holds `paragraphs`."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>')
    return buffer.getvalue()


def odt(*paragraphs: str) -> bytes:
    """An OpenDocument text whose body holds `paragraphs`."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    body = "".join(f"<text:p>{paragraph}</text:p>" for paragraph in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED
        )
        archive.writestr(
            "content.xml",
            f'<office:document-content xmlns:office="{office}" xmlns:text="{text}">'
            f"<office:body><office:text>{body}</office:text></office:body></office:document-content>",
        )
    return buffer.getvalue()


def pdf(*pages: str) -> bytes:
    return make_pdf(*pages)


def grant(user, item):
    """A one-off grant of a confidential item to a named person (django-guardian)."""
    assign_perm("meetings.view_confidential_item", user, item)
