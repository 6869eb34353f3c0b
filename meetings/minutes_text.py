"""The minutes as one record, its two renditions, its canonical text and the quorum per item.

One record, two renditions: the full rendition (the body's members and the
secretariat) and the public one, from which confidential items are withheld
(Agreement 11.1.3, 11.2). A withheld item is built without its content, so
no template can show what it never received.

The canonical text is a deterministic plain-text rendering of the full
minutes; the chair signs its SHA-256 (meetings.models.canonical_hash). It
holds the attendance, the items with discussion, the lines registered apps
add (the declarations of interest), decisions and actions, and leaves out what changes after the meeting for other reasons: the status of
actions (updated in the actions register), the quorum assessment (derived
from the attendance and the body's current rule) and the rulings on
declarations (which may follow the meeting and be superseded on a dispute).
A decision's recorded vote (meetings.votes) adds lines under it only where
one was recorded, so minutes without votes keep the text they always had;
for the same reasons it leaves out whether the item was quorate and who
withdrew, which the renditions show.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Prefetch, Q
from django.utils import timezone

from bodies.models import Role
from meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Capacity,
    Decision,
    Meeting,
    MeetingKind,
    Minutes,
    Vote,
    canonical_hash,
)
from meetings.votes import VoteLine, fetched_vote, vote_line, withdrawn_names
from partnership.dates import british_date, british_datetime
from partnership.models import Person, person_of


def signer_name(user) -> str:
    if user is None:
        return "unknown"
    person = person_of(user)
    return person.full_name if person is not None else user.email


def signed_by_name(minutes: Minutes) -> str:
    """Who signed: the chair online, or the chair named in a signature recorded from the paper record."""
    if minutes.signed_on_paper_by_id:
        return minutes.signed_on_paper_by.full_name
    return signer_name(minutes.signed_by)


def signed_when(minutes: Minutes) -> str:
    """When the minutes were signed: the day alone for a paper signature, whose time nobody recorded."""
    if minutes.is_signed_on_paper:
        return british_date(timezone.localdate(minutes.signed_at))
    return british_datetime(minutes.signed_at)


def lower_first(text: str) -> str:
    """ "Named reserve for Mel Morris" -> "named reserve for Mel Morris"."""
    return text[:1].lower() + text[1:]


def join_names(names: list[str]) -> str:
    """A, B and C."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


# Quorum

# The hook for declarations of interest (issue 4): a module-level registry of
# excluders. An excluder is called once per meeting, as excluder(meeting), and
# returns {agenda item id: {person ids who must withdraw from that item}}; it
# should cost a fixed number of queries, whatever the number of items. Those
# people are not counted towards the quorum for that item (Agreement 11.1.2).
QuorumExcluder = Callable[[Meeting], dict[int, set[int]]]
_quorum_excluders: list[QuorumExcluder] = []


def register_quorum_excluder(excluder: QuorumExcluder) -> QuorumExcluder:
    """Register `excluder` (usable as a decorator); declarations call this from their AppConfig.ready()."""
    if excluder not in _quorum_excluders:
        _quorum_excluders.append(excluder)
    return excluder


def unregister_quorum_excluder(excluder: QuorumExcluder) -> None:
    if excluder in _quorum_excluders:
        _quorum_excluders.remove(excluder)


def excluded_by_item(meeting: Meeting) -> dict[int, set[int]]:
    merged: dict[int, set[int]] = {}
    for excluder in _quorum_excluders:
        for item_id, people in excluder(meeting).items():
            merged.setdefault(item_id, set()).update(people)
    return merged


# The second hook: lines another app adds to each item of the canonical text,
# so that what the chair signs includes them (declarations of interest made at
# the meeting, Agreement 11.1.2). A provider is called once per meeting, as
# provider(meeting), and returns {agenda item id: [lines]}, at a fixed number
# of queries. Its lines must not change once the minutes are approved.
ItemNotesProvider = Callable[[Meeting], dict[int, list[str]]]
_item_notes_providers: list[ItemNotesProvider] = []


def register_item_notes(provider: ItemNotesProvider) -> ItemNotesProvider:
    """Register `provider` (usable as a decorator) of extra lines per item for the canonical text."""
    if provider not in _item_notes_providers:
        _item_notes_providers.append(provider)
    return provider


def item_notes(meeting: Meeting) -> dict[int, list[str]]:
    merged: dict[int, list[str]] = {}
    for provider in _item_notes_providers:
        for item_id, lines in provider(meeting).items():
            merged.setdefault(item_id, []).extend(lines)
    return merged


class Quorum(NamedTuple):
    present: int
    quorum: int | None
    # None when the body sets no quorum.
    is_quorate: bool | None


SEAT_CAPACITIES = (Capacity.MEMBER, Capacity.RESERVE)


