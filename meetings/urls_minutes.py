"""URL patterns of this part of the meetings app (included by partnership/urls.py).

/meetings/<id>/minutes/ is the permanent address of a meeting's minutes.
"""

from django.urls import path
from django.views.decorators.http import require_safe

from meetings import views_minutes as views
from meetings.feeds import MinutesFeed

urlpatterns = [
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("minutes/feed/", require_safe(MinutesFeed()), name="minutes_feed"),
    # Attendance (the secretariat)
    path("meetings/<int:pk>/attendance/", views.attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/attendance/prepare/", views.attendance_prepare, name="attendance_prepare"),
    path("meetings/<int:pk>/attendance/add/", views.attendance_add, name="attendance_add"),
    path("meetings/<int:pk>/attendance/reserve/", views.attendance_reserve, name="attendance_reserve"),
    path(
        "meetings/<int:pk>/attendance/<int:attendance_pk>/remove/",
        views.attendance_remove,
        name="attendance_remove",
    ),
    # Drafting and editing (the secretariat)
    path("meetings/<int:pk>/minutes/draft/", views.minutes_draft, name="minutes_draft"),
    path("meetings/<int:pk>/minutes/items/<int:item_pk>/", views.minutes_item, name="minutes_item"),
    path(
        "meetings/<int:pk>/minutes/items/<int:item_pk>/decisions/new/",
        views.minutes_decision_create,
        name="minutes_decision_create",
    ),
    path(
        "meetings/<int:pk>/minutes/decisions/<int:decision_pk>/",
        views.minutes_decision_edit,
        name="minutes_decision_edit",
    ),
    path(
        "meetings/<int:pk>/minutes/decisions/<int:decision_pk>/delete/",
        views.minutes_decision_delete,
        name="minutes_decision_delete",
    ),
    path(
        "meetings/<int:pk>/minutes/items/<int:item_pk>/actions/new/",
        views.minutes_action_create,
        name="minutes_action_create",
    ),
    path("meetings/<int:pk>/minutes/actions/<int:action_pk>/", views.minutes_action_edit, name="minutes_action_edit"),
    path(
        "meetings/<int:pk>/minutes/actions/<int:action_pk>/delete/",
        views.minutes_action_delete,
        name="minutes_action_delete",
    ),
    # Approval (the secretariat), signing (the chair), correction and publication (the secretariat)
    path("meetings/<int:pk>/minutes/approve/", views.minutes_approve, name="minutes_approve"),
    path("meetings/<int:pk>/minutes/sign/", views.minutes_sign, name="minutes_sign"),
    path("meetings/<int:pk>/minutes/paper-signature/", views.minutes_paper_signature, name="minutes_paper_signature"),
    path("meetings/<int:pk>/minutes/correct/", views.minutes_correct, name="minutes_correct"),
    path("meetings/<int:pk>/minutes/publish/", views.minutes_publish, name="minutes_publish"),
]
