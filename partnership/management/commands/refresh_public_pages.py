"""Render every public page afresh at its next request (partnership.public_cache).

Run it after a release (new templates change what pages show without a row changing), and after loading rows
around the ORM's signals (raw SQL, a restore of the database).
"""

from django.core.management.base import BaseCommand

from partnership import public_cache


class Command(BaseCommand):
    help = "Start a new generation of every scope of the public cache: every public page is rendered afresh."

    def handle(self, *args, **options):
        public_cache.bump_all()
        self.stdout.write(f"Public pages will be rendered afresh ({', '.join(public_cache.scopes())}).")
