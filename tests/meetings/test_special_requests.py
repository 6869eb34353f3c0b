"""Special meetings: a member asks, the secretariat forwards, the chair agrees or declines (actions)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from bodies.models import Role
from meetings.actions.requests import (
    agree_special_request,
    decline_special_request,
    forward_special_request,
    submit_special_request,
)
from meetings.models import Meeting, MeetingKind, RequestStatus, SpecialMeetingRequest
from meetings.policies.requests import can_view_request, requests_visible_to
from tests.factories import BodyFactory, MembershipFactory

REASON = "The budget for 2009/10 needs a decision before the next ordinary meeting."


def next_week(hour=14):
    day = timezone.localdate() + datetime.timedelta(days=7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def long_date(moment):
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y}"


def _told(send_due):
    """Send what the earlier steps planned, so that a test reads only the messages of its own step."""
    send_due()
    mail.outbox.clear()


@pytest.fixture
def submitted(cast, send_due):
    request = submit_special_request(cast.board, by=cast.member, reason=REASON, proposed_dates="Any day in May")
    _told(send_due)
    return request


@pytest.fixture
def forwarded(cast, submitted, send_due):
    request = forward_special_request(submitted, by=cast.secretariat)
    _told(send_due)
    return request


# Asking


def test_a_member_asks_the_secretariat_for_a_special_meeting(cast, send_due):
    request = submit_special_request(cast.board, by=cast.member, reason=f"  {REASON}  ", proposed_dates="May")
    send_due()
    assert SpecialMeetingRequest.objects.get() == request
    assert (request.body, request.requested_by, request.status) == (cast.board, cast.member, RequestStatus.SUBMITTED)
    assert (request.reason, request.proposed_dates) == (REASON, "May")
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["sam@example.org"], "Request for a special meeting of Partnership Board")
    ]
    assert REASON in mail.outbox[0].body
    assert f"/meetings/special-requests/{request.pk}/" in mail.outbox[0].body


@pytest.mark.parametrize("who", ["other_member", "stranger", "secretariat"])
def test_only_a_member_of_the_body_can_ask_for_a_special_meeting(cast, who):
    with pytest.raises(PermissionDenied):
        submit_special_request(cast.board, by=getattr(cast, who), reason=REASON)
    assert SpecialMeetingRequest.objects.count() == 0


def test_a_request_without_a_reason_is_refused(cast):
    with pytest.raises(ValidationError) as error:
        submit_special_request(cast.board, by=cast.member, reason="   ")
    assert list(error.value.message_dict) == ["reason"]
    assert SpecialMeetingRequest.objects.count() == 0


def test_a_member_cannot_ask_again_while_a_request_is_undecided(cast, forwarded):
    with pytest.raises(ValidationError) as error:
        submit_special_request(cast.board, by=cast.member, reason="Another reason")
    assert error.value.messages == [
        f"You asked for a special meeting of Partnership Board on {long_date(forwarded.created_at)} and it has not "
        "been decided yet. You can ask again once it has."
    ]
    assert SpecialMeetingRequest.objects.count() == 1


def test_a_member_can_ask_again_once_the_request_is_decided(cast, forwarded):
    decline_special_request(forwarded, by=cast.chair, reason="The next ordinary meeting is soon enough.")
    again = submit_special_request(cast.board, by=cast.member, reason="Another reason")
    assert again.status == RequestStatus.SUBMITTED
    assert SpecialMeetingRequest.objects.count() == 2


# Forwarding


def test_the_secretariat_forwards_a_request_to_the_chair(cast, submitted, send_due):
    request = forward_special_request(submitted, by=cast.secretariat)
    send_due()
    request.refresh_from_db()
    assert (request.status, request.forwarded_by) == (RequestStatus.FORWARDED, cast.secretariat)
    assert request.forwarded_at is not None
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["chris@example.org"], "Please decide a request for a special meeting of Partnership Board")
    ]


@pytest.mark.parametrize("who", ["member", "chair", "other_member"])
def test_only_the_secretariat_forwards_a_request(cast, submitted, who):
    with pytest.raises(PermissionDenied):
        forward_special_request(submitted, by=getattr(cast, who))
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.SUBMITTED


def test_a_request_cannot_be_forwarded_twice(cast, forwarded):
    with pytest.raises(ValidationError) as error:
        forward_special_request(forwarded, by=cast.secretariat)
    assert error.value.messages == [
        f"This request was already forwarded to the chair on {long_date(forwarded.forwarded_at)}."
    ]


def test_a_request_for_a_body_without_a_chair_is_not_forwarded(cast):
    body = BodyFactory(name="Safer Communities Partnership")
    MembershipFactory(body=body, person=cast.stranger.person, role=Role.MEMBER)
    request = submit_special_request(body, by=cast.stranger, reason=REASON)
    with pytest.raises(ValidationError) as error:
        forward_special_request(request, by=cast.secretariat)
    assert error.value.messages == [
        "Safer Communities Partnership has no chair or vice chair today to decide the request. "
        "Record who chairs it first."
    ]
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED


# Deciding


def test_the_chair_agrees_and_the_special_meeting_is_scheduled(cast, forwarded, send_due):
    starts = next_week()
    meeting = agree_special_request(
        forwarded,
        by=cast.chair,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        venue=" Council Chamber, Chester ",
        note="We will take the budget first.",
    )
    send_due()
    assert Meeting.objects.get() == meeting
    assert (meeting.body, meeting.kind, meeting.starts_at, meeting.venue) == (
        cast.board,
        MeetingKind.SPECIAL,
        starts,
        "Council Chamber, Chester",
    )
    assert meeting.history.get().history_user == cast.chair
    forwarded.refresh_from_db()
    assert (forwarded.status, forwarded.decided_by, forwarded.meeting) == (RequestStatus.AGREED, cast.chair, meeting)
    assert forwarded.decision_reason == "We will take the budget first."
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["mel@example.org"], "Your request for a special meeting of Partnership Board was agreed")
    ]
    local = timezone.localtime(starts)
    assert f"The special meeting is on {local.day} {local:%B %Y}, 2pm, Council Chamber, Chester." in mail.outbox[0].body


def test_the_chair_declines_with_a_reason(cast, forwarded, send_due):
    decline_special_request(forwarded, by=cast.chair, reason="  The next ordinary meeting is in a fortnight. ")
    send_due()
    forwarded.refresh_from_db()
    assert (forwarded.status, forwarded.decision_reason) == (
        RequestStatus.DECLINED,
        "The next ordinary meeting is in a fortnight.",
    )
    assert Meeting.objects.count() == 0
    assert [m.subject for m in mail.outbox] == ["Your request for a special meeting of Partnership Board was declined"]
    assert "The reason given: The next ordinary meeting is in a fortnight." in mail.outbox[0].body


def test_declining_without_a_reason_is_refused(cast, forwarded):
    with pytest.raises(ValidationError) as error:
        decline_special_request(forwarded, by=cast.chair, reason="  ")
    assert error.value.message_dict == {"reason": ["Give the reason for declining the request."]}
    forwarded.refresh_from_db()
    assert forwarded.status == RequestStatus.FORWARDED


def test_a_request_not_yet_forwarded_cannot_be_decided(cast, submitted):
    with pytest.raises(ValidationError) as error:
        agree_special_request(submitted, by=cast.chair, starts_at=next_week(), venue="HQ")
    assert error.value.messages == ["The secretariat has not yet forwarded this request to the chair."]
    with pytest.raises(ValidationError):
        decline_special_request(submitted, by=cast.chair, reason="No")
    assert Meeting.objects.count() == 0


def test_a_request_cannot_be_decided_twice(cast, forwarded):
    meeting = agree_special_request(forwarded, by=cast.chair, starts_at=next_week(), venue="HQ")
    forwarded.refresh_from_db()
    when = timezone.localtime(meeting.starts_at)
    expected = (
        f"This request was already agreed on {long_date(forwarded.decided_at)}: "
        f"the special meeting is on {when.day} {when:%B %Y}, 2pm."
    )
    with pytest.raises(ValidationError) as error:
        agree_special_request(forwarded, by=cast.chair, starts_at=next_week(15), venue="HQ")
    assert error.value.messages == [expected]
    with pytest.raises(ValidationError) as error:
        decline_special_request(forwarded, by=cast.chair, reason="Changed my mind")
    assert error.value.messages == [expected]
    assert Meeting.objects.count() == 1


def test_a_declined_request_cannot_then_be_agreed(cast, forwarded):
    decline_special_request(forwarded, by=cast.chair, reason="Not needed")
    forwarded.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        agree_special_request(forwarded, by=cast.chair, starts_at=next_week(), venue="HQ")
    assert error.value.messages == [f"This request was already declined on {long_date(forwarded.decided_at)}."]


def test_a_special_meeting_must_start_in_the_future(cast, forwarded):
    with pytest.raises(ValidationError) as error:
        agree_special_request(
            forwarded, by=cast.chair, starts_at=timezone.now() - datetime.timedelta(minutes=1), venue="HQ"
        )
    assert error.value.message_dict == {"date": ["The special meeting must start in the future."]}
    forwarded.refresh_from_db()
    assert forwarded.status == RequestStatus.FORWARDED
    assert Meeting.objects.count() == 0


def test_a_meeting_that_ends_before_it_starts_is_refused_and_nothing_changes(cast, forwarded):
    starts = next_week()
    with pytest.raises(ValidationError):
        agree_special_request(
            forwarded, by=cast.chair, starts_at=starts, ends_at=starts - datetime.timedelta(hours=1), venue="HQ"
        )
    forwarded.refresh_from_db()
    assert (forwarded.status, Meeting.objects.count()) == (RequestStatus.FORWARDED, 0)


@pytest.mark.parametrize("who", ["member", "secretariat", "other_member"])
def test_only_the_chair_decides(cast, forwarded, who):
    with pytest.raises(PermissionDenied):
        agree_special_request(forwarded, by=getattr(cast, who), starts_at=next_week(), venue="HQ")
    with pytest.raises(PermissionDenied):
        decline_special_request(forwarded, by=getattr(cast, who), reason="No")
    forwarded.refresh_from_db()
    assert forwarded.status == RequestStatus.FORWARDED


def test_a_chair_whose_membership_has_ended_can_no_longer_decide(cast, forwarded):
    cast.chair_membership.end = timezone.localdate() - datetime.timedelta(days=1)
    cast.chair_membership.save()
    with pytest.raises(PermissionDenied):
        decline_special_request(forwarded, by=cast.chair, reason="No")


# Who sees which request


def test_who_sees_a_request_follows_where_it_stands(cast, submitted):
    def seers():
        return {
            who: can_view_request(getattr(cast, who), submitted)
            for who in ("secretariat", "chair", "member", "other_member", "stranger")
        }

    assert seers() == {"secretariat": True, "chair": False, "member": True, "other_member": False, "stranger": False}
    submitted = forward_special_request(submitted, by=cast.secretariat)
    assert seers() == {"secretariat": True, "chair": True, "member": True, "other_member": False, "stranger": False}


def test_the_request_predicate_and_its_queryset_agree(cast, submitted):
    forum_request = submit_special_request(cast.forum, by=cast.other_member, reason=REASON)
    board_forwarded = SpecialMeetingRequest.objects.create(
        body=cast.board, requested_by=cast.chair, reason=REASON, status=RequestStatus.FORWARDED
    )
    everything = [submitted, forum_request, board_forwarded]
    for who in ("secretariat", "chair", "member", "other_member", "stranger"):
        user = getattr(cast, who)
        predicate = sorted(r.pk for r in everything if can_view_request(user, r))
        queryset = sorted(requests_visible_to(user).values_list("pk", flat=True))
        assert predicate == queryset, who