def attendance_rows(meeting):
    """The meeting's attendance with what the quorum and the votes read: a fixed number of queries."""
    return list(
        Attendance.objects.filter(meeting=meeting).select_related(
            "person", "membership__person", "arrived_before_item", "left_after_item"
        )
    )


def quorum_for(item: AgendaItem, *, attendance=None, excluded_people: Iterable[int] | None = None) -> Quorum:
    """Return (seats present at `item`, the body's quorum, whether it was quorate).

    A seat counts once: its member present at the item, or the named reserve
    attending in the member's place. People in `excluded_people` (person ids)
    are left out; by default they come from the registered excluders.
    """
    meeting = item.meeting
    if attendance is None:
        attendance = attendance_rows(meeting)
    if excluded_people is None:
        excluded_people = excluded_by_item(meeting).get(item.pk, set())
    present = seats_present(attendance, excluded_people, item)
    quorum = meeting.body.quorum
    return Quorum(present, quorum, None if quorum is None else present >= quorum)


def seats_present(attendance, excluded_people: Iterable[int] = (), item: AgendaItem | None = None) -> int:
    """How many seats `attendance` fills, at `item` or for the whole meeting: a seat counts once.

    Its member present, or the named reserve attending in the member's place; people in
    `excluded_people` (person ids) are left out.
    """
    excluded = set(excluded_people)
    seats = {
        row.membership_id or f"person-{row.person_id}"
        for row in attendance
        if row.capacity in SEAT_CAPACITIES
        and (row.membership_id or row.capacity == Capacity.MEMBER)
        and row.person_id not in excluded
        and (row.present_for(item) if item is not None else row.status == AttendanceStatus.PRESENT)
    }
    return len(seats)


# The record and its renditions


@dataclass(frozen=True)
class AttendeeLine:
    pk: int
    name: str
    role: str
    organisation: str
    note: str = ""

    def text(self) -> str:
        parts = [self.name, *(part for part in (self.role, self.organisation) if part)]
        return ", ".join(parts) + (f" ({self.note})" if self.note else "")


@dataclass(frozen=True)
class DecisionLine:
    pk: int
    number: int
    text: str
    # The recorded vote, where one was recorded (meetings.votes).
    vote: VoteLine | None = None


@dataclass(frozen=True)
class ActionLine:
    pk: int
    text: str
    owners: tuple[str, ...]
    due_on: datetime.date | None
    status: str
    status_label: str

    @property
    def owners_text(self) -> str:
        return "; ".join(self.owners)

    @property
    def due_text(self) -> str:
        return british_date(self.due_on) if self.due_on else ""


@dataclass
class ItemLine:
    pk: int
    number: int
    title: str
    # Withheld from this rendition: only the number, "Confidential item" and the reason.
    withheld: bool
    confidential: bool
    confidential_reason: str
    taken_with: int | None = None
    discussion: str = ""
    decisions: list[DecisionLine] = field(default_factory=list)
    actions: list[ActionLine] = field(default_factory=list)
    quorum: Quorum | None = None


@dataclass(frozen=True)
class CorrectionLine:
    item_number: int | None
    item_withheld: bool
    reason: str
    before: str
    after: str
    previous_hash: str
    new_hash: str
    made_by: str
    made_at: datetime.datetime

    @property
    def made_at_text(self) -> str:
        return british_datetime(self.made_at)


@dataclass
class Rendition:
    meeting: Meeting
    minutes: Minutes | None
    full: bool
    attending: list[AttendeeLine]
    reserves: list[AttendeeLine]
    apologies: list[AttendeeLine]
    absent: list[AttendeeLine]
    support: list[AttendeeLine]
    visitors: list[AttendeeLine]
    items: list[ItemLine]
    corrections: list[CorrectionLine]

    @property
    def has_quorum_rule(self) -> bool:
        return self.meeting.body.quorum is not None

    @property
    def quorate_throughout(self) -> bool | None:
        """True when every item was quorate; None when the body sets no quorum or the meeting had no items."""
        if not self.has_quorum_rule or not self.items:
            return None
        return all(item.quorum.is_quorate for item in self.items)

    @property
    def when(self) -> str:
        return british_datetime(self.meeting.starts_at)

    @property
    def title(self) -> str:
        kind = "special meeting" if self.meeting.kind == MeetingKind.SPECIAL else "meeting"
        return f"Minutes of the {kind} of the {self.meeting.body.name}"


def _note(row: Attendance) -> str:
    notes = []
    if row.arrived_before_item_id:
        notes.append(f"arrived before item {row.arrived_before_item.number}")
    if row.left_after_item_id:
        notes.append(f"left after item {row.left_after_item.number}")
    return "; ".join(notes)


