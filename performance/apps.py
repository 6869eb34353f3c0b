from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = "Performance management"

    def ready(self):
        from partnership import public_cache
        from performance import policies, reminders  # noqa: F401  (register the app's rules and notification kinds)
        from performance.models import Indicator, Target, Value

        # A change to any of them is a new generation of the pages that read them (partnership.public_cache).
        public_cache.watch("performance", Indicator, Target, Value)
