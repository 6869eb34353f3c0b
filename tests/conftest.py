"""Hermetic settings for every test, and the fixed cast.

The cast (as healthchecks' alice/bob/charlie):

- secretariat: Sam, a secretariat officer (in the Secretariat group);
- chair: Chris, chair of the Partnership Board today;
- member: Mel, a member of the Partnership Board today;
- other_member: Oscar, a member of the Chester Community Forum only;
- stranger: Stella, a login with a Person and no memberships;
- anonymous: the public (None).
"""

import copy
import datetime
from importlib import import_module
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import transaction
from django.test import Client, override_settings

from bodies.actions import organisations
from bodies.models import BodyKind, Mode, Role
from partnership.models import SECRETARIAT_GROUP
from tests.demo.support import FAST_HASHING, load
from tests.factories import BodyFactory, MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

CAST_KEYS = ("secretariat", "chair", "member", "other_member", "stranger", "anonymous")


@pytest.fixture(autouse=True)
def _hermetic_settings(settings):
    """Keep every test to itself: no Redis (REDIS_URL in CI), no mail out, fast hashing."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Sessions in the database alone: the query counts then include reading the session, as a cold cache would,
    # whatever the cache held from the test before.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    # Whatever today's date, no test user is held or asked to set up a second factor unless the test says so
    # (tests/partnership/test_second_factor.py sets MFA_REQUIRED_FROM itself).
    settings.MFA_REQUIRED_FROM = None
    caches["default"].clear()
    yield
    caches["default"].clear()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests on the shared demo (`loaded`) after every other test, keeping each group's order.

    The demo is loaded once per test process and kept, inside an outer transaction, until the process ends
    (`_demo_once`): a test that expects an empty database must not run while it is there. pytest-xdist hands
    each worker its tests in this order, so the same holds with `-n`.
    """
    items.sort(key=lambda item: "_demo_once" in getattr(item, "fixturenames", ()))


LEAKS = Path(django_settings.BASE_DIR) / "var" / "test-leaks.txt"


def _report(problem: str) -> None:
    """Append a leak to var/test-leaks.txt (a test process's output is captured, and lost under xdist)."""
    LEAKS.parent.mkdir(parents=True, exist_ok=True)
    with LEAKS.open("a") as out:
        out.write(f"{datetime.datetime.now().isoformat()} {problem}\n")


