"""The register pages make the same, exact number of queries for 1 row as for 10 (no N+1)."""

import csv
import io

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

# They measure what rendering a page costs: the public cache would answer the second request.
pytestmark = pytest.mark.usefixtures("no_public_cache")


def _members_with_interests(cast, n):
    for i in range(n):
        organisation = OrganisationFactory()
        membership = MembershipFactory(body=cast.board, organisation=organisation, person=PersonFactory())
        InterestFactory(person=membership.person, organisation=organisation, matter=f"Matter {i}")
        InterestFactory(person=membership.person, withheld=True, withheld_reason="Sensitive")
        MembershipFactory(body=cast.board, role=Role.NAMED_RESERVE, reserve_for=membership, person=PersonFactory())


def _get(client, url, django_assert_num_queries, queries):
    # The first request loads what the process caches (content types); the second is the page's own cost.
    client.get(url)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200, url
    return response


@pytest.mark.parametrize("item_count", (1, 10))
@pytest.mark.parametrize(
    ("url", "queries"), [("/registers/interests/", 4), ("/registers/interests/?body=partnership-board", 5)]
)
def test_the_public_register_queries_do_not_grow_with_the_members(
    cast, client, django_assert_num_queries, url, queries, item_count
):
    _members_with_interests(cast, item_count)
    response = _get(client, url, django_assert_num_queries, queries)
    board = dict(response.context["groups"])[cast.board]
    # The cast's chair and member, and each new member with their named reserve.
    assert len(board) == 2 + 2 * item_count


@pytest.mark.parametrize("item_count", (1, 10))
def test_the_secretariats_register_queries_do_not_grow_with_the_entries(
    cast, client_for, django_assert_num_queries, item_count
):
    client = client_for("secretariat")
    _members_with_interests(cast, item_count)
    # The list is paged: a count of the entries, then the page.
    response = _get(client, reverse("interests_manage"), django_assert_num_queries, 6)
    assert len(response.context["interests"]) == 2 * item_count
    download = _get(client, reverse("interests_csv"), django_assert_num_queries, 4)
    assert len(list(csv.reader(io.StringIO(download.content.decode())))) == 1 + 2 * item_count


@pytest.mark.parametrize("item_count", (1, 10))
def test_a_members_own_register_queries_do_not_grow_with_the_entries(
    cast, client_for, django_assert_num_queries, item_count
):
    for _ in range(item_count):
        InterestFactory(person=cast.member.person, organisation=OrganisationFactory())
    # The current entries, then the count of the closed ones, which are paged (none here: no page to read).
    response = _get(client_for("member"), reverse("interests_mine"), django_assert_num_queries, 8)
    assert len(response.context["current"]) == item_count


@pytest.mark.parametrize("item_count", (1, 10))
def test_the_conflicts_page_queries_do_not_grow_with_the_items(cast, client_for, django_assert_num_queries, item_count):
    meeting = MeetingFactory(body=cast.board)
    for _ in range(item_count):
        organisation = OrganisationFactory()
        membership = MembershipFactory(body=cast.board, person=PersonFactory())
        InterestFactory(person=membership.person, organisation=organisation, matter="")
        item = AgendaItemFactory(meeting=meeting, title=f"About {organisation.name}")
        PaperFactory(meeting=meeting, item=item, description=f"Grant to {organisation.name}")
    url = reverse("meeting_conflicts", args=[meeting.pk])
    response = _get(client_for("chair"), url, django_assert_num_queries, 9)
    assert len(response.context["conflicts"]) == item_count
