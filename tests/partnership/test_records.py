"""Organisations and people are added and edited through the base's actions."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from partnership import actions
from partnership.models import Organisation, Person, Sector
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_save_person_refuses_an_address_another_person_has(cast):
    PersonFactory(name="Mike Jones", email="mike.jones@example.org")

    with pytest.raises(ValidationError) as caught:
        actions.save_person(Person(name="Michael Jones", email="Mike.Jones@example.org"), by=cast.secretariat)

    assert caught.value.message_dict == {"__all__": ["Another person already has this email address."]}
    assert list(Person.objects.filter(name__contains="Jones").values_list("name", flat=True)) == ["Mike Jones"]


def test_save_organisation_names_its_author_in_the_history(cast):
    organisation = actions.save_organisation(
        Organisation(name="Jobcentre Plus", slug="jobcentre-plus", sector=Sector.PUBLIC), by=cast.secretariat
    )

    assert organisation.history.get().history_user == cast.secretariat


def test_an_action_on_the_records_is_its_own_unit_of_work(cast):
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        actions.save_organisation(
            Organisation(name="Jobcentre Plus", slug="jobcentre-plus", sector=Sector.PUBLIC), by=cast.secretariat
        )
