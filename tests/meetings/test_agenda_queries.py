"""The agenda pages cost as many queries for a long agenda as for a short one (no N+1)."""

import pytest
from django.urls import reverse

from meetings.actions import agenda as actions
from meetings.models import Action, VersionKind
from tests.factories import AgendaItemFactory, MeetingFactory, PersonFactory
from tests.meetings.papers import future, schedule

# They measure what rendering a page costs: the public cache would answer the second request.
pytestmark = pytest.mark.usefixtures("no_public_cache")


def assert_queries(client, url, queries, assert_num_queries):
    """The page at `url` answers with exactly `queries` queries."""
    # Warm Django's per-process caches (content types for django-guardian) so that only the page is counted.
    client.get(url)
    with assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200, url


def build(cast, items, papers):
    """A published agenda of `items` items of business and `papers` papers, some confidential, with versions."""
    by = cast.secretariat
    meeting = schedule(cast)
    made = []
    for i in range(items):
        confidential = i % 3 == 2
        made.append(
            actions.add_item(
                meeting,
                by=by,
                title=f"Business {i}",
                confidential=confidential,
                confidential_reason="Tender" if confidential else "",
                taken_with=made[0] if i == 1 else None,
            )
        )
    for i in range(papers):
        secret = i % 4 == 3
        paper = actions.add_paper(
            meeting,
            by=by,
            item=made[i % items],
            title=f"Paper {i}",
            author="Ann",
            text="x",
            confidential=secret,
            confidential_reason="Staff" if secret else "",
        )
        actions.add_version(paper, by=by, kind=VersionKind.REVISED, text="y")
    earlier = MeetingFactory(body=cast.board, starts_at=future(-30), status="held")
    for i in range(items):
        action = Action.objects.create(
            item=AgendaItemFactory(meeting=earlier, number=i + 1, confidential=i % 2 == 1, confidential_reason="x"),
            text=f"Action {i}",
        )
        action.owners.add(PersonFactory())
    actions.publish_pack(meeting, by=by)
    return meeting


# An agenda of one item and one paper, and one of twenty items and thirty papers.
SIZES = pytest.mark.parametrize(("items", "papers"), [(1, 1), (20, 30)], ids=["short", "long"])


@SIZES
@pytest.mark.parametrize(
    ("who", "queries"),
    # A signed-in reader's seat on the day of a meeting to come (replies), and a member's own reply.
    [("anonymous", 9), ("member", 22), ("stranger", 19), ("secretariat", 20)],
    ids=["anonymous", "member", "stranger", "secretariat"],
)
def test_the_meeting_page_costs_the_same_for_twenty_items_and_thirty_papers_as_for_one(
    cast, client_for, django_assert_num_queries, who, queries, items, papers
):
    meeting = build(cast, items, papers)
    assert_queries(client_for(who), reverse("meeting_detail", args=[meeting.pk]), queries, django_assert_num_queries)


@SIZES
def test_the_secretariats_agenda_page_costs_the_same_for_any_length(
    cast, client_for, django_assert_num_queries, items, papers
):
    meeting = build(cast, items, papers)
    assert_queries(
        client_for("secretariat"), reverse("agenda_manage", args=[meeting.pk]), 17, django_assert_num_queries
    )


@pytest.mark.parametrize("item_count", (1, 10))
def test_the_paper_page_costs_the_same_for_ten_versions_as_for_one(
    cast, client_for, django_assert_num_queries, item_count
):
    meeting = schedule(cast)
    paper = actions.add_paper(meeting, by=cast.secretariat, title="Paper", author="Ann", text="x")
    for _ in range(item_count - 1):
        actions.add_version(paper, by=cast.secretariat, kind=VersionKind.REVISED, text="y")
    actions.publish_pack(meeting, by=cast.secretariat)
    assert paper.versions.count() == item_count
    assert_queries(client_for("anonymous"), paper.get_absolute_url(), 3, django_assert_num_queries)
