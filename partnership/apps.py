from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnership"

    def ready(self):
        from partnership import public_cache
        from partnership.models import Organisation, Person, StatedGender, User, Withdrawal

        # Organisations and people are named on nearly every public page; a login is never shown.
        public_cache.watch("partners", Organisation, Withdrawal, Person)
        # Members' stated gender: only ever counted in a body's balance figures (bodies.balance), a public page.
        public_cache.watch("partners", StatedGender)
        public_cache.ignore(User)
        # Who may do what: a signed-in reader's pages (partnership.reader_cache) depend on it; public pages never
        # show it. The many-to-many tables of a login's groups and permissions come with User.
        from django.contrib.auth.models import Group, Permission
        from django.contrib.contenttypes.models import ContentType
        from guardian.models import GroupObjectPermission, UserObjectPermission

        public_cache.watch(
            "logins", User, Group, Permission, ContentType, UserObjectPermission, GroupObjectPermission, private=True
        )
        # A record of each signed-in session, kept on sign-in and ended on sign-out (partnership.sessions).
        from partnership import sessions

        sessions.connect_signals()
        # A migrated or flushed database changes rows without a signal for each.
        post_migrate.connect(public_cache.after_migrate, sender=self, dispatch_uid="public_cache.after_migrate")
        # Second factors (partnership.mfa): a person's devices and the secretariat's resets, shown on their own pages.
        from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from partnership import mfa
        from partnership.models import FactorReset

        public_cache.watch("logins", TOTPDevice, StaticDevice, StaticToken, FactorReset, private=True)
        mfa.connect_signals()
        from partnership.admin import unregister_second_factor_devices

        unregister_second_factor_devices()
