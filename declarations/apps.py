from django.apps import AppConfig


class DeclarationsConfig(AppConfig):
    name = "declarations"

    def ready(self):
        from declarations import policies, reminders  # noqa: F401  (register the app's rules and notification kinds)
