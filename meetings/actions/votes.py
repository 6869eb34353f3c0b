"""Recording the votes on a decision, while the minutes are a draft.

A vote is optional per decision. Recording it replaces whatever was recorded before: one row per
seat present for the item (meetings.votes.voters_for), each for, against or abstained; members who
must withdraw from the item are never asked. Once the minutes are approved as an accurate record the
votes are settled with them: a correction (meetings.actions.minutes.correct_minutes) changes an item's
discussion only, so a vote cannot be corrected and the actions say so.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from meetings.minutes_text import attendance_rows, excluded_by_item, quorum_for
from meetings.models import CastingVote, Decision, Minutes, MinutesStatus, RecordedVote, Vote, VoteWay
from meetings.votes import Voters, vote_line, voters_for
from partnership.audit import stamped_delete, validated_save
from partnership.dates import british_date
from partnership.models import User

SETTLED = (
    "These minutes were approved as an accurate record on {approved}. The votes are part of the record and "
    "cannot be changed now: a correction changes an item's discussion only. Record what happened in a "
    "correction of the item's discussion."
)


def refuse_unless_draft(minutes: Minutes | None) -> None:
    """Votes are recorded while the minutes are a draft; after approval no correction carries them."""
    if minutes is None:
        raise ValidationError("Draft the minutes of this meeting first.")
    if minutes.status != MinutesStatus.DRAFT:
        raise ValidationError(SETTLED.format(approved=british_date(minutes.approved_on)))


def voters(decision: Decision) -> Voters:
    """Who votes on the decision's item, and who is listed as withdrawn from it."""
    item = decision.item
    return voters_for(item, attendance_rows(item.meeting), excluded_by_item(item.meeting).get(item.pk, ()))


def _locked_minutes(decision):
    return Minutes.objects.select_for_update().filter(meeting_id=decision.item.meeting_id).first()


@transaction.atomic(durable=True)
def record_votes(decision: Decision, *, by: User, ways: dict[int, str], casting_vote: str = "") -> RecordedVote:
    """Record how each seat present for the item voted, replacing any vote recorded before.

    `ways` maps the id of each voter's attendance row to for, against or abstain; every seat present
    for the item must be given one, and nobody else. `casting_vote` is the chair's, for or against,
    and only where the votes are tied.
    """
    refuse_unless_draft(_locked_minutes(decision))
    who = voters(decision)
    eligible = {row.pk: row for row in who.eligible}
    withdrawn = {row.pk: row for row in who.withdrawn}
    errors = []
    for attendance_id in ways:
        if attendance_id in withdrawn:
            name = withdrawn[attendance_id].person.full_name
            errors.append(f"{name} must withdraw from item {decision.item.number} and cannot vote on it.")
        elif attendance_id not in eligible:
            errors.append(
                f"Only the members and named reserves present for item {decision.item.number} vote on its decisions."
            )
    if not eligible:
        errors.append(f"Nobody holding a seat was present for item {decision.item.number}: no vote can be recorded.")
    for attendance_id, row in eligible.items():
        way = ways.get(attendance_id, "")
        if way not in VoteWay.values:
            errors.append(f"Say how {row.person.full_name} voted: for, against or abstained.")
    if casting_vote and casting_vote not in CastingVote.values:
        errors.append("The chair's casting vote is for or against.")
    if errors:
        raise ValidationError(errors)
    counted = list(ways.values())
    if casting_vote and counted.count(VoteWay.FOR) != counted.count(VoteWay.AGAINST):
        raise ValidationError(
            {"casting_vote": "The chair gives a casting vote only when the votes for and against are tied."}
        )
    recorded = RecordedVote.objects.filter(decision=decision).first()
    if recorded is None:
        recorded = RecordedVote(decision=decision)
    else:
        for vote in Vote.objects.filter(recorded_vote=recorded):
            stamped_delete(vote, by)
    recorded.casting_vote = casting_vote
    validated_save(recorded, by)
    for attendance_id, row in eligible.items():
        validated_save(
            Vote(recorded_vote=recorded, attendance=row, membership_id=row.membership_id, way=ways[attendance_id]),
            by,
        )
    return recorded


@transaction.atomic(durable=True)
def remove_votes(decision: Decision, *, by: User) -> None:
    """Take the recorded vote off a decision (recorded by mistake); the history keeps the rows."""
    refuse_unless_draft(_locked_minutes(decision))
    recorded = RecordedVote.objects.filter(decision=decision).first()
    if recorded is None:
        raise ValidationError("No vote is recorded on this decision.")
    for vote in Vote.objects.filter(recorded_vote=recorded):
        stamped_delete(vote, by)
    stamped_delete(recorded, by)


def result_of(decision: Decision):
    """The recorded vote's line (names, result, quorate) for the decision, or None: for the pages and tests."""
    recorded = RecordedVote.objects.filter(decision=decision).prefetch_related("votes__attendance__person").first()
    if recorded is None:
        return None
    item = decision.item
    return vote_line(recorded, quorate=quorum_for(item).is_quorate)
