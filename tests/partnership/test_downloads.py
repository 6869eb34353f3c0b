"""The headers that make an uploaded file a download a browser saves and never runs."""

import pytest
from django.http import HttpResponse

from partnership.downloads import content_disposition, protect


@pytest.mark.parametrize(
    ("filename", "header"),
    [
        ("Strategy.docx", 'attachment; filename="Strategy.docx"'),
        ("Budget (draft 2).pdf", 'attachment; filename="Budget (draft 2).pdf"'),
        # Quoting and parameters cannot be broken out of; the exact name goes in filename*.
        ('a"b\\c.pdf', "attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%5Cc.pdf"),
        ("50%; x=1.pdf", "attachment; filename=\"50__ x=1.pdf\"; filename*=UTF-8''50%25%3B%20x%3D1.pdf"),
        ("Café.odt", "attachment; filename=\"Cafe.odt\"; filename*=UTF-8''Caf%C3%A9.odt"),
        ("報告.pdf", "attachment; filename=\"download.pdf\"; filename*=UTF-8''%E5%A0%B1%E5%91%8A.pdf"),
        ("", 'attachment; filename="download"'),
    ],
)
def test_the_filename_is_plain_ascii_with_the_exact_name_in_filename_star_when_it_differs(filename, header):
    assert content_disposition(filename) == header


def test_inline_is_said_when_asked_for():
    assert content_disposition("pack.pdf", inline=True) == 'inline; filename="pack.pdf"'


def test_a_protected_response_is_an_attachment_that_believes_its_type_and_runs_in_an_empty_sandbox():
    response = protect(HttpResponse(b"x", content_type="application/pdf"), "paper.pdf")
    assert {name: response[name] for name in response.headers} == {
        "Content-Type": "application/pdf",
        "Content-Disposition": 'attachment; filename="paper.pdf"',
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "sandbox; default-src 'none'; base-uri 'none'; form-action 'none'; "
        "frame-ancestors 'none'",
    }
