"""The annual performance report as a tagged PDF (PDF/UA-1), printed as meetings.minutes_pdf prints the minutes.

The PDF is printed from the very template of the public report page's body
(performance/_report_body.html), with published values only, so what the page
leaves out the PDF never receives. It is kept by the hash of its HTML
(partnership.tagged_pdf), so a report asked for again costs the HTML alone.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from partnership import tagged_pdf
from partnership.tagged_pdf import TaggedDocument

CACHE_PREFIX = "performance-report-pdf"


def filename(year: int) -> str:
    return f"performance-report-{year}-{(year + 1) % 100:02}.pdf"


def document(context: dict) -> TaggedDocument:
    site_url = settings.SITE_URL.rstrip("/")
    context = {
        **context,
        "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
        "permanent_url": site_url + reverse("performance_report", args=[context["year"]]),
    }
    html = render_to_string("performance/pdf/report.html", context)
    css = render_to_string("performance/pdf/report.css")
    return TaggedDocument(html=html, css=css, what="The performance report's PDF")


def pdf_for(doc: TaggedDocument) -> bytes:
    """The PDF of `doc`, from the cache when the same HTML was printed before."""
    return tagged_pdf.pdf_for(doc, cache_prefix=CACHE_PREFIX)
