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

        # The Agreement's part of a person's work list (/account/), in the order it shows.
        from agreements import work as agreements_work
        from partnership import work

        work.register(agreements_work.signatures_awaited)
        work.register(agreements_work.drafts_open_for_comment)

        # An authorised signatory for an organisation needs a second factor (partnership.mfa).
        from agreements import signing
        from partnership import mfa

        mfa.require_for(signing.is_signatory_now)
