"""URL patterns of notifications (included by config/urls.py)."""

from django.urls import path

from notifications import views

urlpatterns = [
    path("account/notifications/", views.notification_list, name="notification_list"),
    path("account/notifications/read/", views.notification_mark_read, name="notification_mark_read"),
    path("account/notifications/settings/", views.notification_settings, name="notification_settings"),
    path("notifications/unsubscribe/<str:token>/", views.notification_unsubscribe, name="notification_unsubscribe"),
    path("manage/outbox/", views.outbox, name="outbox"),
    path("manage/outbox/<int:pk>/retry/", views.outbox_retry, name="outbox_retry"),
]
