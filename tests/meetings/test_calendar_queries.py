"""The list pages of the calendar, requests, register and statistics make the same queries for 1 row as for 10."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import (
    Action,
    AttendanceStatus,
    Capacity,
    MeetingKind,
    MeetingStatus,
    Minutes,
    RequestStatus,
    SpecialMeetingRequest,
)
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)

# They measure what rendering a page costs: the public cache would answer the second request.
pytestmark = pytest.mark.usefixtures("no_public_cache")


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 14))


def make_meetings(cast, n):
    """Meetings to come and held, of several bodies, some special, cancelled or with published minutes."""
    for i in range(n):
        body = BodyFactory()
        MeetingFactory(body=body, starts_at=timezone.now() + datetime.timedelta(days=i + 1), kind=MeetingKind.SPECIAL)
        held = MeetingFactory(body=body, starts_at=timezone.now() - datetime.timedelta(days=i + 1))
        Minutes.objects.create(meeting=held, published_at=timezone.now())
        MeetingFactory(
            body=body,
            starts_at=timezone.now() - datetime.timedelta(days=i + 2),
            status=MeetingStatus.CANCELLED,
            status_reason="Not quorate",
        )


def make_calendar(cast, n):
    for i in range(n):
        MeetingFactory(body=BodyFactory(), starts_at=at(2009, 4 + i % 9, 1 + i))
        MeetingFactory(body=cast.board, starts_at=at(2009, 4 + i % 9, 2 + i))


def make_requests(cast, n):
    for _ in range(n):
        person = PersonFactory()
        MembershipFactory(body=cast.board, person=person)
        SpecialMeetingRequest.objects.create(
            body=cast.board,
            requested_by=cast.member,
            reason="A reason",
            status=RequestStatus.AGREED,
            meeting=MeetingFactory(body=cast.board, kind=MeetingKind.SPECIAL),
            decided_at=timezone.now(),
        )


def make_actions(cast, n):
    for i in range(n):
        item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board))
        action = Action.objects.create(item=item, text=f"Action {i}", due_on=datetime.date(2009, 5, 1))
        action.owners.add(cast.member.person, PersonFactory())


def make_attendance(cast, n):
    for _ in range(n):
        body = BodyFactory()
        MembershipFactory(body=body, person=cast.member.person)
        meeting = MeetingFactory(body=body, starts_at=timezone.now() - datetime.timedelta(days=3))
        membership = MembershipFactory(body=body, organisation=OrganisationFactory(), person=PersonFactory())
        AttendanceFactory(
            meeting=meeting, person=membership.person, membership=membership, status=AttendanceStatus.APOLOGIES
        )
        AttendanceFactory(meeting=meeting, person=PersonFactory(), membership=membership, capacity=Capacity.RESERVE)


# (page, its address, the rows it lists, who asks, the queries it makes whatever the number of rows)
PAGES = [
    # The meetings to come and those of the last 12 months: a page of each, with a count of each.
    ("meeting_list", lambda cast: reverse("meeting_list"), make_meetings, "anonymous", 5),
    ("meeting_list_signed_in", lambda cast: reverse("meeting_list"), make_meetings, "chair", 9),
    ("meeting_list_of_a_year", lambda cast: reverse("meeting_list") + "?year=2009", make_calendar, "anonymous", 3),
    ("calendar", lambda cast: reverse("calendar") + "?year=2009", make_calendar, "anonymous", 1),
    (
        "body_calendar",
        lambda cast: reverse("body_calendar", args=[cast.board.slug]) + "?year=2009",
        make_calendar,
        "member",
        7,
    ),
    ("special_request_list", lambda cast: reverse("special_request_list"), make_requests, "secretariat", 6),
    # A member's own requests are paged: a count of them, then the page.
    ("special_request_mine", lambda cast: reverse("special_request_mine"), make_requests, "member", 7),
    # The owners are looked for by name: the page does not list them all.
    ("action_register", lambda cast: reverse("action_register"), make_actions, "member", 10),
    ("action_register_secretariat", lambda cast: reverse("action_register"), make_actions, "secretariat", 7),
    # The tables by person and by organisation are paged: a count of the rows of each.
    ("attendance_stats", lambda cast: reverse("attendance_stats"), make_attendance, "secretariat", 10),
    ("attendance_stats_member", lambda cast: reverse("attendance_stats"), make_attendance, "member", 11),
]


@pytest.mark.parametrize("item_count", (1, 10))
@pytest.mark.parametrize(("name", "url", "make_rows", "who", "queries"), PAGES, ids=[page[0] for page in PAGES])
def test_list_page_makes_the_same_queries_for_ten_rows_as_for_one(
    cast, client_for, django_assert_num_queries, name, url, make_rows, who, queries, item_count
):
    client = client_for(who)
    make_rows(cast, item_count)
    # The first request fills process-wide caches (content types for django-guardian); count from the second.
    client.get(url(cast))
    with django_assert_num_queries(queries):
        response = client.get(url(cast))
    assert response.status_code == 200, name
