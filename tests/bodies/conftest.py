"""Fixtures of the bodies' tests."""

import pytest

from tests.bodies.diagrams import small_framework


@pytest.fixture
def framework():
    """A small framework: boards, leads, thematic partnerships, area boards, a forum and groups."""
    return small_framework()
