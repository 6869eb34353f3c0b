"""Permission matrix rows for the votes recorded on a decision (merged by tests/matrix.py)."""

import datetime

from django.utils import timezone

from meetings.models import Decision, MeetingStatus, Minutes
from tests.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory
from tests.matrix_helpers import MANAGE_BUTTON, MANAGE_FORM

ENTRIES = {
    # The secretariat only, as for editing the minutes; an empty POST says how no one voted: the form's errors.
    "minutes_decision_vote": MANAGE_FORM,
    # With no vote recorded the refusal is a message on the item's page: still a redirect.
    "minutes_decision_vote_remove": MANAGE_BUTTON,
}


def sample_args(cast):
    """A past meeting of the board with draft minutes, the chair present, and a decision to vote on."""
    meeting = MeetingFactory(
        body=cast.board, starts_at=timezone.now() - datetime.timedelta(days=20), status=MeetingStatus.MINUTES_DRAFTED
    )
    item = AgendaItemFactory(meeting=meeting, number=1, title="Allocation of the community safety fund")
    Minutes.objects.create(meeting=meeting)
    AttendanceFactory(meeting=meeting, person=cast.chair.person, membership=cast.chair_membership)
    decision = Decision.objects.create(item=item, number=1, text="The fund was allocated as the report proposed.")
    on_decision = {"<int:pk>": meeting.pk, "<int:decision_pk>": decision.pk}
    return {"minutes_decision_vote": on_decision, "minutes_decision_vote_remove": on_decision}
