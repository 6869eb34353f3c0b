"""The scene the attendance and minutes tests share (tests/meetings/scenario.py) is what they assume."""

from meetings.models import MeetingStatus
from tests.meetings.scenario import HELD, NEXT, published


def test_the_scene_holds_two_meetings_of_the_board_a_month_apart(scene):
    assert [(m.body, m.starts_at) for m in (scene.meeting, scene.following)] == [
        (scene.cast.board, HELD),
        (scene.cast.board, NEXT),
    ]
    assert [item.number for item in scene.meeting.items.all()] == [1, 2, 3, 4, 5]
    assert scene.meeting.status == MeetingStatus.SCHEDULED


def test_the_published_scene_has_gone_through_every_step(scene):
    minutes = published(scene)

    minutes.refresh_from_db()
    scene.meeting.refresh_from_db()
    assert (minutes.status, minutes.is_published, scene.meeting.status) == (
        "signed",
        True,
        MeetingStatus.MINUTES_PUBLISHED,
    )
