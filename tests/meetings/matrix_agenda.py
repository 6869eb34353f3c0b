"""Permission matrix rows for this area's URLs (merged by tests/matrix.py)."""

import datetime

from django.utils import timezone

from meetings.actions import agenda as actions
from tests.matrix_helpers import (
    MANAGE_BUTTON,
    MANAGE_FORM,
    MANAGE_PAGE,
    PUBLIC_PAGE,
    REDIRECT,
    everyone,
    secretariat_only,
)

ENTRIES = {
    "meeting_detail": PUBLIC_PAGE,
    "meeting_pack": PUBLIC_PAGE,
    "paper_detail": PUBLIC_PAGE,
    # The sample is a confidential paper of the Partnership Board: its members and the secretariat only.
    "paper_download": {
        "GET": {**everyone(404), "member": 200, "chair": 200, "secretariat": 200},
        "POST": everyone(405),
    },
    "agenda_meeting_schedule": MANAGE_FORM,
    # An empty POST names no body and no date: refused with the form's errors.
    "agenda_meeting_record_past": MANAGE_FORM,
    # An empty POST chooses no standing item: refused with the form's error.
    "standing_items": MANAGE_FORM,
    "agenda_manage": MANAGE_PAGE,
    "agenda_meeting_edit": MANAGE_FORM,
    "agenda_meeting_cancel": MANAGE_FORM,
    "agenda_meeting_postpone": MANAGE_FORM,
    "agenda_meeting_reschedule": MANAGE_FORM,
    # Publishing needs no input before the deadline: the empty POST publishes and returns to the meeting.
    "agenda_pack_publish": {"GET": secretariat_only(200), "POST": secretariat_only(REDIRECT)},
    "agenda_item_create": MANAGE_FORM,
    "agenda_item_edit": MANAGE_FORM,
    "agenda_item_remove": MANAGE_BUTTON,
    # An empty POST names no direction: the secretariat is sent back with the message.
    "agenda_item_move": MANAGE_BUTTON,
    "agenda_paper_create": MANAGE_FORM,
    "agenda_paper_edit": MANAGE_FORM,
    "agenda_paper_remove": MANAGE_BUTTON,
    "agenda_version_create": MANAGE_FORM,
}


def _future(days):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))


def sample_args(cast):
    """Create what this area's URLs need; return {URL name: {route parameter: value}}."""
    by = cast.secretariat
    published = actions.schedule_meeting(cast.board, by=by, starts_at=_future(21), venue="Wyvern House")
    business = actions.add_item(published, by=by, title="Sustainable Community Strategy")
    public_paper = actions.add_paper(published, by=by, item=business, title="Strategy refresh", author="A", text="Hi")
    secret = actions.add_paper(
        published,
        by=by,
        item=business,
        title="Commissioning budget",
        author="B",
        text="Figures",
        confidential=True,
        confidential_reason="Commercially sensitive",
    )
    actions.publish_pack(published, by=by)

    draft = actions.schedule_meeting(cast.board, by=by, starts_at=_future(28))
    edited = actions.add_item(draft, by=by, title="To edit")
    removed = actions.add_item(draft, by=by, title="To remove")
    draft_paper = actions.add_paper(draft, by=by, item=edited, title="Draft report", author="C", text="Draft")
    doomed_paper = actions.add_paper(draft, by=by, title="Report to remove", author="D", text="Gone")
    to_publish = actions.schedule_meeting(cast.forum, by=by, starts_at=_future(35))
    postponed = actions.postpone_meeting(
        actions.schedule_meeting(cast.forum, by=by, starts_at=_future(42)), by=by, reason="The venue flooded"
    )

    def meeting(m):
        return {"<int:pk>": m.pk}

    return {
        "standing_items": {"<slug:slug>": cast.board.slug},
        "meeting_detail": meeting(published),
        "meeting_pack": meeting(published),
        "paper_detail": {**meeting(published), "<int:paper_id>": public_paper.pk},
        "paper_download": {**meeting(published), "<int:paper_id>": secret.pk, "<int:number>": 1},
        "agenda_manage": meeting(draft),
        "agenda_meeting_edit": meeting(draft),
        "agenda_meeting_cancel": meeting(draft),
        "agenda_meeting_postpone": meeting(draft),
        "agenda_meeting_reschedule": meeting(postponed),
        "agenda_pack_publish": meeting(to_publish),
        "agenda_item_create": meeting(draft),
        "agenda_item_edit": {**meeting(draft), "<int:item_id>": edited.pk},
        "agenda_item_remove": {**meeting(draft), "<int:item_id>": removed.pk},
        "agenda_item_move": {**meeting(draft), "<int:item_id>": edited.pk},
        "agenda_paper_create": meeting(draft),
        "agenda_paper_edit": {**meeting(draft), "<int:paper_id>": draft_paper.pk},
        "agenda_paper_remove": {**meeting(draft), "<int:paper_id>": doomed_paper.pk},
        "agenda_version_create": {**meeting(draft), "<int:paper_id>": draft_paper.pk},
    }
