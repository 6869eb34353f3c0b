from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self):
        from meetings import policies, reminders  # noqa: F401  (register the app's rules and notification kinds)
