from django.apps import AppConfig


class DeclarationsConfig(AppConfig):
    name = "declarations"

    def ready(self):
        from declarations import policies  # noqa: F401  (registers the app's rules)
