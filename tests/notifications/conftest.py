"""Fixtures of the notifications' tests."""

import pytest


@pytest.fixture
def mel(cast):
    """Mel Morris, the cast's member of the Partnership Board, as a person notifications are planned for."""
    return cast.member.person
