from django.apps import AppConfig


class BodiesConfig(AppConfig):
    name = "bodies"
    verbose_name = "Constituent bodies"

    def ready(self):
        from bodies import policies, reminders  # noqa: F401  (register the app's rules and notification kinds)
