"""The secretariat's votes page, the votes in both renditions of the minutes, the decisions register, the API and
the public PDF; a confidential item's vote withheld everywhere the item is."""

import pytest
from django.urls import reverse

from meetings import minutes_pdf
from meetings.actions import minutes as actions
from meetings.actions import votes as vote_actions
from meetings.minutes_text import canonical_text, register_quorum_excluder, unregister_quorum_excluder
from meetings.models import Attendance, Decision, RecordedVote, Vote, VoteWay
from meetings.views.minutes import _header
from tests.factories import MembershipFactory, PersonFactory
from tests.meetings import scenario

F, A, X = VoteWay.FOR, VoteWay.AGAINST, VoteWay.ABSTAIN
MARKER = "Quillonmarsh"


def vote_url(decision):
    return reverse("minutes_decision_vote", args=[decision.item.meeting_id, decision.pk])


def attendance(scene, person):
    return Attendance.objects.get(meeting=scene.meeting, person=person)


def posted(scene, **extra):
    """The form's POST: Chris and Tim for, Pat against."""
    chair, tim, pat = (attendance(scene, p) for p in (scene.cast.chair.person, scene.tim.person, scene.pat.person))
    return {f"vote_{chair.pk}": F, f"vote_{tim.pk}": F, f"vote_{pat.pk}": A, **extra}


@pytest.fixture
def decision(minuted):
    return Decision.objects.get(item=minuted.items.constitution)


def test_the_votes_page_has_a_row_of_radios_per_voter_and_records_them(minuted, decision, sam):
    item_page = sam.get(reverse("minutes_item", args=[minuted.meeting.pk, decision.item_id])).content.decode()
    assert vote_url(decision) in item_page

    page = sam.get(vote_url(decision)).content.decode()
    for name in ("Chris Carter", "Tim Jackson", "Pat Price (named reserve for Mel Morris)"):
        assert f'<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{name}</legend>' in page
    # Mel sent apologies, Rita was absent, the support officer holds no seat: no inputs for them.
    assert "Mel Morris</legend>" not in page and "Rita Waters" not in page and "Alistair Jeffs" not in page
    assert page.count('type="radio"') == 3 * 3 + 3

    response = sam.post(vote_url(decision), posted(minuted))
    assert response.status_code == 302
    assert sorted(Vote.objects.values_list("way", flat=True)) == [A, F, F]
    # Shown again with what was recorded.
    again = sam.get(vote_url(decision)).content.decode()
    assert again.count("checked") == 3 + 1


def test_a_missing_vote_is_the_forms_error(minuted, decision, sam):
    data = posted(minuted)
    data.pop(next(iter(data)))
    response = sam.post(vote_url(decision), data)
    assert response.status_code == 400
    assert "Say how Chris Carter voted" in response.content.decode()
    assert not RecordedVote.objects.exists()


def test_withdrawn_members_are_listed_and_not_offered(minuted, decision, sam):
    tim = minuted.tim.person

    def ruled(meeting):
        return {decision.item_id: {tim.pk}}

    register_quorum_excluder(ruled)
    try:
        page = sam.get(vote_url(decision)).content.decode()
        assert "Withdrawn from the item" in page
        assert "<li>Tim Jackson</li>" in page
        assert "Tim Jackson</legend>" not in page
    finally:
        unregister_quorum_excluder(ruled)


def test_once_approved_the_page_sends_back_to_the_minutes_with_the_reason(minuted, decision, sam):
    actions.approve_minutes(
        minuted.meeting.minutes, by=minuted.cast.secretariat, at_item=minuted.following_items.previous
    )
    response = sam.get(vote_url(decision), follow=True)
    assert response.redirect_chain[0][0] == reverse("meeting_minutes", args=[minuted.meeting.pk])
    assert "a correction changes an item&#x27;s discussion only" in response.content.decode()
    assert sam.post(vote_url(decision), posted(minuted)).status_code == 302
    assert not RecordedVote.objects.exists()


@pytest.mark.parametrize("who", ["member", "chair", "other_member", "stranger"])
def test_the_page_is_404_to_everyone_but_the_secretariat(minuted, decision, client_for, who):
    assert client_for(who).get(vote_url(decision)).status_code == 404


def test_the_vote_can_be_taken_out(minuted, decision, sam):
    sam.post(vote_url(decision), posted(minuted))
    response = sam.post(reverse("minutes_decision_vote_remove", args=[minuted.meeting.pk, decision.pk]))
    assert response.status_code == 302
    assert not RecordedVote.objects.exists() and not Vote.objects.exists()


# The minutes, the register, the API and the PDF


