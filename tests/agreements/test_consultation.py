"""Consultation on a draft: the secretariat opens it for comment, partners comment on clauses and propose text,
the secretariat decides on each comment once, and every partner sees what became of theirs."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from agreements.actions import consultation as actions_consultation
from agreements.actions import drafting as actions
from agreements.models import (
    Clause,
    Comment,
    CommentDecision,
    VersionLocked,
    VersionStatus,
)
from agreements.policies import (
    can_comment_on,
    can_view_version,
    partners,
    versions_commentable_by,
    versions_visible_to,
)
from notifications.models import Notification, NotificationStatus
from partnership.append_only import AppendOnly
from tests.agreements.factories import board_meeting, close_by_date
from tests.conftest import CAST_KEYS

TODAY = timezone.localdate()
IN_TWO_WEEKS = TODAY + datetime.timedelta(days=14)
PROPOSED = "Papers go out ten days before the meeting."


def clause(version, number):
    return Clause.objects.get(version=version, number=number)


def invitations(version):
    return [
        (n.recipient.name, n.status)
        for n in Notification.objects.filter(kind="agreement_consultation", key__startswith=f"agreement:{version.pk}:")
        .select_related("recipient")
        .order_by("recipient__name")
    ]


# The whole workflow


def test_a_draft_goes_out_for_comment_is_commented_on_decided_closed_and_adopted(cast, draft):
    version = actions_consultation.open_consultation(draft, by=cast.secretariat, closes_on=IN_TWO_WEEKS)
    assert (version.status, version.consultation_closes_on, version.consultation_opened_by) == (
        VersionStatus.CONSULTATION,
        IN_TWO_WEEKS,
        cast.secretariat,
    )
    # One message to each partner (the members of a body), none to the secretariat or the stranger.
    assert invitations(version) == [
        ("Chris Carter", NotificationStatus.PENDING),
        ("Mel Morris", NotificationStatus.PENDING),
        ("Oscar Owen", NotificationStatus.PENDING),
    ]
    invitation = Notification.objects.get(kind="agreement_consultation", recipient=cast.member.person)
    assert invitation.url == f"/agreement/versions/{version.pk}/"
    assert invitation.subject == (
        f"For comment until {IN_TWO_WEEKS.day} {IN_TWO_WEEKS:%B %Y}: Agreement and Protocols, draft “Revised 2010”"
    )

    papers = clause(version, "2.1")
    comment = actions_consultation.add_comment(
        papers, by=cast.member, text="A week is too short.", proposed_text=PROPOSED
    )
    assert (comment.clause_number, comment.clause_text, comment.person, comment.proposed_text) == (
        "2.1",
        "Papers go out a week before the meeting.",
        cast.member.person,
        PROPOSED,
    )

    decision = actions_consultation.decide_comment(
        comment, by=cast.secretariat, outcome="accepted", reason="Partners need more time.", apply_text=True
    )
    assert (decision.outcome, decision.reason, decision.applied, decision.decided_by) == (
        "accepted",
        "Partners need more time.",
        True,
        cast.secretariat,
    )
    assert decision.decided_at is not None
    assert clause(version, "2.1").text == PROPOSED
    outcome = Notification.objects.get(kind="agreement_comment_outcome")
    assert (outcome.recipient, outcome.subject, outcome.url) == (
        cast.member.person,
        "Your comment on 2.1 of “Revised 2010” was accepted",
        f"/agreement/comments/#comment-{comment.pk}",
    )

    actions_consultation.close_consultation(version, by=cast.secretariat)
    assert version.status == VersionStatus.DRAFT
    assert version.consultation_closed_at is not None
    assert invitations(version) == [
        ("Chris Carter", NotificationStatus.CANCELLED),
        ("Mel Morris", NotificationStatus.CANCELLED),
        ("Oscar Owen", NotificationStatus.CANCELLED),
    ]

    meeting, decision = board_meeting(cast.board, TODAY - datetime.timedelta(days=1))
    actions.adopt_version(
        version,
        by=cast.secretariat,
        meeting=meeting,
        decision=decision,
        takes_effect=TODAY - datetime.timedelta(days=1),
    )
    version.refresh_from_db()
    assert version.status == VersionStatus.ADOPTED
    assert clause(version, "2.1").text == PROPOSED


@pytest.mark.parametrize("closes_on", [TODAY, TODAY - datetime.timedelta(days=1), None])
def test_the_closing_date_must_be_in_the_future(cast, draft, closes_on):
    with pytest.raises(ValidationError) as refused:
        actions_consultation.open_consultation(draft, by=cast.secretariat, closes_on=closes_on)

    field_errors = refused.value.message_dict["closes_on"]
    assert field_errors == (
        [f"The closing date must be in the future: after today, {TODAY.day} {TODAY:%B %Y}."]
        if closes_on
        else ["Enter the closing date for comments."]
    )
    draft.refresh_from_db()
    assert (draft.status, draft.consultation_closes_on) == (VersionStatus.DRAFT, None)
    assert Notification.objects.filter(kind="agreement_consultation").count() == 0


def test_the_closing_date_can_be_moved_and_the_pending_messages_say_the_new_date(cast, consultation):
    later = IN_TWO_WEEKS + datetime.timedelta(days=7)

    actions_consultation.move_consultation_closing(consultation, by=cast.secretariat, closes_on=later)

    consultation.refresh_from_db()
    assert consultation.consultation_closes_on == later
    subjects = set(Notification.objects.filter(kind="agreement_consultation").values_list("subject", flat=True))
    assert subjects == {f"For comment until {later.day} {later:%B %Y}: Agreement and Protocols, draft “Revised 2010”"}
    assert Notification.objects.filter(kind="agreement_consultation").count() == 3


def test_a_consultation_is_not_opened_twice(cast, consultation):
    with pytest.raises(ValidationError) as refused:
        actions_consultation.open_consultation(consultation, by=cast.secretariat, closes_on=IN_TWO_WEEKS)
    assert refused.value.messages == [
        f"“Revised 2010” is already out for consultation, until {IN_TWO_WEEKS.day} {IN_TWO_WEEKS:%B %Y}: "
        "change the closing date instead."
    ]


# While it is out for consultation the text stays as partners read it


def test_clauses_cannot_be_edited_added_moved_or_removed_while_out_for_consultation(cast, consultation):
    message = [
        f"“Revised 2010” is out for consultation until {IN_TWO_WEEKS.day} {IN_TWO_WEEKS:%B %Y}: "
        "close the consultation before editing it clause by clause."
    ]
    attempts = [
        lambda: actions.edit_clause(clause(consultation, "1"), by=cast.secretariat, heading="New", text="New"),
        lambda: actions.add_clause(consultation, by=cast.secretariat, heading="New"),
        lambda: actions.move_clause(clause(consultation, "3"), by=cast.secretariat, to_start=True),
        lambda: actions.remove_clause(clause(consultation, "3"), by=cast.secretariat),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.messages == message
    assert [(c.number, c.heading) for c in Clause.objects.filter(version=consultation).order_by("number")] == [
        ("1", "Introduction"),
        ("2", "Meetings"),
        ("2.1", ""),
        ("2.2", ""),
        ("3", "Review"),
    ]


def test_a_version_out_for_consultation_is_not_adopted_until_the_consultation_is_closed(cast, consultation):
    meeting, decision = board_meeting(cast.board, TODAY - datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        actions.adopt_version(consultation, by=cast.secretariat, meeting=meeting, takes_effect=TODAY)
    assert refused.value.messages == [
        "“Revised 2010” is out for consultation: close the consultation before recording its adoption."
    ]
    consultation.refresh_from_db()
    assert consultation.status == VersionStatus.CONSULTATION


# Comments


def test_a_comment_after_the_closing_date_is_refused_with_a_clear_message(cast, consultation):
    close_by_date(consultation)
    yesterday = TODAY - datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        actions_consultation.add_comment(clause(consultation, "1"), by=cast.member, text="Too late?")

    assert refused.value.messages == [
        f"The consultation on “Revised 2010” closed on {yesterday.day} {yesterday:%B %Y}: "
        "comments are no longer accepted."
    ]
    assert Comment.objects.count() == 0


def test_a_comment_posted_after_the_closing_date_is_refused_on_the_page(cast, client_for, consultation):
    papers = clause(consultation, "2.1")
    close_by_date(consultation)

    response = client_for("member").post(reverse("agreement_clause_comment", args=[papers.pk]), {"text": "Too late?"})

    assert response.status_code == 400
    assert "comments are no longer accepted" in response.content.decode()
    assert Comment.objects.count() == 0


@pytest.mark.parametrize("who", ["stranger", "secretariat"])
def test_someone_who_may_not_comment_gets_a_404_on_the_comment_page(cast, client_for, consultation, who):
    url = reverse("agreement_clause_comment", args=[clause(consultation, "1").pk])

    get = client_for(who).get(url)
    post = client_for(who).post(url, {"text": "Let me in."})

    assert (get.status_code, post.status_code) == (404, 404)
    assert Comment.objects.count() == 0


def test_a_clause_of_a_plain_draft_takes_no_comment(cast, client_for, draft):
    url = reverse("agreement_clause_comment", args=[clause(draft, "1").pk])
    assert client_for("member").get(url).status_code == 404
    with pytest.raises(ValidationError) as refused:
        actions_consultation.add_comment(clause(draft, "1"), by=cast.member, text="Hello")
    assert refused.value.messages == ["“Revised 2010” is not out for consultation, so it takes no comments."]


def test_a_stranger_is_refused_by_the_action_too(cast, consultation):
    with pytest.raises(ValidationError) as refused:
        actions_consultation.add_comment(clause(consultation, "1"), by=cast.stranger, text="Hello")
    assert refused.value.messages == [
        "Only members of the partnership's bodies and authorised signatories of partner organisations may comment."
    ]


def test_an_empty_comment_shows_errors_and_saves_nothing(cast, client_for, consultation):
    url = reverse("agreement_clause_comment", args=[clause(consultation, "2.1").pk])

    response = client_for("member").post(url, {"text": "", "proposed_text": ""})

    assert response.status_code == 400
    assert response.context["form"].errors == {"text": ["Enter your comment"]}
    assert Comment.objects.count() == 0


def test_proposing_the_text_as_it_stands_is_refused(cast, consultation):
    with pytest.raises(ValidationError) as refused:
        actions_consultation.add_comment(
            clause(consultation, "2.1"),
            by=cast.member,
            text="Keep it",
            proposed_text="Papers go out a week before the meeting.",
        )
    assert refused.value.message_dict == {
        "proposed_text": ["The text you propose is the clause’s text as it stands: change it, or leave it out."]
    }


def test_a_partner_comments_through_the_page_and_sees_it_on_their_comments_page(cast, client_for, consultation):
    client = client_for("other_member")
    papers = clause(consultation, "2.1")

    response = client.post(
        reverse("agreement_clause_comment", args=[papers.pk]), {"text": "Ten days?", "proposed_text": PROPOSED}
    )

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/agreement/comments/#comment-{comment.pk}"
    assert (comment.author, comment.text, comment.proposed_text) == (cast.other_member, "Ten days?", PROPOSED)
    page = client.get(reverse("agreement_my_comments"))
    assert list(page.context["comments"]) == [comment]
    assert "Awaiting a decision" in page.content.decode()


def test_the_comments_page_shows_each_outcome_with_its_reason_and_only_ones_own(cast, client_for, consultation):
    mine = actions_consultation.add_comment(clause(consultation, "1"), by=cast.member, text="Name the partners.")
    other = actions_consultation.add_comment(clause(consultation, "3"), by=cast.chair, text="Every two years.")
    actions_consultation.decide_comment(mine, by=cast.secretariat, outcome="rejected", reason="The annex names them.")

    response = client_for("member").get(reverse("agreement_my_comments"))

    assert list(response.context["comments"]) == [mine]
    html = response.content.decode()
    assert "The annex names them." in html
    assert "Rejected" in html
    assert other.text not in html


def test_comments_are_append_only(cast, consultation):
    comment = actions_consultation.add_comment(clause(consultation, "1"), by=cast.member, text="Name the partners.")
    decision = actions_consultation.decide_comment(comment, by=cast.secretariat, outcome="rejected", reason="No.")

    comment.text = "Changed my mind"
    for attempt in (
        comment.save,
        comment.delete,
        lambda: Comment.objects.filter(pk=comment.pk).update(text="Changed"),
        lambda: Comment.objects.filter(pk=comment.pk).delete(),
        decision.save,
        lambda: CommentDecision.objects.filter(pk=decision.pk).update(reason="Changed"),
    ):
        with pytest.raises(AppendOnly):
            attempt()
    assert Comment.objects.get().text == "Name the partners."
    assert CommentDecision.objects.get().reason == "No."


# Decisions


def test_a_decision_is_recorded_once(cast, consultation):
    comment = actions_consultation.add_comment(clause(consultation, "1"), by=cast.member, text="Name the partners.")
    actions_consultation.decide_comment(
        comment, by=cast.secretariat, outcome="rejected", reason="The annex names them."
    )

    with pytest.raises(ValidationError) as refused:
        actions_consultation.decide_comment(
            comment, by=cast.secretariat, outcome="accepted", reason="On second thoughts."
        )

    assert refused.value.messages == [
        f"This comment was already rejected by Sam Shaw on {TODAY.day} {TODAY:%B %Y}: a decision is recorded once."
    ]
    assert list(CommentDecision.objects.values_list("outcome", "reason")) == [("rejected", "The annex names them.")]


def test_the_comment_pages_write_days_and_times_the_partnership_way(cast, client_for, consultation):
    papers = clause(consultation, "2.1")
    # Midday in London in June (11:00 UTC): "midday", not "12pm" or "12:00"; months in full.
    comment = Comment.objects.create(
        version=consultation,
        clause_key=papers.key,
        clause_number=papers.number,
        clause_heading=papers.heading,
        clause_text=papers.text,
        author=cast.member,
        person=cast.member.person,
        text="Ten days?",
        made_at=datetime.datetime(2009, 6, 1, 11, 0, tzinfo=datetime.UTC),
    )
    CommentDecision.objects.create(
        comment=comment,
        outcome="rejected",
        reason="A week is enough.",
        decided_by=cast.secretariat,
        decided_at=datetime.datetime(2009, 6, 2, 9, 30, tzinfo=datetime.UTC),
    )

    mine = client_for("member").get(reverse("agreement_my_comments")).content.decode()
    listed = client_for("secretariat").get(reverse("agreement_comments", args=[consultation.pk])).content.decode()

    assert "1 June 2009, midday" in mine
    assert " on 2 June 2009" in mine
    assert "1 June 2009, midday" in listed
    assert "Sam Shaw, 2 June 2009" in listed


def test_a_decision_posted_twice_through_the_page_is_refused(cast, client_for, consultation):
    comment = actions_consultation.add_comment(clause(consultation, "1"), by=cast.member, text="Name the partners.")
    client = client_for("secretariat")
    url = reverse("agreement_comment_decide", args=[comment.pk])

    first = client.post(url, {"outcome": "rejected", "reason": "No."})
    second = client.post(url, {"outcome": "accepted", "reason": "Yes."})

    assert first.status_code == 302
    assert second.status_code == 400
    assert second.context["form"].non_field_errors() == [
        f"This comment was already rejected by Sam Shaw on {TODAY.day} {TODAY:%B %Y}: a decision is recorded once."
    ]
    assert list(CommentDecision.objects.values_list("outcome", flat=True)) == ["rejected"]


def test_a_decision_needs_an_outcome_and_a_reason(cast, client_for, consultation):
    comment = actions_consultation.add_comment(
        clause(consultation, "2.1"), by=cast.member, text="Ten days", proposed_text=PROPOSED
    )

    response = client_for("secretariat").post(reverse("agreement_comment_decide", args=[comment.pk]), {})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "outcome": ["Choose whether to accept or reject the comment"],
        "reason": ["Give the reason for the decision"],
    }
    assert CommentDecision.objects.count() == 0
    assert clause(consultation, "2.1").text == "Papers go out a week before the meeting."


def test_only_the_secretariat_decides(cast, consultation):
    comment = actions_consultation.add_comment(clause(consultation, "1"), by=cast.member, text="Name the partners.")
    with pytest.raises(ValidationError) as refused:
        actions_consultation.decide_comment(comment, by=cast.chair, outcome="accepted", reason="I agree.")
    assert refused.value.messages == ["Only the secretariat decides on comments."]
    assert CommentDecision.objects.count() == 0


def test_accepting_without_applying_leaves_the_draft_as_it_was(cast, consultation):
    comment = actions_consultation.add_comment(
        clause(consultation, "2.1"), by=cast.member, text="Ten days", proposed_text=PROPOSED
    )

    decision = actions_consultation.decide_comment(
        comment, by=cast.secretariat, outcome="accepted", reason="We will redraft it."
    )

    assert decision.applied is False
    assert clause(consultation, "2.1").text == "Papers go out a week before the meeting."


def test_accepting_applies_the_replacement_text_to_the_draft_after_the_consultation_closed(cast, consultation):
    comment = actions_consultation.add_comment(
        clause(consultation, "2.1"), by=cast.member, text="Ten days", proposed_text=PROPOSED
    )
    actions_consultation.close_consultation(consultation, by=cast.secretariat)

    actions_consultation.decide_comment(
        comment, by=cast.secretariat, outcome="accepted", reason="Agreed.", apply_text=True
    )

    assert clause(consultation, "2.1").text == PROPOSED
    assert clause(consultation, "2.1").history.first().history_user == cast.secretariat


def test_nothing_changes_in_an_adopted_version(cast, consultation):
    comment = actions_consultation.add_comment(
        clause(consultation, "2.1"), by=cast.member, text="Ten days", proposed_text=PROPOSED
    )
    actions_consultation.close_consultation(consultation, by=cast.secretariat)
    meeting, _ = board_meeting(cast.board, TODAY - datetime.timedelta(days=1))
    adopted = actions.adopt_version(consultation, by=cast.secretariat, meeting=meeting, takes_effect=TODAY)
    sha256 = adopted.sha256

    with pytest.raises(ValidationError) as refused:
        actions_consultation.decide_comment(
            comment, by=cast.secretariat, outcome="accepted", reason="Agreed.", apply_text=True
        )

    assert refused.value.message_dict == {
        "apply_text": [
            "“Revised 2010” has been adopted and its text cannot change: record the decision without applying the text."
        ]
    }
    assert CommentDecision.objects.count() == 0
    assert clause(adopted, "2.1").text == "Papers go out a week before the meeting."
    # The guards of the models refuse it too, however it is attempted.
    with pytest.raises(VersionLocked):
        Clause.objects.filter(version=adopted, number="2.1").update(text=PROPOSED)
    # The outcome can still be recorded, without touching the text.
    decision = actions_consultation.decide_comment(
        comment, by=cast.secretariat, outcome="accepted", reason="For the next review."
    )
    adopted.refresh_from_db()
    assert (decision.applied, adopted.sha256, clause(adopted, "2.1").text) == (
        False,
        sha256,
        "Papers go out a week before the meeting.",
    )


# Who may comment: the predicate and its queryset twin


@pytest.mark.parametrize("who", CAST_KEYS)
def test_the_comment_predicate_and_its_queryset_twin_agree(cast, every_kind_of_version, who):
    user = getattr(cast, who)

    by_predicate = {v.label for v in every_kind_of_version if can_comment_on(user, v)}
    by_queryset = set(versions_commentable_by(user).values_list("label", flat=True))

    assert by_predicate == by_queryset
    expected = {"Open for comment"} if who in ("chair", "member", "other_member") else set()
    assert by_predicate == expected


@pytest.mark.parametrize("who", CAST_KEYS)
def test_the_view_predicate_and_its_queryset_twin_agree_during_a_consultation(cast, every_kind_of_version, who):
    user = getattr(cast, who)

    by_predicate = {v.label for v in every_kind_of_version if can_view_version(user, v)}
    by_queryset = set(versions_visible_to(user).values_list("label", flat=True))

    assert by_predicate == by_queryset
    expected = {
        "secretariat": {"V5 2.4.09", "A plain draft", "Open for comment", "Past its closing date"},
        "chair": {"V5 2.4.09", "Open for comment"},
        "member": {"V5 2.4.09", "Open for comment"},
        "other_member": {"V5 2.4.09", "Open for comment"},
    }.get(who, {"V5 2.4.09"})
    assert by_predicate == expected


def test_an_authorised_signatory_who_sits_on_no_body_may_comment(cast, consultation):
    from tests.agreements.factories import designate
    from tests.factories import OrganisationFactory

    assert can_comment_on(cast.stranger, consultation) is False
    designate(cast, cast.stranger, OrganisationFactory(name="Cheshire Fire Authority"))

    assert can_comment_on(cast.stranger, consultation) is True
    assert list(partners().order_by("name").values_list("name", flat=True)) == [
        "Chris Carter",
        "Mel Morris",
        "Oscar Owen",
        "Stella Stone",
    ]


def test_a_membership_that_has_ended_does_not_count(cast, consultation):
    cast.other_membership.end = TODAY - datetime.timedelta(days=1)
    cast.other_membership.save()
    assert can_comment_on(cast.other_member, consultation) is False


# Pages


def test_the_version_page_shows_a_partner_a_comment_link_per_clause_while_open(cast, client_for, consultation):
    response = client_for("member").get(consultation.get_absolute_url())

    assert response.status_code == 200
    links = [reverse("agreement_clause_comment", args=[c.pk]) for c in Clause.objects.filter(version=consultation)]
    html = response.content.decode()
    assert sorted(link for link in links if f'href="{link}"' in html) == sorted(links)


def test_after_the_closing_date_the_version_page_is_the_secretariats_again(cast, client_for, consultation):
    close_by_date(consultation)
    assert client_for("member").get(consultation.get_absolute_url()).status_code == 404
    assert client_for("secretariat").get(consultation.get_absolute_url()).status_code == 200


def test_the_secretariat_filters_the_comments(cast, client_for, consultation):
    accepted = actions_consultation.add_comment(clause(consultation, "1"), by=cast.member, text="One")
    rejected = actions_consultation.add_comment(clause(consultation, "2.1"), by=cast.chair, text="Two")
    waiting = actions_consultation.add_comment(clause(consultation, "3"), by=cast.other_member, text="Three")
    actions_consultation.decide_comment(accepted, by=cast.secretariat, outcome="accepted", reason="Yes")
    actions_consultation.decide_comment(rejected, by=cast.secretariat, outcome="rejected", reason="No")
    client = client_for("secretariat")
    url = reverse("agreement_comments", args=[consultation.pk])

    shown = {
        show: list(client.get(url, {"show": show}).context["comments"])
        for show in ("all", "open", "accepted", "rejected")
    }

    assert shown == {
        "all": [accepted, rejected, waiting],
        "open": [waiting],
        "accepted": [accepted],
        "rejected": [rejected],
    }


def test_the_secretariat_opens_and_closes_a_consultation_through_the_pages(cast, client_for, draft):
    client = client_for("secretariat")

    bad = client.post(reverse("agreement_consultation", args=[draft.pk]), {"closes_on": TODAY.isoformat()})
    assert bad.status_code == 400
    assert bad.context["form"].errors == {
        "closes_on": [f"The closing date must be in the future: after today, {TODAY.day} {TODAY:%B %Y}."]
    }
    opened = client.post(reverse("agreement_consultation", args=[draft.pk]), {"closes_on": IN_TWO_WEEKS.isoformat()})
    assert (opened.status_code, opened["Location"]) == (302, reverse("agreement_version_manage", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == VersionStatus.CONSULTATION
    # The clause pages now send the secretariat back with the reason.
    edit = client.get(reverse("agreement_clause_edit", args=[clause(draft, "1").pk]))
    assert (edit.status_code, edit["Location"]) == (302, reverse("agreement_version_manage", args=[draft.pk]))

    closed = client.post(reverse("agreement_consultation_close", args=[draft.pk]))
    assert closed.status_code == 302
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT
