"""Permission matrix rows for the decisions register and the forward plan (merged by tests/matrix.py)."""

import datetime

from django.utils import timezone

from meetings.models import Decision, ForwardPlanEntry, Minutes
from tests.factories import AgendaItemFactory, MeetingFactory
from tests.matrix_helpers import MANAGE_FORM, MANAGE_PAGE, PUBLIC_PAGE, REDIRECT, secretariat_only

ENTRIES = {
    "decision_register": PUBLIC_PAGE,
    # The sample decision's minutes are published: a permanent public page.
    "decision_detail": PUBLIC_PAGE,
    "forward_plan": PUBLIC_PAGE,
    "forward_plan_manage": MANAGE_PAGE,
    # An empty entry is refused with the form's errors.
    "forward_plan_create": MANAGE_FORM,
    "forward_plan_edit": MANAGE_FORM,
    # Confirming removes the entry; choosing no item takes the link away: both return to the list.
    "forward_plan_remove": {"GET": secretariat_only(200), "POST": secretariat_only(REDIRECT)},
    "forward_plan_link": {"GET": secretariat_only(200), "POST": secretariat_only(REDIRECT)},
}


def sample_args(cast):
    """Create what this area's URLs need; return {URL name: {route parameter: value}}."""
    held = MeetingFactory(body=cast.board, starts_at=timezone.now() - datetime.timedelta(days=40))
    Minutes.objects.create(meeting=held, published_at=timezone.now())
    decision = Decision.objects.create(
        item=AgendaItemFactory(meeting=held, number=1, title="Community safety plan"),
        number=1,
        text="The community safety plan was adopted.",
    )
    coming = MeetingFactory(body=cast.board)
    AgendaItemFactory(meeting=coming, number=1, title="Housing strategy")
    entry = ForwardPlanEntry.objects.create(
        body=cast.board, title="Adopt the housing strategy", expected_meeting=coming
    )
    # Its own entry: the secretariat's POST removes it while the others stay for the pages after.
    removed = ForwardPlanEntry.objects.create(
        body=cast.board, title="Agree the venues for next year", expected_month=datetime.date(2031, 5, 1)
    )
    return {
        "decision_detail": {"<int:pk>": decision.pk},
        "forward_plan_edit": {"<int:pk>": entry.pk},
        "forward_plan_remove": {"<int:pk>": removed.pk},
        "forward_plan_link": {"<int:pk>": entry.pk},
    }
