"""Recorded votes on decisions (issue 16): who may vote, a seat once, the result and quorate worked out, the lock,
and the canonical text the chair signs, unchanged for minutes without votes."""

import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.actions import minutes as actions
from meetings.actions import votes as vote_actions
from meetings.minutes_text import (
    build_rendition,
    canonical_text,
    current_hash,
    register_quorum_excluder,
    unregister_quorum_excluder,
)
from meetings.models import Attendance, Capacity, Decision, RecordedVote, Vote, VoteWay
from meetings.votes import VoteLine
from tests.meetings import scenario
from tests.meetings.scenario import EXPECTED

F, A, X = VoteWay.FOR, VoteWay.AGAINST, VoteWay.ABSTAIN

# The SHA-256 of the scene's canonical text (scenario.EXPECTED) as it was before votes existed: a chair's
# signature over minutes without votes must never move.
EXPECTED_HASH = hashlib.sha256(EXPECTED.encode("utf-8")).hexdigest()
PINNED_HASH = "d1223b8ff54b859fdca7fe1562cd6bface36e4925dbf8eb3bea2a2f91f09f4f8"


def decision_of(minuted):
    return Decision.objects.get(item=minuted.items.constitution)


def rows(scene, *names):
    """The attendance rows of the named people (chair, tim, pat, mel, rita)."""
    people = {
        "chair": scene.cast.chair.person,
        "tim": scene.tim.person,
        "pat": scene.pat.person,
        "mel": scene.cast.member.person,
        "rita": scene.rita.person,
    }
    return [Attendance.objects.get(meeting=scene.meeting, person=people[name]) for name in names]


def ways(scene, **by_name):
    return {row.pk: way for row, way in zip(rows(scene, *by_name), by_name.values(), strict=True)}


def record(scene, decision, casting_vote="", **by_name):
    return vote_actions.record_votes(
        decision, by=scene.cast.secretariat, ways=ways(scene, **by_name), casting_vote=casting_vote
    )


def messages(error):
    return " ".join(error.value.messages)


# Canonical text


def test_minutes_without_votes_keep_their_canonical_text_and_hash_byte_for_byte(minuted):
    assert canonical_text(minuted.meeting) == EXPECTED
    assert current_hash(minuted.meeting) == EXPECTED_HASH
    # Pinned as a literal too, so that a change to EXPECTED itself cannot hide a change of the signed text.
    assert EXPECTED_HASH == PINNED_HASH
    assert "Recorded vote" not in canonical_text(minuted.meeting)


def test_a_recorded_vote_changes_the_hash_and_taking_it_out_restores_it(minuted):
    decision = decision_of(minuted)
    record(minuted, decision, chair=F, tim=A, pat=F)

    text = canonical_text(minuted.meeting)
    assert current_hash(minuted.meeting) != EXPECTED_HASH
    assert (
        "Decision 1: Endorsed.\n"
        "  Recorded vote: 2 for, 1 against, 0 abstained\n"
        "  For: Chris Carter, Pat Price (named reserve for Mel Morris)\n"
        "  Against: Tim Jackson\n"
        "  Abstained: none\n"
        "  Result: carried\n"
        "Action: Confirm a named reserve." in text
    )
    # Nothing else moved: the text without the block is the text before.
    block = text[text.index("  Recorded vote") : text.index("Action: Confirm")]
    assert text.replace(block, "") == EXPECTED

    vote_actions.remove_votes(decision, by=minuted.cast.secretariat)
    assert canonical_text(minuted.meeting) == EXPECTED


def test_the_signed_hash_covers_the_votes(minuted):
    record(minuted, decision_of(minuted), chair=F, tim=A, pat=X)
    minutes = actions.approve_minutes(
        minuted.meeting.minutes, by=minuted.cast.secretariat, at_item=minuted.following_items.previous
    )
    minutes = actions.sign_minutes(minutes, by=minuted.cast.chair)
    assert minutes.signed_hash == current_hash(minuted.meeting) != EXPECTED_HASH


# Who votes


