"""The agenda as a reader may see it, and the agenda pack PDF built from it.

The meeting page and the pack share `build_agenda`, so that what the public
cannot see on one it cannot see in the other (Agreement 11.2).
"""

import io
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from meetings.models import Action, AgendaItem, Meeting, Paper, PaperVersion, StandingRole
from meetings.policies.agenda import items_visible_to, papers_visible_to, visible_item_condition
from meetings.uploads import PDF, describe, human_size
from partnership.dates import british_datetime, british_time

logger = logging.getLogger(__name__)


def meeting_when(meeting: Meeting) -> str:
    """The meeting's date and times: "30 April 2009, 2pm to 4pm"."""
    when = british_datetime(meeting.starts_at)
    if meeting.ends_at:
        if timezone.localdate(meeting.ends_at) == timezone.localdate(meeting.starts_at):
            return f"{when} to {british_time(meeting.ends_at)}"
        return f"{when} to {british_datetime(meeting.ends_at)}"
    return when


@dataclass
class PaperEntry:
    paper: Paper
    visible: bool
    versions: list[PaperVersion]

    @property
    def latest(self) -> PaperVersion | None:
        return self.versions[0] if self.versions else None

    @property
    def is_pdf(self) -> bool:
        return self.latest is not None and self.latest.content_type == PDF

    @property
    def document_description(self) -> str:
        latest = self.latest
        if latest is None or not latest.document:
            return ""
        return f"{describe(latest.content_type)}, {human_size(latest.size)}"


@dataclass
class ItemEntry:
    item: AgendaItem
    visible: bool
    papers: list[PaperEntry] = field(default_factory=list)
    companions: list["ItemEntry"] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)

    @property
    def numbers(self) -> str:
        """ "4" alone, or "4 and 6" when items are taken together."""
        numbers = [str(self.item.number)] + [str(c.item.number) for c in self.companions]
        return numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"

    @property
    def is_previous_minutes(self) -> bool:
        return self.item.standing_role == StandingRole.PREVIOUS_MINUTES


@dataclass
class Agenda:
    meeting: Meeting
    entries: list[ItemEntry]
    loose_papers: list[PaperEntry]

    def all_items(self):
        for entry in self.entries:
            yield entry
            yield from entry.companions

    def in_number_order(self):
        return sorted(self.all_items(), key=lambda entry: entry.item.number)

    def papers_in_order(self, visible_only=True):
        """Every paper in agenda order, then those not on an item."""
        for entry in self.all_items():
            if entry.visible:
                yield from (p for p in entry.papers if p.visible or not visible_only)
        yield from (p for p in self.loose_papers if p.visible or not visible_only)


def build_agenda(meeting: Meeting, user, *, with_actions: bool = True) -> Agenda:
    """The agenda as `user` may see it: a fixed number of queries whatever its length."""
    items = list(meeting.items.all())
    visible_items = set(items_visible_to(user, AgendaItem.objects.filter(meeting=meeting)).values_list("pk", flat=True))
    visible_papers = set(papers_visible_to(user, Paper.objects.filter(meeting=meeting)).values_list("pk", flat=True))
    by_id = {item.pk: ItemEntry(item=item, visible=item.pk in visible_items) for item in items}
    for item in items:
        if item.taken_with_id in by_id:
            item.taken_with = by_id[item.taken_with_id].item
    loose = []
    for paper in meeting.papers.prefetch_related("versions"):
        entry = PaperEntry(paper=paper, visible=paper.pk in visible_papers, versions=list(paper.versions.all()))
        owner = by_id.get(paper.item_id)
        if owner is None:
            loose.append(entry)
            continue
        paper.item = owner.item
        owner.papers.append(entry)
    entries = []
    for item in items:
        entry = by_id[item.pk]
        lead = by_id.get(item.taken_with_id)
        if lead is not None and lead.item.taken_with_id is None:
            lead.companions.append(entry)
        else:
            entries.append(entry)
    if with_actions:
        minutes_items = [e for e in by_id.values() if e.is_previous_minutes and e.visible]
        if minutes_items:
            minutes_items[0].actions = list(open_actions_before(meeting, user))
    return Agenda(meeting=meeting, entries=entries, loose_papers=loose)


