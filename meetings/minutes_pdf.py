"""The published minutes as a tagged PDF (PDF/UA-1), for anyone to download and keep (issue 16).

The PDF is printed from the public rendition alone (`meetings.minutes_text.build_rendition` with
`full=False` and no one-off grants), whoever asks for it: a member who may read the confidential
items reads them on the minutes page, never in a file that is passed on. Its items and attendance
come from the very templates of the public minutes page (meetings/minutes/item_minutes.html and
attendance_lists.html), so what the page withholds the PDF never received.

WeasyPrint takes about a second to print a meeting's minutes; the PDF is kept by the hash of its HTML
(partnership.tagged_pdf), so a page asked for again, by a signed-in reader too, costs the HTML alone, and
a correction, a renamed body or a new ruling on a declaration, which change the HTML, print afresh.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from meetings.minutes_text import build_rendition
from meetings.models import Meeting, Minutes
from partnership import tagged_pdf
from partnership.dates import british_datetime
from partnership.tagged_pdf import TaggedDocument

CACHE_PREFIX = "minutes-pdf"


def filename(meeting: Meeting) -> str:
    """ "minutes-partnership-board-2009-04-30.pdf"."""
    return f"minutes-{meeting.body.slug}-{meeting.starts_at:%Y-%m-%d}.pdf"


def public_document(meeting: Meeting, minutes: Minutes, *, header: dict) -> TaggedDocument:
    """The public rendition of published `minutes` as the HTML the PDF is printed from.

    `header` holds the lines the minutes page shows about approval, signature and publication
    (meetings.views.minutes), so that the PDF says the same as the page.
    """
    if not minutes.is_published:
        raise ValueError("Only published minutes have a PDF.")
    rendition = build_rendition(meeting, full=False, visible_item_ids=(), minutes=minutes)
    site_url = settings.SITE_URL.rstrip("/")
    context = {
        **header,
        "meeting": meeting,
        "minutes": minutes,
        "r": rendition,
        "held": british_datetime(meeting.starts_at),
        "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
        "permanent_url": site_url + reverse("meeting_minutes", args=[meeting.pk]),
        # The included templates of the minutes page show the secretariat's tools to the secretariat: never here.
        "is_secretariat": False,
    }
    html = render_to_string("meetings/minutes/pdf/minutes.html", context)
    css = render_to_string("meetings/minutes/pdf/minutes.css")
    return TaggedDocument(html=html, css=css, what="The minutes' PDF")


def pdf_for(document: TaggedDocument) -> bytes:
    """The PDF of `document`, from the cache when the same HTML was printed before."""
    return tagged_pdf.pdf_for(document, cache_prefix=CACHE_PREFIX)
