"""Special meetings through the pages: asking, forwarding, deciding and seeing the outcome."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from bodies.models import Role
from meetings.actions.requests import (
    agree_special_request,
    decline_special_request,
    forward_special_request,
    submit_special_request,
)
from meetings.forms.fields import parse_time
from meetings.models import Meeting, MeetingKind, RequestStatus, SpecialMeetingRequest
from tests.factories import MembershipFactory
from tests.paging import assert_a_full_page_and_a_next

REASON = "The budget for 2009/10 needs a decision before the next ordinary meeting."


def shown_messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def next_week():
    return timezone.localdate() + datetime.timedelta(days=7)


@pytest.fixture
def forum_request(cast):
    """A request of the forum's member, forwarded to the forum's own chair."""
    MembershipFactory(body=cast.forum, role=Role.CHAIR)
    request = submit_special_request(cast.forum, by=cast.other_member, reason=REASON)
    return forward_special_request(request, by=cast.secretariat)


@pytest.fixture
def submitted(cast):
    return submit_special_request(cast.board, by=cast.member, reason=REASON, proposed_dates="Any day in May")


@pytest.fixture
def forwarded(cast, submitted):
    return forward_special_request(submitted, by=cast.secretariat)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2pm", datetime.time(14)),
        ("2 PM", datetime.time(14)),
        ("10:30am", datetime.time(10, 30)),
        ("10.30 a.m.", datetime.time(10, 30)),
        ("12pm", datetime.time(12)),
        ("12am", datetime.time(0)),
        ("14:00", datetime.time(14)),
        ("9.15", datetime.time(9, 15)),
        ("noon", datetime.time(12)),
        ("14", None),
        ("13pm", None),
        ("25:00", None),
        ("10:75", None),
        ("teatime", None),
    ],
)
def test_times_are_read_as_people_write_them(text, expected):
    assert parse_time(text) == expected


# Asking


def test_a_member_asks_through_the_form_and_sees_the_request_with_the_secretariat(cast, client_for):
    client = client_for("member")
    url = reverse("special_request_create", args=[cast.board.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": REASON, "proposed_dates": "Any day in May"})
    assert response.status_code == 302
    assert response["Location"] == reverse("special_request_mine")
    request = SpecialMeetingRequest.objects.get()
    assert (request.body, request.requested_by, request.reason) == (cast.board, cast.member, REASON)
    mine = client.get(reverse("special_request_mine"))
    assert list(mine.context["requests"]) == [request]
    content = mine.content.decode()
    assert "With the secretariat, to pass to the chair." in content
    assert shown_messages(response) == [
        "Your request for a special meeting of Partnership Board was sent to the secretariat."
    ]


def test_an_empty_request_is_refused_with_a_message_and_nothing_is_saved(cast, client_for):
    response = client_for("member").post(reverse("special_request_create", args=[cast.board.slug]), {"reason": " "})
    assert response.status_code == 400
    assert response.context["form"].errors == {"reason": ["Say why a special meeting is needed."]}
    assert "Error: Ask for a special meeting of Partnership Board" in response.content.decode()
    assert SpecialMeetingRequest.objects.count() == 0


def test_a_second_undecided_request_is_refused_on_the_form(cast, client_for, submitted):
    response = client_for("member").post(reverse("special_request_create", args=[cast.board.slug]), {"reason": "Again"})
    assert response.status_code == 400
    assert (
        response.context["form"]
        .non_field_errors()[0]
        .startswith("You asked for a special meeting of Partnership Board")
    )
    assert SpecialMeetingRequest.objects.count() == 1


def test_someone_outside_the_body_cannot_open_the_form(cast, client_for):
    url = reverse("special_request_create", args=[cast.board.slug])
    assert client_for("other_member").get(url).status_code == 404
    assert client_for("other_member").post(url, {"reason": REASON}).status_code == 404
    assert SpecialMeetingRequest.objects.count() == 0


def test_your_requests_lists_the_bodies_you_can_ask_about(cast, client_for):
    response = client_for("member").get(reverse("special_request_mine"))
    assert list(response.context["bodies"]) == [cast.board]
    stranger = client_for("stranger").get(reverse("special_request_mine"))
    assert list(stranger.context["bodies"]) == []
    assert "You do not sit on any body today" in stranger.content.decode()


# Forwarding


def test_the_secretariat_sees_the_request_and_forwards_it(cast, client_for, submitted):
    client = client_for("secretariat")
    listing = client.get(reverse("special_request_list"))
    assert list(listing.context["page_obj"]) == [submitted]
    assert listing.context["waiting_count"] == 1
    detail = client.get(reverse("special_request_detail", args=[submitted.pk]))
    assert detail.context["can_forward"] is True
    assert reverse("special_request_forward", args=[submitted.pk]) in detail.content.decode()
    response = client.post(reverse("special_request_forward", args=[submitted.pk]))
    assert response["Location"] == reverse("special_request_detail", args=[submitted.pk])
    assert shown_messages(response) == ["The request was forwarded to the chair of Partnership Board."]
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.FORWARDED


def test_forwarding_twice_shows_why_it_was_refused(cast, client_for, forwarded):
    response = client_for("secretariat").post(reverse("special_request_forward", args=[forwarded.pk]))
    local = timezone.localtime(forwarded.forwarded_at)
    assert shown_messages(response) == [
        f"This request was already forwarded to the chair on {local.day} {local:%B %Y}."
    ]


def test_the_chair_sees_forwarded_requests_of_their_body_only(cast, client_for, submitted, forum_request):
    forum = forum_request
    chair = client_for("chair")
    assert list(chair.get(reverse("special_request_list")).context["page_obj"]) == []
    assert chair.get(reverse("special_request_detail", args=[submitted.pk])).status_code == 404
    forward_special_request(submitted, by=cast.secretariat)
    listing = chair.get(reverse("special_request_list"))
    assert [r.pk for r in listing.context["page_obj"]] == [submitted.pk]
    assert chair.get(reverse("special_request_detail", args=[forum.pk])).status_code == 404


# Deciding


def test_the_chair_agrees_and_schedules_the_meeting_through_the_form(cast, client_for, forwarded):
    client = client_for("chair")
    detail = client.get(reverse("special_request_detail", args=[forwarded.pk]))
    assert detail.context["can_decide"] is True
    day = next_week()
    response = client.post(
        reverse("special_request_agree", args=[forwarded.pk]),
        {"date": day.isoformat(), "start_time": "2pm", "end_time": "3:30pm", "venue": "Council Chamber"},
    )
    assert response["Location"] == reverse("special_request_detail", args=[forwarded.pk])
    meeting = Meeting.objects.get()
    assert (meeting.kind, meeting.venue) == (MeetingKind.SPECIAL, "Council Chamber")
    assert timezone.localtime(meeting.starts_at).replace(tzinfo=None) == datetime.datetime.combine(
        day, datetime.time(14)
    )
    assert timezone.localtime(meeting.ends_at).time() == datetime.time(15, 30)
    assert shown_messages(response) == [f"The special meeting was scheduled for {day.day} {day:%B %Y}, 2pm."]


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {},
            {
                "date": ["Enter the date of the special meeting"],
                "start_time": ["Enter the start time"],
                "venue": ["Enter the venue"],
            },
        ),
        (
            {"date": "2009-04-30", "start_time": "2pm", "venue": "HQ"},
            {"date": ["The special meeting must start in the future."]},
        ),
        (
            {"date": "next", "start_time": "teatime", "venue": "HQ"},
            {"date": ["Enter a valid date."], "start_time": ["Enter a time. For example, 2pm, 10:30am or 14:00."]},
        ),
        (
            {"start_time": "2pm", "end_time": "1pm", "venue": "HQ"},
            {"end_time": ["The end time must be after the start time."]},
        ),
    ],
)
def test_a_bad_schedule_is_refused_with_clear_messages_and_nothing_changes(cast, client_for, forwarded, data, errors):
    if "date" not in data and data:
        data = {**data, "date": next_week().isoformat()}
    response = client_for("chair").post(reverse("special_request_agree", args=[forwarded.pk]), data)
    assert response.status_code == 400
    assert response.context["form"].errors == errors
    forwarded.refresh_from_db()
    assert (forwarded.status, Meeting.objects.count()) == (RequestStatus.FORWARDED, 0)


def test_the_chair_declines_through_the_form(cast, client_for, forwarded):
    url = reverse("special_request_decline", args=[forwarded.pk])
    empty = client_for("chair").post(url, {"reason": ""})
    assert empty.status_code == 400
    assert empty.context["form"].errors == {"reason": ["Give the reason for declining the request."]}
    response = client_for("chair").post(url, {"reason": "The next ordinary meeting is in a fortnight."})
    assert response.status_code == 302
    forwarded.refresh_from_db()
    assert (forwarded.status, forwarded.decision_reason) == (
        RequestStatus.DECLINED,
        "The next ordinary meeting is in a fortnight.",
    )


def test_the_decision_pages_send_the_chair_back_once_the_request_is_decided(cast, client_for, forwarded):
    decline_special_request(forwarded, by=cast.chair, reason="Not needed")
    for name in ("special_request_agree", "special_request_decline"):
        response = client_for("chair").get(reverse(name, args=[forwarded.pk]))
        assert response["Location"] == reverse("special_request_detail", args=[forwarded.pk])
        assert shown_messages(response)[0].startswith("This request was already declined on ")


def test_the_decision_pages_are_not_found_for_a_body_the_user_does_not_chair(cast, client_for, forum_request):
    for name in ("special_request_agree", "special_request_decline"):
        assert client_for("chair").get(reverse(name, args=[forum_request.pk])).status_code == 404


# The outcome


def test_the_member_sees_an_agreed_request_with_the_meeting(cast, client_for, forwarded):
    starts = timezone.make_aware(datetime.datetime.combine(next_week(), datetime.time(10, 30)))
    meeting = agree_special_request(forwarded, by=cast.chair, starts_at=starts, venue="HQ, Chester")
    content = client_for("member").get(reverse("special_request_mine")).content.decode()
    day = next_week()
    assert (
        f'The special meeting is on <a class="govuk-link" href="{reverse("meeting_detail", args=[meeting.pk])}">{day.day} {day:%B %Y}, 10:30am</a>, HQ, Chester.'
        in content
    )


def test_the_member_sees_a_declined_request_with_the_reason(cast, client_for, forwarded):
    decline_special_request(forwarded, by=cast.chair, reason="The next ordinary meeting is in a fortnight.")
    content = client_for("member").get(reverse("special_request_mine")).content.decode()
    today = timezone.localdate()
    assert f"Declined on {today.day} {today:%B %Y}. The next ordinary meeting is in a fortnight." in content


def test_the_public_sees_the_special_meeting_in_the_meetings_list(cast, client, forwarded):
    starts = timezone.make_aware(datetime.datetime.combine(next_week(), datetime.time(14)))
    meeting = agree_special_request(forwarded, by=cast.chair, starts_at=starts, venue="HQ")
    response = client.get(reverse("meeting_list"))
    assert response.context["upcoming"] == [meeting]
    assert REASON not in response.content.decode()


def test_a_members_own_requests_are_paged_the_latest_first(cast, client_for, monkeypatch):
    monkeypatch.setattr("meetings.views.requests.REQUESTS_PER_PAGE", 2)
    made = [
        SpecialMeetingRequest.objects.create(body=cast.board, requested_by=cast.member, reason=f"Reason {i}")
        for i in range(3)
    ]
    client = client_for("member")
    first = client.get(reverse("special_request_mine"))
    assert list(first.context["requests"]) == [made[2], made[1]]
    assert_a_full_page_and_a_next(first, first.context["requests"], 2)
    assert list(client.get(reverse("special_request_mine"), {"page": 2}).context["requests"]) == [made[0]]
