"""Tagged PDFs (PDF/UA-1) printed from a public page's own templates, and kept by the hash of what they show.

The published minutes (meetings.minutes_pdf) and the annual performance report (performance.report_pdf)
are printed by WeasyPrint from the templates of their public pages, with the shared page of
`pdf/base.css`. Printing takes up to seconds, so a PDF is kept in the default cache under the SHA-256 of
its HTML, its stylesheet and WeasyPrint's version: a page asked for again costs the HTML alone, and any
change to what it shows prints afresh. Nothing is fetched from outside while printing.
"""

import hashlib
import logging
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/ua-1"
# A week: an entry is found by its content, so it never goes stale; this only lets old ones go.
CACHE_SECONDS = 7 * 24 * 60 * 60


class _NoFetching:
    """Fetch nothing from outside: the templates use no remote resource, and must not start to."""

    def __init__(self, what: str):
        self.what = what

    def __call__(self, url, *args, **kwargs):
        raise ValueError(f"{self.what} does not fetch {url}")


@dataclass(frozen=True)
class TaggedDocument:
    """The HTML and stylesheet a PDF is printed from; `what` names it in messages ("The minutes' PDF")."""

    html: str
    css: str
    what: str

    @property
    def fingerprint(self) -> str:
        import weasyprint

        digest = hashlib.sha256()
        for part in (weasyprint.__version__, PDF_VARIANT, self.css, self.html):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()


def print_pdf(document: TaggedDocument) -> bytes:
    """Print `document` with WeasyPrint as tagged PDF/UA-1 (language, title, headings, tables and lists tagged)."""
    from weasyprint import CSS, HTML

    fetcher = _NoFetching(document.what)
    stylesheet = CSS(string=document.css, url_fetcher=fetcher)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        return HTML(string=document.html, base_url=settings.SITE_URL, url_fetcher=fetcher).write_pdf(
            stylesheets=[stylesheet], pdf_variant=PDF_VARIANT
        )


def pdf_for(document: TaggedDocument, *, cache_prefix: str) -> bytes:
    """The PDF of `document`: from the cache when the same HTML was printed before, else printed and kept."""
    key = f"{cache_prefix}:{document.fingerprint}"
    try:
        kept = cache.get(key)
    except Exception:
        # The cache cannot be reached: print it (slower, never wrong).
        logger.exception("%s could not be read from the cache", document.what)
        kept = None
    if isinstance(kept, bytes):
        return kept
    pdf = print_pdf(document)
    try:
        cache.set(key, pdf, timeout=CACHE_SECONDS)
    except Exception:
        # Served all the same; the next request prints it again.
        logger.exception("%s could not be kept in the cache", document.what)
    return pdf
