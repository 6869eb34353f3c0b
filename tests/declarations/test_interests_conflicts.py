"""Possible conflicts: items whose papers concern what a member's register names (Agreement 11.4.2, 11.4.4)."""

import datetime
import re

import pytest
from django.urls import reverse

from declarations.conflicts import possible_conflicts
from tests.factories import (
    AgendaItemFactory,
    InterestFactory,
    MembershipFactory,
    OrganisationFactory,
    PaperFactory,
)


def _rows(conflicts):
    return [(c.item.number, c.person.name, [i.description for i in c.interests]) for c in conflicts]


def test_an_item_naming_an_organisation_in_a_register_is_flagged(cast, meeting):
    police = OrganisationFactory(name="Cheshire Constabulary", short_name="Cheshire Police")
    InterestFactory(person=cast.member.person, description="Special constable", organisation=police, matter="")
    AgendaItemFactory(meeting=meeting, number=1, title="Minutes of the previous meeting")
    AgendaItemFactory(meeting=meeting, number=2, title="Community safety", description="A bid from CHESHIRE POLICE.")
    item3 = AgendaItemFactory(meeting=meeting, number=3, title="Budget")
    PaperFactory(meeting=meeting, item=item3, title="Grants", description="Grant to Cheshire Constabulary for CCTV")
    assert _rows(possible_conflicts(meeting)) == [
        (2, "Mel Morris", ["Special constable"]),
        (3, "Mel Morris", ["Special constable"]),
    ]


def test_a_matter_is_matched_in_the_papers_title_ignoring_case(cast, meeting):
    InterestFactory(person=cast.chair.person, description="Director", matter="Dee Valley Lettings")
    InterestFactory(person=cast.member.person, description="Tenant", matter="dee valley lettings")
    item = AgendaItemFactory(meeting=meeting, number=4, title="Housing")
    PaperFactory(meeting=meeting, item=item, title="Contract award: DEE VALLEY LETTINGS")
    assert _rows(possible_conflicts(meeting)) == [
        (4, "Chris Carter", ["Director"]),
        (4, "Mel Morris", ["Tenant"]),
    ]


def test_a_match_must_be_whole_words(cast, meeting):
    InterestFactory(person=cast.member.person, description="Trustee", matter="Age")
    AgendaItemFactory(meeting=meeting, number=1, title="Ageing well and the village agenda")
    assert possible_conflicts(meeting) == []


def test_closed_interests_former_members_and_other_bodies_members_are_not_flagged(cast, meeting):
    InterestFactory(person=cast.member.person, matter="Dee Valley", end=datetime.date(2010, 3, 31))
    former = MembershipFactory(body=cast.board, end=datetime.date(2010, 3, 31))
    InterestFactory(person=former.person, matter="Dee Valley")
    InterestFactory(person=cast.other_member.person, matter="Dee Valley")
    AgendaItemFactory(meeting=meeting, number=1, title="Dee Valley regeneration")
    assert possible_conflicts(meeting) == []


def test_several_matching_interests_of_one_member_are_one_row(cast, meeting):
    InterestFactory(person=cast.member.person, description="A", matter="Dee Valley")
    InterestFactory(person=cast.member.person, description="B", matter="regeneration")
    AgendaItemFactory(meeting=meeting, number=1, title="Dee Valley regeneration")
    assert _rows(possible_conflicts(meeting)) == [(1, "Mel Morris", ["A", "B"])]


def _page_rows(response):
    return _rows(response.context["conflicts"])


@pytest.mark.parametrize("who", ["chair", "secretariat"])
def test_the_chair_and_the_secretariat_see_every_members_possible_conflicts(cast, client_for, flagged, who):
    response = client_for(who).get(reverse("meeting_conflicts", args=[flagged.pk]))
    assert response.status_code == 200
    assert _page_rows(response) == [(1, "Chris Carter", ["Director"]), (1, "Mel Morris", ["Tenant"])]


def test_a_member_sees_only_their_own_possible_conflicts(cast, client_for, flagged):
    response = client_for("member").get(reverse("meeting_conflicts", args=[flagged.pk]))
    assert response.status_code == 200
    assert _page_rows(response) == [(1, "Mel Morris", ["Tenant"])]
    assert "Chris Carter" not in response.content.decode().split("<main", 1)[1]


