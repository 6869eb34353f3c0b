"""Fixtures of the base's tests."""

import pytest

from partnership import actions
from tests.factories import PersonFactory


@pytest.fixture
def invited(cast):
    """Ivy Ingram, in the records and invited by the secretariat to create an account."""
    person = PersonFactory(name="Ivy Ingram", email="ivy@example.org")
    return actions.invite_person(person, by=cast.secretariat)
