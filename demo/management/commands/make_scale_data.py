"""Build the scale data set (demo.scale): twenty years of a large partnership at 1x, for measuring pages."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bodies.models import Body
from demo import scale as scale_data
from meetings.models import Meeting
from partnership import public_cache
from partnership.models import Organisation, Person, User
from search import index as search_index


def positive_float(raw):
    try:
        value = float(raw)
    except ValueError:
        raise CommandError(f"--scale must be a number, not {raw!r}") from None
    if not value > 0 or value != value or value == float("inf"):
        raise CommandError(f"--scale must be a positive number, not {raw!r}")
    return value


class Command(BaseCommand):
    help = (
        "Build the scale data set into an empty database with bulk inserts: at --scale 1, 50 bodies over 20 years, "
        "2,000 people, 5,000 meetings, 50,000 declarations (see demo/scale.py). For measuring only: never on a live site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=positive_float, default=1.0, help="1 for the full set; 0.1 for a tenth.")
        parser.add_argument("--seed", type=int, default=2009, help="The same seed, scale and day give the same data.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Build even though the database holds other data (the demo, say); the scale set goes beside it.",
        )

    def handle(self, *args, scale, seed, force, verbosity=1, **options):
        if not settings.DEBUG:
            raise CommandError(
                "make_scale_data writes thousands of invented people and meetings: it runs only with DEBUG on, "
                "so that it never fills a live site. Set DEBUG=true for this command."
            )
        if scale_data.is_scale_data_set():
            raise CommandError(
                "This database already holds a scale data set. Build into an empty database "
                "(a new DATABASE_URL, or `manage.py flush` first)."
            )
        held = {
            "organisations": Organisation.objects.count(),
            "people": Person.objects.count(),
            "logins": User.objects.count(),
            "bodies": Body.objects.count(),
            "meetings": Meeting.objects.count(),
        }
        if any(held.values()) and not force:
            what = ", ".join(f"{n} {name}" for name, n in held.items() if n)
            raise CommandError(
                f"This database already holds data that is not a scale data set ({what}). make_scale_data builds "
                "into an empty database: point DATABASE_URL at one, or pass --force to build beside what is there."
            )
        sizes = scale_data.sizes_for(scale)
        self.stdout.write(
            f"Building the scale data set at {scale:g}x (seed {seed}) on {connection.vendor}: {sizes.bodies} bodies "
            f"over {sizes.years:.1f} years, {sizes.people} people, about {sizes.meetings} meetings."
        )
        say = self.stdout.write if verbosity > 1 else None
        started = time.perf_counter()
        counts = scale_data.build(scale, seed=seed, say=say)
        # Bulk inserts send no signal: every public page kept from before is rendered afresh, and the search
        # index is built from the rows as they now are.
        public_cache.bump_all()
        indexed = time.perf_counter()
        counts["search entries"] = search_index.rebuild()
        self.stdout.write(f"Built the search index in {time.perf_counter() - indexed:.0f} s.")
        elapsed = time.perf_counter() - started
        self.stdout.write(", ".join(f"{n} {name}" for name, n in counts.items()) + ".")
        self.stdout.write(self.style.SUCCESS(f"Built the scale data set at {scale:g}x in {elapsed:.0f} s."))
        self.stdout.write(
            "Logins (the demo's password): "
            + ", ".join(f"{email} ({role})" for email, role in scale_data.login_roles())
            + "."
        )
