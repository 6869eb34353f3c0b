import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import AnonymousUser, Permission
from django.test import RequestFactory

from partnership import policies
from partnership.backends import PartnershipBackend
from partnership.models import User
from tests.conftest import CAST_KEYS
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _login_request():
    return RequestFactory().post("/accounts/login/", REMOTE_ADDR="192.0.2.10")


def _fresh(cast, who):
    user = getattr(cast, who)
    return AnonymousUser() if user is None else User.objects.get(pk=user.pk)


# Logging in


def test_backend_logs_in_by_email_whatever_its_case(cast):
    user = PartnershipBackend().authenticate(_login_request(), username="  SAM@Example.ORG ", password=PASSWORD)

    assert user == cast.secretariat


def test_login_through_every_backend_is_case_insensitive(cast):
    assert authenticate(_login_request(), username="CHRIS@EXAMPLE.ORG", password=PASSWORD) == cast.chair


def test_login_with_the_wrong_password_is_refused(cast):
    assert authenticate(_login_request(), username="chris@example.org", password="wrong-horse-battery") is None


def test_login_of_an_unknown_address_is_refused(cast):
    assert authenticate(_login_request(), username="nobody@example.org", password=PASSWORD) is None


def test_inactive_user_cannot_log_in(cast):
    cast.member.is_active = False
    cast.member.save()

    assert authenticate(_login_request(), username="mel@example.org", password=PASSWORD) is None


# Permissions


@pytest.mark.parametrize(("who", "expected"), [(who, who == "secretariat") for who in CAST_KEYS])
def test_only_the_secretariat_may_manage(cast, who, expected):
    assert _fresh(cast, who).has_perm("partnership.manage") is expected


def test_inactive_secretariat_officer_has_no_powers(cast):
    cast.secretariat.is_active = False
    cast.secretariat.save()
    cast.secretariat.user_permissions.add(Permission.objects.get(codename="change_body"))
    user = User.objects.get(pk=cast.secretariat.pk)

    assert [user.has_perm(perm) for perm in ["partnership.manage", "bodies.change_body"]] == [False, False]
    assert user.has_perm("bodies.view_member_contacts", cast.board) is False
    assert user.get_all_permissions() == set()


def test_active_user_with_a_model_permission_has_it(cast):
    cast.stranger.user_permissions.add(Permission.objects.get(codename="change_body"))
    user = User.objects.get(pk=cast.stranger.pk)

    assert (user.has_perm("bodies.change_body"), user.has_perm("bodies.delete_body")) == (True, False)


def test_anonymous_public_has_no_powers(cast):
    anonymous = AnonymousUser()

    assert [anonymous.has_perm(perm) for perm in policies.registered()] == [False] * len(policies.registered())
    body_rules = [perm for perm in policies.registered() if perm.startswith(("bodies.", "partnership."))]
    assert [anonymous.has_perm(perm, cast.board) for perm in body_rules] == [False] * len(body_rules)


def test_anonymous_public_sees_an_ordinary_item_but_not_a_confidential_one(cast):
    from tests.factories import AgendaItemFactory, MeetingFactory

    meeting = MeetingFactory(body=cast.board)
    ordinary = AgendaItemFactory(meeting=meeting, number=1)
    confidential = AgendaItemFactory(meeting=meeting, number=2, confidential=True, confidential_reason="Contract")
    anonymous = AnonymousUser()

    assert (
        anonymous.has_perm("meetings.view_item", ordinary),
        anonymous.has_perm("meetings.view_item", confidential),
    ) == (
        True,
        False,
    )


def test_unknown_permission_is_refused_even_to_the_secretariat(cast):
    assert _fresh(cast, "secretariat").has_perm("bodies.launch_rockets", cast.board) is False


def test_rules_are_registered_for_every_app_power():
    assert {"partnership.manage", "bodies.change_terms_of_reference", "bodies.view_member_contacts"} <= set(
        policies.registered()
    )
