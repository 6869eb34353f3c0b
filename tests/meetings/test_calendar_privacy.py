"""Confidential matters (Agreement 11.2) never reach the public pages and feeds of this area,
nor the actions register of those who may not see the item."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Action, Decision, RequestStatus, SpecialMeetingRequest
from tests.factories import AgendaItemFactory, MeetingFactory, PaperFactory

MARKER = "CONFIDENTIAL-4e9d"


def at(year, month, day, hour=14):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


@pytest.fixture
def planted(cast):
    """A board meeting with a confidential item, paper, decision and action, each carrying the marker."""
    meeting = MeetingFactory(body=cast.board, starts_at=at(2009, 4, 30))
    upcoming = MeetingFactory(
        body=cast.board, starts_at=timezone.now() + datetime.timedelta(days=14), venue="Council Chamber"
    )
    item = AgendaItemFactory(
        meeting=meeting,
        number=3,
        title=f"Restructure {MARKER}",
        description=f"Description {MARKER}",
        discussion=f"Discussion {MARKER}",
        confidential=True,
        confidential_reason="Staffing matters",
    )
    AgendaItemFactory(meeting=upcoming, number=1, title=f"Next {MARKER}", confidential=True, confidential_reason="x")
    PaperFactory(meeting=meeting, item=item, title=f"Paper {MARKER}", confidential=True, confidential_reason="Staff")
    Decision.objects.create(item=item, number=1, text=f"Decided {MARKER}")
    action = Action.objects.create(item=item, text=f"Consult the staff {MARKER}", status_note=f"Note {MARKER}")
    SpecialMeetingRequest.objects.create(
        body=cast.board, requested_by=cast.member, reason=f"Reason {MARKER}", status=RequestStatus.SUBMITTED
    )
    return {"meeting": meeting, "item": item, "action": action}


def public_urls(cast):
    return [
        reverse("meeting_list"),
        reverse("meeting_list") + f"?body={cast.board.slug}",
        reverse("calendar") + "?year=2009",
        reverse("calendar"),
        reverse("body_calendar", args=[cast.board.slug]) + "?year=2009",
        reverse("calendar_ics"),
        reverse("body_calendar_ics", args=[cast.board.slug]),
    ]


@pytest.mark.parametrize("who", ["anonymous", "stranger", "other_member"])
def test_no_public_page_or_feed_of_the_calendar_shows_confidential_matter(cast, planted, client_for, who):
    client = client_for(who)
    shown = {}
    for url in public_urls(cast):
        response = client.get(url)
        assert response.status_code == 200, url
        shown[url] = MARKER in response.content.decode()
    assert shown == dict.fromkeys(shown, False)


@pytest.mark.parametrize("who", ["stranger", "other_member"])
def test_the_register_hides_confidential_actions_from_those_who_may_not_see_the_item(cast, planted, client_for, who):
    response = client_for(who).get(reverse("action_register"))
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == []
    assert MARKER not in response.content.decode()


def test_the_marker_is_really_there_for_the_bodys_members(cast, planted, client_for):
    """The negative case: a member of the board sees the confidential action in the register."""
    response = client_for("member").get(reverse("action_register"))
    assert list(response.context["page_obj"]) == [planted["action"]]
    content = response.content.decode()
    assert f"Consult the staff {MARKER}" in content
    assert f"Restructure {MARKER}" in content
    assert f"Note {MARKER}" in content


def test_an_owner_outside_the_body_sees_an_open_action_but_not_a_confidential_one(cast, planted, client_for):
    planted["action"].owners.add(cast.other_member.person)
    open_item = AgendaItemFactory(meeting=planted["meeting"], number=4, title="Open business")
    mine = Action.objects.create(item=open_item, text="Report back on the open business")
    mine.owners.add(cast.other_member.person)
    response = client_for("other_member").get(reverse("action_register"))
    assert list(response.context["page_obj"]) == [mine]
    assert MARKER not in response.content.decode()
    # Nor can they reach the confidential one's update page.
    update = reverse("action_update", args=[planted["action"].pk])
    assert client_for("other_member").get(update).status_code == 404
