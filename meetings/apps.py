from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self):
        # Register the app's rules with the permission backend, and its notification kinds.
        from meetings import reminders  # noqa: F401
        from meetings.policies import agenda, minutes, register, requests, stats  # noqa: F401
