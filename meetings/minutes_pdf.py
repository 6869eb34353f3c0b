"""The published minutes as a tagged PDF (PDF/UA-1), for anyone to download and keep (issue 16).

The PDF is printed from the public rendition alone (`meetings.minutes_text.build_rendition` with
`full=False` and no one-off grants), whoever asks for it: a member who may read the confidential
items reads them on the minutes page, never in a file that is passed on. Its items and attendance
come from the very templates of the public minutes page (meetings/minutes/item_minutes.html and
attendance_lists.html), so what the page withholds the PDF never received.

WeasyPrint takes about a second to print a meeting's minutes; the PDF is kept in the default
cache under the SHA-256 of the HTML it is printed from (with its stylesheet and WeasyPrint's
version), so a page asked for again, by a signed-in reader too, costs the HTML alone, and a
correction, a renamed body or a new ruling on a declaration, which change the HTML, print afresh.
"""

import hashlib
import logging
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse

from meetings.minutes_text import build_rendition
from meetings.models import Meeting, Minutes
from partnership.dates import british_datetime

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/ua-1"
CACHE_PREFIX = "minutes-pdf"
# A week: an entry is found by its content, so it never goes stale; this only lets old ones go.
CACHE_SECONDS = 7 * 24 * 60 * 60


class _NoFetching:
    """Fetch nothing from outside: the template uses no remote resource, and must not start to."""

    def __call__(self, url, *args, **kwargs):
        raise ValueError(f"The minutes' PDF does not fetch {url}")


@dataclass(frozen=True)
class MinutesDocument:
    """The HTML and stylesheet the PDF is printed from, and their fingerprint."""

    html: str
    css: str

    @property
    def fingerprint(self) -> str:
        import weasyprint

        digest = hashlib.sha256()
        for part in (weasyprint.__version__, PDF_VARIANT, self.css, self.html):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()


def filename(meeting: Meeting) -> str:
    """ "minutes-partnership-board-2009-04-30.pdf"."""
    return f"minutes-{meeting.body.slug}-{meeting.starts_at:%Y-%m-%d}.pdf"


def public_document(meeting: Meeting, minutes: Minutes, *, header: dict) -> MinutesDocument:
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
    return MinutesDocument(html=html, css=css)


def print_pdf(document: MinutesDocument) -> bytes:
    """Print `document` with WeasyPrint as tagged PDF/UA-1 (language, title, headings, tables and lists tagged)."""
    from weasyprint import CSS, HTML

    fetcher = _NoFetching()
    stylesheet = CSS(string=document.css, url_fetcher=fetcher)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        return HTML(string=document.html, base_url=settings.SITE_URL, url_fetcher=fetcher).write_pdf(
            stylesheets=[stylesheet], pdf_variant=PDF_VARIANT
        )


def _cache_key(document: MinutesDocument) -> str:
    return f"{CACHE_PREFIX}:{document.fingerprint}"


def pdf_for(document: MinutesDocument) -> bytes:
    """The PDF of `document`: from the cache when the same HTML was printed before, else printed and kept."""
    key = _cache_key(document)
    try:
        kept = cache.get(key)
    except Exception:
        # The cache cannot be reached: print it (slower, never wrong).
        logger.exception("The minutes' PDF could not be read from the cache")
        kept = None
    if isinstance(kept, bytes):
        return kept
    pdf = print_pdf(document)
    try:
        cache.set(key, pdf, timeout=CACHE_SECONDS)
    except Exception:
        # Served all the same; the next request prints it again.
        logger.exception("The minutes' PDF could not be kept in the cache")
    return pdf
