"""End to end: a real Redis, a real Celery worker with its beat, and the database as the truth.

The test starts its own redis-server on a free port (so that it can stop and
restart it) and a worker process on the test database. A paper deadline
approaches and the worker delivers the email; then, with the broker stopped,
a request still succeeds, and its notifications go out once Redis is back.

It needs PostgreSQL (the worker, another process, reads the test database)
and the redis-server program, as CI has them; on SQLite it is skipped.
"""

import datetime
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from meetings.actions import agenda
from notifications.models import Notification, NotificationStatus
from tests.factories import PersonFactory, UserFactory

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Redis:
    """A redis-server of the test's own, that keeps nothing on disk."""

    def __init__(self, port, workdir):
        self.port, self.workdir, self.process = port, workdir, None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 (a fixed argv, no shell)
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for(lambda: _answers(self.port), "redis-server to listen")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


def _answers(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _wait_for(condition, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


@pytest.fixture
def broker_and_worker(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker is another process: it needs the test database on PostgreSQL, as CI has")
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server is not installed: the end-to-end delivery test needs it")
    redis = Redis(_free_port(), tmp_path)
    redis.start()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis.port}/0",
        "REDIS_URL": "",
        "VAR_DIR": str(tmp_path),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "NOTIFICATIONS_SWEEP_SECONDS": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115  (closed below, after the worker stops)
    worker = subprocess.Popen(  # noqa: S603 (a fixed argv, no shell)
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--beat",
            "--pool=solo",
            "--loglevel=INFO",
            f"--schedule={tmp_path / 'beat-schedule'}",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        yield redis, tmp_path / "mail", tmp_path / "worker.log"
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()
        redis.stop()


def _mails(folder):
    return "".join(path.read_text() for path in folder.glob("*.log")) if folder.exists() else ""


def _sent(keys):
    return set(
        Notification.objects.filter(key__in=keys, status=NotificationStatus.SENT).values_list("key", flat=True)
    ) == set(keys)


def test_the_worker_delivers_a_paper_reminder_and_what_is_planned_while_redis_is_down(cast, broker_and_worker):
    redis, mail_dir, worker_log = broker_and_worker
    author = PersonFactory(name="Ann Author", email="ann@example.org", user=UserFactory(email="ann@example.org"))
    starts = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=20), datetime.time(14))
    )
    meeting = agenda.schedule_meeting(cast.board, by=cast.secretariat, starts_at=starts, venue="Chester")
    agenda.add_item(meeting, by=cast.secretariat, title="Youth strategy", paper_expected_from=author)

    # The deadline approaches: the first reminders fall due.
    first = Notification.objects.filter(kind="paper_due").order_by("due_at").first().due_at
    Notification.objects.filter(kind="paper_due", due_at=first).update(due_at=timezone.now())
    due_keys = list(Notification.objects.filter(due_at__lte=timezone.now()).values_list("key", flat=True))
    assert len(due_keys) == 2  # Ann, and Sam of the secretariat
    _wait_for(lambda: _sent(due_keys), f"the worker to send the paper reminders (log: {worker_log})")
    assert "Subject: Paper due in 3 days: item 3, Partnership Board" in _mails(mail_dir)
    assert "To: ann@example.org" in _mails(mail_dir)

    # The broker goes down; the secretariat publishes the pack all the same.
    redis.stop()
    from django.test import Client

    client = Client()
    client.force_login(cast.secretariat)
    response = client.post(reverse("agenda_pack_publish", args=[meeting.pk]), {"late_reason": ""})
    assert response.status_code == 302
    told = list(Notification.objects.filter(kind="pack_published").values_list("key", flat=True))
    assert len(told) == 2  # Chris and Mel
    # Planned, in the request's own transaction, with no word to the broker.
    assert set(Notification.objects.filter(key__in=told).values_list("status", flat=True)) == {
        NotificationStatus.PENDING
    }

    # Redis is back: the beat and the worker reconnect, and the sweeper sends what waited.
    redis.start()
    _wait_for(lambda: _sent(told), f"the notifications planned while Redis was down (log: {worker_log})", seconds=90)
    mails = _mails(mail_dir)
    assert mails.count("Subject: Agenda and papers: Partnership Board") == 2
    # Nothing was sent twice.
    assert mails.count("Subject: Paper due in 3 days") == 2
