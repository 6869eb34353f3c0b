from django.apps import AppConfig


class SearchConfig(AppConfig):
    """One search box over every app's public rendition, and over what each reader may see (issue 14)."""

    name = "search"

    def ready(self):
        # Keep the index in step with every write that changes what it holds, in the same transaction.
        from search import receivers

        receivers.connect()