def _line(row: Attendance) -> AttendeeLine:
    return AttendeeLine(row.pk, row.person.full_name, row.role_shown, row.organisation_shown, _note(row))


ROLE_RANK = {role: rank for rank, (role, _) in enumerate(Role.choices)}


def _member_order(row: Attendance):
    rank = ROLE_RANK.get(row.membership.role, len(ROLE_RANK)) if row.membership_id else len(ROLE_RANK)
    return (rank, row.person.name, row.pk)


def _name_order(row: Attendance):
    return (row.person.name, row.pk)


def item_queryset(**filters):
    """Items with their decisions, actions and owners: a fixed number of queries."""
    owners = Prefetch("owners", queryset=Person.objects.order_by("name", "pk"))
    actions = Prefetch("actions", queryset=Action.objects.order_by("pk").prefetch_related(owners))
    # A decision's recorded vote comes with it; its votes cost a query only where a vote was recorded.
    votes = Prefetch("recorded_vote__votes", queryset=Vote.objects.select_related("attendance__person"))
    decisions = Prefetch("decisions", queryset=Decision.objects.select_related("recorded_vote").prefetch_related(votes))
    return (
        AgendaItem.objects.filter(**filters)
        .select_related("taken_with")
        .order_by("number")
        .prefetch_related(decisions, actions)
    )


# What a withheld item shows in place of its title.
WITHHELD_TITLE = "Confidential item"


def withholds(item: AgendaItem, *, visible: bool) -> bool:
    """The one rule of every rendition: a confidential item the reader may not see is withheld (Agreement 11.2).

    What the public is shown of it is its number, WITHHELD_TITLE and `item.confidential_reason`; nothing else.
    """
    return item.confidential and not visible


def withheld_from_public(prefix: str = "") -> Q:
    """The rule's twin in SQL for the public rendition (no item made visible): the items it withholds."""
    return Q(**{f"{prefix}confidential": True})


def _decision_line(decision, *, quorum: Quorum | None, withdrawn: tuple[str, ...]) -> DecisionLine:
    recorded = fetched_vote(decision)
    vote = None
    if recorded is not None:
        vote = vote_line(recorded, withdrawn=withdrawn, quorate=quorum.is_quorate if quorum else None)
    return DecisionLine(decision.pk, decision.number, normalise(decision.text), vote)


def item_line(
    item: AgendaItem, *, visible: bool, quorum: Quorum | None = None, withdrawn: tuple[str, ...] = ()
) -> ItemLine:
    """One item for a rendition; a withheld item carries no content at all, its votes neither.

    A decision's recorded vote is shown when it was fetched with the decision (item_queryset);
    `withdrawn` names the members who must withdraw from the item, listed with its votes.
    """
    if withholds(item, visible=visible):
        return ItemLine(
            pk=item.pk,
            number=item.number,
            title=WITHHELD_TITLE,
            withheld=True,
            confidential=True,
            confidential_reason=item.confidential_reason,
            quorum=quorum,
        )
    decisions = sorted(item.decisions.all(), key=lambda d: (d.number, d.pk))
    return ItemLine(
        pk=item.pk,
        number=item.number,
        title=item.title,
        withheld=False,
        confidential=item.confidential,
        confidential_reason=item.confidential_reason,
        taken_with=item.taken_with.number if item.taken_with_id else None,
        discussion=normalise(item.discussion),
        decisions=[_decision_line(d, quorum=quorum, withdrawn=withdrawn) for d in decisions],
        actions=[
            ActionLine(
                pk=action.pk,
                text=normalise(action.text),
                owners=tuple(
                    [p.full_name for p in action.owners.all()] + ([action.owner_note] if action.owner_note else [])
                ),
                due_on=action.due_on,
                status=action.status,
                status_label=action.get_status_display(),
            )
            for action in item.actions.all()
        ],
        quorum=quorum,
    )


_UNKNOWN = object()


