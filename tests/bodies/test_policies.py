import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.utils import timezone
from guardian.shortcuts import assign_perm

from bodies.models import Body, Role
from bodies.policies import (
    bodies_contacts_visible_to,
    bodies_terms_editable_by,
    can_edit_terms_of_reference,
    can_view_member_contacts,
)
from partnership.models import User
from tests.conftest import CAST_KEYS
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

TERMS = "bodies.change_terms_of_reference"
CONTACTS = "bodies.view_member_contacts"


def _fresh(cast, who):
    """The cast member as a new object, so no answer is served from a per-request cache."""
    user = getattr(cast, who)
    return AnonymousUser() if user is None else User.objects.get(pk=user.pk)


# Who may do what, through the real backend. Each row is (who, on the board, on the forum).
TERMS_EXPECTED = [
    ("secretariat", True, True),
    ("chair", True, False),
    ("member", False, False),
    ("other_member", False, False),
    ("stranger", False, False),
    ("anonymous", False, False),
]
CONTACTS_EXPECTED = [
    ("secretariat", True, True),
    ("chair", True, False),
    ("member", True, False),
    ("other_member", False, True),
    ("stranger", False, False),
    ("anonymous", False, False),
]


@pytest.mark.parametrize(("who", "on_board", "on_forum"), TERMS_EXPECTED)
def test_who_may_change_terms_of_reference(cast, who, on_board, on_forum):
    user = _fresh(cast, who)

    assert (user.has_perm(TERMS, cast.board), user.has_perm(TERMS, cast.forum)) == (on_board, on_forum)


@pytest.mark.parametrize(("who", "on_board", "on_forum"), CONTACTS_EXPECTED)
def test_who_may_view_member_contacts(cast, who, on_board, on_forum):
    user = _fresh(cast, who)

    assert (user.has_perm(CONTACTS, cast.board), user.has_perm(CONTACTS, cast.forum)) == (on_board, on_forum)


def test_the_expectations_cover_the_whole_cast():
    assert [row[0] for row in TERMS_EXPECTED] == list(CAST_KEYS)
    assert [row[0] for row in CONTACTS_EXPECTED] == list(CAST_KEYS)


@pytest.mark.parametrize(
    ("predicate", "twin"),
    [(can_edit_terms_of_reference, bodies_terms_editable_by), (can_view_member_contacts, bodies_contacts_visible_to)],
    ids=["terms_of_reference", "member_contacts"],
)
@pytest.mark.parametrize("who", CAST_KEYS)
def test_predicate_agrees_with_its_queryset_twin(cast, predicate, twin, who):
    user = _fresh(cast, who)

    by_predicate = {body.pk for body in Body.objects.all() if predicate(_fresh(cast, who), body)}

    assert set(twin(user).values_list("pk", flat=True)) == by_predicate


def test_vice_chair_may_change_terms_of_reference_but_not_of_another_body(cast):
    MembershipFactory(person=cast.stranger.person, body=cast.forum, role=Role.VICE_CHAIR)
    user = _fresh(cast, "stranger")

    assert (user.has_perm(TERMS, cast.forum), user.has_perm(TERMS, cast.board)) == (True, False)
    assert list(bodies_terms_editable_by(user)) == [cast.forum]


def test_chair_whose_membership_ended_yesterday_loses_the_power(cast):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    cast.chair_membership.end = yesterday
    cast.chair_membership.save()
    user = _fresh(cast, "chair")

    assert (user.has_perm(TERMS, cast.board), user.has_perm(CONTACTS, cast.board)) == (False, False)
    assert list(bodies_terms_editable_by(user)) == []
    assert list(bodies_contacts_visible_to(user)) == []


def test_chair_whose_membership_ends_today_keeps_the_power(cast):
    cast.chair_membership.end = timezone.localdate()
    cast.chair_membership.save()
    user = _fresh(cast, "chair")

    assert user.has_perm(TERMS, cast.board) is True
    assert list(bodies_terms_editable_by(user)) == [cast.board]


def test_chair_appointed_from_tomorrow_has_no_power_yet(cast):
    MembershipFactory(
        person=cast.stranger.person,
        body=cast.forum,
        role=Role.CHAIR,
        start=timezone.localdate() + datetime.timedelta(days=1),
    )
    user = _fresh(cast, "stranger")

    assert user.has_perm(TERMS, cast.forum) is False
    assert list(bodies_terms_editable_by(user)) == []


def test_inactive_chair_has_no_power(cast):
    cast.chair.is_active = False
    cast.chair.save()
    user = _fresh(cast, "chair")

    assert (user.has_perm(TERMS, cast.board), user.has_perm(CONTACTS, cast.board)) == (False, False)


def test_body_permissions_exist_for_one_off_grants():
    codenames = ["change_terms_of_reference", "view_member_contacts"]

    assert (
        sorted(
            Permission.objects.filter(content_type__app_label="bodies", codename__in=codenames).values_list(
                "codename", flat=True
            )
        )
        == codenames
    )


def test_one_off_grant_lets_a_stranger_see_contacts_of_that_body_only(cast):
    assign_perm(CONTACTS, cast.stranger, cast.board)
    user = _fresh(cast, "stranger")

    assert (user.has_perm(CONTACTS, cast.board), user.has_perm(CONTACTS, cast.forum)) == (True, False)
    assert user.has_perm(TERMS, cast.board) is False


def test_without_a_grant_the_stranger_sees_no_contacts(cast):
    user = _fresh(cast, "stranger")

    assert (user.has_perm(CONTACTS, cast.board), user.has_perm(CONTACTS, cast.forum)) == (False, False)


def test_one_off_grant_to_an_inactive_user_gives_nothing(cast):
    assign_perm(CONTACTS, cast.stranger, cast.board)
    cast.stranger.is_active = False
    cast.stranger.save()
    user = _fresh(cast, "stranger")

    assert user.has_perm(CONTACTS, cast.board) is False
