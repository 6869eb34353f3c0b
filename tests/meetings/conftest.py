"""Fixtures of the meetings tests: the shared scene, the board's past meetings of 2009, a temporary MEDIA_ROOT
and the secretariat's client."""

import pytest

from meetings.actions import minutes as minutes_actions
from tests.meetings import past as past_meetings
from tests.meetings.papers import temporary_media
from tests.meetings.scenario import build_scene, minute


@pytest.fixture
def scene(cast):
    """The board (quorum 3) with four seats, a named reserve, an observer, and two meetings (tests/meetings/scenario.py)."""
    return build_scene(cast)


@pytest.fixture
def minuted(scene):
    """The scene with its minutes drafted and filled in; its canonical text is scenario.EXPECTED."""
    return minute(scene)


@pytest.fixture
def past(cast):
    """`past(starts_at, **details)` enters a past meeting of the board of 2009 (tests/meetings/past.py)."""
    return past_meetings.board_in_2009(cast)


@pytest.fixture
def april(past):
    """The board's meeting of 30 April 2009, entered afterwards with two items of business."""
    return past(
        past_meetings.at(2009, 4, 30),
        ends_at=past_meetings.at(2009, 4, 30, 16),
        venue="Council Chamber, Chester",
        business=["Constitution of the partnership", "  ", "Commissioning budget"],
    )


@pytest.fixture
def may(past):
    """The board's meeting of 28 May 2009, entered afterwards."""
    return past(past_meetings.at(2009, 5, 28), venue="Council Chamber, Chester")


@pytest.fixture
def approved(cast, april, may):
    """April's minutes, drafted and approved at May's meeting."""
    minutes = past_meetings.minuted(cast, april)
    return minutes_actions.approve_minutes(minutes, by=cast.secretariat, at_item=past_meetings.previous_item(may))


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to a temporary MEDIA_ROOT, never var/media."""
    return temporary_media(settings, tmp_path)


@pytest.fixture
def sam(client_for):
    """A client signed in as Sam, of the secretariat."""
    return client_for("secretariat")
