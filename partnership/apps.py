from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PartnershipConfig(AppConfig):
    name = "partnership"
    verbose_name = "Partnership"

    def ready(self):
        from partnership import public_cache
        from partnership.models import Organisation, Person, User, Withdrawal

        # Organisations and people are named on nearly every public page; a login is never shown.
        public_cache.watch("partners", Organisation, Withdrawal, Person)
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
