"""A change to meetings and minutes is seen by the public at the next request, though their pages are kept
(partnership.public_cache): publishing minutes, correcting them, a meeting added, moved or cancelled."""

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from meetings import calendar
from meetings.actions import agenda as agenda_actions
from meetings.actions import minutes as actions
from tests.meetings.papers import future
from tests.meetings.scenario import published, signed
from tests.partnership.public_pages import stored_pages


def _events(client, url):
    return [
        (event["DTSTART"].dt, str(event["STATUS"]))
        for event in Calendar.from_ical(client.get(url).content).walk("VEVENT")
    ]


def test_publishing_minutes_shows_them_at_once_on_every_page_that_lists_them(scene, client, django_assert_num_queries):
    minutes = signed(scene)
    meeting = scene.meeting
    minutes_url = reverse("meeting_minutes", args=[meeting.pk])
    pages = [
        reverse("meeting_detail", args=[meeting.pk]),
        reverse("meeting_list") + "?year=2009",
        reverse("meeting_list") + f"?body={scene.cast.board.slug}&year=2009",
        reverse("minutes_feed"),
    ]
    assert client.get(minutes_url).status_code == 404
    before = [client.get(url).content.decode() for url in pages]
    assert [minutes_url in page for page in before] == [False] * len(pages)
    with django_assert_num_queries(0):
        for url in pages:
            client.get(url)

    actions.publish_minutes(minutes, by=scene.cast.secretariat)

    assert client.get(minutes_url).status_code == 200
    after = [client.get(url).content.decode() for url in pages]
    assert [minutes_url in page for page in after] == [True] * len(pages)


def test_a_correction_is_on_the_public_minutes_at_once(scene, client):
    minutes = published(scene)
    url = reverse("meeting_minutes", args=[scene.meeting.pk])
    assert "Constitution of the partnership" in client.get(url).content.decode()

    actions.correct_minutes(
        minutes,
        by=scene.cast.secretariat,
        item=scene.items.constitution,
        new_discussion="The constitution was discussed and endorsed as amended.",
        reason="The amendment was left out.",
    )

    assert "The constitution was discussed and endorsed as amended." in client.get(url).content.decode()


def test_a_meeting_added_moved_or_cancelled_is_in_the_calendar_and_its_feeds_at_once(cast, client):
    by = cast.secretariat
    starts, moved_to = future(21), future(28)
    year = calendar.business_year_of(timezone.localdate(starts))
    page = reverse("calendar") + f"?year={year}"
    feeds = [reverse("calendar_ics"), reverse("body_calendar_ics", args=[cast.board.slug])]
    assert [_events(client, url) for url in feeds] == [[], []]
    assert "Wyvern House" not in client.get(page).content.decode()

    meeting = agenda_actions.schedule_meeting(cast.board, by=by, starts_at=starts, venue="Wyvern House")

    assert "Wyvern House" in client.get(page).content.decode()
    assert [_events(client, url) for url in feeds] == [[(starts, "CONFIRMED")]] * 2

    agenda_actions.update_meeting(meeting, by=by, starts_at=moved_to)

    assert [_events(client, url) for url in feeds] == [[(moved_to, "CONFIRMED")]] * 2
    assert f"{moved_to.day} {moved_to:%B %Y}" in client.get(page).content.decode()

    agenda_actions.cancel_meeting(meeting, by=by, reason="Not quorate.")

    assert [_events(client, url) for url in feeds] == [[(moved_to, "CANCELLED")]] * 2
    assert "Not quorate." in client.get(reverse("meeting_list")).content.decode()


def test_moving_an_item_of_a_published_agenda_is_on_the_meeting_page_at_once(cast, client):
    by = cast.secretariat
    meeting = agenda_actions.schedule_meeting(cast.board, by=by, starts_at=future(21))
    first = agenda_actions.add_item(meeting, by=by, title="Community safety")
    agenda_actions.add_item(meeting, by=by, title="Commissioning budget")
    agenda_actions.publish_pack(meeting, by=by)
    url = reverse("meeting_detail", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert page.index("Community safety") < page.index("Commissioning budget")

    agenda_actions.move_item(first, by=by, direction="down")

    page = client.get(url).content.decode()
    assert page.index("Commissioning budget") < page.index("Community safety")


def test_the_agenda_pack_answers_304_while_unchanged_and_is_never_kept_for_a_member(cast, client, client_for):
    by = cast.secretariat
    meeting = agenda_actions.schedule_meeting(cast.board, by=by, starts_at=future(21))
    agenda_actions.add_item(meeting, by=by, title="Community safety")
    agenda_actions.publish_pack(meeting, by=by)
    url = reverse("meeting_pack", args=[meeting.pk])
    first = client.get(url)
    assert first["Content-Type"] == "application/pdf"

    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304

    agenda_actions.add_item(meeting, by=by, title="Commissioning budget", confidential=True, confidential_reason="Bids")
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]

    member = client_for("member").get(url)
    assert member["Cache-Control"] == "private"
    assert member.content not in stored_pages()
    assert len(stored_pages()) == 1


def test_the_feeds_answer_304_to_their_etag_and_their_date(cast, client):
    agenda_actions.schedule_meeting(cast.board, by=cast.secretariat, starts_at=future(21))
    for url in (reverse("calendar_ics"), reverse("body_calendar_ics", args=[cast.board.slug]), reverse("minutes_feed")):
        first = client.get(url)
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304, url
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304, url
        assert client.get(url, HTTP_IF_NONE_MATCH='"another"').status_code == 200, url
