from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"

    def ready(self):
        from agreements import policies, reminders  # noqa: F401  (register the app's rules and notification kinds)
