"""The secretariat's power, as a predicate and as its queryset twin."""

import pytest
from django.contrib.auth.models import AnonymousUser

from partnership.models import User
from partnership.policies import is_secretariat, secretariat_users
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_secretariat_is_the_officer_and_an_active_superuser_only(cast):
    superuser = UserFactory(email="root@example.org", is_superuser=True)
    UserFactory(email="gone@example.org", is_superuser=True, is_active=False)

    assert sorted(user.email for user in secretariat_users()) == [superuser.email, cast.secretariat.email]


def test_an_officer_whose_login_is_closed_is_not_in_the_secretariat(cast):
    cast.secretariat.is_active = False
    cast.secretariat.save()

    assert (is_secretariat(User.objects.get(pk=cast.secretariat.pk)), list(secretariat_users())) == (False, [])


def test_the_predicate_agrees_with_its_queryset_twin(cast):
    UserFactory(email="root@example.org", is_superuser=True)
    UserFactory(email="gone@example.org", is_superuser=True, is_active=False)

    by_predicate = {user.pk for user in User.objects.all() if is_secretariat(User.objects.get(pk=user.pk))}

    assert set(secretariat_users().values_list("pk", flat=True)) == by_predicate


def test_the_anonymous_public_is_not_the_secretariat():
    assert (is_secretariat(None), is_secretariat(AnonymousUser())) == (False, False)
