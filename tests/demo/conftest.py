"""Fixtures of the demo's tests: the demo loaded once per class of tests."""

import pytest
from django.db import transaction
from django.test import override_settings

from tests.demo.support import FAST_HASHING, load


@pytest.fixture(scope="class")
def _demo_once(django_db_setup, django_db_blocker):
    """Load the demo once for a class of tests; roll it all back after the class."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHING), transaction.atomic():
        load("--quiet")
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(_demo_once, db):
    """The demo, loaded; each test's own changes are rolled back after it."""
