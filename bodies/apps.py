from django.apps import AppConfig


class BodiesConfig(AppConfig):
    name = "bodies"
    verbose_name = "Constituent bodies"

    def ready(self):
        from bodies import policies, reminders  # noqa: F401  (register the app's rules and notification kinds)
        from bodies.models import Body, BodyChange, BodyLink, Membership, Seat
        from partnership import public_cache

        # A change to any of them is a new generation of the pages that read them (partnership.public_cache).
        public_cache.watch("framework", Body, BodyChange, BodyLink, Seat, Membership)

        # A current chair or vice chair of any body needs a second factor (partnership.mfa).
        from partnership import mfa

        mfa.require_for(policies.chairs_a_body_now)