def open_actions_before(meeting: Meeting, user):
    """The open actions of the body's earlier meetings, as matters arising; none from items `user` may not see."""
    return (
        Action.objects.open()
        .filter(item__meeting__body_id=meeting.body_id, item__meeting__starts_at__lt=meeting.starts_at)
        .filter(visible_item_condition(user, via="item__"))
        .select_related("item__meeting")
        .prefetch_related("owners")
        .order_by(F("due_on").asc(nulls_last=True), "item__meeting__starts_at", "pk")
    )


# The PDF


class _PackFetcher:
    """Fetch nothing from outside: the pack's template uses no remote resource, and must not start to."""

    def __call__(self, url):
        raise ValueError(f"The agenda pack does not fetch {url}")


@dataclass
class _Appendix:
    entry: PaperEntry
    pages: list


def _readable_pdfs(agenda: Agenda) -> dict[int, _Appendix]:
    """Open each visible PDF paper once; a file that cannot be read is left out and said so on its cover."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    appendices = {}
    for entry in agenda.papers_in_order():
        if not entry.is_pdf:
            continue
        try:
            with entry.latest.document.open("rb") as handle:
                reader = PdfReader(io.BytesIO(handle.read()))
                pages = list(reader.pages)
        except (OSError, PyPdfError, ValueError, KeyError) as error:
            logger.warning("Paper %s version %s left out of the pack: %s", entry.paper.pk, entry.latest.number, error)
            continue
        appendices[entry.paper.pk] = _Appendix(entry=entry, pages=pages)
    return appendices


def render_pack(meeting: Meeting, user) -> bytes:
    """The agenda pack as `user` may see it: front page, agenda, cover sheets and papers, as one PDF."""
    from pypdf import PdfReader, PdfWriter
    from weasyprint import CSS, HTML

    agenda = build_agenda(meeting, user, with_actions=True)
    papers = list(agenda.papers_in_order())
    appendices = _readable_pdfs(agenda)
    context = {
        "meeting": meeting,
        "agenda": agenda,
        "papers": papers,
        "appended": set(appendices),
        "when": meeting_when(meeting),
        "deadline": meeting.circulation_deadline(),
        "site_url": settings.SITE_URL.rstrip("/"),
        "PARTNERSHIP_NAME": settings.PARTNERSHIP_NAME,
        "generated": british_datetime(timezone.now()),
    }
    html = render_to_string("meetings/pack/pack.html", context)
    css = CSS(string=render_to_string("meetings/pack/pack.css"), url_fetcher=_PackFetcher())
    document = HTML(string=html, base_url=settings.SITE_URL, url_fetcher=_PackFetcher()).render(stylesheets=[css])
    # Each paper's section starts on a new page; its PDF follows the last page of its section.
    starts = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("paper-"):
                starts.setdefault(int(anchor.removeprefix("paper-")), index)
    section_starts = sorted((index, pk) for pk, index in starts.items())
    after_page = {}
    for position, (_, pk) in enumerate(section_starts):
        end = section_starts[position + 1][0] - 1 if position + 1 < len(section_starts) else len(document.pages) - 1
        if pk in appendices:
            after_page.setdefault(end, []).append(appendices[pk])
    main = PdfReader(io.BytesIO(document.write_pdf()))
    writer = PdfWriter()
    for index, page in enumerate(main.pages):
        writer.add_page(page)
        for appendix in after_page.get(index, []):
            for extra in appendix.pages:
                writer.add_page(extra)
    writer.add_metadata({"/Title": f"Agenda pack: {meeting}", "/Author": settings.PARTNERSHIP_NAME})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
