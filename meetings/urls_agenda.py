"""URL patterns of this part of the meetings app (included by partnership/urls.py)."""

from django.urls import path

from meetings import standing
from meetings import views_agenda as views

MANAGE = "manage/meetings/<int:pk>/"

urlpatterns = [
    # Public and permanent: agendas and papers are cited for years.
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/pack.pdf", views.meeting_pack, name="meeting_pack"),
    path("meetings/<int:pk>/papers/<int:paper_id>/", views.paper_detail, name="paper_detail"),
    path(
        "meetings/<int:pk>/papers/<int:paper_id>/versions/<int:number>/download/",
        views.paper_download,
        name="paper_download",
    ),
    # The secretariat's pages.
    path("manage/bodies/<slug:slug>/standing-items/", standing.standing_items, name="standing_items"),
    path("manage/meetings/new/", views.meeting_schedule, name="agenda_meeting_schedule"),
    path("manage/meetings/past/new/", views.meeting_record_past, name="agenda_meeting_record_past"),
    path(MANAGE, views.agenda_manage, name="agenda_manage"),
    path(MANAGE + "edit/", views.meeting_edit, name="agenda_meeting_edit"),
    path(MANAGE + "cancel/", views.meeting_cancel, name="agenda_meeting_cancel"),
    path(MANAGE + "postpone/", views.meeting_postpone, name="agenda_meeting_postpone"),
    path(MANAGE + "reschedule/", views.meeting_reschedule, name="agenda_meeting_reschedule"),
    path(MANAGE + "publish/", views.pack_publish, name="agenda_pack_publish"),
    path(MANAGE + "items/new/", views.item_create, name="agenda_item_create"),
    path(MANAGE + "items/<int:item_id>/edit/", views.item_edit, name="agenda_item_edit"),
    path(MANAGE + "items/<int:item_id>/remove/", views.item_remove, name="agenda_item_remove"),
    path(MANAGE + "items/<int:item_id>/move/", views.item_move, name="agenda_item_move"),
    path(MANAGE + "papers/new/", views.paper_create, name="agenda_paper_create"),
    path(MANAGE + "papers/<int:paper_id>/edit/", views.paper_edit, name="agenda_paper_edit"),
    path(MANAGE + "papers/<int:paper_id>/remove/", views.paper_remove, name="agenda_paper_remove"),
    path(MANAGE + "papers/<int:paper_id>/versions/new/", views.version_create, name="agenda_version_create"),
]
