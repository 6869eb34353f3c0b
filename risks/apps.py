from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "risks"
    verbose_name = "Risk register"

    def ready(self):
        # Register the app's rules with the permission backend, and its notification kinds and daily planner.
        from partnership import public_cache
        from risks import policies, reminders  # noqa: F401
        from risks.models import Risk

        # The register is for signed-in people only: a private scope, so a reader's page is kept
        # (partnership.reader_cache) and never a public one.
        public_cache.watch("risks", Risk, private=True)
