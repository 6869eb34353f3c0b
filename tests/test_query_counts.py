"""Every list page makes the same, exact number of queries for 1 row as for 10 (no N+1)."""

import datetime

import pytest
from django.urls import reverse

from bodies.models import BodyLink, LinkKind, Membership, Role
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    SeatFactory,
)

# They measure what rendering a page costs: the public cache would answer the second request.
pytestmark = pytest.mark.usefixtures("no_public_cache")

START = datetime.date(2009, 4, 1)


def make_bodies(cast, n):
    for i in range(n):
        body = BodyFactory(name=f"Group {i:02}")
        MembershipFactory(body=body, role=Role.CHAIR, person=PersonFactory())
        BodyLink.objects.create(from_body=body, to_body=cast.board, kind=LinkKind.REPORTS_TO, start=START)


def make_organisations(cast, n):
    for _ in range(n):
        organisation = OrganisationFactory()
        MembershipFactory(body=cast.forum, organisation=organisation, person=PersonFactory())


def make_board_members(cast, n):
    for _ in range(n):
        organisation = OrganisationFactory()
        member = MembershipFactory(body=cast.board, organisation=organisation, person=PersonFactory())
        MembershipFactory(body=cast.board, role=Role.NAMED_RESERVE, reserve_for=member, person=PersonFactory())
        SeatFactory(body=cast.board, organisation=organisation, start=START)
        BodyLink.objects.create(from_body=BodyFactory(), to_body=cast.board, kind=LinkKind.REPORTS_TO, start=START)


def make_people(cast, n):
    for _ in range(n):
        PersonFactory(organisation=OrganisationFactory())


def make_police_members(cast, n):
    police = cast.police
    for _ in range(n):
        MembershipFactory(body=BodyFactory(), organisation=police, person=PersonFactory())


def make_memberships_of_member(cast, n):
    for _ in range(n):
        MembershipFactory(body=BodyFactory(), person=cast.member.person, organisation=OrganisationFactory())


def make_reviews_due(cast, n):
    for _ in range(n):
        MembershipFactory(body=cast.forum, person=PersonFactory(), review_due_on=START)


def make_history(cast, n):
    for i in range(n):
        cast.board.summary = f"Summary {i}"
        cast.board.save()


PAGES = [
    ("home", lambda cast: reverse("home"), make_bodies, "anonymous"),
    ("body_list", lambda cast: reverse("body_list"), make_bodies, "anonymous"),
    ("framework", lambda cast: reverse("framework"), make_bodies, "anonymous"),
    ("framework_svg", lambda cast: reverse("framework_svg"), make_bodies, "anonymous"),
    ("body_detail", lambda cast: reverse("body_detail", args=[cast.board.slug]), make_board_members, "secretariat"),
    ("organisation_list", lambda cast: reverse("organisation_list"), make_organisations, "anonymous"),
    (
        "organisation_detail",
        lambda cast: reverse("organisation_detail", args=[cast.police.slug]),
        make_police_members,
        "anonymous",
    ),
    ("account", lambda cast: reverse("account"), make_memberships_of_member, "member"),
    ("manage:organisation_list", lambda cast: reverse("manage:organisation_list"), make_organisations, "secretariat"),
    ("manage:person_list", lambda cast: reverse("manage:person_list"), make_people, "secretariat"),
    (
        "manage:person_detail",
        lambda cast: reverse("manage:person_detail", args=[cast.member.person.pk]),
        make_memberships_of_member,
        "secretariat",
    ),
    ("manage:reviews_due", lambda cast: reverse("manage:reviews_due"), make_reviews_due, "secretariat"),
    (
        "manage:history",
        lambda cast: reverse("manage:history", args=["body", cast.board.slug]),
        make_history,
        "secretariat",
    ),
]

# Exactly what each page costs, whatever the number of rows.
QUERIES = {
    "home": 3,
    "body_list": 2,
    "framework": 3,
    "framework_svg": 3,
    "body_detail": 13,
    "organisation_list": 2,
    "organisation_detail": 2,
    # The memberships held before (none here) are paged: a count of them.
    "account": 15,
    # Paged: a count of the rows, then the page.
    "manage:organisation_list": 5,
    "manage:person_list": 5,
    # With the count of the person's signed-in sessions.
    "manage:person_detail": 7,
    "manage:reviews_due": 5,
    "manage:history": 6,
}


@pytest.mark.parametrize("item_count", (1, 10))
@pytest.mark.parametrize(("name", "url", "make_rows", "who"), PAGES, ids=[page[0] for page in PAGES])
def test_list_page_makes_the_same_queries_for_one_row_as_for_ten(
    query_cast, client_for, django_assert_num_queries, name, url, make_rows, who, item_count
):
    client = client_for(who)
    make_rows(query_cast, item_count)
    path = url(query_cast)
    # Once unmeasured, so that caches kept for the process (content types) do not count.
    client.get(path)

    with django_assert_num_queries(QUERIES[name]):
        response = client.get(path)

    assert response.status_code == 200, path


def test_reviews_due_lists_exactly_the_memberships_due(query_cast, client_for):
    make_reviews_due(query_cast, 2)
    response = client_for("secretariat").get(reverse("manage:reviews_due"))
    due = Membership.objects.due_for_review()
    assert list(response.context["memberships"]) == list(
        due.order_by("review_due_on", "body__name", "person__name", "pk")
    )
    assert len(due) == 2
