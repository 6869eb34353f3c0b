"""Recorded votes on decisions: who may vote on an item, and the result, worked out from the records.

A vote is optional per decision. When one is recorded, each seat present for the item votes once
(for, against or abstained): its member, or the named reserve attending in the member's seat. Members
who must withdraw from the item (a ruling on a declaration of interest, from the quorum excluders of
meetings.minutes_text) cannot vote and are listed as withdrawn. Nothing here is typed: the result is
carried when more voted for than against; a tie is not carried unless the chair's casting vote is
recorded for it. Whether the item was quorate is the item's quorum (minutes_text.quorum_for).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from meetings.models import Attendance, AttendanceStatus, Capacity, CastingVote, Decision, VoteWay

SEAT_CAPACITIES = (Capacity.MEMBER, Capacity.RESERVE)


def holds_seat(row: Attendance) -> bool:
    """A member in their seat, or a named reserve in a member's: as the quorum counts seats."""
    return row.capacity in SEAT_CAPACITIES and (row.membership_id is not None or row.capacity == Capacity.MEMBER)


def voter_name(row: Attendance) -> str:
    """ "Pat Reserve (named reserve for Mel Morris)" for a reserve; the name alone for a member."""
    name = row.person.full_name
    if row.capacity == Capacity.RESERVE and row.role_shown:
        return f"{name} ({row.role_shown[:1].lower()}{row.role_shown[1:]})"
    return name


def _order(row: Attendance):
    return (row.person.name, row.pk)


@dataclass(frozen=True)
class Voters:
    """Who votes on an item, and who is listed as withdrawn from it."""

    eligible: list[Attendance]
    withdrawn: list[Attendance]


def voters_for(item, attendance: Iterable[Attendance], excluded_people: Iterable[int]) -> Voters:
    """The seats present for `item` that vote, and the members present who must withdraw from it.

    `attendance` is the meeting's rows with their person, membership and the items of late arrival
    and early departure; `excluded_people` the person ids the excluders name for the item.
    """
    excluded = set(excluded_people)
    rows = sorted(attendance, key=_order)
    return Voters(
        eligible=[row for row in rows if holds_seat(row) and row.present_for(item) and row.person_id not in excluded],
        withdrawn=[
            row
            for row in rows
            if holds_seat(row) and row.person_id in excluded and row.status == AttendanceStatus.PRESENT
        ],
    )


def withdrawn_names(item, attendance: Iterable[Attendance], excluded_people: Iterable[int]) -> tuple[str, ...]:
    """The members present at the meeting who must withdraw from `item`, by name."""
    if not excluded_people:
        return ()
    return tuple(voter_name(row) for row in voters_for(item, attendance, excluded_people).withdrawn)


@dataclass(frozen=True)
class VoteLine:
    """A recorded vote as the minutes show it: names by how they voted, the withdrawn, the result, quorate."""

    voted_for: tuple[str, ...]
    against: tuple[str, ...]
    abstained: tuple[str, ...]
    withdrawn: tuple[str, ...] = ()
    casting_vote: str = ""
    # None when the body sets no quorum.
    quorate: bool | None = None

    @property
    def tied(self) -> bool:
        return len(self.voted_for) == len(self.against)

    @property
    def carried(self) -> bool:
        """More for than against; a tie only on the chair's casting vote for."""
        if self.tied:
            return self.casting_vote == CastingVote.FOR
        return len(self.voted_for) > len(self.against)

    @property
    def result(self) -> str:
        return "carried" if self.carried else "not carried"

    @property
    def result_text(self) -> str:
        """ "Carried", or for a tie "Not carried: the votes were tied and no casting vote was recorded"."""
        if self.tied and self.casting_vote:
            way = "for" if self.casting_vote == CastingVote.FOR else "against"
            return f"{self.result.capitalize()} on the chair's casting vote {way}: the votes were tied"
        if self.tied:
            return "Not carried: the votes were tied and the chair gave no casting vote"
        return self.result.capitalize()

    @property
    def counts_text(self) -> str:
        return f"{len(self.voted_for)} for, {len(self.against)} against, {len(self.abstained)} abstained"

    @property
    def quorate_text(self) -> str:
        if self.quorate is None:
            return "The body sets no quorum"
        return "Quorate" if self.quorate else "Not quorate"

    def text_lines(self) -> list[str]:
        """The vote in the minutes' canonical text: what was recorded and its result.

        Whether the item was quorate and who withdrew are left out, as the canonical text leaves out
        the quorum assessment and the rulings (they may change after the meeting); the pages show them.
        """
        lines = [f"  Recorded vote: {self.counts_text}"]
        for label, names in (("For", self.voted_for), ("Against", self.against), ("Abstained", self.abstained)):
            lines.append(f"  {label}: {', '.join(names) if names else 'none'}")
        if self.casting_vote:
            lines.append(f"  The chair's casting vote: {CastingVote(self.casting_vote).label.lower()}")
        lines.append(f"  Result: {self.result}")
        return lines


def vote_line(recorded_vote, *, withdrawn: tuple[str, ...] = (), quorate: bool | None = None) -> VoteLine:
    """The line of a recorded vote whose votes were fetched with their attendance and person."""
    rows = sorted(recorded_vote.votes.all(), key=lambda vote: (vote.attendance.person.name, vote.pk))
    by_way = {way: tuple(voter_name(v.attendance) for v in rows if v.way == way) for way in VoteWay.values}
    return VoteLine(
        voted_for=by_way[VoteWay.FOR],
        against=by_way[VoteWay.AGAINST],
        abstained=by_way[VoteWay.ABSTAIN],
        withdrawn=withdrawn,
        casting_vote=recorded_vote.casting_vote,
        quorate=quorate,
    )


def fetched_vote(decision: Decision):
    """The decision's recorded vote if it was fetched with it (select_related), else None: never a query."""
    descriptor = Decision.recorded_vote
    if not descriptor.is_cached(decision):
        return None
    return descriptor.related.get_cached_value(decision, default=None)
