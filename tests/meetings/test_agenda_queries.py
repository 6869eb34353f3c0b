"""The agenda pages cost as many queries for a long agenda as for a short one (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.actions import agenda as actions
from meetings.models import Action, VersionKind
from tests.factories import AgendaItemFactory, MeetingFactory, PersonFactory
from tests.meetings.test_papers_support import future, schedule


def count_queries(client, url):
    # Warm Django's per-process caches (content types for django-guardian) so that only the page is counted.
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


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


@pytest.mark.parametrize("who", ["anonymous", "member", "stranger", "secretariat"])
def test_the_meeting_page_costs_the_same_for_twenty_items_and_thirty_papers_as_for_one(cast, client_for, who):
    client = client_for(who)
    small = build(cast, 1, 1)
    large = build(cast, 20, 30)
    one = count_queries(client, reverse("meeting_detail", args=[small.pk]))
    many = count_queries(client, reverse("meeting_detail", args=[large.pk]))
    assert many == one, f"{one} queries for 1 item and 1 paper, {many} for 20 items and 30 papers"


def test_the_secretariats_agenda_page_costs_the_same_for_any_length(cast, client_for):
    client = client_for("secretariat")
    small = build(cast, 1, 1)
    large = build(cast, 20, 30)
    one = count_queries(client, reverse("agenda_manage", args=[small.pk]))
    many = count_queries(client, reverse("agenda_manage", args=[large.pk]))
    assert many == one, f"{one} queries for 1 item and 1 paper, {many} for 20 items and 30 papers"


def test_the_paper_page_costs_the_same_for_ten_versions_as_for_one(cast, client_for):
    client = client_for("anonymous")
    meeting = schedule(cast)
    first = actions.add_paper(meeting, by=cast.secretariat, title="One", author="Ann", text="x")
    second = actions.add_paper(meeting, by=cast.secretariat, title="Ten", author="Ann", text="x")
    for _ in range(9):
        actions.add_version(second, by=cast.secretariat, kind=VersionKind.REVISED, text="y")
    actions.publish_pack(meeting, by=cast.secretariat)
    one = count_queries(client, first.get_absolute_url())
    ten = count_queries(client, second.get_absolute_url())
    assert ten == one, f"{one} queries for 1 version, {ten} for 10"
