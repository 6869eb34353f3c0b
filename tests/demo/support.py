"""Support for the demo's tests: loading it, finding its meetings, crawling its pages, comparing it with the seeds."""

import datetime
import html
import io
import re
from collections import Counter, deque
from pathlib import Path
from urllib.parse import urlsplit

from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from meetings.models import Meeting, Paper

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
FAST_HASHING = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load(*args):
    """Run `manage.py loaddemo` with `args`; return what it printed and what it warned."""
    out, err = io.StringIO(), io.StringIO()
    call_command("loaddemo", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def april():
    return Meeting.objects.get(body__slug="lsp", starts_at__date=datetime.date(2009, 4, 30))


def july():
    return Meeting.objects.get(body__slug="lsp", starts_at__date=datetime.date(2009, 7, 30))


def coming():
    return Meeting.objects.filter(body__slug="commissioning-board").upcoming().get()


def past_board_meetings():
    """The Board's two meetings before the coming one, earlier first."""
    return list(Meeting.objects.filter(body__slug="commissioning-board").past().order_by("starts_at"))


# -- The seed papers: the demo summarises them and copies no run of twelve words ---------------


def words(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def runs(words, n=12):
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def runs_copied_from_the_seeds(module):
    """The runs of twelve words that demo/<module>.py shares with the seed papers, as text."""
    seeds = set()
    for path in sorted(SEEDS.glob("*.txt")):
        seeds |= runs(words(path.read_text(encoding="utf-8")))
    copied = runs(words((REPO / "demo" / f"{module}.py").read_text(encoding="utf-8"))) & seeds
    return sorted(" ".join(run) for run in copied)


# -- Crawling the pages a visitor can reach ----------------------------------------------------

SKIP = ("/static/", "/admin/", "/manage/", "/accounts/")
PER_PATH = 3  # query-string variants followed per path: enough for "?on=", bounded for calendars


def _try(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def start_urls():
    meetings = [april(), july(), coming(), *past_board_meetings()]
    urls = ["/", reverse("body_detail", args=["lsp"]), reverse("body_detail", args=["commissioning-board"])]
    urls += [_try(name) for name in ("meeting_list", "calendar", "calendar_ics")]
    urls += [_try(name, "commissioning-board") for name in ("body_calendar", "body_calendar_ics")]
    urls += [_try("meeting_detail", m.pk) for m in meetings] + [_try("meeting_minutes", m.pk) for m in meetings]
    urls += [_try("paper_detail", p.meeting_id, p.pk) for p in Paper.objects.filter(meeting=coming())]
    return [url for url in urls if url]


def _content(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    return body.decode("utf-8", errors="replace")


def crawl(client, limit=400):
    """Every page reachable by links from the start pages, outside the secretariat's and admin pages."""
    queue, seen, per_path, pages = deque(start_urls()), set(), Counter(), {}
    while queue and len(pages) < limit:
        url = queue.popleft()
        path = urlsplit(url).path
        if url in seen or path.startswith(SKIP) or per_path[path] >= PER_PATH:
            continue
        seen.add(url)
        per_path[path] += 1
        response = client.get(url)
        pages[url] = _content(response)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            for href in re.findall(r'href="([^"]+)"', pages[url]):
                parts = urlsplit(html.unescape(href))
                if not parts.scheme and not parts.netloc and parts.path.startswith("/"):
                    queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages
