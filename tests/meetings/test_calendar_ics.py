"""The iCalendar feeds of the calendar of business."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings.models import MeetingKind, MeetingStatus
from tests.factories import AgendaItemFactory, MeetingFactory, PaperFactory

SITE = "https://partnership.example.org"
# The feeds hold the meetings to come and those of the last 12 months: the examples are next year's.
YEAR = timezone.localdate().year + 1


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def at(year, month, day, hour=14, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def events(response):
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_the_feed_is_an_icalendar_with_one_event_per_meeting(cast, client):
    first = MeetingFactory(body=cast.board, starts_at=at(YEAR, 4, 30), ends_at=at(YEAR, 4, 30, 16), venue="HQ, Chester")
    second = MeetingFactory(body=cast.forum, starts_at=at(YEAR, 6, 10, 18, 30))
    response = client.get(reverse("calendar_ics"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["PRODID"]) == "-//West Cheshire Together//Calendar of business//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "West Cheshire Together: calendar of business"
    found = events(response)
    assert [str(event["UID"]) for event in found] == [
        f"meeting-{first.pk}@partnership.example.org",
        f"meeting-{second.pk}@partnership.example.org",
    ]
    event = found[0]
    assert str(event["SUMMARY"]) == "Partnership Board: ordinary meeting"
    assert str(event["LOCATION"]) == "HQ, Chester"
    assert str(event["URL"]) == f"{SITE}{reverse('meeting_detail', args=[first.pk])}"
    assert str(event["STATUS"]) == "CONFIRMED"
    # 2pm British Summer Time is 1pm UTC.
    assert event["DTSTART"].dt == datetime.datetime(YEAR, 4, 30, 13, tzinfo=datetime.UTC)
    assert event["DTEND"].dt == datetime.datetime(YEAR, 4, 30, 15, tzinfo=datetime.UTC)
    assert event["DTSTAMP"].dt.tzinfo is not None


def test_times_are_written_in_utc(cast, client):
    MeetingFactory(body=cast.board, starts_at=at(YEAR, 12, 1, 10))
    text = client.get(reverse("calendar_ics")).content.decode()
    assert f"DTSTART:{YEAR}1201T100000Z\r\n" in text
    # No end recorded: the event is shown as two hours long.
    assert f"DTEND:{YEAR}1201T120000Z\r\n" in text


def test_every_line_ends_in_crlf_and_long_lines_are_folded(cast, client):
    MeetingFactory(
        body=cast.board,
        starts_at=at(YEAR, 4, 30),
        venue="The Council Chamber, County Hall, Nicholas Street, Chester, on the first floor, by the main stairs",
    )
    content = client.get(reverse("calendar_ics")).content
    assert content.endswith(b"\r\n")
    lines = content.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)
    assert max(len(line) for line in lines) <= 75
    # The venue was folded onto a continuation line, which starts with a space.
    assert any(line.startswith(b" ") for line in lines)
    venue = events(client.get(reverse("calendar_ics")))[0]["LOCATION"]
    assert str(venue).endswith("by the main stairs")


def test_the_uid_of_a_meeting_is_stable_across_downloads_and_feeds(cast, client):
    meeting = MeetingFactory(body=cast.board, starts_at=at(YEAR, 4, 30))
    first = [str(e["UID"]) for e in events(client.get(reverse("calendar_ics")))]
    meeting.venue = "Somewhere else"
    meeting.save()
    again = [str(e["UID"]) for e in events(client.get(reverse("calendar_ics")))]
    body_feed = [str(e["UID"]) for e in events(client.get(reverse("body_calendar_ics", args=[cast.board.slug])))]
    assert first == again == body_feed == [f"meeting-{meeting.pk}@partnership.example.org"]


def test_cancelled_and_postponed_meetings_are_in_the_feed_as_cancelled(cast, client):
    MeetingFactory(
        body=cast.board, starts_at=at(YEAR, 5, 1), status=MeetingStatus.CANCELLED, status_reason="Not quorate"
    )
    MeetingFactory(
        body=cast.board, starts_at=at(YEAR, 5, 2), status=MeetingStatus.POSTPONED, status_reason="Venue flooded"
    )
    found = events(client.get(reverse("calendar_ics")))
    assert [(str(e["STATUS"]), str(e["DESCRIPTION"])) for e in found] == [
        ("CANCELLED", "Cancelled: Not quorate"),
        ("CANCELLED", "Postponed: Venue flooded"),
    ]


def test_a_special_meeting_says_so_in_its_summary(cast, client):
    MeetingFactory(body=cast.forum, starts_at=at(YEAR, 5, 20), kind=MeetingKind.SPECIAL)
    assert [str(e["SUMMARY"]) for e in events(client.get(reverse("calendar_ics")))] == [
        "Chester Community Forum: special meeting"
    ]


def test_a_body_feed_has_only_that_bodys_meetings_and_its_name(cast, client):
    board = MeetingFactory(body=cast.board, starts_at=at(YEAR, 4, 30))
    MeetingFactory(body=cast.forum, starts_at=at(YEAR, 4, 29))
    response = client.get(reverse("body_calendar_ics", args=[cast.board.slug]))
    assert str(Calendar.from_ical(response.content)["X-WR-CALNAME"]) == "Partnership Board: meetings"
    assert [str(e["UID"]) for e in events(response)] == [f"meeting-{board.pk}@partnership.example.org"]


def test_a_missing_body_has_no_feed(cast, client):
    assert client.get(reverse("body_calendar_ics", args=["no-such-body"])).status_code == 404


def test_the_feed_carries_no_agenda_content_whoever_asks(cast, client_for):
    meeting = MeetingFactory(body=cast.board, starts_at=at(YEAR, 4, 30))
    AgendaItemFactory(
        meeting=meeting,
        number=4,
        title="Staffing restructure SECRET-ICS-5b1",
        confidential=True,
        confidential_reason="Staffing",
    )
    AgendaItemFactory(meeting=meeting, number=5, title="Open item OPEN-ICS-9c2")
    PaperFactory(meeting=meeting, title="Paper SECRET-ICS-5b1", confidential=True, confidential_reason="Staffing")
    for who in ("anonymous", "member", "secretariat"):
        for url in (reverse("calendar_ics"), reverse("body_calendar_ics", args=[cast.board.slug])):
            text = client_for(who).get(url).content.decode()
            assert "SECRET-ICS-5b1" not in text
            assert "OPEN-ICS-9c2" not in text


# The window: the meetings to come and those of the last 12 months, further back on request


def months_ago(months, days=0):
    day = timezone.localdate() - relativedelta(months=months) + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))


@pytest.fixture
def years_of_meetings(cast):
    """A board meeting 13 months ago, one 11 months ago, one 5 years and a day ago, and one next year."""
    return {
        "13 months ago": MeetingFactory(body=cast.board, starts_at=months_ago(13)),
        "11 months ago": MeetingFactory(body=cast.board, starts_at=months_ago(11)),
        "over 5 years ago": MeetingFactory(body=cast.board, starts_at=months_ago(60, days=-1)),
        "next year": MeetingFactory(body=cast.board, starts_at=at(YEAR, 6, 1)),
    }


def uids_of(meetings):
    return [f"meeting-{meeting.pk}@partnership.example.org" for meeting in meetings]


@pytest.mark.parametrize("name", ["calendar_ics", "body_calendar_ics"])
def test_a_feed_holds_the_meetings_to_come_and_those_of_the_last_12_months(cast, client, years_of_meetings, name):
    url = reverse(name, args=[cast.board.slug] if name == "body_calendar_ics" else [])
    found = [str(e["UID"]) for e in events(client.get(url))]
    assert found == uids_of([years_of_meetings["11 months ago"], years_of_meetings["next year"]])


@pytest.mark.parametrize(
    ("past", "expected"),
    [
        ("0", ["next year"]),
        ("24", ["13 months ago", "11 months ago", "next year"]),
        ("60", ["13 months ago", "11 months ago", "next year"]),
    ],
)
def test_past_asks_for_the_meetings_of_more_months(cast, client, years_of_meetings, past, expected):
    response = client.get(reverse("calendar_ics"), {"past": past})
    assert [str(e["UID"]) for e in events(response)] == uids_of([years_of_meetings[key] for key in expected])


@pytest.mark.parametrize("past", ["61", "-1", "ten", "1.5", "9" * 30])
def test_a_bad_past_is_refused_with_what_to_give(cast, client, past):
    for url in (reverse("calendar_ics"), reverse("body_calendar_ics", args=[cast.board.slug])):
        response = client.get(url, {"past": past})
        assert (response.status_code, response["Content-Type"]) == (400, "text/plain; charset=utf-8")
        assert response.content.decode() == "Give past as a whole number of months from 0 to 60, such as past=36."


def test_the_calendar_pages_say_what_the_feeds_hold_and_how_to_reach_further_back(cast, client):
    for url, feed in [
        (reverse("calendar"), reverse("calendar_ics")),
        (reverse("meeting_list"), reverse("calendar_ics")),
        (reverse("body_calendar", args=[cast.board.slug]), reverse("body_calendar_ics", args=[cast.board.slug])),
    ]:
        content = client.get(url).content.decode()
        assert "holds every meeting arranged and those of the last 12 months" in content, url
        assert f"<code>{feed}?past=36</code> goes back three years" in content, url
