"""Members' replies to a meeting: who replies, their named reserves, and the attendance and quorum the replies foretell.

A member holding a seat on the body on the day of the meeting replies once
(meetings.actions.replies), and may change the reply until replies close
(Meeting.reply_deadline). The secretariat's attendance list starts from the
replies (`attendance_from_replies`): apologies, and a named reserve present
in the member's seat, counted once (Attendance's attendance_seat_counted_once
and meetings.minutes_text.quorum_for). Before the meeting the chair and the
secretariat read who has replied and the quorum to expect (`ReplySheet`).
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from bodies.models import SEATED_ROLES, Membership, Role
from meetings.minutes_text import Quorum, excluded_by_item, quorum_for, seats_present
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Capacity,
    Meeting,
    MeetingReply,
    ReplyAnswer,
)
from partnership.dates import british_date


def meeting_day(meeting: Meeting) -> datetime.date:
    return timezone.localdate(meeting.starts_at)


def seats_on(meeting: Meeting):
    """The seats on the meeting's body on its day: the memberships whose holders reply."""
    return Membership.objects.on(meeting_day(meeting)).filter(body_id=meeting.body_id, role__in=SEATED_ROLES)


def first_seat_each(seats) -> list[Membership]:
    """One seat a person, the earliest made, as the attendance list counts them (prepare_attendance)."""
    chosen: dict[int, Membership] = {}
    for seat in sorted(seats, key=lambda seat: seat.pk):
        chosen.setdefault(seat.person_id, seat)
    return sorted(chosen.values(), key=lambda seat: (seat.person.name, seat.pk))


def seat_of(person_id: int | None, meeting: Meeting) -> Membership | None:
    """The seat `person_id` replies for: the earliest they hold on the body on the meeting's day, or None."""
    if person_id is None:
        return None
    return (
        seats_on(meeting)
        .filter(person_id=person_id)
        .select_related("person", "organisation", "body")
        .order_by("pk")
        .first()
    )


def reserves_for(seat: Membership, day: datetime.date):
    """The named reserves for `seat` on `day` (Membership.reserves), by name."""
    return (
        Membership.objects.on(day)
        .filter(reserve_for=seat, role=Role.NAMED_RESERVE)
        .select_related("person", "organisation")
        .order_by("person__name", "pk")
    )


def standing_reserve(reply: MeetingReply | None, seat: Membership, day: datetime.date) -> Membership | None:
    """The reserve a reply names, if they are still the named reserve for the seat on the day."""
    if reply is None or reply.answer != ReplyAnswer.RESERVE or reply.reserve is None:
        return None
    reserve = reply.reserve
    if reserve.reserve_for_id != seat.pk or reserve.role != Role.NAMED_RESERVE or not reserve.held_on(day):
        return None
    return reserve


def describe(reply: MeetingReply | None) -> str:
    """A reply in words, as the chair and the secretariat read it."""
    if reply is None:
        return "Not replied"
    if reply.answer == ReplyAnswer.RESERVE:
        if reply.reserve is None:
            return "Apologies; the named reserve they chose no longer holds the place"
        return f"Apologies; {reply.reserve.person.full_name} attends as named reserve"
    if reply.answer == ReplyAnswer.RESERVE_WANTED:
        return "Apologies; has no named reserve and asked the secretariat to add one"
    return reply.get_answer_display()


# The list the secretariat starts from the replies


def reserve_row(meeting: Meeting, seat: Membership, reserve: Membership) -> Attendance:
    """The named reserve present in the member's seat: the seat counts once, for whoever sits in it."""
    organisation = reserve.organisation or seat.organisation
    return Attendance(
        meeting=meeting,
        person=reserve.person,
        capacity=Capacity.RESERVE,
        membership=seat,
        role_shown=f"Named reserve for {seat.person.full_name}",
        organisation_shown=organisation.name if organisation else "",
        status=AttendanceStatus.PRESENT,
    )


@dataclass
class Prefill:
    """What the replies bring to the attendance list: new rows, and rows listed earlier that a reply now fills in."""

    added: list[Attendance] = field(default_factory=list)
    changed: list[Attendance] = field(default_factory=list)


def attendance_from_replies(meeting: Meeting, seats, listed: dict[int, Attendance]) -> Prefill:
    """The rows to add for `seats` (each person once), and the rows in `listed` (by person) a reply decides.

    A member who replied with apologies is listed with apologies and their note; a named
    reserve they named is listed present in their seat, after the member's own row. Everyone
    else waits, not yet recorded, for the secretariat to say whether they came. A row the
    secretariat has recorded is never changed. Each unsaved row comes before any that
    depends on it.
    """
    day = meeting_day(meeting)
    replies = {
        reply.person_id: reply
        for reply in MeetingReply.objects.filter(meeting=meeting).select_related(
            "reserve__person", "reserve__organisation"
        )
    }
    taken = set(listed)
    prefill = Prefill()
    for seat in first_seat_each(seats):
        reply = replies.get(seat.person_id)
        row = listed.get(seat.person_id)
        if row is None:
            row = Attendance(
                meeting=meeting,
                person=seat.person,
                capacity=Capacity.MEMBER,
                membership=seat,
                role_shown=seat.get_role_display(),
                organisation_shown=seat.organisation.name if seat.organisation_id else "",
                status=AttendanceStatus.ABSENT,
                recorded=False,
            )
            taken.add(seat.person_id)
            if reply is not None:
                _fill(row, reply)
            prefill.added.append(row)
        elif reply is not None and not row.recorded and row.membership_id == seat.pk and reply.sends_apologies:
            _fill(row, reply)
            prefill.changed.append(row)
        else:
            continue
        reserve = standing_reserve(reply, seat, day)
        if reserve is not None and reserve.person_id not in taken and row.status != AttendanceStatus.PRESENT:
            taken.add(reserve.person_id)
            prefill.added.append(reserve_row(meeting, seat, reserve))
    return prefill


