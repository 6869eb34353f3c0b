"""Permission matrix rows for members' replies to a meeting (merged by tests/matrix.py)."""

from tests.factories import MeetingFactory
from tests.matrix_helpers import CAST, LOGIN, MANAGE_BUTTON, signed_in


def only(answers, otherwise=404):
    """Signed-in users outside `answers` get `otherwise`; anonymous users sign in."""
    return {**dict.fromkeys(CAST, otherwise), "anonymous": LOGIN, **answers}


ENTRIES = {
    # The board's members reply (the chair holds a seat too); an empty reply is refused with the form's error.
    "meeting_reply": {"GET": only({"member": 200, "chair": 200}), "POST": only({"member": 400, "chair": 400})},
    # The chair and the secretariat read every reply; a page that only shows answers any signed-in POST with 405.
    "meeting_replies": {"GET": only({"chair": 200, "secretariat": 200}), "POST": signed_in(405)},
    # The meeting is still to come, so the refusal comes back as a message on the attendance page.
    "attendance_mark_present": MANAGE_BUTTON,
}


def sample_args(cast):
    """A board meeting three weeks ahead: replies are open."""
    meeting = MeetingFactory(body=cast.board)
    this = {"<int:pk>": meeting.pk}
    return {"meeting_reply": this, "meeting_replies": this, "attendance_mark_present": this}
