"""Delete the records of signed-in sessions that ended more than SIGN_IN_RECORD_DAYS ago (daily from Celery beat)."""

from django.core.management.base import BaseCommand

from partnership import sessions


class Command(BaseCommand):
    help = "Delete the records of sessions that ended, or were last used, more than SIGN_IN_RECORD_DAYS days ago."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="keep this many days instead")

    def handle(self, *args, days=None, **options):
        deleted = sessions.purge_ended(days)
        self.stdout.write(f"Deleted {deleted} records of ended sessions.")
