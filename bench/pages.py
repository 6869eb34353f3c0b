"""Benchmark the public pages on the demo partnership and on one ten times its size.

Run with `make bench`. Prints, per page, the median time of a request and the
number of queries on the demo data, the same with ten times as many bodies,
members and links, and the ratio of the two times. The pages draw the whole
framework, so some growth is expected; the query counts must not grow.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_tmp = tempfile.mkdtemp(prefix="bench-")
os.environ["VAR_DIR"] = _tmp
os.environ["DATABASE_URL"] = f"sqlite:///{_tmp}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["AXES_ENABLED"] = "false"

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bodies.models import Body, BodyKind, BodyLink, LinkKind, Membership, Mode, Role  # noqa: E402
from partnership.models import Person  # noqa: E402

REPEAT = 15
START = datetime.date(2012, 1, 1)


def pages():
    board = Body.objects.current().order_by("pk").first()
    return {
        "/": "/",
        "/bodies/": "/bodies/",
        "/bodies/<board>/": board.get_absolute_url(),
        "/framework/": "/framework/",
        "/framework/?on=2009-09-01": "/framework/?on=2009-09-01",
        "/organisations/": "/organisations/",
    }


def measure(client, url):
    client.get(url)  # warm the template cache
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times) * 1000, len(queries)


def grow(factor):
    """Add (factor - 1) copies of every current body, with members, a chair and links to the board."""
    bodies = list(Body.objects.current())
    board = Body.objects.current().order_by("pk").first()
    n = 0
    for copy in range(factor - 1):
        for body in bodies:
            n += 1
            new = Body.objects.create(
                name=f"{body.name} {copy + 2}",
                slug=f"bench-{n}",
                kind=body.kind if body.kind != BodyKind.PARTNERSHIP_BOARD else BodyKind.OTHER,
                mode=Mode.ADVISORY,
                established_on=START,
                active_from=START,
            )
            BodyLink.objects.create(from_body=new, to_body=board, kind=LinkKind.REPORTS_TO, start=START)
            for seat in range(4):
                person = Person.objects.create(name=f"Bench Person {n}-{seat}")
                Membership.objects.create(
                    person=person, body=new, role=Role.CHAIR if seat == 0 else Role.MEMBER, start=START
                )


def main():
    call_command("migrate", verbosity=0)
    call_command("loaddemo", "--quiet")
    client = Client()
    urls = pages()
    small = {name: measure(client, url) for name, url in urls.items()}
    bodies_small = Body.objects.current().count()
    grow(10)
    bodies_large = Body.objects.current().count()
    large = {name: measure(client, url) for name, url in urls.items()}
    print(f"Bodies today: {bodies_small} (demo) and {bodies_large} (x10). Median of {REPEAT} requests.")
    print(f"{'page':32} {'demo ms':>8} {'queries':>8} {'x10 ms':>8} {'queries':>8} {'ratio':>6}")
    for name in urls:
        (t1, q1), (t10, q10) = small[name], large[name]
        print(f"{name:32} {t1:8.1f} {q1:8d} {t10:8.1f} {q10:8d} {t10 / t1:6.2f}")


if __name__ == "__main__":
    main()