def _fill(row: Attendance, reply: MeetingReply) -> None:
    row.note = reply.note
    if reply.sends_apologies:
        row.status, row.recorded = AttendanceStatus.APOLOGIES, True


# Before the meeting: who has replied, and the quorum to expect


@dataclass(frozen=True)
class ReplyLine:
    seat: Membership
    reply: MeetingReply | None
    reserve: Membership | None

    @property
    def name(self) -> str:
        return self.seat.person.full_name

    @property
    def answer(self) -> str:
        return self.reply.answer if self.reply else ""

    @property
    def text(self) -> str:
        return describe(self.reply)


@dataclass(frozen=True)
class ItemQuorum:
    item: AgendaItem
    quorum: Quorum


@dataclass
class ReplySheet:
    """Every seat on the day with its reply, the counts, and the quorum if those who said they will come do."""

    meeting: Meeting
    lines: list[ReplyLine]
    expected: Quorum
    # Items where members expected must withdraw (declarations of interest), with their own count.
    short_items: list[ItemQuorum]

    def _count(self, *answers) -> int:
        return sum(1 for line in self.lines if line.answer in answers)

    @property
    def attending(self) -> int:
        return self._count(ReplyAnswer.ATTENDING)

    @property
    def apologies(self) -> int:
        return self._count(ReplyAnswer.APOLOGIES, ReplyAnswer.RESERVE, ReplyAnswer.RESERVE_WANTED)

    @property
    def reserves(self) -> int:
        return sum(1 for line in self.lines if line.reserve is not None)

    @property
    def not_replied(self) -> int:
        return sum(1 for line in self.lines if line.reply is None)

    @property
    def deadline(self) -> str:
        return self.meeting.reply_deadline_words()


def expected_attendance(meeting: Meeting, lines: list[ReplyLine]) -> list[Attendance]:
    """Unsaved attendance rows as the replies foretell them: those attending, and the reserves in their members' seats."""
    rows = []
    for line in lines:
        if line.answer == ReplyAnswer.ATTENDING:
            rows.append(
                Attendance(
                    meeting=meeting,
                    person=line.seat.person,
                    capacity=Capacity.MEMBER,
                    membership=line.seat,
                    status=AttendanceStatus.PRESENT,
                )
            )
        elif line.reserve is not None:
            rows.append(reserve_row(meeting, line.seat, line.reserve))
    return rows


def reply_sheet(meeting: Meeting) -> ReplySheet:
    """Who has replied to `meeting` and the quorum to expect: a fixed number of queries, whatever the membership."""
    day = meeting_day(meeting)
    seats = first_seat_each(seats_on(meeting).select_related("person", "organisation"))
    replies = {
        reply.person_id: reply
        for reply in MeetingReply.objects.filter(meeting=meeting).select_related("reserve__person")
    }
    lines = [
        ReplyLine(
            seat=seat,
            reply=replies.get(seat.person_id),
            reserve=standing_reserve(replies.get(seat.person_id), seat, day),
        )
        for seat in seats
    ]
    rows = expected_attendance(meeting, lines)
    quorum = meeting.body.quorum
    present = seats_present(rows)
    expected = Quorum(present, quorum, None if quorum is None else present >= quorum)
    short_items = []
    excluded = excluded_by_item(meeting)
    if excluded:
        for item in AgendaItem.objects.filter(meeting=meeting, pk__in=list(excluded)).order_by("number"):
            item.meeting = meeting
            item_quorum = quorum_for(item, attendance=rows, excluded_people=excluded[item.pk])
            if item_quorum.present < present:
                short_items.append(ItemQuorum(item, item_quorum))
    return ReplySheet(meeting=meeting, lines=lines, expected=expected, short_items=short_items)


def closed_words(meeting: Meeting) -> str:
    """Why a meeting takes no more replies, in words."""
    if meeting.is_cancelled:
        return f"The meeting was {meeting.get_status_display().lower()}: {meeting.status_reason}"
    if not meeting.takes_replies:
        return f"The meeting of {british_date(meeting.starts_at)} has taken place, so replies are closed."
    return (
        f"Replies to this meeting closed at {meeting.reply_deadline_words()}. "
        "To change your reply now, contact the secretariat."
    )