def test_the_seats_present_for_the_item_vote_and_the_result_is_worked_out(minuted):
    decision = decision_of(minuted)
    recorded = record(minuted, decision, chair=F, tim=F, pat=A)

    assert recorded.votes.count() == 3
    line = vote_actions.result_of(decision)
    assert line.voted_for == ("Chris Carter", "Tim Jackson")
    assert line.against == ("Pat Price (named reserve for Mel Morris)",)
    assert line.carried and line.result == "carried"
    # Three seats present, quorum 3: worked out from the attendance, never typed.
    assert line.quorate is True
    # Every row keeps its history, with who recorded it.
    assert Vote.history.filter(history_user=minuted.cast.secretariat).count() == 3
    assert RecordedVote.history.count() == 1


def test_the_named_reserve_votes_for_the_seat_and_the_member_sending_apologies_does_not(minuted):
    decision = decision_of(minuted)
    pat, mel = rows(minuted, "pat", "mel")
    with pytest.raises(ValidationError) as error:
        vote_actions.record_votes(
            decision,
            by=minuted.cast.secretariat,
            ways={**ways(minuted, chair=F, tim=F, pat=F), mel.pk: A},
        )
    assert "present for item 3" in messages(error)
    record(minuted, decision, chair=F, tim=F, pat=A)
    vote = Vote.objects.get(attendance=pat)
    assert vote.membership == minuted.cast.member_membership


def test_a_seat_votes_once_never_twice_in_the_database_and_in_clean(minuted):
    decision = decision_of(minuted)
    recorded = record(minuted, decision, chair=F, tim=F, pat=A)
    # Mel's own row, as if counted in the seat Pat already voted for.
    mel = rows(minuted, "mel")[0]
    twice = Vote(recorded_vote=recorded, attendance=mel, membership=minuted.cast.member_membership, way=F)
    with pytest.raises(ValidationError) as error:
        twice.clean()
    assert "once, never twice" in messages(error)
    with pytest.raises(IntegrityError), transaction.atomic():
        twice.save()


def test_only_those_present_for_the_item_vote(minuted):
    """Tim arrived before item 3: he votes on item 3, not on item 2; support staff never vote."""
    by = minuted.cast.secretariat
    earlier = actions.add_decision(minuted.items.previous, by=by, text="Noted.")
    tim = rows(minuted, "tim")[0]
    with pytest.raises(ValidationError) as error:
        vote_actions.record_votes(earlier, by=by, ways={**ways(minuted, chair=F, pat=F), tim.pk: F})
    assert "present for item 2" in messages(error)

    support = Attendance.objects.get(meeting=minuted.meeting, capacity=Capacity.SUPPORT)
    with pytest.raises(ValidationError):
        vote_actions.record_votes(
            decision_of(minuted), by=by, ways={**ways(minuted, chair=F, tim=F, pat=F), support.pk: F}
        )
    # Two seats present for item 2, the quorum is 3: not quorate, worked out.
    vote_actions.record_votes(earlier, by=by, ways=ways(minuted, chair=F, pat=F))
    line = vote_actions.result_of(earlier)
    assert line.quorate is False and line.carried


def test_every_seat_present_says_how_it_voted(minuted):
    with pytest.raises(ValidationError) as error:
        record(minuted, decision_of(minuted), chair=F, tim=F)
    assert "Say how Pat Price voted" in messages(error)


def test_a_member_who_must_withdraw_cannot_vote_and_is_listed_as_withdrawn(minuted):
    item = minuted.items.constitution
    tim = minuted.tim.person

    def ruled(meeting):
        return {item.pk: {tim.pk}}

    register_quorum_excluder(ruled)
    try:
        decision = decision_of(minuted)
        assert [row.person for row in vote_actions.voters(decision).withdrawn] == [tim]
        with pytest.raises(ValidationError) as error:
            record(minuted, decision, chair=F, tim=F, pat=A)
        assert "Tim Jackson must withdraw from item 3 and cannot vote on it" in messages(error)
        record(minuted, decision, chair=F, pat=A)
        rendition = build_rendition(minuted.meeting, full=False)
        line = next(line for line in rendition.items if line.pk == item.pk).decisions[0].vote
        assert line.withdrawn == ("Tim Jackson",)
        assert line.voted_for == ("Chris Carter",)
        # Tim withdrawn: two seats count, not quorate.
        assert line.quorate is False
        # A tie, no casting vote: not carried.
        assert not line.carried
    finally:
        unregister_quorum_excluder(ruled)


# The result


