"""Permission matrix rows for a person's own calendar of meetings (merged by tests/matrix.py)."""

from bodies.models import Role
from meetings.actions.calendar import new_calendar_address
from tests.factories import MeetingFactory, MembershipFactory, PersonFactory, UserFactory
from tests.matrix_helpers import everyone, signed_in

ENTRIES = {
    # The page is each signed-in person's own; an empty POST makes (or resets) their address and shows it.
    "my_calendar": {"GET": signed_in(200), "POST": signed_in(200)},
    # The secret address is the credential: it answers whoever holds it, signed in or not, and only to reading.
    "my_calendar_ics": {"GET": everyone(200), "POST": everyone(405)},
}


def sample_args(cast):
    """Create what this area's URLs need; return {URL name: {route parameter: value}}."""
    # The address of someone outside the cast, so that the cast's POSTs to the page (each a reset) leave it working.
    user = UserFactory(email="rhys@example.org")
    reserve = PersonFactory(name="Rhys Rowe", user=user)
    MembershipFactory(person=reserve, body=cast.board, role=Role.NAMED_RESERVE, reserve_for=cast.member_membership)
    MeetingFactory(body=cast.board)
    token = new_calendar_address(reserve, by=user)
    return {"my_calendar_ics": {"<slug:token>": token}}
