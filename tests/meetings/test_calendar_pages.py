"""The meetings list and the calendar of business (Agreement 8.11)."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from meetings.calendar import business_year_of, by_month
from meetings.models import Meeting, MeetingKind, MeetingStatus, Minutes
from partnership.dates import british_datetime, british_time
from tests.factories import BodyFactory, MeetingFactory


def at(year, month, day, hour=14, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


def in_days(days, hour=14):
    local = datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=days), datetime.time(hour))
    return timezone.make_aware(local)


# How dates and times read


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2009, 4, 30, 14), "30 April 2009, 2pm"),
        (at(2009, 4, 30, 10, 30), "30 April 2009, 10:30am"),
        (at(2009, 12, 1, 12), "1 December 2009, midday"),
        (at(2010, 1, 5, 0, 15), "5 January 2010, 12:15am"),
    ],
)
def test_moments_read_the_british_way(moment, expected):
    assert british_datetime(moment) == expected


def test_a_utc_moment_is_told_in_london_time():
    # 13:00 UTC on 30 April 2009 was 2pm British Summer Time.
    assert british_time(datetime.datetime(2009, 4, 30, 13, tzinfo=datetime.UTC)) == "2pm"


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (datetime.date(2009, 4, 1), 2009),
        (datetime.date(2010, 3, 31), 2009),
        (datetime.date(2010, 4, 1), 2010),
        (datetime.date(2011, 2, 15), 2010),
    ],
)
def test_the_business_year_runs_from_april_to_march(day, year):
    assert business_year_of(day) == year


def test_meetings_are_grouped_by_the_local_month_they_start_in(db):
    body = BodyFactory()
    # 23:30 UTC on 31 May 2009 is already 1 June in London.
    late = MeetingFactory(body=body, starts_at=datetime.datetime(2009, 5, 31, 23, 30, tzinfo=datetime.UTC))
    april = MeetingFactory(body=body, starts_at=at(2009, 4, 30))
    months = by_month([april, late])
    assert [(m.label, m.meetings) for m in months] == [("April 2009", [april]), ("June 2009", [late])]


# The meetings list


def test_the_meetings_list_shows_upcoming_and_past_meetings_of_every_body(cast, client):
    soon = MeetingFactory(body=cast.board, starts_at=in_days(7))
    later = MeetingFactory(body=cast.forum, starts_at=in_days(30))
    held = MeetingFactory(body=cast.forum, starts_at=in_days(-30))
    response = client.get(reverse("meeting_list"))
    assert response.status_code == 200
    assert response.context["upcoming"] == [soon, later]
    assert list(response.context["page_obj"]) == [held]
    content = response.content.decode()
    assert f"{soon.starts_at.day} {timezone.localtime(soon.starts_at):%B %Y}, 2pm" in content


def test_a_meeting_at_noon_is_listed_at_midday(cast, client):
    noon = MeetingFactory(body=cast.board, starts_at=in_days(7, hour=12))

    content = client.get(reverse("meeting_list")).content.decode()

    assert british_datetime(noon.starts_at).endswith(", midday")
    assert (british_datetime(noon.starts_at) in content, "12pm" in content) == (True, False)


def test_the_meetings_list_filters_by_body(cast, client):
    MeetingFactory(body=cast.board, starts_at=in_days(7))
    forum_meeting = MeetingFactory(body=cast.forum, starts_at=in_days(8))
    response = client.get(reverse("meeting_list"), {"body": cast.forum.slug})
    assert response.context["upcoming"] == [forum_meeting]
    assert response.context["body"] == cast.forum
    assert '<h1 class="govuk-heading-xl">Meetings of Chester Community Forum</h1>' in response.content.decode()


def test_an_unknown_body_in_the_filter_is_refused_with_a_message(cast, client):
    MeetingFactory(body=cast.board, starts_at=in_days(7))
    response = client.get(reverse("meeting_list"), {"body": "no-such-body"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"body": ["Choose a body from the list."]}
    # The page still lists every meeting rather than none.
    assert len(response.context["upcoming"]) == 1


def test_cancelled_and_postponed_meetings_are_listed_with_their_reason(cast, client):
    MeetingFactory(body=cast.board, starts_at=in_days(5), status=MeetingStatus.CANCELLED, status_reason="Not quorate")
    MeetingFactory(body=cast.forum, starts_at=in_days(6), status=MeetingStatus.POSTPONED, status_reason="Venue flooded")
    content = client.get(reverse("meeting_list")).content.decode()
    assert 'Cancelled</strong> <span class="govuk-body-s">Not quorate</span>' in content
    assert 'Postponed</strong> <span class="govuk-body-s">Venue flooded</span>' in content


def test_past_meetings_are_paginated_twenty_to_a_page(cast, client):
    past = [MeetingFactory(body=cast.board, starts_at=in_days(-day)) for day in range(1, 23)]
    first = client.get(reverse("meeting_list"))
    second = client.get(reverse("meeting_list"), {"page": 2})
    assert list(first.context["page_obj"]) == past[:20]
    assert list(second.context["page_obj"]) == past[20:]
    assert 'href="?page=2"' in first.content.decode()


def test_upcoming_meetings_are_paginated_twenty_to_a_page_apart_from_the_past(cast, client):
    coming = [MeetingFactory(body=cast.board, starts_at=in_days(day)) for day in range(1, 23)]
    held = MeetingFactory(body=cast.board, starts_at=in_days(-1))
    first = client.get(reverse("meeting_list"), {"page": 1})
    second = client.get(reverse("meeting_list"), {"upcoming": 2, "page": 1})
    assert (first.context["upcoming"], list(first.context["page_obj"])) == (coming[:20], [held])
    assert (second.context["upcoming"], list(second.context["page_obj"])) == (coming[20:], [held])
    content = first.content.decode()
    # Each list has its own navigation, and a link keeps the other list's page.
    assert '<nav class="govuk-pagination" aria-label="Upcoming meetings: pages">' in content
    assert 'href="?page=1&amp;upcoming=2" aria-label="Page 2"' in content


def test_the_meetings_list_shows_the_past_12_months_and_links_to_earlier_years(cast, client):
    recent = MeetingFactory(body=cast.board, starts_at=in_days(-360))
    MeetingFactory(body=cast.board, starts_at=in_days(-370))
    response = client.get(reverse("meeting_list"), {"body": cast.board.slug})
    assert list(response.context["page_obj"]) == [recent]
    year = business_year_of(timezone.localdate() - relativedelta(months=12))
    assert response.context["earlier_year"] == year
    assert f'href="?body=partnership-board&amp;year={year}">Earlier meetings of Partnership Board' in (
        response.content.decode()
    )


def test_a_year_lists_that_years_meetings_from_april_in_date_order(cast, client):
    april = MeetingFactory(body=cast.board, starts_at=at(2009, 4, 1, 10))
    march = MeetingFactory(body=cast.forum, starts_at=at(2010, 3, 31, 18))
    MeetingFactory(body=cast.board, starts_at=at(2009, 3, 31))
    MeetingFactory(body=cast.board, starts_at=at(2010, 4, 1))
    response = client.get(reverse("meeting_list"), {"year": 2009})
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [april, march]
    assert "upcoming" not in response.context
    content = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Meetings, April 2009 to March 2010</h1>' in content
    assert "Meetings from April 2009 to March 2010</caption>" in content
    by_body = client.get(reverse("meeting_list"), {"year": 2009, "body": cast.forum.slug})
    assert list(by_body.context["page_obj"]) == [march]


def test_a_year_of_meetings_is_paginated_twenty_to_a_page(cast, client):
    meetings = [MeetingFactory(body=cast.board, starts_at=at(2009, 5, day)) for day in range(1, 26)]
    first = client.get(reverse("meeting_list"), {"year": 2009})
    last = client.get(reverse("meeting_list"), {"year": 2009, "page": 2})
    assert (list(first.context["page_obj"]), list(last.context["page_obj"])) == (meetings[:20], meetings[20:])
    assert 'href="?year=2009&amp;page=2" rel="next"' in first.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"year": "last"}, "Enter the year as a number, such as 2009."),
        ({"year": "1850"}, "Enter a year from 2000 to 2100."),
        ({"year": "9" * 40}, "Enter a year from 2000 to 2100."),
    ],
)
def test_a_bad_year_for_the_meetings_list_is_refused_with_a_message(cast, client, query, message):
    coming = MeetingFactory(body=cast.board, starts_at=in_days(3))
    response = client.get(reverse("meeting_list"), query)
    assert response.status_code == 400
    assert response.context["form"].errors == {"year": [message]}
    # The default window is shown below the message.
    assert response.context["upcoming"] == [coming]


@pytest.mark.parametrize("page", ["0", "-1", "two", "99999", "1" * 40])
def test_a_bad_page_number_falls_back_to_a_page_that_exists(cast, client, page):
    held = MeetingFactory(body=cast.board, starts_at=in_days(-2))
    response = client.get(reverse("meeting_list"), {"page": page, "upcoming": page})
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [held]


def test_published_minutes_are_linked_from_the_past_meetings(cast, client):
    published = MeetingFactory(body=cast.board, starts_at=in_days(-10))
    Minutes.objects.create(meeting=published, published_at=timezone.now())
    draft = MeetingFactory(body=cast.board, starts_at=in_days(-40))
    Minutes.objects.create(meeting=draft)
    content = client.get(reverse("meeting_list")).content.decode()
    assert content.count(f'href="{reverse("meeting_minutes", args=[published.pk])}"') == 1
    assert reverse("meeting_minutes", args=[draft.pk]) not in content
    assert content.count("Not yet published") == 1


def test_members_see_their_links_and_the_public_does_not(cast, client_for):
    public = client_for("anonymous").get(reverse("meeting_list")).content.decode()
    member = client_for("member").get(reverse("meeting_list")).content.decode()
    assert reverse("action_register") not in public
    assert reverse("action_register") in member
    assert reverse("special_request_mine") in member
    # Requests to deal with are for the secretariat and chairs.
    to_deal_with = f'href="{reverse("special_request_list")}"'
    assert to_deal_with not in member
    assert to_deal_with in client_for("chair").get(reverse("meeting_list")).content.decode()


# The calendar of business


def test_the_calendar_shows_the_months_of_the_business_year_that_have_meetings(cast, client):
    april = MeetingFactory(body=cast.board, starts_at=at(2009, 4, 30))
    june = MeetingFactory(body=cast.forum, starts_at=at(2009, 6, 10, 18, 30))
    march = MeetingFactory(body=cast.board, starts_at=at(2010, 3, 25))
    MeetingFactory(body=cast.board, starts_at=at(2010, 4, 1))  # the next year
    MeetingFactory(body=cast.board, starts_at=at(2009, 3, 31))  # the year before
    response = client.get(reverse("calendar"), {"year": 2009})
    assert response.status_code == 200
    assert [(m.label, m.meetings) for m in response.context["months"]] == [
        ("April 2009", [april]),
        ("June 2009", [june]),
        ("March 2010", [march]),
    ]
    content = response.content.decode()
    assert "Calendar of business 2009 to 2010" in content
    assert "10 June 2009, 6:30pm" in content
    assert 'href="?year=2008"' in content
    assert 'href="?year=2010"' in content


def test_the_calendar_leaves_out_cancelled_meetings(cast, client):
    kept = MeetingFactory(body=cast.board, starts_at=at(2009, 5, 1))
    MeetingFactory(body=cast.board, starts_at=at(2009, 5, 2), status=MeetingStatus.CANCELLED, status_reason="No")
    response = client.get(reverse("calendar"), {"year": 2009})
    assert [m.meetings for m in response.context["months"]] == [[kept]]


def test_the_calendar_opens_on_the_current_business_year(cast, client):
    this_year = business_year_of(timezone.localdate())
    response = client.get(reverse("calendar"))
    assert response.context["year"] == this_year
    assert response.context["months"] == []
    assert f"No meetings are in the calendar for {this_year} to {this_year + 1}." in response.content.decode()


@pytest.mark.parametrize(
    ("year", "message"),
    [("next", "Enter the year as a number, such as 2009."), ("1850", "Enter a year from 2000 to 2100.")],
)
def test_a_bad_year_is_refused_with_a_message(cast, client, year, message):
    response = client.get(reverse("calendar"), {"year": year})
    assert response.status_code == 400
    assert response.context["form"].errors == {"year": [message]}


def test_a_body_calendar_shows_only_that_body(cast, client):
    board = MeetingFactory(body=cast.board, starts_at=at(2009, 4, 30))
    MeetingFactory(body=cast.forum, starts_at=at(2009, 4, 29))
    response = client.get(reverse("body_calendar", args=[cast.board.slug]), {"year": 2009})
    assert [m.meetings for m in response.context["months"]] == [[board]]
    content = response.content.decode()
    assert reverse("body_calendar_ics", args=[cast.board.slug]) in content


def test_a_body_calendar_offers_a_member_to_ask_for_a_special_meeting(cast, client_for):
    url = reverse("body_calendar", args=[cast.board.slug])
    ask = reverse("special_request_create", args=[cast.board.slug])
    assert ask in client_for("member").get(url).content.decode()
    assert ask not in client_for("other_member").get(url).content.decode()
    assert ask not in client_for("anonymous").get(url).content.decode()


def test_a_missing_body_has_no_calendar(cast, client):
    assert client.get(reverse("body_calendar", args=["no-such-body"])).status_code == 404


def test_a_special_meeting_is_marked_as_special(cast, client):
    MeetingFactory(body=cast.board, starts_at=at(2009, 5, 20), kind=MeetingKind.SPECIAL)
    content = client.get(reverse("calendar"), {"year": 2009}).content.decode()
    assert ">Special meeting<span" in content
    assert Meeting.objects.count() == 1
