"""URL patterns of this part of the meetings app (included by partnership/urls.py)."""

from django.urls import path

from meetings import views_calendar as views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/calendar/", views.calendar_page, name="calendar"),
    path("meetings/calendar.ics", views.calendar_ics_feed, name="calendar_ics"),
    path("meetings/attendance/", views.attendance_stats, name="attendance_stats"),
    path("meetings/special-requests/", views.special_request_list, name="special_request_list"),
    path("meetings/special-requests/yours/", views.special_request_mine, name="special_request_mine"),
    path("meetings/special-requests/<int:pk>/", views.special_request_detail, name="special_request_detail"),
    path("meetings/special-requests/<int:pk>/forward/", views.special_request_forward, name="special_request_forward"),
    path("meetings/special-requests/<int:pk>/agree/", views.special_request_agree, name="special_request_agree"),
    path("meetings/special-requests/<int:pk>/decline/", views.special_request_decline, name="special_request_decline"),
    path("bodies/<slug:slug>/meetings/", views.body_calendar, name="body_calendar"),
    path("bodies/<slug:slug>/meetings.ics", views.body_calendar_ics_feed, name="body_calendar_ics"),
    path(
        "bodies/<slug:slug>/meetings/special-request/",
        views.special_request_create,
        name="special_request_create",
    ),
    path("actions/", views.action_register, name="action_register"),
    path("actions/<int:pk>/update/", views.action_update, name="action_update"),
]
