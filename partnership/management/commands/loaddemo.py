"""Load the demo partnership; running it again changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from partnership import demo_agreements
from partnership.demo import DemoConflict, load_demo


class Command(BaseCommand):
    help = "Load the demo partnership (West Cheshire Together, 2009-2011) with three demo logins. Safe to rerun."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Do not print the demo logins.")

    def handle(self, *args, quiet=False, **options):
        try:
            result = load_demo()
        except DemoConflict as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{n} {what}" for what, n in result.counts.items())
        if result.loaded:
            self.stdout.write(self.style.SUCCESS(f"Loaded the demo partnership: {counts}."))
        else:
            self.stdout.write(f"The demo partnership is already loaded; nothing changed ({counts}).")
        for problem in result.problems:
            self.stderr.write(self.style.WARNING(problem))
        demo_agreements.load(self.stdout)
        if quiet:
            return
        self.stdout.write("")
        self.stdout.write(
            self.style.WARNING("DEMO LOGINS - for a local demo only; never load the demo on a live site:")
        )
        for email, password, role in result.logins:
            self.stdout.write(f"  {email:<32} {password:<24} {role}")
