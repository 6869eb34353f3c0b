"""The Atom feed of newly published minutes."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Decision, Minutes, MinutesStatus
from tests.factories import AgendaItemFactory, MeetingFactory
from tests.meetings.scenario import at, published

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client):
    response = client.get(reverse("minutes_feed"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)  # noqa: S314 (our own test response)
    return feed, [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def minutes_for(board, starts_at, published_at, *, title="Welcome", decision=None, signer=None):
    meeting = MeetingFactory(body=board, starts_at=starts_at)
    item = AgendaItemFactory(meeting=meeting, number=1, title=title)
    if decision:
        Decision.objects.create(item=item, number=1, text=decision)
    return Minutes.objects.create(
        meeting=meeting,
        status=MinutesStatus.SIGNED,
        signed_by=signer,
        signed_at=published_at,
        signed_hash="b" * 64,
        published_at=published_at,
    )


def test_an_entry_links_to_the_permanent_minutes_and_summarises_the_public_rendition(scene, client):
    minutes = published(scene)

    feed, found = entries(client)

    assert feed.findtext(f"{ATOM}title") == "Newly published minutes"
    assert found == [
        {
            "title": "Minutes of the Partnership Board, 30 April 2009",
            "link": f"http://testserver/meetings/{scene.meeting.pk}/minutes/",
            "updated": timezone.localtime(minutes.published_at).isoformat(),
            "summary": "Meeting of the Partnership Board held on 30 April 2009, 2pm. Items: "
            "1. Welcome, introductions and apologies; 2. Minutes of the previous meeting and matters arising; "
            "3. Constitution of the partnership; 4. Confidential item; 5. Date of the next meeting.",
        }
    ]


def test_the_feed_lists_the_newest_twenty_published_minutes_newest_first(cast, client):
    base = timezone.now() - datetime.timedelta(days=100)
    for n in range(22):
        minutes_for(cast.board, at(2009, 1, 1) + datetime.timedelta(days=n), base + datetime.timedelta(days=n))
    # Drafts and unpublished minutes are not in it.
    Minutes.objects.create(meeting=MeetingFactory(body=cast.board, starts_at=at(2010, 1, 1)))

    _, found = entries(client)

    assert len(found) == 20
    assert [entry["title"] for entry in found[:2]] == [
        "Minutes of the Partnership Board, 22 January 2009",
        "Minutes of the Partnership Board, 21 January 2009",
    ]
    assert found[-1]["title"] == "Minutes of the Partnership Board, 3 January 2009"


def test_an_empty_feed_is_still_a_feed(db, client):
    feed, found = entries(client)

    assert (feed.tag, found) == (f"{ATOM}feed", [])


@pytest.mark.usefixtures("no_public_cache")
@pytest.mark.parametrize("item_count", (1, 10))
def test_the_feed_costs_the_same_queries_for_ten_entries_as_for_one(
    cast, client, django_assert_num_queries, item_count
):
    base = timezone.now() - datetime.timedelta(days=100)
    minutes_for(cast.board, at(2009, 1, 1), base, decision="Agreed.")
    for n in range(1, item_count):
        minutes_for(cast.forum, at(2009, 2, n), base + datetime.timedelta(days=n), decision=f"Decision {n}.")
    client.get(reverse("minutes_feed"))

    with django_assert_num_queries(4):
        client.get(reverse("minutes_feed"))

    assert len(entries(client)[1]) == item_count


def test_the_feed_refuses_a_post(db, client):
    assert client.post(reverse("minutes_feed")).status_code == 405
