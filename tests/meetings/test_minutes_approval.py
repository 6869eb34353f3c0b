"""Approval at a later meeting, the chair's signature, corrections and publication."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.actions import minutes as actions
from meetings.minutes_text import canonical_text
from meetings.models import Correction, Decision, MeetingStatus, MinutesStatus, StandingRole
from partnership.dates import british_datetime
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory, UserFactory
from tests.meetings.scenario import NEXT, approved, drafted, signed

pytestmark = pytest.mark.django_db


def refused(call):
    with pytest.raises(ValidationError) as error:
        call()
    return error.value


def state(minutes):
    minutes.refresh_from_db()
    return (minutes.status, minutes.approved_at_item, minutes.approved_on, minutes.signed_hash, minutes.published_at)


# Approval


def test_a_later_meeting_approves_the_minutes_under_its_previous_minutes_item(scene):
    minutes = drafted(scene)

    actions.approve_minutes(minutes, by=scene.cast.secretariat, at_item=scene.following_items.previous)

    assert state(minutes) == (
        MinutesStatus.APPROVED,
        scene.following_items.previous,
        datetime.date(2009, 5, 28),
        "",
        None,
    )
    scene.meeting.refresh_from_db()
    assert scene.meeting.status == MeetingStatus.MINUTES_APPROVED


def test_the_approving_meetings_draft_minutes_record_the_approval_as_a_decision(scene):
    minutes = drafted(scene)
    actions.draft_minutes(scene.following, by=scene.cast.secretariat)
    actions.add_decision(scene.following_items.constitution, by=scene.cast.secretariat, text="Endorsed.")

    actions.approve_minutes(minutes, by=scene.cast.secretariat, at_item=scene.following_items.previous)

    assert list(
        Decision.objects.filter(item__meeting=scene.following).order_by("number").values_list("item__number", "text")
    ) == [
        (2, "The minutes of the meeting held on 30 April 2009 were agreed as an accurate record."),
        (3, "Endorsed."),
    ]


def test_approving_twice_is_refused(scene):
    minutes = approved(scene)
    before = state(minutes)

    error = refused(
        lambda: actions.approve_minutes(minutes, by=scene.cast.secretariat, at_item=scene.following_items.previous)
    )

    assert error.messages == ["These minutes were already approved as an accurate record on 28 May 2009."]
    assert state(minutes) == before


def test_approval_needs_the_previous_minutes_item_of_a_later_meeting_of_the_same_body(scene, cast):
    minutes = drafted(scene)
    other_body_meeting = MeetingFactory(body=cast.forum, starts_at=NEXT)
    wrong_items = [
        scene.following_items.constitution,
        scene.items.previous,
        AgendaItemFactory(meeting=other_body_meeting, number=2, standing_role=StandingRole.PREVIOUS_MINUTES),
        AgendaItemFactory(
            meeting=MeetingFactory(body=cast.board, starts_at=scene.meeting.starts_at - datetime.timedelta(days=30)),
            number=2,
            standing_role=StandingRole.PREVIOUS_MINUTES,
        ),
    ]

    for item in wrong_items:
        error = refused(lambda item=item: actions.approve_minutes(minutes, by=cast.secretariat, at_item=item))
        assert error.message_dict == {
            "at_item": [
                "Choose the item on the minutes of the previous meeting at a later meeting of the Partnership Board."
            ]
        }
    assert state(minutes) == (MinutesStatus.DRAFT, None, None, "", None)


def test_approval_at_a_meeting_that_has_not_taken_place_is_refused(scene, cast):
    minutes = drafted(scene)
    future = MeetingFactory(body=cast.board)
    item = AgendaItemFactory(meeting=future, number=2, standing_role=StandingRole.PREVIOUS_MINUTES)

    error = refused(lambda: actions.approve_minutes(minutes, by=cast.secretariat, at_item=item))

    day = timezone.localdate(future.starts_at)
    assert error.message_dict == {"at_item": [f"The meeting of {day.day} {day:%B %Y} has not taken place yet."]}
    assert state(minutes)[0] == MinutesStatus.DRAFT


def test_approval_at_a_cancelled_meeting_is_refused(scene):
    minutes = drafted(scene)
    scene.following.status = MeetingStatus.CANCELLED
    scene.following.status_reason = "Snow."
    scene.following.save()

    error = refused(
        lambda: actions.approve_minutes(minutes, by=scene.cast.secretariat, at_item=scene.following_items.previous)
    )

    assert error.message_dict == {"at_item": ["The meeting of 28 May 2009 was cancelled."]}


# Signing


def test_the_chair_signs_the_sha256_of_the_canonical_text(scene):
    minutes = approved(scene)
    text = canonical_text(scene.meeting)

    actions.sign_minutes(minutes, by=scene.cast.chair)

    minutes.refresh_from_db()
    assert (minutes.status, minutes.signed_by) == (MinutesStatus.SIGNED, scene.cast.chair)
    assert minutes.signed_hash == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert timezone.now() - minutes.signed_at < datetime.timedelta(minutes=1)
    assert minutes.is_locked is True


def test_the_vice_chair_may_sign_too(scene, cast):
    vice = UserFactory(email="vic@example.org")
    MembershipFactory(person=PersonFactory(name="Vic Vaughan", user=vice), body=cast.board, role="vice_chair")
    minutes = approved(scene)

    actions.sign_minutes(minutes, by=vice)

    assert state(minutes)[0] == MinutesStatus.SIGNED


@pytest.mark.parametrize("who", ["member", "secretariat", "other_member"])
def test_only_the_chair_signs(scene, who):
    minutes = approved(scene)

    error = refused(lambda: actions.sign_minutes(minutes, by=getattr(scene.cast, who)))

    assert error.messages == ["Only the chair or vice chair of the Partnership Board can sign its minutes."]
    assert state(minutes)[0] == MinutesStatus.APPROVED


def test_signing_unapproved_minutes_is_refused(scene):
    minutes = drafted(scene)

    error = refused(lambda: actions.sign_minutes(minutes, by=scene.cast.chair))

    assert error.messages == ["Minutes are signed once a later meeting has approved them as an accurate record."]
    assert state(minutes)[0] == MinutesStatus.DRAFT


def test_signing_twice_is_refused_saying_when_and_by_whom(scene):
    minutes = signed(scene)
    before = state(minutes)

    error = refused(lambda: actions.sign_minutes(minutes, by=scene.cast.chair))

    assert error.messages == [f"These minutes were signed on {british_datetime(minutes.signed_at)} by Chris Carter."]
    assert state(minutes) == before


# Corrections


def test_a_correction_to_signed_minutes_keeps_before_after_and_both_hashes(scene):
    minutes = signed(scene)
    first_hash = minutes.signed_hash
    item = scene.items.constitution

    correction = actions.correct_minutes(
        minutes, by=scene.cast.secretariat, item=item, new_discussion="Partners endorsed it.", reason="Omitted."
    )

    minutes.refresh_from_db()
    item.refresh_from_db()
    assert item.discussion == "Partners endorsed it."
    assert (correction.before, correction.after, correction.reason, correction.made_by) == (
        "",
        "Partners endorsed it.",
        "Omitted.",
        scene.cast.secretariat,
    )
    assert correction.previous_hash == first_hash
    assert correction.new_hash == hashlib.sha256(canonical_text(scene.meeting).encode()).hexdigest()
    assert minutes.signed_hash == correction.new_hash != first_hash
    assert minutes.status == MinutesStatus.SIGNED


def test_a_correction_to_approved_unsigned_minutes_leaves_no_signature(scene):
    minutes = approved(scene)
    before_hash = hashlib.sha256(canonical_text(scene.meeting).encode()).hexdigest()

    correction = actions.correct_minutes(
        minutes,
        by=scene.cast.secretariat,
        item=scene.items.apologies,
        new_discussion="Apologies were received from Mel Morris.",
        reason="The reserve is listed under attendance.",
    )

    assert correction.previous_hash == before_hash
    assert state(minutes)[3] == ""


def test_corrections_are_refused_when_they_are_not_corrections(scene, cast):
    minutes = signed(scene)
    by = cast.secretariat
    item = scene.items.constitution
    other = scene.following_items.constitution

    cases = [
        ({"item": item, "new_discussion": "New.", "reason": "  "}, {"reason": ["Say why the minutes are corrected."]}),
        (
            {"item": item, "new_discussion": "", "reason": "Typo."},
            {"new_discussion": ["The new text is the same as the minuted text."]},
        ),
        ({"item": other, "new_discussion": "New.", "reason": "Typo."}, {"item": ["Choose an item of this meeting."]}),
    ]
    for kwargs, expected in cases:
        assert refused(lambda kwargs=kwargs: actions.correct_minutes(minutes, by=by, **kwargs)).message_dict == expected
    assert Correction.objects.count() == 0


def test_draft_minutes_are_edited_not_corrected(scene):
    minutes = drafted(scene)

    error = refused(
        lambda: actions.correct_minutes(
            minutes, by=scene.cast.secretariat, item=scene.items.constitution, new_discussion="New.", reason="Typo."
        )
    )

    assert error.messages == ["These minutes are still a draft: edit the item instead."]


# Publication


def test_signed_minutes_are_published(scene):
    minutes = signed(scene)

    actions.publish_minutes(minutes, by=scene.cast.secretariat)

    minutes.refresh_from_db()
    scene.meeting.refresh_from_db()
    assert timezone.now() - minutes.published_at < datetime.timedelta(minutes=1)
    assert scene.meeting.status == MeetingStatus.MINUTES_PUBLISHED


def test_minutes_not_yet_signed_are_not_published(scene):
    minutes = approved(scene)

    error = refused(lambda: actions.publish_minutes(minutes, by=scene.cast.secretariat))

    assert error.messages == ["Minutes are published once the chair has signed them."]
    assert state(minutes)[4] is None


def test_publishing_twice_is_refused(scene):
    minutes = signed(scene)
    actions.publish_minutes(minutes, by=scene.cast.secretariat)
    first = minutes.published_at

    error = refused(lambda: actions.publish_minutes(minutes, by=scene.cast.secretariat))

    assert error.messages == [f"These minutes were published on {british_datetime(first)}."]
    assert state(minutes)[4] == first
