"""Permission matrix rows for this area's URLs (merged by tests/matrix.py)."""

import datetime

from django.utils import timezone

from meetings.models import Action, RequestStatus, SpecialMeetingRequest
from tests.factories import AgendaItemFactory, MeetingFactory
from tests.matrix_helpers import CAST, LOGIN, PUBLIC_PAGE, REDIRECT, signed_in


def only(answers, otherwise=404, anonymous=LOGIN):
    """Signed-in users outside `answers` get `otherwise`; anonymous users sign in."""
    return {**dict.fromkeys(CAST, otherwise), "anonymous": anonymous, **answers}


# Pages that only show something answer any signed-in POST with 405 before asking who
# the user is: the answer says nothing about the request or the body behind the page.
ENTRIES = {
    "meeting_list": PUBLIC_PAGE,
    "calendar": PUBLIC_PAGE,
    "calendar_ics": PUBLIC_PAGE,
    "body_calendar": PUBLIC_PAGE,
    "body_calendar_ics": PUBLIC_PAGE,
    # The secretariat sees every body; a member the bodies they sit on; someone on none, nothing.
    "attendance_stats": {
        "GET": only({"other_member": 200, "member": 200, "chair": 200, "secretariat": 200}),
        "POST": signed_in(405),
    },
    # A member of the body asks; an empty request is refused with the form's errors.
    "special_request_create": {
        "GET": only({"member": 200, "chair": 200}),
        "POST": only({"member": 400, "chair": 400}),
    },
    "special_request_mine": {"GET": signed_in(200), "POST": signed_in(405)},
    # The secretariat, and chairs for their bodies.
    "special_request_list": {
        "GET": only({"chair": 200, "secretariat": 200}),
        "POST": signed_in(405),
    },
    # The sample request was made by the member and forwarded to the chair.
    "special_request_detail": {
        "GET": only({"member": 200, "chair": 200, "secretariat": 200}),
        "POST": signed_in(405),
    },
    # Forwarding it again is refused with a message on the request's page.
    "special_request_forward": {
        "GET": only({"secretariat": 405}),
        "POST": only({"secretariat": REDIRECT}),
    },
    # Only the chair decides; an empty form is refused with its errors.
    "special_request_agree": {"GET": only({"chair": 200}), "POST": only({"chair": 400})},
    "special_request_decline": {"GET": only({"chair": 200}), "POST": only({"chair": 400})},
    "action_register": {"GET": signed_in(200), "POST": signed_in(405)},
    # The sample action is the member's; the secretariat may update any action.
    "action_update": {
        "GET": only({"member": 200, "secretariat": 200}),
        "POST": only({"member": 400, "secretariat": 400}),
    },
}


def sample_args(cast):
    """Create what this area's URLs need; return {URL name: {route parameter: value}}."""
    meeting = MeetingFactory(body=cast.board)
    item = AgendaItemFactory(meeting=meeting, number=1, title="Performance report")
    action = Action.objects.create(item=item, text="Circulate the performance report", due_on=datetime.date(2009, 6, 1))
    action.owners.add(cast.member.person)
    special = SpecialMeetingRequest.objects.create(
        body=cast.board,
        requested_by=cast.member,
        reason="The budget needs a decision before the next ordinary meeting.",
        status=RequestStatus.FORWARDED,
        forwarded_by=cast.secretariat,
        forwarded_at=timezone.now(),
    )
    board = {"<slug:slug>": cast.board.slug}
    request = {"<int:pk>": special.pk}
    return {
        "body_calendar": board,
        "body_calendar_ics": board,
        "special_request_create": board,
        "special_request_detail": request,
        "special_request_forward": request,
        "special_request_agree": request,
        "special_request_decline": request,
        "action_update": {"<int:pk>": action.pk},
    }