@pytest.mark.parametrize("who", ["other_member", "stranger"])
def test_people_outside_the_body_get_the_same_404_as_for_a_missing_meeting(cast, client_for, flagged, who):
    assert client_for(who).get(reverse("meeting_conflicts", args=[flagged.pk])).status_code == 404
    assert client_for(who).get(reverse("meeting_conflicts", args=[999999])).status_code == 404


def test_the_vice_chair_sees_every_members_possible_conflicts(cast, client_for, flagged):
    vice = MembershipFactory(body=cast.board, role="vice_chair", person=cast.stranger.person)
    response = client_for("stranger").get(reverse("meeting_conflicts", args=[flagged.pk]))
    assert vice.person == cast.stranger.person
    assert _page_rows(response) == [(1, "Chris Carter", ["Director"]), (1, "Mel Morris", ["Tenant"])]


def test_the_chair_of_another_body_sees_nothing_of_this_one(cast, client_for, flagged):
    MembershipFactory(body=cast.forum, role="chair", person=cast.stranger.person)
    assert client_for("stranger").get(reverse("meeting_conflicts", args=[flagged.pk])).status_code == 404


def _flags(response):
    """The possible-conflict sentences shown on a page, in order."""
    main = response.content.decode().split("<main", 1)[1]
    return re.findall(r"<li>(Possible conflict of interest: [^<]*)</li>", main)


@pytest.mark.parametrize("who", ["chair", "secretariat"])
def test_the_agenda_flags_every_members_possible_conflicts_to_the_chair_and_secretariat(
    cast, client_for, published_agenda, who
):
    response = client_for(who).get(reverse("meeting_detail", args=[published_agenda.pk]))
    assert _flags(response) == [
        "Possible conflict of interest: "
        + ("your register" if who == "chair" else "the register of Chris Carter")
        + " names Dee Valley.",
        "Possible conflict of interest: the register of Mel Morris names Dee Valley.",
    ]


def test_the_agenda_flags_a_member_only_their_own_possible_conflict(cast, client_for, published_agenda):
    response = client_for("member").get(reverse("meeting_detail", args=[published_agenda.pk]))
    assert _flags(response) == ["Possible conflict of interest: your register names Dee Valley."]


@pytest.mark.parametrize("who", ["anonymous", "other_member", "stranger"])
def test_the_agenda_flags_nothing_to_people_outside_the_body(cast, client_for, published_agenda, who):
    response = client_for(who).get(reverse("meeting_detail", args=[published_agenda.pk]))
    assert response.status_code == 200
    assert _flags(response) == []
    assert "Dee Valley regeneration" in response.content.decode()


def test_the_secretariats_agenda_page_flags_possible_conflicts_while_it_is_prepared(cast, client_for, flagged):
    response = client_for("secretariat").get(reverse("agenda_manage", args=[flagged.pk]))
    assert _flags(response) == [
        "Possible conflict of interest: the register of Chris Carter names Dee Valley.",
        "Possible conflict of interest: the register of Mel Morris names Dee Valley.",
    ]


def test_a_term_is_flagged_only_where_its_words_stand_together(cast, meeting):
    InterestFactory(person=cast.member.person, description="Tenant", matter="Dee Valley")
    AgendaItemFactory(meeting=meeting, number=1, title="The valley of the Dee")
    assert possible_conflicts(meeting) == []


def test_case_is_ignored_as_for_any_letter_not_only_plain_ones(cast, meeting):
    InterestFactory(person=cast.member.person, description="Trustee", matter="İnce Trust")
    InterestFactory(person=cast.chair.person, description="Donor", matter="Tŷ Hafan")
    AgendaItemFactory(meeting=meeting, number=1, title="Grants to the ince trust and to TŶ HAFAN")
    assert _rows(possible_conflicts(meeting)) == [(1, "Chris Carter", ["Donor"]), (1, "Mel Morris", ["Trustee"])]


def test_one_members_possible_conflicts_read_only_their_register(cast, meeting):
    InterestFactory(person=cast.chair.person, description="Director", matter="Dee Valley")
    InterestFactory(person=cast.member.person, description="Tenant", matter="Dee Valley")
    AgendaItemFactory(meeting=meeting, number=1, title="Dee Valley regeneration")
    assert _rows(possible_conflicts(meeting, person=cast.member.person)) == [(1, "Mel Morris", ["Tenant"])]
    assert possible_conflicts(meeting, person=cast.stranger.person) == []
