"""Each meetings rule and its queryset twin say the same thing, for everyone in the cast.

The twins of meetings.view_item, meetings.view_paper, the requests and the
actions register are checked beside their pages (test_agenda_privacy.py,
test_special_requests.py, test_register.py); these are the others.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from bodies.models import Body, Role
from meetings.models import Action, Meeting, MeetingStatus, RequestStatus, SpecialMeetingRequest
from meetings.policies.agenda import can_view_agenda, get_meeting_with_agenda_for, meetings_with_agenda_visible_to
from meetings.policies.minutes import (
    can_sign_minutes,
    can_view_draft_minutes,
    meetings_signable_by,
    meetings_with_draft_minutes_visible_to,
)
from meetings.policies.register import actions_updatable_by, can_update_action
from meetings.policies.requests import (
    bodies_requestable_by,
    can_decide_special_meeting,
    can_request_special_meeting,
    can_view_request_list,
    requests_decidable_by,
)
from meetings.policies.stats import bodies_with_attendance_visible_to, can_view_attendance
from partnership.policies import registered
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory, MembershipFactory

CAST = ("secretariat", "chair", "member", "other_member", "stranger", "anonymous")


def user_of(cast, who):
    return getattr(cast, who) or AnonymousUser()


def agree(cast, rule, twin, everything):
    """{who: (the pks the rule allows, the pks its twin returns)} for the whole cast."""
    answers = {}
    for who in CAST:
        user = user_of(cast, who)
        allowed = sorted(obj.pk for obj in everything if rule(user, obj))
        answers[who] = (allowed, sorted(twin(user).values_list("pk", flat=True)))
    return answers


def assert_agree(answers):
    assert {who: allowed for who, (allowed, _) in answers.items()} == {
        who: listed for who, (_, listed) in answers.items()
    }


@pytest.fixture
def meetings(cast):
    """A board meeting in every state an agenda may be in, and a forum meeting held."""
    soon = timezone.now() + datetime.timedelta(days=14)
    return [
        MeetingFactory(body=cast.board, starts_at=soon),
        MeetingFactory(body=cast.board, starts_at=soon, agenda_published_at=timezone.now()),
        MeetingFactory(body=cast.board, status=MeetingStatus.CANCELLED, status_reason="Not quorate"),
        MeetingFactory(body=cast.board, status=MeetingStatus.HELD),
        MeetingFactory(body=cast.forum, status=MeetingStatus.MINUTES_PUBLISHED),
    ]


def test_the_meetings_rules_are_registered():
    assert {
        "meetings.view_agenda",
        "meetings.view_item",
        "meetings.view_paper",
        "meetings.view_draft_minutes",
        "meetings.sign_minutes",
        "meetings.request_special_meeting",
        "meetings.decide_special_meeting",
        "meetings.update_action",
    } <= set(registered())


def test_the_agenda_rule_and_its_queryset_agree(cast, meetings):
    answers = agree(cast, can_view_agenda, meetings_with_agenda_visible_to, meetings)

    assert_agree(answers)
    draft, published, cancelled, held, forum = (m.pk for m in meetings)
    assert answers["secretariat"][0] == sorted([draft, published, cancelled, held, forum])
    assert answers["anonymous"][0] == sorted([published, held, forum])


def test_an_unpublished_agenda_is_a_404_like_a_missing_meeting(cast, meetings):
    draft = meetings[0]

    assert get_meeting_with_agenda_for(cast.secretariat, draft.pk) == draft
    with pytest.raises(Http404):
        get_meeting_with_agenda_for(cast.chair, draft.pk)
    with pytest.raises(Http404):
        get_meeting_with_agenda_for(cast.chair, max(m.pk for m in meetings) + 1)


def test_the_draft_minutes_rule_and_its_queryset_agree(cast, meetings):
    answers = agree(cast, can_view_draft_minutes, meetings_with_draft_minutes_visible_to, meetings)

    assert_agree(answers)
    board = sorted(m.pk for m in meetings if m.body_id == cast.board.pk)
    assert (answers["member"][0], answers["other_member"][0], answers["anonymous"][0]) == (
        board,
        [meetings[-1].pk],
        [],
    )


def test_the_signing_rule_and_its_queryset_agree(cast, meetings):
    MembershipFactory(body=cast.forum, person=cast.stranger.person, role=Role.VICE_CHAIR)
    answers = agree(cast, can_sign_minutes, meetings_signable_by, meetings)

    assert_agree(answers)
    assert (answers["chair"][0], answers["stranger"][0], answers["secretariat"][0]) == (
        sorted(m.pk for m in meetings if m.body_id == cast.board.pk),
        [meetings[-1].pk],
        [],
    )


def test_the_special_meeting_rules_and_their_querysets_agree(cast):
    bodies = [cast.board, cast.forum, BodyFactory()]
    asked = [
        SpecialMeetingRequest.objects.create(body=body, requested_by=cast.secretariat, reason="Budget")
        for body in bodies
    ]
    SpecialMeetingRequest.objects.filter(body=cast.board).update(status=RequestStatus.FORWARDED)
    asking = agree(cast, can_request_special_meeting, bodies_requestable_by, Body.objects.all())
    deciding = agree(cast, can_decide_special_meeting, requests_decidable_by, asked)

    assert_agree(asking)
    assert_agree(deciding)
    assert (asking["member"][0], asking["other_member"][0], asking["secretariat"][0]) == (
        [cast.board.pk],
        [cast.forum.pk],
        [],
    )
    assert (deciding["chair"][0], deciding["member"][0]) == ([asked[0].pk], [])
    assert {who: can_view_request_list(user_of(cast, who)) for who in CAST} == {
        "secretariat": True,
        "chair": True,
        "member": False,
        "other_member": False,
        "stranger": False,
        "anonymous": False,
    }


def test_the_action_update_rule_and_its_queryset_agree(cast):
    item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board))
    mine = Action.objects.create(item=item, text="Write to partners")
    mine.owners.add(cast.member.person)
    nobodys = Action.objects.create(item=item, text="Book the room", owner_note="All partners")
    answers = agree(cast, can_update_action, actions_updatable_by, [mine, nobodys])

    assert_agree(answers)
    assert (answers["secretariat"][0], answers["member"][0], answers["chair"][0]) == (
        sorted([mine.pk, nobodys.pk]),
        [mine.pk],
        [],
    )


def test_attendance_is_counted_for_the_bodies_a_user_may_see(cast):
    BodyFactory()
    answers = {
        who: sorted(bodies_with_attendance_visible_to(user_of(cast, who)).values_list("pk", flat=True)) for who in CAST
    }
    seen = {who: can_view_attendance(user_of(cast, who)) for who in CAST}

    assert answers == {
        "secretariat": sorted(Body.objects.values_list("pk", flat=True)),
        "chair": [cast.board.pk],
        "member": [cast.board.pk],
        "other_member": [cast.forum.pk],
        "stranger": [],
        "anonymous": [],
    }
    assert seen == {who: bool(bodies) for who, bodies in answers.items()}


def test_a_meeting_only_counts_for_those_on_its_body(cast):
    meeting = Meeting.objects.create(body=cast.forum, starts_at=timezone.now())

    assert [can_view_draft_minutes(user_of(cast, who), meeting) for who in CAST] == [
        True,
        False,
        False,
        True,
        False,
        False,
    ]
