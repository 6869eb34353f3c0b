from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"

    def ready(self):
        from agreements import policies  # noqa: F401  (registers the app's rules)
