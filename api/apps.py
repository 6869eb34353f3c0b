from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only public API under /api/ (issue 16): what the public pages show, as JSON.

    It has no models of its own: every row comes from the apps' own querysets and policies, asked as the
    anonymous public, so the API can never show more than the public pages do.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = "Public API"
