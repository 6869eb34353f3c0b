"""The register pages make the same number of queries for 1 row as for 10 (no N+1)."""

import pytest
from django.urls import reverse

from bodies.models import Role
from tests.factories import (
    AgendaItemFactory,
    InterestFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PaperFactory,
    PersonFactory,
)
from tests.test_query_counts import count_queries


def _members_with_interests(cast, n):
    for i in range(n):
        organisation = OrganisationFactory()
        membership = MembershipFactory(body=cast.board, organisation=organisation, person=PersonFactory())
        InterestFactory(person=membership.person, organisation=organisation, matter=f"Matter {i}")
        InterestFactory(person=membership.person, withheld=True, withheld_reason="Sensitive")
        MembershipFactory(body=cast.board, role=Role.NAMED_RESERVE, reserve_for=membership, person=PersonFactory())


def _counts(cast, client, url, make):
    make(cast, 1)
    one = count_queries(client, url)
    make(cast, 9)
    ten = count_queries(client, url)
    return one, ten


@pytest.mark.parametrize("url", ["/registers/interests/", "/registers/interests/?body=partnership-board"])
def test_the_public_register_queries_do_not_grow_with_the_members(cast, client, url):
    one, ten = _counts(cast, client, url, _members_with_interests)
    assert one == ten


def test_the_secretariats_register_queries_do_not_grow_with_the_entries(cast, client_for):
    client = client_for("secretariat")
    one, ten = _counts(cast, client, reverse("interests_manage"), _members_with_interests)
    assert one == ten
    csv_one = count_queries(client, reverse("interests_csv"))
    _members_with_interests(cast, 5)
    assert count_queries(client, reverse("interests_csv")) == csv_one


def test_a_members_own_register_queries_do_not_grow_with_the_entries(cast, client_for):
    def make(cast, n):
        for _ in range(n):
            InterestFactory(person=cast.member.person, organisation=OrganisationFactory())

    one, ten = _counts(cast, client_for("member"), reverse("interests_mine"), make)
    assert one == ten


def test_the_conflicts_page_queries_do_not_grow_with_the_items(cast, client_for):
    meeting = MeetingFactory(body=cast.board)

    def make(cast, n):
        for _ in range(n):
            organisation = OrganisationFactory()
            membership = MembershipFactory(body=cast.board, person=PersonFactory())
            InterestFactory(person=membership.person, organisation=organisation, matter="")
            item = AgendaItemFactory(meeting=meeting, title=f"About {organisation.name}")
            PaperFactory(meeting=meeting, item=item, description=f"Grant to {organisation.name}")

    one, ten = _counts(cast, client_for("chair"), reverse("meeting_conflicts", args=[meeting.pk]), make)
    assert one == ten
