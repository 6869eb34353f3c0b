from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo partnership (West Cheshire Together), built through the apps' own actions."""

    name = "demo"
    verbose_name = "Demo partnership"