@pytest.fixture(scope="session", autouse=True)
def _no_connection_left_on_the_test_database(django_db_setup, django_db_blocker):
    """Before the test database is dropped, say which connections are still on it, and close them.

    On PostgreSQL a database with a connection on it cannot be dropped, and pytest-django's teardown then
    fails the run. A connection left behind (a transaction block this process never left, or a
    worker, thread or browser test's server that did not close its own) is a leak: it is reported
    in var/test-leaks.txt (not as a warning, which this suite turns into an error), so that it is seen and fixed,
    and closed, so that it does not fail a green run.
    Torn down after every other session fixture of the tests (the shared demo's transaction first).
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock():
        if connection.in_atomic_block:
            _report(f"the test database connection is still inside {len(connection.atomic_blocks)} atomic block(s)")
            # Closing the connection ends its transaction; Django closes none inside an atomic block.
            connection.atomic_blocks.clear()
            connection.in_atomic_block = False
            connection.close()
        with connection.cursor() as cursor:
            others = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            cursor.execute(f"SELECT pid, application_name, state, left(query, 200) {others}")  # noqa: S608
            for row in cursor.fetchall():
                _report(f"a connection was left on the test database: {row}")
            cursor.execute(f"SELECT pg_terminate_backend(pid) {others}")  # noqa: S608
        connection.close()


@pytest.fixture(scope="session")
def _demo_once(django_db_setup, django_db_blocker):
    """Load the demo once per test process; roll it all back when the process ends. Returns what loaddemo printed.

    Loading takes seconds; the tests that only need the demo there share one load, each test's own changes
    rolled back after it (the `db` fixture's transaction, inside this one).
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(PASSWORD_HASHERS=FAST_HASHING):
            output = load()
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def loaded(_demo_once, db):
    """The demo, loaded; each test's own changes are rolled back after it."""


@pytest.fixture
def demo_output(_demo_once, loaded):
    """What the shared demo's first `manage.py loaddemo` printed (without --quiet): (output, warnings)."""
    return _demo_once


@pytest.fixture
def no_public_cache(settings):
    """Render pages every time, public or a reader's own: for the query counts, which measure what rendering costs."""
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.READER_CACHE_SECONDS = 0


def _person(name, email):
    user = UserFactory(email=email)
    PersonFactory(name=name, user=user)
    return user


@pytest.fixture
def cast(db):
    """The fixed cast: five logins, the anonymous public, and two bodies."""
    board = BodyFactory(
        name="Partnership Board",
        slug="partnership-board",
        kind=BodyKind.PARTNERSHIP_BOARD,
        mode=Mode.ADVISORY,
    )
    forum = BodyFactory(
        name="Chester Community Forum",
        slug="chester-community-forum",
        kind=BodyKind.COMMUNITY_FORUM,
        mode=Mode.COMMUNITY_EMPOWERMENT,
    )

    secretariat = _person("Sam Shaw", "sam@example.org")
    secretariat.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    chair = _person("Chris Carter", "chris@example.org")
    member = _person("Mel Morris", "mel@example.org")
    other_member = _person("Oscar Owen", "oscar@example.org")
    stranger = _person("Stella Stone", "stella@example.org")

    return SimpleNamespace(
        secretariat=secretariat,
        chair=chair,
        member=member,
        other_member=other_member,
        stranger=stranger,
        anonymous=None,
        board=board,
        forum=forum,
        chair_membership=MembershipFactory(person=chair.person, body=board, role=Role.CHAIR),
        member_membership=MembershipFactory(person=member.person, body=board, role=Role.MEMBER),
        other_membership=MembershipFactory(person=other_member.person, body=forum, role=Role.MEMBER),
    )


@pytest.fixture
def client_for(cast):
    """Return `client_for(who)`: a fresh test client signed in as the cast member `who`."""

    # A login costs a dozen queries (the session, last_login, django-axes' access log); the permission matrix
    # asks for thousands of clients. A fresh client is given the session of an earlier login of the same
    # person in this test when that session is still exactly as the login left it; otherwise it signs in.
    sessions = {}

    def make(who):
        if who not in CAST_KEYS:
            raise KeyError(f"No one called {who!r} in the cast; choose from {', '.join(CAST_KEYS)}")
        client = Client()
        user = getattr(cast, who)
        if user is not None:
            _sign_in(client, user, sessions)
        return client

    return make


def _sign_in(client, user, sessions):
    """`client.force_login(user)`, or the cookie of an earlier login whose session nothing has changed since."""
    engine = import_module(django_settings.SESSION_ENGINE)
    name = django_settings.SESSION_COOKIE_NAME
    key = (
        user.pk,
        user.get_session_auth_hash(),
        tuple(django_settings.AUTHENTICATION_BACKENDS),
        django_settings.SESSION_ENGINE,
    )
    earlier = sessions.get(key)
    if earlier is not None:
        morsel, data = earlier
        if engine.SessionStore(session_key=morsel.value).load() == data:
            client.cookies[name] = copy.copy(morsel)
            return
    client.force_login(user)
    morsel = copy.copy(client.cookies[name])
    sessions[key] = (morsel, engine.SessionStore(session_key=morsel.value).load())


@pytest.fixture
def objects(cast):
    """The sample objects that fill the permission matrix's routes (tests/matrix.py)."""
    from tests.matrix import sample_objects

    return sample_objects(cast)


@pytest.fixture
def send_due():
    """Return `send_due(now=None)`: deliver every notification due, as the sweeper and a worker would.

    Its answer is the outcome of each row claimed, in the order claimed ("sent", "failed" or "gone").
    """
    from notifications.tasks import DELIVERY_BATCH, claim_due, deliver_batch

    def run(now=None):
        ids = claim_due(now=now)
        outcomes = {}
        for start in range(0, len(ids), DELIVERY_BATCH):
            outcomes.update(deliver_batch(ids[start : start + DELIVERY_BATCH]))
        return [outcomes[pk] for pk in ids]

    return run


@pytest.fixture
def hostile_objects(cast, objects):
    """The matrix's objects, and what brings more forms onto its pages (tests/test_hostile_input.py)."""
    # A membership due for review puts the review form on the list of reviews due.
    cast.member_membership.review_due_on = datetime.date(2010, 4, 1)
    cast.member_membership.save(update_fields=["review_due_on"])
    return objects


@pytest.fixture
def query_cast(cast):
    """The cast, with the organisation whose page lists its members (tests/test_query_counts.py)."""
    cast.police = OrganisationFactory(name="Cheshire Constabulary", slug="cheshire-constabulary")
    return cast


@pytest.fixture
def planted(cast):
    """Private fields marked in every record a public page could show: a member's contacts and notes, a withdrawal notice."""
    marker = "PRIVATE-7f3a"
    police = OrganisationFactory(name="Cheshire Constabulary", slug="cheshire-constabulary")
    leaving = OrganisationFactory(name="Departing Trust", slug="departing-trust")
    person = PersonFactory(
        name="Pat Private",
        email=f"{marker.lower()}@example.org",
        phone=f"01244 {marker}",
        job_title="Inspector",
        notes=f"Notes {marker}",
    )
    MembershipFactory(person=person, body=cast.board, organisation=police, role=Role.MEMBER)
    MembershipFactory(person=PersonFactory(name="Lee Leaving"), body=cast.board, organisation=leaving)
    organisations.withdraw_organisation(
        leaving,
        by=cast.secretariat,
        notice_received_on=datetime.date(2010, 1, 4),
        effective_on=datetime.date(2010, 3, 31),
        notice=f"Notice {marker}",
        funding_arrangements=f"Funding {marker}",
    )
    return {"police": police, "leaving": leaving, "marker": marker}
