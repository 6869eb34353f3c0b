import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from bodies.models import Body, BodyLink, Membership, Role, Status
from tests.factories import BodyFactory, BodyLinkFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def _body_with_a_life():
    """Established 1 Jan 2011, shadow from then, active from 1 Apr 2011, last day 31 Mar 2013."""
    return BodyFactory(
        established_on=D(2011, 1, 1),
        shadow_from=D(2011, 1, 1),
        active_from=D(2011, 4, 1),
        ended_on=D(2013, 3, 31),
    )


# Body.status_on


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (D(2010, 12, 31), None),
        (D(2011, 1, 1), Status.SHADOW),
        (D(2011, 3, 31), Status.SHADOW),
        (D(2011, 4, 1), Status.ACTIVE),
        (D(2013, 3, 31), Status.ACTIVE),
        (D(2013, 4, 1), Status.ENDED),
    ],
)
def test_body_status_on_follows_its_dates(date, expected):
    assert _body_with_a_life().status_on(date) == expected


def test_body_established_without_shadow_or_active_date_is_established():
    body = BodyFactory(established_on=D(2011, 1, 1), active_from=None)

    assert body.status_on(D(2011, 1, 1)) == Status.ESTABLISHED
    assert body.status_on(D(2030, 1, 1)) == Status.ESTABLISHED


def test_body_exists_on_its_last_day_but_not_the_day_after():
    body = _body_with_a_life()

    assert body.exists_on(D(2013, 3, 31)) is True
    assert body.exists_on(D(2013, 4, 1)) is False
    assert body.exists_on(D(2010, 12, 31)) is False


# Body.objects.on


def test_bodies_on_a_date_include_the_first_and_last_days_only():
    body = _body_with_a_life()

    assert list(Body.objects.on(D(2010, 12, 31))) == []
    assert list(Body.objects.on(D(2011, 1, 1))) == [body]
    assert list(Body.objects.on(D(2013, 3, 31))) == [body]
    assert list(Body.objects.on(D(2013, 4, 1))) == []


def test_current_bodies_exclude_ended_ones():
    running = BodyFactory(name="Running")
    BodyFactory(name="Ended", ended_on=timezone.localdate() - datetime.timedelta(days=1))

    assert list(Body.objects.current()) == [running]


# Membership queries


def test_memberships_on_a_date_include_the_first_and_last_days_only():
    membership = MembershipFactory(start=D(2010, 1, 1), end=D(2010, 12, 31))

    assert list(Membership.objects.on(D(2009, 12, 31))) == []
    assert list(Membership.objects.on(D(2010, 1, 1))) == [membership]
    assert list(Membership.objects.on(D(2010, 12, 31))) == [membership]
    assert list(Membership.objects.on(D(2011, 1, 1))) == []


def test_current_memberships_are_those_held_today():
    today = timezone.localdate()
    body = BodyFactory()
    open_ended = MembershipFactory(body=body, start=D(2010, 1, 1))
    ends_today = MembershipFactory(body=body, start=D(2010, 1, 1), end=today)
    MembershipFactory(body=body, start=D(2010, 1, 1), end=today - datetime.timedelta(days=1))
    MembershipFactory(body=body, start=today + datetime.timedelta(days=1))

    assert set(Membership.objects.current()) == {open_ended, ends_today}


def test_chairs_are_only_the_chair_role():
    body = BodyFactory()
    chair = MembershipFactory(body=body, role=Role.CHAIR)
    MembershipFactory(body=body, role=Role.VICE_CHAIR)
    MembershipFactory(body=body, role=Role.MEMBER)

    assert list(Membership.objects.chairs()) == [chair]


def test_due_for_review_lists_current_memberships_due_on_or_before_the_date():
    today = timezone.localdate()
    body = BodyFactory()
    due_today = MembershipFactory(body=body, review_due_on=today)
    overdue = MembershipFactory(body=body, review_due_on=today - datetime.timedelta(days=30))
    MembershipFactory(body=body, review_due_on=today + datetime.timedelta(days=1))
    MembershipFactory(body=body, review_due_on=None)
    MembershipFactory(body=body, review_due_on=today, end=today - datetime.timedelta(days=1))

    assert set(Membership.objects.due_for_review()) == {due_today, overdue}
    assert set(Membership.objects.due_for_review(by=today - datetime.timedelta(days=1))) == {overdue}


# Database constraints hold even when full_clean is bypassed


def test_database_refuses_a_second_open_chair_for_a_body():
    body = BodyFactory()
    MembershipFactory(body=body, role=Role.CHAIR, start=D(2010, 1, 1))
    second = Membership(person=PersonFactory(), body=body, role=Role.CHAIR, start=D(2011, 1, 1))

    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_database_refuses_a_membership_that_ends_before_it_starts():
    membership = Membership(person=PersonFactory(), body=BodyFactory(), start=D(2011, 1, 1), end=D(2010, 12, 31))

    with pytest.raises(IntegrityError), transaction.atomic():
        membership.save()


def test_database_refuses_a_named_reserve_for_nobody():
    reserve = Membership(person=PersonFactory(), body=BodyFactory(), role=Role.NAMED_RESERVE, start=D(2011, 1, 1))

    with pytest.raises(IntegrityError), transaction.atomic():
        reserve.save()


def test_database_refuses_a_reserve_for_on_a_plain_member():
    held = MembershipFactory()
    member = Membership(person=PersonFactory(), body=held.body, role=Role.MEMBER, reserve_for=held, start=D(2011, 1, 1))

    with pytest.raises(IntegrityError), transaction.atomic():
        member.save()