@pytest.fixture
def voted(minuted, decision):
    """The scene's minutes with a vote on the public decision and on one of the confidential item, published."""
    by = minuted.cast.secretariat
    secret = actions.add_decision(minuted.items.confidential, by=by, text=f"Award the {MARKER} tender.")
    chair, tim, pat = (
        attendance(minuted, p) for p in (minuted.cast.chair.person, minuted.tim.person, minuted.pat.person)
    )
    vote_actions.record_votes(decision, by=by, ways={chair.pk: F, tim.pk: A, pat.pk: X})
    vote_actions.record_votes(secret, by=by, ways={chair.pk: A, tim.pk: A, pat.pk: A})
    minutes = actions.approve_minutes(minuted.meeting.minutes, by=by, at_item=minuted.following_items.previous)
    minutes = actions.sign_minutes(minutes, by=minuted.cast.chair)
    actions.publish_minutes(minutes, by=by)
    minuted.decision, minuted.secret = decision, secret
    return minuted


PUBLIC_VOTE = "Recorded vote on decision 1:</strong> 1 for, 1 against, 1 abstained. Not carried: the votes were tied"
SECRET_VOTE = "0 for, 3 against, 0 abstained"


def test_the_minutes_show_the_votes_in_both_renditions_and_withhold_the_confidential_items(voted, client, sam):
    url = reverse("meeting_minutes", args=[voted.meeting.pk])
    public = client.get(url).content.decode()
    assert PUBLIC_VOTE in public
    assert "The meeting was quorate for this item." in public
    assert "Chris Carter</dd>" in public and "Tim Jackson</dd>" in public
    assert SECRET_VOTE not in public and MARKER not in public
    assert public.count("Recorded vote on decision") == 1

    members = sam.get(url).content.decode()
    assert PUBLIC_VOTE in members and SECRET_VOTE in members and MARKER in members
    # The secretariat's check: the record still reads as the text the chair signed, votes and all.
    assert "Recorded vote: 0 for, 3 against" in canonical_text(voted.meeting)


def test_the_register_and_the_decisions_page_show_the_result_never_a_confidential_vote(voted, client):
    register = client.get(reverse("decision_register")).content.decode()
    assert "Recorded vote: 1 for, 1 against, 1 abstained. Not carried" in register
    assert SECRET_VOTE not in register and MARKER not in register

    page = client.get(reverse("decision_detail", args=[voted.decision.pk])).content.decode()
    assert PUBLIC_VOTE in page
    secret = client.get(reverse("decision_detail", args=[voted.secret.pk])).content.decode()
    assert "Recorded vote" not in secret and SECRET_VOTE not in secret and MARKER not in secret


def test_the_api_nests_the_vote_and_withholds_a_confidential_ones(voted, client):
    answer = client.get(reverse("api_decisions"), {"page_size": 100}).json()
    by_id = {row["id"]: row for row in answer["results"]}
    vote = by_id[voted.decision.pk]["vote"]
    assert vote == {
        "result": "not carried",
        "carried": False,
        "tied": True,
        "casting_vote": None,
        "quorate": True,
        "counts": {"for": 1, "against": 1, "abstained": 1},
        "voted_for": ["Chris Carter"],
        "against": ["Tim Jackson"],
        "abstained": ["Pat Price (named reserve for Mel Morris)"],
        "withdrawn": [],
    }
    assert by_id[voted.secret.pk]["vote"] is None
    assert MARKER not in client.get(reverse("api_decisions")).content.decode()


def test_the_public_pdf_is_printed_from_a_rendition_without_the_confidential_vote(voted, client):
    minutes = voted.meeting.minutes
    document = minutes_pdf.public_document(voted.meeting, minutes, header=_header(minutes))
    assert "Recorded vote on decision 1:</strong> 1 for, 1 against" in document.html
    assert SECRET_VOTE not in document.html and MARKER not in document.html
    response = client.get(reverse("meeting_minutes_pdf", args=[voted.meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


# Query counts


def _meeting_with_voters(cast):
    scene = scenario.build_scene(cast)
    scenario.drafted(scene)
    decision = actions.add_decision(scene.items.constitution, by=cast.secretariat, text="Agreed.")
    return scene, decision


@pytest.mark.usefixtures("no_public_cache")
@pytest.mark.parametrize("voters", [1, 10])
def test_the_votes_page_costs_the_same_at_one_voter_as_at_ten(cast, client_for, django_assert_num_queries, voters):
    # The scene's three seats present (tests/meetings/scenario.py): the chair, Tim and Pat for Mel.
    scene, decision = _meeting_with_voters(cast)
    # Leave only the chair present (one voter), or add to ten.
    if voters == 1:
        Attendance.objects.filter(meeting=scene.meeting).exclude(person=cast.chair.person).update(status="absent")
    else:
        for _ in range(voters - 3):
            membership = MembershipFactory(person=PersonFactory(), body=cast.board)
            Attendance.objects.create(meeting=scene.meeting, person=membership.person, membership=membership)
    client = client_for("secretariat")
    client.get(vote_url(decision))
    with django_assert_num_queries(VOTES_PAGE_QUERIES):
        response = client.get(vote_url(decision))
    assert response.content.decode().count("</legend>") == voters + 1


# The session, the login, the secretariat check, the meeting, the decision, the minutes, the attendance, the rulings.
VOTES_PAGE_QUERIES = 8