@pytest.mark.parametrize(
    ("for_", "against", "abstained", "casting", "carried"),
    [
        (2, 1, 0, "", True),
        (1, 2, 0, "", False),
        (1, 1, 1, "", False),
        (1, 1, 1, "for", True),
        (1, 1, 1, "against", False),
        (0, 0, 3, "", False),
        (1, 0, 2, "", True),
    ],
)
def test_more_for_than_against_carries_and_a_tie_only_on_the_chairs_casting_vote(
    for_, against, abstained, casting, carried
):
    line = VoteLine(("a",) * for_, ("b",) * against, ("c",) * abstained, casting_vote=casting)
    assert line.carried is carried
    if for_ == against:
        assert "tied" in line.result_text


def test_a_casting_vote_is_recorded_only_on_a_tie(minuted):
    decision = decision_of(minuted)
    with pytest.raises(ValidationError) as error:
        record(minuted, decision, casting_vote="for", chair=F, tim=F, pat=A)
    assert "only when the votes for and against are tied" in messages(error)

    record(minuted, decision, casting_vote="for", chair=F, tim=A, pat=X)
    line = vote_actions.result_of(decision)
    assert line.carried
    assert "  The chair's casting vote: for" in canonical_text(minuted.meeting)


def test_recording_again_replaces_the_votes(minuted):
    decision = decision_of(minuted)
    record(minuted, decision, chair=F, tim=F, pat=F)
    record(minuted, decision, chair=A, tim=A, pat=F)
    assert RecordedVote.objects.count() == 1
    assert sorted(Vote.objects.values_list("way", flat=True)) == [A, A, F]
    assert not vote_actions.result_of(decision).carried


# The lock


def test_once_approved_the_votes_cannot_change_and_the_action_says_why(minuted):
    decision = decision_of(minuted)
    record(minuted, decision, chair=F, tim=F, pat=F)
    actions.approve_minutes(
        minuted.meeting.minutes, by=minuted.cast.secretariat, at_item=minuted.following_items.previous
    )

    with pytest.raises(ValidationError) as error:
        record(minuted, decision, chair=A, tim=A, pat=A)
    assert "cannot be changed now: a correction changes an item's discussion only" in messages(error)
    with pytest.raises(ValidationError):
        vote_actions.remove_votes(decision, by=minuted.cast.secretariat)
    assert sorted(Vote.objects.values_list("way", flat=True)) == [F, F, F]


def test_votes_need_draft_minutes(scene):
    scenario.held_with_attendance(scene)
    item = scene.items.constitution
    decision = Decision.objects.create(item=item, number=1, text="Agreed.")
    with pytest.raises(ValidationError) as error:
        vote_actions.record_votes(decision, by=scene.cast.secretariat, ways={})
    assert "Draft the minutes" in messages(error)


def test_a_ruling_that_the_member_must_withdraw_keeps_them_from_voting_and_never_moves_the_signed_text(minuted):
    """The declarations app's own excluder: a ruling of withdraw on Tim's declaration on item 3."""
    from declarations.actions.rulings import declare_interest, rule_on_declaration
    from declarations.models import DeclarationWhen, InterestKind, Outcome

    decision = decision_of(minuted)
    record(minuted, decision, chair=F, tim=F, pat=A)
    declaration = declare_interest(
        minuted.items.constitution,
        by=minuted.cast.secretariat,
        person=minuted.tim.person,
        kind=InterestKind.FINANCIAL,
        description="Shares.",
        made=DeclarationWhen.IN_MEETING,
    )
    before = current_hash(minuted.meeting)
    rule_on_declaration(declaration, by=minuted.cast.chair, outcome=Outcome.WITHDRAW, reasons="Direct.")
    # The ruling may follow the meeting: the text the chair signs does not move with it.
    assert current_hash(minuted.meeting) == before
    # Recorded again, Tim is listed as withdrawn and cannot vote.
    assert [row.person for row in vote_actions.voters(decision).withdrawn] == [minuted.tim.person]
    with pytest.raises(ValidationError) as error:
        record(minuted, decision, chair=F, tim=F, pat=A)
    assert "Tim Jackson must withdraw from item 3" in messages(error)
    record(minuted, decision, chair=F, pat=A)
    line = build_rendition(minuted.meeting, full=True).items[2].decisions[0].vote
    assert (line.voted_for, line.against, line.withdrawn) == (
        ("Chris Carter",),
        ("Pat Price (named reserve for Mel Morris)",),
        ("Tim Jackson",),
    )
