"""Members' replies to a meeting: who may reply, until when, which reserve, changes and their history, and who hears."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bodies.models import Role
from meetings.models import Meeting, MeetingReply, MeetingStatus
from meetings.policies.replies import (
    can_reply_to_meeting,
    can_view_replies,
    meetings_repliable_by,
    meetings_with_replies_visible_to,
)
from notifications.models import Notification, NotificationStatus
from partnership.dates import british_date
from partnership.policies import check
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.meetings.replying import (
    APOLOGIES,
    ATTENDING,
    RESERVE,
    RESERVE_WANTED,
    at,
    coming,
    days_ahead,
    reply,
)

pytestmark = pytest.mark.django_db


def refused(call) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.messages


def login_for(person):
    person.user = UserFactory(email=f"{person.name.split()[0].lower()}@example.org")
    person.save()
    return person.user


@pytest.fixture
def meeting(scene):
    return coming(scene)


# Who may reply


def test_a_member_replies_and_the_reply_names_their_seat(scene, meeting):
    saved = reply(scene, meeting, scene.cast.member, ATTENDING)

    assert (saved.meeting, saved.person, saved.membership, saved.answer, saved.reserve) == (
        meeting,
        scene.cast.member.person,
        scene.cast.member_membership,
        ATTENDING,
        None,
    )


def test_the_chair_holds_a_seat_and_replies_too(scene, meeting):
    assert reply(scene, meeting, scene.cast.chair, APOLOGIES).membership == scene.cast.chair_membership


@pytest.mark.parametrize("who", ["other_member", "stranger", "secretariat"])
def test_someone_without_a_seat_on_the_body_cannot_reply(scene, meeting, who):
    assert refused(lambda: reply(scene, meeting, getattr(scene.cast, who), ATTENDING)) == [
        f"Only a member holding a seat on the Partnership Board on {_day(meeting)} can reply to this meeting."
    ]
    assert MeetingReply.objects.count() == 0


@pytest.mark.parametrize("role", [Role.OBSERVER, Role.SUPPORT])
def test_observers_and_support_staff_hold_no_seat_and_cannot_reply(scene, meeting, role):
    person = PersonFactory(name="Owen Onlooker")
    MembershipFactory(person=person, body=scene.cast.board, role=role)

    assert refused(lambda: reply(scene, meeting, login_for(person), ATTENDING))
    assert not check(person.user, "meetings.reply_to_meeting", meeting)


def test_a_named_reserve_replies_for_no_seat_of_their_own(scene, meeting):
    pat = login_for(scene.pat.person)

    assert refused(lambda: reply(scene, meeting, pat, ATTENDING))


def test_the_seat_is_the_one_held_on_the_day_of_the_meeting_not_today(scene, meeting):
    day = meeting.starts_at.date()
    joining = PersonFactory(name="Jo Joiner")
    MembershipFactory(person=joining, body=scene.cast.board, start=day - datetime.timedelta(days=1))
    leaving = PersonFactory(name="Lee Leaver")
    MembershipFactory(person=leaving, body=scene.cast.board, end=day - datetime.timedelta(days=1))

    assert reply(scene, meeting, login_for(joining), ATTENDING).person == joining
    assert refused(lambda: reply(scene, meeting, login_for(leaving), ATTENDING))


def test_the_rule_and_its_queryset_twin_agree(scene, meeting):
    earlier = coming(scene, days=4)
    forum = coming(scene, days=12, body=scene.cast.forum)
    meetings = [meeting, earlier, forum]
    people = {who: getattr(scene.cast, who) for who in ("secretariat", "chair", "member", "other_member", "stranger")}
    people["anonymous"] = AnonymousUser()
    for who, user in people.items():
        by_rule = {m.pk for m in meetings if can_reply_to_meeting(user, m)}
        these = Meeting.objects.filter(pk__in=[m.pk for m in meetings])
        assert set(meetings_repliable_by(user, these).values_list("pk", flat=True)) == by_rule, who
        seen = {m.pk for m in meetings if can_view_replies(user, m)}
        assert set(meetings_with_replies_visible_to(user, these).values_list("pk", flat=True)) == seen, who
    assert {m.pk for m in meetings if can_reply_to_meeting(scene.cast.member, m)} == {meeting.pk, earlier.pk}
    assert {m.pk for m in meetings if can_view_replies(scene.cast.chair, m)} == {meeting.pk, earlier.pk}
    assert {m.pk for m in meetings if can_view_replies(scene.cast.secretariat, m)} == {m.pk for m in meetings}
    assert not any(can_view_replies(scene.cast.member, m) for m in meetings)


def _day(meeting):
    return british_date(meeting.starts_at)


# Until when


def test_replies_close_at_the_end_of_the_day_the_body_sets_before_the_meeting(scene):
    meeting = coming(scene, days=10)
    day = meeting.starts_at.date()

    assert meeting.body.reply_days == 2
    assert meeting.reply_deadline() == at(day - datetime.timedelta(days=1), 0)
    assert meeting.reply_deadline_words() == f"the end of {_words(day - datetime.timedelta(days=2))}"
    last_moment = meeting.reply_deadline() - datetime.timedelta(seconds=1)
    assert reply(scene, meeting, scene.cast.member, ATTENDING, now=last_moment).answer == ATTENDING
    assert refused(lambda: reply(scene, meeting, scene.cast.member, APOLOGIES, now=meeting.reply_deadline())) == [
        f"Replies to this meeting closed at the end of {_words(day - datetime.timedelta(days=2))}. "
        "To change your reply now, contact the secretariat."
    ]
    assert MeetingReply.objects.get().answer == ATTENDING


def test_a_body_may_keep_replies_open_until_the_meeting_starts(scene):
    scene.cast.board.reply_days = 0
    scene.cast.board.save()
    meeting = coming(scene, days=3)

    assert meeting.reply_deadline() == meeting.starts_at
    assert meeting.reply_deadline_words() == f"the start of the meeting, {_words(meeting.starts_at)}, 2pm"
    before = meeting.starts_at - datetime.timedelta(minutes=1)
    assert reply(scene, meeting, scene.cast.member, APOLOGIES, now=before).answer == APOLOGIES
    assert refused(lambda: reply(scene, meeting, scene.cast.member, ATTENDING, now=meeting.starts_at))


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (MeetingStatus.CANCELLED, "The meeting was cancelled: The venue is closed."),
        (MeetingStatus.POSTPONED, "The meeting was postponed: The venue is closed."),
    ],
)
def test_a_cancelled_or_postponed_meeting_takes_no_replies(scene, status, message):
    meeting = coming(scene, status=status, status_reason="The venue is closed.")

    assert refused(lambda: reply(scene, meeting, scene.cast.member, ATTENDING)) == [message]


def test_a_meeting_held_takes_no_replies(scene):
    meeting = coming(scene, days=-3, status=MeetingStatus.HELD)

    assert not meeting.replies_open()
    assert refused(lambda: reply(scene, meeting, scene.cast.member, ATTENDING)) == [
        f"The meeting of {_words(meeting.starts_at)} has taken place, so replies are closed."
    ]


def _words(day):
    return british_date(day)


# Which reserve


def test_a_member_names_their_named_reserve(scene, meeting):
    saved = reply(scene, meeting, scene.cast.member, RESERVE, reserve=scene.pat, note="On leave.")

    assert (saved.answer, saved.reserve, saved.note) == (RESERVE, scene.pat, "On leave.")
    assert saved.sends_apologies


def test_the_reserve_must_be_a_named_reserve_for_that_membership(scene, meeting):
    # Pat is Mel's reserve, not Tim's.
    tim = login_for(scene.tim.person)

    assert refused(lambda: reply(scene, meeting, tim, RESERVE, reserve=scene.pat)) == [
        f"Pat Price is not your named reserve on the Partnership Board on {_day(meeting)}."
    ]


def test_a_reserve_whose_place_has_ended_by_the_day_cannot_be_named(scene, meeting):
    scene.pat.end = meeting.starts_at.date() - datetime.timedelta(days=1)
    scene.pat.save()

    assert refused(lambda: reply(scene, meeting, scene.cast.member, RESERVE, reserve=scene.pat)) == [
        f"Pat Price is not your named reserve on the Partnership Board on {_day(meeting)}."
    ]


def test_a_reserve_of_another_body_cannot_be_named(scene, meeting):
    elsewhere = MembershipFactory(
        person=PersonFactory(name="Eve Elsewhere"),
        body=scene.cast.forum,
        role=Role.NAMED_RESERVE,
        reserve_for=scene.cast.other_membership,
    )

    assert refused(lambda: reply(scene, meeting, scene.cast.member, RESERVE, reserve=elsewhere))


def test_naming_a_reserve_needs_one_and_only_that_answer_names_one(scene, meeting):
    assert refused(lambda: reply(scene, meeting, scene.cast.member, RESERVE)) == [
        "Choose the named reserve who attends in your place."
    ]
    assert refused(lambda: reply(scene, meeting, scene.cast.member, APOLOGIES, reserve=scene.pat)) == [
        "Name a reserve only when they attend in your place."
    ]
    assert refused(lambda: reply(scene, meeting, scene.cast.member, "maybe")) == [
        "Choose whether you will attend, send apologies or name your reserve."
    ]


def test_a_member_with_a_named_reserve_names_them_rather_than_asking_for_one(scene, meeting):
    assert refused(lambda: reply(scene, meeting, scene.cast.member, RESERVE_WANTED)) == [
        "You have a named reserve for this meeting (Pat Price): name them, or send your apologies."
    ]


def test_a_member_without_a_reserve_asks_the_secretariat_for_one(scene, meeting):
    saved = reply(scene, meeting, scene.cast.chair, RESERVE_WANTED, note="Our deputy has left.")

    assert (saved.answer, saved.reserve, saved.sends_apologies) == (RESERVE_WANTED, None, True)
    told = Notification.objects.filter(kind="reserve_wanted")
    assert [(n.recipient, n.status, n.url) for n in told] == [
        (scene.cast.secretariat.person, NotificationStatus.PENDING, f"/meetings/{meeting.pk}/replies/")
    ]
    assert (
        told.get().subject
        == f"Chris Carter asks for a named reserve: Partnership Board, {_words(meeting.starts_at)}, 2pm"
    )
    assert told.get().body.endswith("so that their seat can be filled. Their note: Our deputy has left.")


# Changing a reply, and its history


def test_a_member_changes_their_reply_until_the_deadline_and_each_version_is_kept(scene, meeting):
    first_moment = meeting.reply_deadline() - datetime.timedelta(days=3)
    later = meeting.reply_deadline() - datetime.timedelta(hours=1)
    member = scene.cast.member

    reply(scene, meeting, member, ATTENDING, now=first_moment)
    changed = reply(scene, meeting, member, RESERVE, reserve=scene.pat, note="Called away.", now=later)

    assert MeetingReply.objects.count() == 1
    assert (changed.answer, changed.reserve, changed.note, changed.replied_at) == (
        RESERVE,
        scene.pat,
        "Called away.",
        later,
    )
    history = list(changed.history.order_by("history_id"))
    assert [(h.answer, h.reserve_id, h.note, h.replied_at, h.history_user) for h in history] == [
        (ATTENDING, None, "", first_moment, member),
        (RESERVE, scene.pat.pk, "Called away.", later, member),
    ]
    assert [h.history_type for h in history] == ["+", "~"]


def test_the_same_reply_again_writes_nothing(scene, meeting):
    first = reply(scene, meeting, scene.cast.member, APOLOGIES, note=" Away. ")
    again = reply(scene, meeting, scene.cast.member, APOLOGIES, note="Away.")

    assert again.pk == first.pk
    assert again.note == "Away."
    assert again.history.count() == 1


def test_the_database_keeps_one_reply_per_member_and_a_reserve_only_with_that_answer(scene, meeting):
    saved = reply(scene, meeting, scene.cast.member, ATTENDING)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingReply.objects.create(meeting=meeting, person=saved.person, membership=saved.membership, answer=APOLOGIES)
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingReply.objects.filter(pk=saved.pk).update(reserve=scene.pat)


# Who hears


def _reserve_news():
    return list(
        Notification.objects.filter(kind="reserve_named")
        .order_by("pk")
        .values_list("recipient__name", "status", "subject")
    )


def test_the_named_reserve_is_told_once_and_not_again_for_an_unchanged_naming(scene, meeting):
    reply(scene, meeting, scene.cast.member, RESERVE, reserve=scene.pat)
    reply(scene, meeting, scene.cast.member, RESERVE, reserve=scene.pat, note="A note changes nothing for Pat.")

    when = f"Partnership Board, {_words(meeting.starts_at)}, 2pm"
    assert _reserve_news() == [
        ("Pat Price", NotificationStatus.PENDING, f"Please attend in Mel Morris's place: {when}")
    ]
    notice = Notification.objects.get(kind="reserve_named")
    assert notice.url == f"/meetings/{meeting.pk}/"
    assert "names you, their named reserve, to attend in their place" in notice.body


def test_a_reserve_no_longer_named_before_hearing_is_never_told(scene, meeting):
    reply(scene, meeting, scene.cast.member, RESERVE, reserve=scene.pat)
    reply(scene, meeting, scene.cast.member, ATTENDING)

    assert [status for _, status, _ in _reserve_news()] == [NotificationStatus.CANCELLED]


def test_a_reserve_who_was_told_hears_they_are_no_longer_needed(scene, meeting, send_due):
    reply(scene, meeting, scene.cast.member, RESERVE, reserve=scene.pat)
    assert send_due() == ["sent"]

    reply(scene, meeting, scene.cast.member, APOLOGIES)

    when = f"Partnership Board, {_words(meeting.starts_at)}, 2pm"
    assert _reserve_news() == [
        ("Pat Price", NotificationStatus.SENT, f"Please attend in Mel Morris's place: {when}"),
        ("Pat Price", NotificationStatus.PENDING, f"You are no longer needed in Mel Morris's place: {when}"),
    ]


def test_a_reserve_named_again_after_standing_down_is_told_again(scene, meeting, send_due):
    member = scene.cast.member
    reply(scene, meeting, member, RESERVE, reserve=scene.pat, now=days_ahead(-2))
    reply(scene, meeting, member, APOLOGIES, now=days_ahead(-1))
    send_due()
    reply(scene, meeting, member, RESERVE, reserve=scene.pat, now=days_ahead(0, hour=9))

    subjects = [subject.split(":")[0] for _, _, subject in _reserve_news()]
    assert subjects == ["Please attend in Mel Morris's place", "Please attend in Mel Morris's place"]
    assert [status for _, status, _ in _reserve_news()] == [NotificationStatus.CANCELLED, NotificationStatus.PENDING]


def test_changing_away_from_asking_for_a_reserve_withdraws_the_request(scene, meeting):
    reply(scene, meeting, scene.cast.chair, RESERVE_WANTED)
    reply(scene, meeting, scene.cast.chair, APOLOGIES)

    assert list(Notification.objects.filter(kind="reserve_wanted").values_list("status", flat=True)) == [
        NotificationStatus.CANCELLED
    ]


def test_the_reply_page_deadline_follows_the_meeting_date(scene):
    meeting = coming(scene, days=10)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=days_ahead(20))
    meeting.refresh_from_db()

    assert meeting.reply_deadline() == at(meeting.starts_at.date() - datetime.timedelta(days=1), 0)
