from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "agreements"

    def ready(self):
        from agreements import policies, reminders  # noqa: F401  (register the app's rules and notification kinds)
        from agreements.models import (
            Agreement,
            AgreementVersion,
            Clause,
            Comment,
            CommentDecision,
            Rendition,
            Signatory,
            Signature,
            SigningEvent,
        )
        from partnership import public_cache

        # A change to any of them is a new generation of the pages that read them (partnership.public_cache).
        public_cache.watch(
            "agreement",
            Agreement,
            AgreementVersion,
            Clause,
            Signatory,
            Signature,
            SigningEvent,
            Rendition,
            Comment,
            CommentDecision,
        )
