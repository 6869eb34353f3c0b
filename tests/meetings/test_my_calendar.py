"""A person's own iCalendar feed at a secret address: /meetings/my/<token>.ics.

The meetings of every body where the person holds a seat or is a named reserve
on the meeting's day, in the public feeds' window and events, with nothing the
public feeds do not show; answered without a session and kept by no cache.
"""

import datetime
import hashlib

import pytest
from dateutil.relativedelta import relativedelta
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from bodies.models import Role
from meetings.actions.calendar import new_calendar_address, note_calendar_read
from meetings.models import Action, Decision, MeetingKind, MeetingStatus
from partnership.models import CalendarToken
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PaperFactory,
    PersonFactory,
    UserFactory,
)
from tests.partnership.public_pages import stored_pages

SITE = "https://partnership.example.org"
MARKER = "CONFIDENTIAL-5b1c"
# Dates in British Summer Time, next year: local midnight is 11pm UTC the day before.
YEAR = timezone.localdate().year + 1


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def at(day, hour=14, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def months_ago(months):
    return timezone.localdate() - relativedelta(months=months)


def url(token):
    return reverse("my_calendar_ics", args=[token])


def events(response):
    return Calendar.from_ical(response.content).walk("VEVENT")


def uids(response):
    return [str(event["UID"]) for event in events(response)]


def uid(meeting):
    return f"meeting-{meeting.pk}@partnership.example.org"


def address_of(user):
    return new_calendar_address(user.person, by=user)


@pytest.fixture
def mel(cast):
    """The secret address of Mel, a member of the board since 2009."""
    return address_of(cast.member)


def test_the_feed_has_the_meetings_of_the_persons_bodies_only(cast, client, mel):
    board = MeetingFactory(body=cast.board, starts_at=at(datetime.date(YEAR, 4, 30)))
    special = MeetingFactory(body=cast.board, starts_at=at(datetime.date(YEAR, 5, 20)), kind=MeetingKind.SPECIAL)
    MeetingFactory(body=cast.forum, starts_at=at(datetime.date(YEAR, 5, 1)))
    response = client.get(url(mel))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "West Cheshire Together: my meetings"
    assert uids(response) == [uid(board), uid(special)]
    assert [str(event["SUMMARY"]) for event in events(response)] == [
        "Partnership Board: ordinary meeting",
        "Partnership Board: special meeting",
    ]


def test_each_event_is_the_one_the_public_feed_shows(cast, client, mel):
    """Only what the public feed shows of a meeting: the same properties, the same values (the stamp apart)."""
    MeetingFactory(
        body=cast.board,
        starts_at=at(datetime.date(YEAR, 4, 30)),
        ends_at=at(datetime.date(YEAR, 4, 30), 16),
        venue="HQ, Chester",
        online_url="https://meet.example.org/private-room",
    )
    MeetingFactory(
        body=cast.board,
        starts_at=at(datetime.date(YEAR, 5, 1)),
        status=MeetingStatus.CANCELLED,
        status_reason="Not quorate",
    )

    def shown(response):
        return [{k: v.to_ical() for k, v in event.items() if k != "DTSTAMP"} for event in events(response)]

    mine = shown(client.get(url(mel)))
    public = shown(client.get(reverse("body_calendar_ics", args=[cast.board.slug])))
    assert mine == public
    assert [event["STATUS"] for event in mine] == [b"CONFIRMED", b"CANCELLED"]
    assert b"private-room" not in client.get(url(mel)).content


def test_a_cancelled_or_postponed_meeting_is_in_the_feed_as_cancelled(cast, client, mel):
    MeetingFactory(
        body=cast.board,
        starts_at=at(datetime.date(YEAR, 5, 1)),
        status=MeetingStatus.CANCELLED,
        status_reason="Not quorate",
    )
    MeetingFactory(
        body=cast.board,
        starts_at=at(datetime.date(YEAR, 5, 2)),
        status=MeetingStatus.POSTPONED,
        status_reason="Venue flooded",
    )
    found = events(client.get(url(mel)))
    assert [(str(e["STATUS"]), str(e["DESCRIPTION"])) for e in found] == [
        ("CANCELLED", "Cancelled: Not quorate"),
        ("CANCELLED", "Postponed: Venue flooded"),
    ]


def test_the_window_is_the_public_feeds_and_past_reaches_further_back(cast, client, mel):
    long_ago = MeetingFactory(body=cast.board, starts_at=at(months_ago(13) - datetime.timedelta(days=1)))
    recent = MeetingFactory(body=cast.board, starts_at=at(months_ago(11)))
    today = MeetingFactory(body=cast.board, starts_at=at(timezone.localdate(), 0, 30))
    coming = MeetingFactory(body=cast.board, starts_at=at(datetime.date(YEAR + 3, 1, 15)))
    assert uids(client.get(url(mel))) == [uid(recent), uid(today), uid(coming)]
    assert uids(client.get(url(mel), {"past": 24})) == [uid(long_ago), uid(recent), uid(today), uid(coming)]
    # No months back: from the start of today.
    assert uids(client.get(url(mel), {"past": 0})) == [uid(today), uid(coming)]


@pytest.mark.parametrize(
    "past", ["-1", "61", str(10**30), "1e309", "NaN", "twelve", "nul\x00byte", "x" * 100_000, "12.5"]
)
def test_a_bad_past_is_a_400_saying_so_and_is_kept_private(cast, client, mel, past):
    response = client.get(url(mel), {"past": past})
    assert response.status_code == 400
    assert response.content.decode() == "Give past as a whole number of months from 0 to 60, such as past=36."
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    # A failed read is not a read.
    assert CalendarToken.objects.get(person=cast.member.person).last_used_at is None


def test_a_meeting_before_the_person_joined_or_after_they_left_is_not_theirs(cast, client):
    """The meeting's day is its local date: a meeting at half past midnight in summer is on that day, not the one before."""
    user = UserFactory(email="jo@example.org")
    jo = PersonFactory(name="Jo Jones", user=user)
    MembershipFactory(
        person=jo, body=cast.board, start=datetime.date(YEAR, 6, 2), end=datetime.date(YEAR, 9, 30), role=Role.MEMBER
    )
    late_on_the_eve = MeetingFactory(body=cast.board, starts_at=at(datetime.date(YEAR, 6, 1), 23, 30))
    first_day = MeetingFactory(body=cast.board, starts_at=at(datetime.date(YEAR, 6, 2), 0, 30))
    last_day = MeetingFactory(body=cast.board, starts_at=at(datetime.date(YEAR, 9, 30), 23, 30))
    day_after = MeetingFactory(body=cast.board, starts_at=at(datetime.date(YEAR, 10, 1), 0, 30))
    token = address_of(user)

    assert uids(client.get(url(token))) == [uid(first_day), uid(last_day)]
    # Mel, on the board throughout, has all four.
    assert uids(client.get(url(address_of(cast.member)))) == [
        uid(late_on_the_eve),
        uid(first_day),
        uid(last_day),
        uid(day_after),
    ]


def test_a_named_reserve_has_the_meetings_but_an_observer_and_support_staff_do_not(cast, client):
    meeting = MeetingFactory(body=cast.board, starts_at=at(datetime.date(YEAR, 4, 30)))
    tokens = {}
    for name, role in (("Rhys", Role.NAMED_RESERVE), ("Olive", Role.OBSERVER), ("Sid", Role.SUPPORT)):
        user = UserFactory(email=f"{name.lower()}@example.org")
        person = PersonFactory(name=name, user=user)
        reserve_for = cast.member_membership if role == Role.NAMED_RESERVE else None
        MembershipFactory(person=person, body=cast.board, role=role, reserve_for=reserve_for)
        tokens[name] = address_of(user)
    assert {name: uids(client.get(url(token))) for name, token in tokens.items()} == {
        "Rhys": [uid(meeting)],
        "Olive": [],
        "Sid": [],
    }


def test_a_person_on_two_bodies_has_each_meeting_once(cast, client):
    user = UserFactory(email="dual@example.org")
    person = PersonFactory(name="Dee Dual", user=user)
    MembershipFactory(person=person, body=cast.board, role=Role.CO_OPTED)
    MembershipFactory(person=person, body=cast.forum, role=Role.MEMBER)
    # Two places on one body (a member and, later, its vice chair) still give one event per meeting.
    MembershipFactory(person=person, body=cast.forum, role=Role.VICE_CHAIR)
    board = MeetingFactory(body=cast.board, starts_at=at(datetime.date(YEAR, 4, 30)))
    forum = MeetingFactory(body=cast.forum, starts_at=at(datetime.date(YEAR, 5, 1)))
    MeetingFactory(body=BodyFactory(), starts_at=at(datetime.date(YEAR, 5, 2)))
    assert uids(client.get(url(address_of(user)))) == [uid(board), uid(forum)]


def test_the_feed_needs_no_session_and_sets_no_cookie(cast, mel):
    MeetingFactory(body=cast.board, starts_at=at(datetime.date(YEAR, 4, 30)))
    response = Client().get(url(mel))
    assert response.status_code == 200
    assert len(events(response)) == 1
    assert dict(response.cookies) == {}
    assert "Cookie" not in response.get("Vary", "")


def test_the_feed_is_private_unindexed_sends_no_referrer_and_is_never_kept(cast, client, mel):
    MeetingFactory(body=cast.board, starts_at=at(datetime.date(YEAR, 4, 30)))
    first = client.get(url(mel))
    second = client.get(url(mel))
    assert (first.status_code, second.status_code) == (200, 200)
    assert set(first["Cache-Control"].split(", ")) >= {"private", "no-store", "no-cache", "max-age=0"}
    assert first["X-Robots-Tag"] == "noindex, nofollow"
    assert first["Referrer-Policy"] == "no-referrer"
    assert stored_pages() == []
    # The public feed beside it is kept: the cache was working.
    client.get(reverse("calendar_ics"))
    assert len(stored_pages()) == 1


def test_an_unknown_address_is_a_404(cast, client, mel):
    assert client.get(url("not-a-token")).status_code == 404
    assert client.get(url(mel[:-1])).status_code == 404
    # The digest is not the address.
    assert client.get(url(hashlib.sha256(mel.encode()).hexdigest())).status_code == 404


def test_only_the_digest_of_the_address_is_kept(cast, mel):
    [row] = CalendarToken.objects.values_list("person_id", "digest")
    assert row == (cast.member.person.pk, hashlib.sha256(mel.encode()).hexdigest())
    assert len(mel) >= 43


def test_resetting_stops_the_old_address_at_once(cast, client, mel):
    MeetingFactory(body=cast.board, starts_at=at(datetime.date(YEAR, 4, 30)))
    new = address_of(cast.member)
    assert new != mel
    assert (client.get(url(mel)).status_code, client.get(url(new)).status_code) == (404, 200)
    assert CalendarToken.objects.filter(person=cast.member.person).count() == 1


def test_an_address_stops_when_its_login_is_deactivated_or_taken_from_the_person(cast, client, mel):
    oscar = address_of(cast.other_member)
    cast.member.is_active = False
    cast.member.save()
    person = cast.other_member.person
    person.user = None
    person.save()
    assert (client.get(url(mel)).status_code, client.get(url(oscar)).status_code) == (404, 404)
    cast.member.is_active = True
    cast.member.save()
    assert client.get(url(mel)).status_code == 200


def test_no_confidential_matter_or_personal_detail_reaches_the_feed(cast, client, mel):
    meeting = MeetingFactory(body=cast.board, starts_at=at(datetime.date(YEAR, 4, 30)), venue="Council Chamber")
    item = AgendaItemFactory(
        meeting=meeting,
        number=1,
        title=f"Restructure {MARKER}",
        description=f"Description {MARKER}",
        discussion=f"Discussion {MARKER}",
        confidential=True,
        confidential_reason="Staffing matters",
    )
    PaperFactory(meeting=meeting, item=item, title=f"Paper {MARKER}", confidential=True, confidential_reason="Staff")
    Decision.objects.create(item=item, number=1, text=f"Decided {MARKER}")
    Action.objects.create(item=item, text=f"Consult the staff {MARKER}", status_note=f"Note {MARKER}")
    content = client.get(url(mel), {"past": 60}).content.decode()
    assert "Council Chamber" in content
    assert MARKER not in content
    # Nor who the calendar is for.
    assert "Mel" not in content
    assert "mel@example.org" not in content


def test_a_read_is_noted_once_an_hour_at_most(cast, client, mel):
    row = CalendarToken.objects.get(person=cast.member.person)
    before = timezone.now()
    client.get(url(mel))
    row.refresh_from_db()
    first = row.last_used_at
    assert first is not None and first >= before
    client.get(url(mel))
    row.refresh_from_db()
    assert row.last_used_at == first
    # Two hours on, the next read is noted.
    note_calendar_read(row, now=first + datetime.timedelta(hours=2))
    row.refresh_from_db()
    assert row.last_used_at == first + datetime.timedelta(hours=2)


def test_noting_a_read_of_an_address_reset_meanwhile_changes_nothing(cast, mel):
    old = CalendarToken.objects.get(person=cast.member.person)
    address_of(cast.member)
    note_calendar_read(old)
    assert CalendarToken.objects.get(person=cast.member.person).last_used_at is None


@pytest.mark.parametrize("path", ["/meetings/my/%00.ics", "/meetings/my/a.b.ics", "/meetings/my/.ics"])
def test_an_address_that_is_not_a_token_is_a_404(db, client, path):
    assert client.get(path).status_code == 404


def test_a_very_long_address_is_a_404(db, client):
    assert client.get(url("x" * 100_000)).status_code == 404


def test_the_feed_answers_head_and_refuses_writes(cast, client, mel):
    assert client.head(url(mel)).status_code == 200
    assert [client.post(url(mel)).status_code, client.put(url(mel)).status_code] == [405, 405]
    assert client.post(url("not-a-token")).status_code == 405


@pytest.mark.usefixtures("no_public_cache")
@pytest.mark.parametrize("item_count", (1, 10))
def test_the_feed_makes_the_same_queries_for_1_meeting_as_for_10(cast, client, django_assert_num_queries, item_count):
    token = address_of(cast.member)
    for i in range(item_count):
        meeting = MeetingFactory(body=cast.board, starts_at=at(datetime.date(YEAR, 4, 1) + datetime.timedelta(days=i)))
        AgendaItemFactory(meeting=meeting, number=1)
    # Find the address, read the meetings, note the read (in a savepoint: the test's transaction is outermost).
    with django_assert_num_queries(5):
        response = client.get(url(token))
    assert len(events(response)) == item_count
