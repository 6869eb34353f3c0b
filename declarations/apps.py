from django.apps import AppConfig


class DeclarationsConfig(AppConfig):
    name = "declarations"

    def ready(self):
        # Register the app's rules with the permission backend and its notification kinds.
        from declarations import reminders  # noqa: F401
        from declarations.minutes import declarations_in_the_record, excluded_by_rulings
        from declarations.policies import gifts, interests, rulings  # noqa: F401
        from meetings.minutes_text import register_item_notes, register_quorum_excluder

        # A member who must withdraw from an item is not counted towards its quorum (Agreement 11.1.2), and the
        # declarations made at a meeting are part of the minutes' text the chair signs.
        register_quorum_excluder(excluded_by_rulings)
        register_item_notes(declarations_in_the_record)

        # A change to any of them is a new generation of the pages that read them (partnership.public_cache).
        from declarations.models import (
            AdviceRequest,
            Declaration,
            Disbarment,
            Dispute,
            Gift,
            GiftsSettings,
            Interest,
            RegisterConfirmation,
            Ruling,
        )
        from partnership import public_cache

        public_cache.watch(
            "registers",
            Interest,
            RegisterConfirmation,
            Declaration,
            Ruling,
            Disbarment,
            Dispute,
            GiftsSettings,
            Gift,
            AdviceRequest,
        )

        # The registers' part of a person's work list (/account/), in the order it shows.
        from declarations import work as declarations_work
        from partnership import work

        work.register(declarations_work.declarations_to_rule_on)
        work.register(declarations_work.register_to_confirm)
