"""Benchmark the delivery of 10,000 due reminders through the sweeper and real Celery workers.

Run with `make bench`. It uses a database and a broker of its own: a fresh
SQLite file and the embedded file-system broker by default, or the
PostgreSQL server named by BENCH_DATABASE_URL and the Redis named by
BENCH_REDIS_URL (a database on them is created and dropped). BENCH_WORKERS
worker processes deliver (1 by default; more run Celery's prefork pool).
Mail goes to Django's in-memory backend, which builds each message (headers,
body, MIME) as SMTP would but sends it nowhere, so the figure is the
system's own work, not a mail server's. It prints the time from the first
sweep to the last row sent, the rate, and the count sent, which must be
exactly 10,000, each once.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
COUNT = int(os.environ.get("BENCH_NOTIFICATIONS", "10000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "1"))
_tmp = tempfile.mkdtemp(prefix="bench-notifications-")
_server = os.environ.get("BENCH_DATABASE_URL", "")
_redis = os.environ.get("BENCH_REDIS_URL", "")
_db_name = f"bench_notifications_{os.getpid()}"
_pg = f"{_server.rsplit('/', 1)[0]}/{_db_name}" if _server else ""


def _admin(sql):
    """Run `sql` on the PostgreSQL server of BENCH_DATABASE_URL, outside a transaction."""
    import psycopg

    with psycopg.connect(_server, autocommit=True) as admin:
        admin.execute(sql)


if _server:
    _admin(f'CREATE DATABASE "{_db_name}"')
env = {
    "VAR_DIR": _tmp,
    "DATABASE_URL": _pg or f"sqlite:///{_tmp}/bench.sqlite3",
    "CELERY_BROKER_URL": _redis or "filesystem://",
    "REDIS_URL": "",
    # Builds every message (message.message()) and keeps it in the worker's memory: the dummy backend
    # would skip building them, which is part of the work being measured.
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "DJANGO_SETTINGS_MODULE": "config.settings",
    # The bench sweeps itself; the beat would only add noise.
    "NOTIFICATIONS_SWEEP_SECONDS": "3600",
}
os.environ.update(env)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from notifications.models import Notification, NotificationStatus  # noqa: E402
from notifications.tasks import sweep  # noqa: E402
from partnership.models import Person  # noqa: E402


def main():
    call_command("migrate", verbosity=0)
    people = Person.objects.bulk_create(Person(name=f"Bench person {n}", email=f"p{n}@example.org") for n in range(100))
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            kind="pack_published",
            key=f"bench:{n}",
            recipient=people[n % len(people)],
            subject=f"Bench notification {n}",
            body="The agenda and papers are published.",
            url="/meetings/",
            due_at=now,
        )
        for n in range(COUNT)
    )
    concurrency = str(WORKERS)
    pool = ["--pool=prefork", f"--concurrency={concurrency}"] if WORKERS != 1 else ["--pool=solo"]
    worker = subprocess.Popen(  # noqa: S603 (a fixed argv, no shell)
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--loglevel=WARNING",
            *pool,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=open(Path(_tmp) / "worker.log", "w"),  # noqa: SIM115
    )
    try:
        time.sleep(3)  # let the worker start before the clock does
        started = time.perf_counter()
        claimed = sweep()
        sent = 0
        while time.perf_counter() - started < 600:
            sent = Notification.objects.filter(status=NotificationStatus.SENT).count()
            if sent >= COUNT:
                break
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    failed = Notification.objects.exclude(status=NotificationStatus.SENT).count()
    once = Notification.objects.filter(status=NotificationStatus.SENT, attempts=0).count()
    print(
        f"notifications: database {connection.vendor}, broker {'redis' if _redis else 'file system'}, "
        f"{concurrency} worker process{'es' if concurrency != '1' else ''}"
    )
    print(f"  claimed by the sweeper: {claimed}")
    print(f"  sent: {sent} of {COUNT} (not sent: {failed}; sent at the first attempt: {once})")
    print(f"  time from the first sweep to the last sent: {elapsed:.1f} s ({sent / elapsed:.0f} a second)")
    if sent != COUNT:
        sys.exit(f"expected exactly {COUNT} sent, got {sent}")


if __name__ == "__main__":
    try:
        main()
    finally:
        if _server:
            connection.close()
            _admin(f'DROP DATABASE IF EXISTS "{_db_name}"')
