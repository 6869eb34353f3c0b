"""Drafting a version from the one in force, editing its clauses, and adopting it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from agreements.actions import drafting as actions
from agreements.canonical import canonical_text, in_document_order
from agreements.models import AgreementVersion, Clause, VersionStatus
from tests.agreements.factories import AgreementFactory, VersionFactory, adopted_version, board_meeting, build
from tests.factories import MeetingFactory

D = datetime.date


def outline(version):
    return [(c.number, c.heading, c.text, c.parent.number if c.parent_id else None) for c in in_document_order(version)]


# A new draft


def test_a_new_draft_copies_the_version_in_force_deeply(adopted, draft):
    assert (draft.status, draft.based_on, draft.summary) == (VersionStatus.DRAFT, adopted, "Annual review.")
    assert outline(draft) == outline(adopted)
    copied = {c.key: c.pk for c in Clause.objects.filter(version=draft)}
    original = {c.key: c.pk for c in Clause.objects.filter(version=adopted)}
    assert set(copied) == set(original)
    assert set(copied.values()).isdisjoint(original.values())


def test_editing_the_draft_leaves_the_version_in_force_as_it_was(cast, adopted, draft):
    before = canonical_text(adopted)
    clause = Clause.objects.get(version=draft, number="2.1")

    actions.edit_clause(clause, by=cast.secretariat, heading="", text="Papers go out ten days before the meeting.")

    assert canonical_text(adopted) == before
    assert Clause.objects.get(version=adopted, number="2.1").text == "Papers go out a week before the meeting."


def test_a_draft_of_an_agreement_with_no_version_starts_empty(cast):
    agreement = AgreementFactory()

    draft = actions.start_draft(agreement, by=cast.secretariat, label="First draft")

    assert (draft.based_on, draft.clauses.count()) == (None, 0)


def test_two_versions_of_an_agreement_cannot_share_a_label(cast, adopted):
    with pytest.raises(ValidationError) as error:
        actions.start_draft(adopted.agreement, by=cast.secretariat, label="V5 2.4.09")

    assert error.value.messages == ["A version of this agreement already has that label."]
    assert AgreementVersion.objects.count() == 1


# Clauses: add, move, remove, renumber


def test_adding_a_clause_after_another_renumbers_those_after_it(cast, draft):
    after = Clause.objects.get(version=draft, number="2.1")

    clause = actions.add_clause(draft, by=cast.secretariat, text="Agendas go out with the papers.", after=after)

    assert clause.number == "2.2"
    assert [(n, t, p) for n, _, t, p in outline(draft)] == [
        ("1", "The partners agree to work together.", None),
        ("2", "", None),
        ("2.1", "Papers go out a week before the meeting.", "2"),
        ("2.2", "Agendas go out with the papers.", "2"),
        ("2.3", "Members declare their interests.", "2"),
        ("3", "The Agreement is reviewed every year.", None),
    ]


def test_adding_a_section_renumbers_the_sections_after_it_and_their_clauses(cast, draft):
    first = Clause.objects.get(version=draft, number="1")

    actions.add_clause(draft, by=cast.secretariat, heading="Aims", text="To improve outcomes.", after=first)

    assert [(n, h, p) for n, h, _, p in outline(draft)] == [
        ("1", "Introduction", None),
        ("2", "Aims", None),
        ("3", "Meetings", None),
        ("3.1", "", "3"),
        ("3.2", "", "3"),
        ("4", "Review", None),
    ]


def test_a_new_section_goes_before_the_annexes(cast, draft):
    actions.add_clause(draft, by=cast.secretariat, heading="Equality statement", text="We value diversity.", annex=True)
    actions.add_clause(draft, by=cast.secretariat, heading="Signatories", text="Signed for each partner.")

    assert [(c.number, c.heading, c.kind) for c in in_document_order(draft)][-2:] == [
        ("4", "Signatories", "section"),
        ("A", "Equality statement", "annex"),
    ]


def test_moving_a_clause_to_another_section_renumbers_both(cast, draft):
    clause = Clause.objects.get(version=draft, number="2.1")
    review = Clause.objects.get(version=draft, number="3")

    moved = actions.move_clause(clause, by=cast.secretariat, inside=review)

    assert moved.number == "3.1"
    assert [(n, p) for n, _, _, p in outline(draft)] == [
        ("1", None),
        ("2", None),
        ("2.1", "2"),
        ("3", None),
        ("3.1", "3"),
    ]
    assert Clause.objects.get(version=draft, number="2.1").text == "Members declare their interests."


def test_moving_a_section_with_its_clauses_to_the_start(cast, draft):
    meetings = Clause.objects.get(version=draft, number="2")

    actions.move_clause(meetings, by=cast.secretariat, to_start=True)

    assert [(n, h) for n, h, _, _ in outline(draft)] == [
        ("1", "Meetings"),
        ("1.1", ""),
        ("1.2", ""),
        ("2", "Introduction"),
        ("3", "Review"),
    ]


def test_a_clause_cannot_be_moved_into_itself(cast, draft):
    meetings = Clause.objects.get(version=draft, number="2")
    inner = Clause.objects.get(version=draft, number="2.1")
    before = outline(draft)

    with pytest.raises(ValidationError) as error:
        actions.move_clause(meetings, by=cast.secretariat, inside=inner)

    assert error.value.messages == ["A clause cannot be moved into or next to itself or its own clauses."]
    assert outline(draft) == before


def test_removing_a_section_removes_its_clauses_and_renumbers(cast, draft):
    actions.remove_clause(Clause.objects.get(version=draft, number="2"), by=cast.secretariat)

    assert [(n, h) for n, h, _, _ in outline(draft)] == [("1", "Introduction"), ("2", "Review")]


def test_a_clause_needs_a_heading_or_text(cast, draft):
    with pytest.raises(ValidationError) as error:
        actions.add_clause(draft, by=cast.secretariat, heading=" ", text="")

    assert error.value.messages == ["Give the clause a heading, some text, or both."]
    assert draft.clauses.count() == 5


def test_the_actions_refuse_to_edit_an_adopted_version(cast, adopted):
    clause = Clause.objects.get(version=adopted, number="1")
    message = ["“V5 2.4.09” was adopted and cannot be changed. Start a new draft from it instead."]

    for attempt in (
        lambda: actions.edit_clause(clause, by=cast.secretariat, heading="Changed", text=""),
        lambda: actions.add_clause(adopted, by=cast.secretariat, heading="New"),
        lambda: actions.move_clause(clause, by=cast.secretariat, to_start=True),
        lambda: actions.remove_clause(clause, by=cast.secretariat),
        lambda: actions.update_version(adopted, by=cast.secretariat, label="V6", summary=""),
    ):
        with pytest.raises(ValidationError) as error:
            attempt()
        assert error.value.messages == message
    assert Clause.objects.get(version=adopted, number="1").heading == "Introduction"


def test_each_change_is_in_the_history_with_who_made_it(cast, draft):
    clause = Clause.objects.get(version=draft, number="1")

    actions.edit_clause(clause, by=cast.secretariat, heading="Opening", text="Words.")

    assert clause.history.first().history_user == cast.secretariat


# Adoption


def test_adoption_supersedes_the_previous_version_and_sets_the_review_due(cast, adopted, draft):
    meeting, decision = board_meeting(cast.board, D(2010, 6, 24))

    revision = actions.adopt_version(
        draft, by=cast.secretariat, meeting=meeting, decision=decision, takes_effect=D(2010, 7, 1)
    )

    adopted.refresh_from_db()
    assert (revision.status, revision.takes_effect, revision.review_due) == (
        VersionStatus.ADOPTED,
        D(2010, 7, 1),
        D(2011, 7, 1),
    )
    assert (revision.adopted_at, revision.adopted_by_decision, revision.adopted_recorded_by) == (
        meeting,
        decision,
        cast.secretariat,
    )
    assert (adopted.status, adopted.superseded_on, adopted.last_day_in_force) == (
        VersionStatus.SUPERSEDED,
        D(2010, 7, 1),
        D(2010, 6, 30),
    )


def test_the_review_interval_is_set_per_agreement(cast):
    agreement = AgreementFactory(review_interval_months=18)

    version = adopted_version(cast, agreement=agreement, day=D(2009, 4, 30))

    assert version.review_due == D(2010, 10, 30)


def test_the_text_in_force_on_a_date(cast, adopted, draft):
    meeting, _ = board_meeting(cast.board, D(2011, 2, 24))
    actions.adopt_version(draft, by=cast.secretariat, meeting=meeting, takes_effect=D(2011, 3, 1))
    agreement = adopted.agreement

    assert [agreement.in_force_on(day) for day in (D(2009, 4, 29), D(2009, 4, 30), D(2011, 2, 28), D(2011, 3, 1))] == [
        None,
        adopted,
        adopted,
        draft,
    ]


def _adopt_errors(version, **kwargs):
    with pytest.raises(ValidationError) as error:
        actions.adopt_version(version, **kwargs)
    return error.value.message_dict


def test_adoption_needs_a_meeting_of_the_partnership_board(cast, draft):
    forum_meeting, _ = board_meeting(cast.forum, D(2010, 6, 24))

    errors = _adopt_errors(draft, by=cast.secretariat, meeting=forum_meeting, takes_effect=D(2010, 7, 1))

    assert errors == {
        "meeting": ["Choose a meeting of the partnership board: Chester Community Forum is a community forum."]
    }
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_adoption_is_recorded_after_the_meeting_not_before(cast, draft):
    coming = MeetingFactory(body=cast.board)

    errors = _adopt_errors(draft, by=cast.secretariat, meeting=coming, takes_effect=D(2099, 1, 1))

    assert errors == {"meeting": ["That meeting has not taken place yet: record the adoption after the meeting."]}


def test_adoption_checks_the_decision_and_the_dates(cast, draft):
    meeting, _ = board_meeting(cast.board, D(2010, 6, 24))
    _, other_decision = board_meeting(cast.board, D(2010, 3, 1))

    errors = _adopt_errors(
        draft, by=cast.secretariat, meeting=meeting, decision=other_decision, takes_effect=D(2010, 6, 1)
    )

    assert errors == {
        "decision": ["Choose a decision minuted at that meeting."],
        "takes_effect": ["The version cannot take effect before the meeting adopted it (24 June 2010)."],
    }


def test_a_version_takes_effect_after_the_one_it_supersedes(cast, adopted, draft):
    meeting, _ = board_meeting(cast.board, D(2009, 4, 30))

    errors = _adopt_errors(draft, by=cast.secretariat, meeting=meeting, takes_effect=D(2009, 4, 30))

    assert errors == {
        "takes_effect": ["The version must take effect after “V5 2.4.09”, which took effect on 30 April 2009."]
    }
    adopted.refresh_from_db()
    assert adopted.status == VersionStatus.ADOPTED


def test_an_empty_version_cannot_be_adopted(cast):
    version = VersionFactory()
    meeting, _ = board_meeting(cast.board)

    errors = _adopt_errors(version, by=cast.secretariat, meeting=meeting, takes_effect=D(2009, 5, 1))

    assert errors == {"__all__": ["The version has no sections yet: add its text before it is adopted."]}


def test_a_version_is_adopted_once(cast, adopted):
    meeting, _ = board_meeting(cast.board, D(2010, 1, 1))

    with pytest.raises(ValidationError) as error:
        actions.adopt_version(adopted, by=cast.secretariat, meeting=meeting, takes_effect=D(2010, 1, 1))

    assert error.value.messages == ["“V5 2.4.09” has already been adopted."]


def test_a_bodys_own_agreement_may_be_adopted_by_that_body(cast):
    agreement = AgreementFactory(body=cast.forum, title="Forum constitution")
    version = VersionFactory(agreement=agreement)
    build(version, [("1", "Purpose", "The forum brings people together.")])
    meeting, _ = board_meeting(cast.forum, D(2010, 2, 2))

    adopted = actions.adopt_version(version, by=cast.secretariat, meeting=meeting, takes_effect=D(2010, 2, 2))

    assert adopted.status == VersionStatus.ADOPTED
