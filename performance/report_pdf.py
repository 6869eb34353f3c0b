"""The annual performance report as a tagged PDF (PDF/UA-1), printed as meetings.minutes_pdf prints the minutes.

The PDF is printed from the very template of the public report page's body
(performance/_report_body.html), with published values only, so what the page
leaves out the PDF never receives. It is kept in the default cache under the
SHA-256 of its HTML, so a report asked for again costs the HTML alone.
"""

import hashlib
import logging
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)

PDF_VARIANT = "pdf/ua-1"
CACHE_PREFIX = "performance-report-pdf"
CACHE_SECONDS = 7 * 24 * 60 * 60


class _NoFetching:
    def __call__(self, url, *args, **kwargs):
        raise ValueError(f"The performance report's PDF does not fetch {url}")


@dataclass(frozen=True)
class ReportDocument:
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


def filename(year: int) -> str:
    return f"performance-report-{year}-{(year + 1) % 100:02}.pdf"


def document(context: dict) -> ReportDocument:
    site_url = settings.SITE_URL.rstrip("/")
    context = {
        **context,
        "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
        "permanent_url": site_url + reverse("performance_report", args=[context["year"]]),
    }
    html = render_to_string("performance/pdf/report.html", context)
    css = render_to_string("performance/pdf/report.css")
    return ReportDocument(html=html, css=css)


def print_pdf(doc: ReportDocument) -> bytes:
    from weasyprint import CSS, HTML

    fetcher = _NoFetching()
    stylesheet = CSS(string=doc.css, url_fetcher=fetcher)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        return HTML(string=doc.html, base_url=settings.SITE_URL, url_fetcher=fetcher).write_pdf(
            stylesheets=[stylesheet], pdf_variant=PDF_VARIANT
        )


def pdf_for(doc: ReportDocument) -> bytes:
    key = f"{CACHE_PREFIX}:{doc.fingerprint}"
    try:
        kept = cache.get(key)
    except Exception:
        logger.exception("The performance report's PDF could not be read from the cache")
        kept = None
    if isinstance(kept, bytes):
        return kept
    pdf = print_pdf(doc)
    try:
        cache.set(key, pdf, timeout=CACHE_SECONDS)
    except Exception:
        logger.exception("The performance report's PDF could not be kept in the cache")
    return pdf
