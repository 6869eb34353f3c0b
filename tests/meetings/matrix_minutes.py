"""Permission matrix rows for attendance and minutes (merged by tests/matrix.py)."""

import datetime

from django.utils import timezone

from meetings.models import (
    Action,
    Capacity,
    Decision,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    StandingRole,
)
from tests.factories import AgendaItemFactory, AttendanceFactory, MeetingFactory, PersonFactory
from tests.matrix_helpers import (
    MANAGE_BUTTON,
    MANAGE_FORM,
    PUBLIC_PAGE,
    REDIRECT,
    secretariat_only,
    signed_in,
)

ENTRIES = {
    # Published minutes: everyone reads the permanent page; the feed is public.
    "meeting_minutes": PUBLIC_PAGE,
    "minutes_feed": PUBLIC_PAGE,
    # The published minutes as a tagged PDF: the public rendition, for everyone.
    "meeting_minutes_pdf": PUBLIC_PAGE,
    # An empty POST is refused: the formset's management form is missing.
    "meeting_attendance": MANAGE_FORM,
    "attendance_prepare": MANAGE_BUTTON,
    "attendance_add": MANAGE_FORM,
    "attendance_reserve": MANAGE_FORM,
    "attendance_remove": MANAGE_BUTTON,
    # Drafting twice is refused with a message on the minutes page: still a redirect.
    "minutes_draft": MANAGE_BUTTON,
    # An item's discussion may be empty ("see above"), so an empty POST saves.
    "minutes_item": {"GET": secretariat_only(200), "POST": secretariat_only(REDIRECT)},
    "minutes_decision_create": MANAGE_FORM,
    "minutes_decision_edit": MANAGE_FORM,
    "minutes_decision_delete": MANAGE_BUTTON,
    "minutes_action_create": MANAGE_FORM,
    "minutes_action_edit": MANAGE_FORM,
    "minutes_action_delete": MANAGE_BUTTON,
    "minutes_approve": MANAGE_FORM,
    # Only the chair signs; an empty POST lacks the password.
    "minutes_sign": {"GET": {**signed_in(404), "chair": 200}, "POST": {**signed_in(404), "chair": 400}},
    "minutes_correct": MANAGE_FORM,
    # The secretariat only; an empty POST names neither who signed nor when.
    "minutes_paper_signature": MANAGE_FORM,
    "minutes_publish": MANAGE_BUTTON,
}


def _past(days):
    return timezone.now() - datetime.timedelta(days=days)


def sample_args(cast):
    """Past meetings of the board: minutes published, approved and in draft; one entered afterwards, approved."""
    published = MeetingFactory(body=cast.board, starts_at=_past(90), status=MeetingStatus.MINUTES_PUBLISHED)
    AgendaItemFactory(meeting=published, number=1, title="Welcome")
    Minutes.objects.create(
        meeting=published,
        status=MinutesStatus.SIGNED,
        signed_by=cast.chair,
        signed_at=_past(40),
        signed_hash="a" * 64,
        published_at=_past(39),
    )

    approved = MeetingFactory(body=cast.board, starts_at=_past(60), status=MeetingStatus.MINUTES_APPROVED)
    AgendaItemFactory(meeting=approved, number=1, title="Welcome")
    draft = MeetingFactory(body=cast.board, starts_at=_past(30), status=MeetingStatus.MINUTES_DRAFTED)
    previous = AgendaItemFactory(meeting=draft, number=1, title="Minutes", standing_role=StandingRole.PREVIOUS_MINUTES)
    Minutes.objects.create(
        meeting=approved,
        status=MinutesStatus.APPROVED,
        approved_at_item=previous,
        approved_on=timezone.localdate(draft.starts_at),
    )
    item = AgendaItemFactory(meeting=draft, number=2, title="Community representation")
    Minutes.objects.create(meeting=draft)
    decision = Decision.objects.create(item=item, number=1, text="Agreed.")
    action = Action.objects.create(item=item, text="Report back.", owner_note="All partners")
    visitor = AttendanceFactory(meeting=draft, person=PersonFactory(name="Vic Visitor"), capacity=Capacity.VISITOR)

    entered = MeetingFactory(
        body=cast.board,
        starts_at=_past(400),
        status=MeetingStatus.MINUTES_APPROVED,
        entered_afterwards_at=_past(1),
        entered_afterwards_by=cast.secretariat,
    )
    Minutes.objects.create(
        meeting=entered,
        status=MinutesStatus.APPROVED,
        approved_at_item=previous,
        approved_on=timezone.localdate(draft.starts_at),
    )

    on_draft = {"<int:pk>": draft.pk}
    return {
        "meeting_minutes": {"<int:pk>": published.pk},
        "meeting_minutes_pdf": {"<int:pk>": published.pk},
        "minutes_publish": {"<int:pk>": published.pk},
        "meeting_attendance": on_draft,
        "attendance_prepare": on_draft,
        "attendance_add": on_draft,
        "attendance_reserve": on_draft,
        "attendance_remove": {**on_draft, "<int:attendance_pk>": visitor.pk},
        "minutes_draft": on_draft,
        "minutes_item": {**on_draft, "<int:item_pk>": item.pk},
        "minutes_decision_create": {**on_draft, "<int:item_pk>": item.pk},
        "minutes_decision_edit": {**on_draft, "<int:decision_pk>": decision.pk},
        "minutes_decision_delete": {**on_draft, "<int:decision_pk>": decision.pk},
        "minutes_action_create": {**on_draft, "<int:item_pk>": item.pk},
        "minutes_action_edit": {**on_draft, "<int:action_pk>": action.pk},
        "minutes_action_delete": {**on_draft, "<int:action_pk>": action.pk},
        "minutes_approve": on_draft,
        "minutes_sign": {"<int:pk>": approved.pk},
        "minutes_correct": {"<int:pk>": approved.pk},
        "minutes_paper_signature": {"<int:pk>": entered.pk},
    }