def test_overlapping_closed_duplicate_is_refused_by_postgresql_and_by_full_clean_elsewhere():
    first = MembershipFactory(start=D(2010, 1, 1), end=D(2010, 12, 31))
    duplicate = Membership(
        person=first.person, body=first.body, role=Role.MEMBER, start=D(2010, 6, 1), end=D(2011, 6, 30)
    )

    with pytest.raises(ValidationError) as caught:
        duplicate.full_clean()
    assert caught.value.message_dict == {
        "start": ["This person already holds this role on this body for part of this period."]
    }

    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError), transaction.atomic():
            duplicate.save()
        assert Membership.objects.count() == 1
    else:
        duplicate.save()
        assert Membership.objects.count() == 2


def test_overlapping_closed_chairs_are_refused_by_postgresql_and_by_full_clean_elsewhere():
    first = MembershipFactory(role=Role.CHAIR, start=D(2010, 1, 1), end=D(2010, 12, 31))
    second = Membership(
        person=PersonFactory(), body=first.body, role=Role.CHAIR, start=D(2010, 12, 31), end=D(2011, 6, 30)
    )

    if connection.vendor == "postgresql":
        with pytest.raises(IntegrityError), transaction.atomic():
            second.save()
    else:
        second.save()
        assert Membership.objects.chairs().count() == 2


def test_chairs_that_meet_but_do_not_overlap_are_allowed():
    first = MembershipFactory(role=Role.CHAIR, start=D(2010, 1, 1), end=D(2010, 12, 31))
    successor = Membership(person=PersonFactory(), body=first.body, role=Role.CHAIR, start=D(2011, 1, 1))

    successor.full_clean()
    successor.save()

    assert list(Membership.objects.chairs().order_by("start")) == [first, successor]


# Membership.full_clean messages


def test_full_clean_names_the_sitting_chair_when_a_second_is_appointed():
    body = BodyFactory(name="Partnership Board")
    MembershipFactory(body=body, role=Role.CHAIR, start=D(2009, 4, 1), person=PersonFactory(name="Chris Carter"))
    second = Membership(person=PersonFactory(), body=body, role=Role.CHAIR, start=D(2011, 1, 1))

    with pytest.raises(ValidationError) as caught:
        second.full_clean()

    assert caught.value.message_dict["start"] == [
        "Partnership Board already has a chair in this period: Chris Carter from 1 April 2009."
    ]


def test_full_clean_gives_the_end_date_of_a_past_chair_in_the_clash():
    body = BodyFactory(name="Partnership Board")
    MembershipFactory(
        body=body,
        role=Role.VICE_CHAIR,
        start=D(2009, 4, 1),
        end=D(2010, 3, 31),
        person=PersonFactory(name="Chris Carter"),
    )
    second = Membership(
        person=PersonFactory(), body=body, role=Role.VICE_CHAIR, start=D(2010, 1, 1), end=D(2010, 6, 30)
    )

    with pytest.raises(ValidationError) as caught:
        second.full_clean()

    assert caught.value.message_dict == {
        "start": [
            "Partnership Board already has a vice chair in this period: Chris Carter from 1 April 2009 to 31 March 2010."
        ]
    }


def test_full_clean_refuses_an_end_before_the_start():
    membership = Membership(person=PersonFactory(), body=BodyFactory(), start=D(2011, 1, 1), end=D(2010, 12, 31))

    with pytest.raises(ValidationError) as caught:
        membership.full_clean()

    assert caught.value.message_dict["end"] == ["The end date must be on or after the start date."]


def test_full_clean_asks_a_named_reserve_to_name_the_member():
    reserve = Membership(person=PersonFactory(), body=BodyFactory(), role=Role.NAMED_RESERVE, start=D(2011, 1, 1))

    with pytest.raises(ValidationError) as caught:
        reserve.full_clean()

    assert caught.value.message_dict["reserve_for"] == ["Choose the member this person is the named reserve for."]


def test_full_clean_refuses_a_reserve_for_a_member_of_another_body():
    member = MembershipFactory()
    reserve = Membership(
        person=PersonFactory(), body=BodyFactory(), role=Role.NAMED_RESERVE, reserve_for=member, start=D(2011, 1, 1)
    )

    with pytest.raises(ValidationError) as caught:
        reserve.full_clean()

    assert caught.value.message_dict == {"reserve_for": ["A reserve stands in for a member of the same body."]}


def test_full_clean_accepts_a_named_reserve_for_a_member_of_the_same_body():
    member = MembershipFactory()
    reserve = Membership(
        person=PersonFactory(), body=member.body, role=Role.NAMED_RESERVE, reserve_for=member, start=D(2011, 1, 1)
    )

    reserve.full_clean()


# BodyLink


def test_full_clean_refuses_a_link_from_a_body_to_itself():
    body = BodyFactory()
    link = BodyLink(from_body=body, to_body=body, kind="reports_to", start=D(2011, 1, 1))

    with pytest.raises(ValidationError) as caught:
        link.full_clean()

    assert caught.value.message_dict["to_body"] == ["A body cannot be linked to itself."]


def test_database_refuses_a_link_from_a_body_to_itself():
    body = BodyFactory()
    link = BodyLink(from_body=body, to_body=body, kind="reports_to", start=D(2011, 1, 1))

    with pytest.raises(IntegrityError), transaction.atomic():
        link.save()


def test_link_between_two_bodies_is_accepted():
    link = BodyLinkFactory.build(from_body=BodyFactory(), to_body=BodyFactory())

    link.full_clean()
    link.save()

    assert list(BodyLink.objects.current()) == [link]