def build_rendition(
    meeting: Meeting, *, full: bool, visible_item_ids: Iterable[int] = (), minutes=_UNKNOWN
) -> Rendition:
    """The minutes of `meeting`: in full, or the public rendition (confidential items withheld).

    `visible_item_ids` names confidential items shown in a public rendition
    all the same (a one-off grant on the item). The cost is a fixed number
    of queries, whatever the number of items, attendees, decisions or actions.
    """
    if minutes is _UNKNOWN:
        minutes = Minutes.objects.filter(meeting=meeting).first()
    attendance = attendance_rows(meeting)
    items = list(item_queryset(meeting=meeting))
    for item in items:
        item.meeting = meeting
    excluded = excluded_by_item(meeting)
    visible = set(visible_item_ids)
    lines = [
        item_line(
            item,
            visible=full or item.pk in visible,
            quorum=quorum_for(item, attendance=attendance, excluded_people=excluded.get(item.pk, ())),
            withdrawn=withdrawn_names(item, attendance, excluded.get(item.pk, ())),
        )
        for item in items
    ]
    present = [row for row in attendance if row.status == AttendanceStatus.PRESENT]
    corrections = []
    if minutes is not None:
        by_item = {item.pk: item for item in items}
        for correction in minutes.corrections.select_related("made_by__person"):
            item = by_item.get(correction.item_id)
            withheld = item is not None and withholds(item, visible=full or item.pk in visible)
            corrections.append(
                CorrectionLine(
                    item_number=item.number if item else None,
                    item_withheld=withheld,
                    reason="" if withheld else correction.reason,
                    before="" if withheld else correction.before,
                    after="" if withheld else correction.after,
                    previous_hash=correction.previous_hash,
                    new_hash=correction.new_hash,
                    made_by=signer_name(correction.made_by),
                    made_at=correction.made_at,
                )
            )
    return Rendition(
        meeting=meeting,
        minutes=minutes,
        full=full,
        attending=[_line(r) for r in sorted(present, key=_member_order) if r.capacity == Capacity.MEMBER],
        reserves=[_line(r) for r in sorted(present, key=_name_order) if r.capacity == Capacity.RESERVE],
        apologies=[
            _line(r)
            for r in sorted(attendance, key=_member_order)
            if r.status == AttendanceStatus.APOLOGIES and r.capacity in SEAT_CAPACITIES
        ],
        absent=[
            _line(r)
            for r in sorted(attendance, key=_member_order)
            if r.status == AttendanceStatus.ABSENT and r.capacity == Capacity.MEMBER
        ],
        support=[_line(r) for r in sorted(present, key=_name_order) if r.capacity == Capacity.SUPPORT],
        visitors=[_line(r) for r in sorted(present, key=_name_order) if r.capacity == Capacity.VISITOR],
        items=lines,
        corrections=corrections,
    )


# The canonical text


def normalise(text: str) -> str:
    """One newline convention and no trailing spaces, so the same words always hash the same."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def _section(title: str, lines: list[AttendeeLine]) -> list[str]:
    return [f"{title}:", *([f"- {line.text()}" for line in lines] or ["- none"]), ""]


def render_text(rendition: Rendition) -> str:
    meeting = rendition.meeting
    out = [
        rendition.title,
        f"Held on {rendition.when}",
        f"Venue: {meeting.venue or 'not recorded'}",
        "",
        *_section("Attending", rendition.attending),
        *_section("Named reserves attending for members", rendition.reserves),
        *_section("Apologies", rendition.apologies),
        *_section("Absent", rendition.absent),
        *_section("Support staff", rendition.support),
        *_section("Visitors", rendition.visitors),
    ]
    # Only the full record carries the notes: a withheld item shows none of its content.
    notes = item_notes(meeting) if rendition.full else {}
    for item in rendition.items:
        out.append(f"Item {item.number}. {item.title}")
        if item.confidential:
            out.append(f"Confidential: {item.confidential_reason}")
        if item.taken_with:
            out.append(f"Taken together with item {item.taken_with}.")
        if item.discussion:
            out.append(item.discussion)
        out.extend(notes.get(item.pk, []) if not item.withheld else [])
        for decision in item.decisions:
            out.append(f"Decision {decision.number}: {decision.text}")
            # Only where a vote was recorded: minutes without votes keep the text, and the hash, they had.
            if decision.vote is not None:
                out.extend(decision.vote.text_lines())
        for action in item.actions:
            out.append(f"Action: {action.text}")
            out.append(f"  Owners: {action.owners_text or 'not named'}")
            if action.due_on:
                out.append(f"  Due: {action.due_text}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def canonical_text(meeting: Meeting) -> str:
    """The full minutes of `meeting` as plain text, the same for the same record every time."""
    return render_text(build_rendition(meeting, full=True))


def current_hash(meeting: Meeting) -> str:
    return canonical_hash(canonical_text(meeting))


def public_summary(meeting: Meeting, items: Iterable[AgendaItem]) -> str:
    """A short summary of the public rendition (for the feed): the items and their decisions."""
    lines = [item_line(item, visible=False) for item in items]
    parts = [f"{rendition_when(meeting)}."]
    if lines:
        parts.append("Items: " + "; ".join(f"{line.number}. {line.title}" for line in lines) + ".")
    decisions = [decision for line in lines for decision in line.decisions]
    if decisions:
        parts.append("Decisions: " + " ".join(f"({d.number}) {d.text}" for d in decisions))
    return " ".join(parts)


def rendition_when(meeting: Meeting) -> str:
    kind = "Special meeting" if meeting.kind == MeetingKind.SPECIAL else "Meeting"
    return f"{kind} of the {meeting.body.name} held on {british_datetime(meeting.starts_at)}"
