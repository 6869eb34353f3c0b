from django.apps import AppConfig


class BodiesConfig(AppConfig):
    name = "bodies"
    verbose_name = "Constituent bodies"

    def ready(self):
        from bodies import policies  # noqa: F401  (registers the app's rules)
