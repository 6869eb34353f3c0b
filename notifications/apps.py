from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from notifications.models import Notification, NotificationPreference
        from partnership import public_cache

        # A person's list and the outbox are signed-in pages (partnership.reader_cache); no public page shows them.
        public_cache.watch("notifications", Notification, NotificationPreference, private=True)
