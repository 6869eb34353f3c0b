"""Papers that are web pages in disguise: refused at upload, and never served so that a browser could run them."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from meetings.actions import agenda as actions
from meetings.models import VersionKind
from meetings.uploads import DOCX, ODT, PDF
from tests.meetings.papers import checked, make_docx, make_odt, make_pdf, schedule, upload
from tests.meetings.polyglots import (
    ALT_CHUNK,
    opendocument_text,
    polyglot_pdf,
    pypdf_pdf,
    stored_version,
    weasyprint_pdf,
    word_document,
)

PDF_WITH_WEB_PAGE = (
    "This PDF also contains a web page, which cannot be accepted. Save it again as a PDF from the program that made it."
)
WORD_WITH_WEB_PAGE = (
    "This Word document contains a web page or a script, which cannot be accepted. "
    "Save it as a PDF and upload that instead."
)
ODT_WITH_WEB_PAGE = (
    "This OpenDocument file contains a web page or a script, which cannot be accepted. "
    "Save it as a PDF and upload that instead."
)
SANDBOX = "sandbox; default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"


def refusal(name, data):
    with pytest.raises(ValidationError) as error:
        checked(name, data)
    return error.value.messages


# PDFs


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(polyglot_pdf("document.title = 'ran'"), id="html-after-the-header"),
        pytest.param(polyglot_pdf("document.title = 'ran'", before_header=True), id="html-before-the-header"),
        pytest.param(make_pdf().replace(b"\n", b"\n%<!DOCTYPE HTML>\n", 1), id="doctype-in-capitals"),
        pytest.param(make_pdf().replace(b"\n", b"\n%<svg onload=alert(1)>\n", 1), id="svg"),
        pytest.param(make_pdf().replace(b"\n", b"\n%<IFRAME src=//example.org>\n", 1), id="iframe"),
        pytest.param(make_pdf().replace(b"\n", b"\n%<body onload=alert(1)>\n", 1), id="body"),
    ],
)
def test_a_pdf_that_is_also_a_web_page_is_refused(data):
    assert refusal("paper.pdf", data) == [PDF_WITH_WEB_PAGE]


def test_a_pdf_with_anything_before_its_header_is_refused():
    assert refusal("paper.pdf", b"\xef\xbb\xbf" + make_pdf()) == [
        "This PDF has something else before the start of the PDF, which cannot be accepted. "
        "Save it again as a PDF from the program that made it."
    ]


def test_a_web_page_that_is_no_pdf_at_all_is_simply_the_wrong_kind():
    assert refusal("paper.pdf", b"<html><script>alert(1)</script></html>") == [
        "The file must be a PDF, Word or OpenDocument document"
    ]


def test_html_after_the_first_1024_bytes_is_not_looked_for():
    # Only the head is read: where a reader finds the header and a browser starts a page.
    data = make_pdf().replace(b"\n", b"\n%" + b"x" * 1024 + b"\n%<script>alert(1)</script>\n", 1)
    assert checked("paper.pdf", data).content_type == PDF


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(make_pdf, id="hand-made"),
        pytest.param(weasyprint_pdf, id="weasyprint"),
        pytest.param(lambda: weasyprint_pdf(pdf_variant="pdf/a-3b"), id="weasyprint-pdf-a"),
        pytest.param(pypdf_pdf, id="pypdf-with-angle-brackets-in-its-title"),
    ],
)
def test_real_pdfs_are_accepted(make):
    data = make()
    result = checked("Strategy.pdf", data)
    assert (result.content_type, result.filename, result.sha256) == (
        PDF,
        "Strategy.pdf",
        hashlib.sha256(data).hexdigest(),
    )


# Word and OpenDocument


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            word_document(
                '<Default Extension="htm" ContentType="text/html"/>',
                parts={"word/afchunk.htm": ALT_CHUNK},
            ),
            id="altchunk-html",
        ),
        pytest.param(
            word_document(
                '<Override PartName="/word/afchunk1.dat" ContentType="application/xhtml+xml"/>',
                parts={"word/afchunk1.dat": ALT_CHUNK},
            ),
            id="altchunk-xhtml-declared-only",
        ),
        pytest.param(
            word_document('<Default Extension="dat" ContentType="Text/HTML; charset=utf-8"/>'),
            id="declared-with-parameters",
        ),
        pytest.param(
            word_document('<Default Extension="dat" ContentType="text&#47;html"/>'),
            id="declared-with-a-character-reference",
        ),
        pytest.param(
            word_document('<Default Extension="mht" ContentType="message/rfc822"/>'),
            id="mhtml",
        ),
        pytest.param(word_document(parts={"word/AFCHUNK.HTML": ALT_CHUNK}), id="named-only-in-capitals"),
        pytest.param(word_document(parts={"word/page.xhtml": ALT_CHUNK}), id="xhtml"),
    ],
)
def test_a_word_document_holding_a_web_page_or_a_script_is_refused(data):
    assert refusal("report.docx", data) == [WORD_WITH_WEB_PAGE]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            opendocument_text(("Object 1/content.dat", "text/html"), parts={"Object 1/content.dat": ALT_CHUNK}),
            id="declared-only",
        ),
        pytest.param(opendocument_text(parts={"Scripts/javascript/run.js": "alert(1)"}), id="script"),
        pytest.param(opendocument_text(parts={"page.html": ALT_CHUNK}), id="html"),
    ],
)
def test_an_opendocument_file_holding_a_web_page_or_a_script_is_refused(data):
    assert refusal("report.odt", data) == [ODT_WITH_WEB_PAGE]


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        pytest.param(make_docx(), DOCX, id="minimal-word"),
        pytest.param(word_document(), DOCX, id="word-with-a-picture"),
        pytest.param(
            word_document(
                '<Override PartName="/word/styles.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>',
                parts={"word/styles.xml": "<w:styles/>"},
            ),
            DOCX,
            id="word-with-styles",
        ),
        pytest.param(word_document(parts={"word/media/image2.svg": "<svg/>"}), DOCX, id="word-with-an-svg-icon"),
        pytest.param(make_odt(), ODT, id="minimal-opendocument"),
        pytest.param(
            opendocument_text(parts={"Pictures/drawing.svg": "<svg/>"}), ODT, id="opendocument-with-an-svg-picture"
        ),
        pytest.param(opendocument_text(), ODT, id="opendocument-with-a-manifest-and-a-picture"),
    ],
)
def test_real_word_and_opendocument_files_are_accepted(data, content_type):
    assert checked("report", data).content_type == content_type


def test_a_word_document_whose_declarations_cannot_be_read_is_refused():
    data = word_document(parts={"[Content_Types].xml": "<Types><Default"})
    assert refusal("report.docx", data) == [
        "This Word document could not be read. Save it again from the program that made it, then upload it again."
    ]


def test_the_upload_form_says_why_a_polyglot_was_refused(cast, client_for, media):
    meeting = schedule(cast)
    response = client_for("secretariat").post(
        reverse("agenda_paper_create", args=[meeting.pk]),
        {"title": "Budget report", "author": "Ann Author", "document": upload("budget.pdf", polyglot_pdf("1"))},
    )
    assert response.status_code == 400
    assert dict(response.context["form"].errors) == {"document": [PDF_WITH_WEB_PAGE]}
    assert PDF_WITH_WEB_PAGE in response.content.decode()
    assert meeting.papers.count() == 0


# Downloads


@pytest.fixture
def paper(cast, media):
    meeting = schedule(cast)
    paper = actions.add_paper(
        meeting, by=cast.secretariat, title="Strategy", author="Ann", upload=checked("Strategy.docx", make_docx())
    )
    actions.add_version(paper, by=cast.secretariat, kind=VersionKind.REVISED, text="Now in plain words.")
    actions.publish_pack(meeting, by=cast.secretariat)
    return paper


def download(client, paper, number):
    return client.get(reverse("paper_download", args=[paper.meeting_id, paper.pk, number]))


def headers(response):
    names = (
        "Content-Type",
        "Content-Disposition",
        "X-Content-Type-Options",
        "Content-Security-Policy",
        "Cache-Control",
    )
    return {name: response.get(name) for name in names}


def test_an_uploaded_version_is_an_attachment_that_cannot_run(paper, client_for):
    response = download(client_for("anonymous"), paper, 1)
    assert response.status_code == 200
    assert headers(response) == {
        "Content-Type": DOCX,
        "Content-Disposition": 'attachment; filename="Strategy.docx"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": SANDBOX,
        "Cache-Control": "private",
    }
    assert b"".join(response.streaming_content) == make_docx()


def test_a_written_version_is_an_attachment_that_cannot_run(paper, client_for):
    response = download(client_for("anonymous"), paper, 2)
    assert response.status_code == 200
    assert headers(response) == {
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Disposition": 'attachment; filename="strategy-version-2.txt"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": SANDBOX,
        "Cache-Control": "private",
    }
    assert response.content == b"Now in plain words."


def test_a_name_that_is_not_plain_ascii_keeps_a_plain_filename_and_the_exact_one_in_filename_star(
    cast, paper, client_for
):
    actions.add_version(
        paper, by=cast.secretariat, kind=VersionKind.REVISED, upload=checked('Café "plan" – 2010.pdf', make_pdf())
    )
    response = download(client_for("anonymous"), paper, 3)
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Cafe _plan_ _ 2010.pdf\"; filename*=UTF-8''Caf%C3%A9%20%22plan%22%20%E2%80%93%202010.pdf"
    )
    assert b"".join(response.streaming_content) == make_pdf()


def test_a_polyglot_stored_before_the_check_is_served_as_the_pdf_it_was_taken_for(paper, client_for):
    data = polyglot_pdf("document.title = 'ran'")
    stored_version(paper, data, filename="budget.pdf", content_type=PDF)
    response = download(client_for("anonymous"), paper, 3)
    assert headers(response) == {
        "Content-Type": PDF,
        "Content-Disposition": 'attachment; filename="budget.pdf"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": SANDBOX,
        "Cache-Control": "private",
    }
    assert b"".join(response.streaming_content) == data


def test_a_stored_type_that_is_not_one_of_ours_is_served_as_bytes_never_as_its_name_suggests(paper, client_for):
    data = b"<html><script>alert(1)</script></html>"
    stored_version(paper, data, filename="page.html", content_type="text/html")
    response = download(client_for("anonymous"), paper, 3)
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        "application/octet-stream",
        'attachment; filename="page.html"',
    )
    assert b"".join(response.streaming_content) == data
