"""The meetings app's pages: the calendar, attendance statistics, special meeting requests, the actions register,
agendas and papers, attendance and minutes (included by config/urls.py).

Every public address here is permanent: agendas, papers and minutes are cited for years."""

from django.urls import path
from django.views.decorators.http import require_safe

from meetings.feeds import MinutesFeed
from meetings.views import (
    agenda,
    attendance,
    attendance_figures,
    calendar,
    decisions,
    forward_plan,
    minutes,
    register,
    replies,
    requests,
    standing,
    stats,
    votes,
)
from partnership.public_cache import public_page

MANAGE = "manage/meetings/<int:pk>/"

urlpatterns = [
    # Calendar
    path("meetings/", calendar.meeting_list, name="meeting_list"),
    path("meetings/calendar/", calendar.calendar_page, name="calendar"),
    path("meetings/calendar.ics", calendar.calendar_ics_feed, name="calendar_ics"),
    path("bodies/<slug:slug>/meetings/", calendar.body_calendar, name="body_calendar"),
    path("bodies/<slug:slug>/meetings.ics", calendar.body_calendar_ics_feed, name="body_calendar_ics"),
    # A person's own calendar: the secret address (a token_urlsafe, so a slug) and the page that makes it.
    path("meetings/my/<slug:token>.ics", calendar.my_calendar_ics, name="my_calendar_ics"),
    path("account/calendar/", calendar.my_calendar, name="my_calendar"),
    # Attendance statistics
    path("meetings/attendance/", stats.attendance_stats, name="attendance_stats"),
    # The public's attendance figures, per body and per person (issue 15)
    path("bodies/<slug:slug>/attendance/", attendance_figures.body_attendance, name="body_attendance"),
    path("people/<int:pk>/attendance/", attendance_figures.person_attendance, name="person_attendance"),
    # Special meeting requests
    path("meetings/special-requests/", requests.special_request_list, name="special_request_list"),
    path("meetings/special-requests/yours/", requests.special_request_mine, name="special_request_mine"),
    path("meetings/special-requests/<int:pk>/", requests.special_request_detail, name="special_request_detail"),
    path(
        "meetings/special-requests/<int:pk>/forward/", requests.special_request_forward, name="special_request_forward"
    ),
    path("meetings/special-requests/<int:pk>/agree/", requests.special_request_agree, name="special_request_agree"),
    path(
        "meetings/special-requests/<int:pk>/decline/", requests.special_request_decline, name="special_request_decline"
    ),
    path(
        "bodies/<slug:slug>/meetings/special-request/",
        requests.special_request_create,
        name="special_request_create",
    ),
    # The actions register
    path("actions/", register.action_register, name="action_register"),
    path("actions/<int:pk>/update/", register.action_update, name="action_update"),
    # Agenda
    # Public and permanent: agendas and papers are cited for years.
    path("meetings/<int:pk>/", agenda.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/pack.pdf", agenda.meeting_pack, name="meeting_pack"),
    path("meetings/<int:pk>/papers/<int:paper_id>/", agenda.paper_detail, name="paper_detail"),
    path(
        "meetings/<int:pk>/papers/<int:paper_id>/versions/<int:number>/download/",
        agenda.paper_download,
        name="paper_download",
    ),
    # The secretariat's pages.
    path("manage/bodies/<slug:slug>/standing-items/", standing.standing_items, name="standing_items"),
    path("manage/meetings/new/", agenda.meeting_schedule, name="agenda_meeting_schedule"),
    path("manage/meetings/past/new/", agenda.meeting_record_past, name="agenda_meeting_record_past"),
    path(MANAGE, agenda.agenda_manage, name="agenda_manage"),
    path(MANAGE + "edit/", agenda.meeting_edit, name="agenda_meeting_edit"),
    path(MANAGE + "cancel/", agenda.meeting_cancel, name="agenda_meeting_cancel"),
    path(MANAGE + "postpone/", agenda.meeting_postpone, name="agenda_meeting_postpone"),
    path(MANAGE + "reschedule/", agenda.meeting_reschedule, name="agenda_meeting_reschedule"),
    path(MANAGE + "publish/", agenda.pack_publish, name="agenda_pack_publish"),
    path(MANAGE + "items/new/", agenda.item_create, name="agenda_item_create"),
    path(MANAGE + "items/<int:item_id>/edit/", agenda.item_edit, name="agenda_item_edit"),
    path(MANAGE + "items/<int:item_id>/remove/", agenda.item_remove, name="agenda_item_remove"),
    path(MANAGE + "items/<int:item_id>/move/", agenda.item_move, name="agenda_item_move"),
    path(MANAGE + "papers/new/", agenda.paper_create, name="agenda_paper_create"),
    path(MANAGE + "papers/<int:paper_id>/edit/", agenda.paper_edit, name="agenda_paper_edit"),
    path(MANAGE + "papers/<int:paper_id>/remove/", agenda.paper_remove, name="agenda_paper_remove"),
    path(MANAGE + "papers/<int:paper_id>/versions/new/", agenda.version_create, name="agenda_version_create"),
    # Minutes
    path("meetings/<int:pk>/minutes/", minutes.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/minutes.pdf", minutes.meeting_minutes_pdf, name="meeting_minutes_pdf"),
    path("minutes/feed/", public_page(require_safe(MinutesFeed())), name="minutes_feed"),
    # The decisions register and the forward plan (issue 16): public, and permanent for each decision
    path("decisions/", decisions.decision_register, name="decision_register"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("forward-plan/", forward_plan.forward_plan_public, name="forward_plan"),
    path("manage/forward-plan/", forward_plan.forward_plan_manage, name="forward_plan_manage"),
    path("manage/forward-plan/new/", forward_plan.forward_plan_create, name="forward_plan_create"),
    path("manage/forward-plan/<int:pk>/edit/", forward_plan.forward_plan_edit, name="forward_plan_edit"),
    path("manage/forward-plan/<int:pk>/remove/", forward_plan.forward_plan_remove, name="forward_plan_remove"),
    path("manage/forward-plan/<int:pk>/link/", forward_plan.forward_plan_link, name="forward_plan_link"),
    # Attendance (the secretariat)
    path("meetings/<int:pk>/attendance/", attendance.attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/attendance/prepare/", attendance.attendance_prepare, name="attendance_prepare"),
    path("meetings/<int:pk>/attendance/add/", attendance.attendance_add, name="attendance_add"),
    path("meetings/<int:pk>/attendance/reserve/", attendance.attendance_reserve, name="attendance_reserve"),
    path(
        "meetings/<int:pk>/attendance/mark-present/",
        attendance.attendance_mark_present,
        name="attendance_mark_present",
    ),
    # Members' replies (issue 15): a member's own, and who has replied, for the chair and the secretariat
    path("meetings/<int:pk>/reply/", replies.meeting_reply, name="meeting_reply"),
    path("meetings/<int:pk>/replies/", replies.meeting_replies, name="meeting_replies"),
    path(
        "meetings/<int:pk>/attendance/<int:attendance_pk>/remove/",
        attendance.attendance_remove,
        name="attendance_remove",
    ),
    # Drafting and editing (the secretariat)
    path("meetings/<int:pk>/minutes/draft/", minutes.minutes_draft, name="minutes_draft"),
    path("meetings/<int:pk>/minutes/items/<int:item_pk>/", minutes.minutes_item, name="minutes_item"),
    path(
        "meetings/<int:pk>/minutes/items/<int:item_pk>/decisions/new/",
        minutes.minutes_decision_create,
        name="minutes_decision_create",
    ),
    path(
        "meetings/<int:pk>/minutes/decisions/<int:decision_pk>/",
        minutes.minutes_decision_edit,
        name="minutes_decision_edit",
    ),
    path(
        "meetings/<int:pk>/minutes/decisions/<int:decision_pk>/delete/",
        minutes.minutes_decision_delete,
        name="minutes_decision_delete",
    ),
    # Recorded votes on a decision (the secretariat, while the minutes are a draft)
    path(
        "meetings/<int:pk>/minutes/decisions/<int:decision_pk>/vote/",
        votes.minutes_decision_vote,
        name="minutes_decision_vote",
    ),
    path(
        "meetings/<int:pk>/minutes/decisions/<int:decision_pk>/vote/remove/",
        votes.minutes_decision_vote_remove,
        name="minutes_decision_vote_remove",
    ),
    path(
        "meetings/<int:pk>/minutes/items/<int:item_pk>/actions/new/",
        minutes.minutes_action_create,
        name="minutes_action_create",
    ),
    path("meetings/<int:pk>/minutes/actions/<int:action_pk>/", minutes.minutes_action_edit, name="minutes_action_edit"),
    path(
        "meetings/<int:pk>/minutes/actions/<int:action_pk>/delete/",
        minutes.minutes_action_delete,
        name="minutes_action_delete",
    ),
    # Approval (the secretariat), signing (the chair), correction and publication (the secretariat)
    path("meetings/<int:pk>/minutes/approve/", minutes.minutes_approve, name="minutes_approve"),
    path("meetings/<int:pk>/minutes/sign/", minutes.minutes_sign, name="minutes_sign"),
    path("meetings/<int:pk>/minutes/paper-signature/", minutes.minutes_paper_signature, name="minutes_paper_signature"),
    path("meetings/<int:pk>/minutes/correct/", minutes.minutes_correct, name="minutes_correct"),
    path("meetings/<int:pk>/minutes/publish/", minutes.minutes_publish, name="minutes_publish"),
]
