"""Each list of the API costs the same number of queries for 1 row as for 10 (a page of any length)."""

import datetime

import pytest
from django.urls import reverse

from bodies.models import BodyChange, ChangeKind
from meetings.models import Decision, MeetingStatus, PaperVersion
from tests.agreements.factories import AgreementFactory, adopted_version
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    GiftFactory,
    InterestFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PaperFactory,
    PersonFactory,
)

from .conftest import at, published_minutes


def _held(cast):
    meeting = MeetingFactory(body=cast.board, starts_at=at(datetime.date(2010, 3, 4)), status=MeetingStatus.HELD)
    return meeting


def organisations(cast, n):
    for i in range(n):
        OrganisationFactory(name=f"Organisation {i}", slug=f"organisation-{i}")


def people(cast, n):
    for i in range(n):
        organisation = OrganisationFactory(name=f"Organisation {i}", slug=f"organisation-{i}")
        person = PersonFactory(name=f"Person {i}", organisation=organisation)
        MembershipFactory(person=person, body=cast.forum, organisation=organisation)
        MembershipFactory(person=person, body=cast.board, organisation=organisation)


def bodies(cast, n):
    for i in range(n):
        body = BodyFactory(name=f"Body {i}", slug=f"body-{i}")
        BodyChange.objects.create(
            body=body, kind=ChangeKind.RENAMED_TO, on=datetime.date(2010, 1, 1), other_body=cast.forum, reason="."
        )


def memberships(cast, n):
    for i in range(n):
        organisation = OrganisationFactory(name=f"Organisation {i}", slug=f"organisation-{i}")
        MembershipFactory(person=PersonFactory(name=f"Person {i}"), body=cast.forum, organisation=organisation)


def meetings(cast, n):
    for i in range(n):
        MeetingFactory(body=cast.board if i % 2 else cast.forum, starts_at=at(datetime.date(2010, 1, i + 1)))


def agenda_items(cast, n):
    meeting = _held(cast)
    for i in range(n):
        AgendaItemFactory(meeting=meeting, number=i + 1, confidential=i % 2 == 1, confidential_reason="Why")


def papers(cast, n):
    meeting = _held(cast)
    for i in range(n):
        item = AgendaItemFactory(meeting=meeting, number=i + 1)
        paper = PaperFactory(meeting=meeting, item=item)
        PaperVersion.objects.create(paper=paper, number=1, text="Text", sha256="a" * 64)
        PaperVersion.objects.create(paper=paper, number=2, text="Text", sha256="b" * 64)


def decisions(cast, n):
    meeting = _held(cast)
    for i in range(n):
        item = AgendaItemFactory(meeting=meeting, number=i + 1, confidential=i % 2 == 1, confidential_reason="Why")
        Decision.objects.create(item=item, number=i + 1, text=f"Decision {i}")
    published_minutes(meeting, cast.chair)


def interests(cast, n):
    for i in range(n):
        person = PersonFactory(name=f"Person {i}")
        MembershipFactory(person=person, body=cast.board)
        InterestFactory(person=person, organisation=OrganisationFactory(name=f"Org {i}", slug=f"org-{i}"))


def gifts(cast, n):
    for i in range(n):
        GiftFactory(person=PersonFactory(name=f"Person {i}"), estimated_value=100)


def versions(cast, n):
    for i in range(n):
        adopted_version(cast, label=f"V{i}", agreement=AgreementFactory(title=f"Protocol {i}", slug=f"protocol-{i}"))


# Each list: what makes its rows, and the queries a page costs (the count, the rows, each prefetch; a filter's body).
LISTS = [
    ("api_organisations", organisations, 2),
    ("api_people", people, 3),
    ("api_bodies", bodies, 3),
    ("api_memberships", memberships, 2),
    ("api_meetings", meetings, 2),
    ("api_agenda_items", agenda_items, 2),
    ("api_papers", papers, 3),
    ("api_decisions", decisions, 2),
    ("api_interests", interests, 2),
    # GiftsSettings.current(), the count and the rows.
    ("api_gifts", gifts, 3),
    ("api_agreement_versions", versions, 2),
]


@pytest.mark.usefixtures("no_public_cache")
@pytest.mark.parametrize("rows", [1, 10])
@pytest.mark.parametrize(("name", "make", "queries"), LISTS, ids=[name for name, _make, _queries in LISTS])
def test_a_page_costs_the_same_queries_whatever_its_length(
    cast, client, django_assert_num_queries, name, make, queries, rows
):
    make(cast, rows)
    with django_assert_num_queries(queries):
        response = client.get(reverse(name), {"page_size": 100})
    assert response.status_code == 200
    assert response.json()["count"] >= rows


@pytest.mark.usefixtures("no_public_cache")
def test_a_filter_by_body_costs_one_query_more(cast, client, django_assert_num_queries):
    meetings(cast, 10)
    with django_assert_num_queries(3):
        response = client.get(reverse("api_meetings"), {"body": cast.board.slug})
    assert response.json()["count"] == 5
