"""Hermetic settings for every test, and the fixed cast.

The cast (as healthchecks' alice/bob/charlie):

- secretariat: Sam, a secretariat officer (in the Secretariat group);
- chair: Chris, chair of the Partnership Board today;
- member: Mel, a member of the Partnership Board today;
- other_member: Oscar, a member of the Chester Community Forum only;
- stranger: Stella, a login with a Person and no memberships;
- anonymous: the public (None).
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.test import Client

from bodies.models import BodyKind, Mode, Role
from partnership.models import SECRETARIAT_GROUP
from tests.factories import BodyFactory, MembershipFactory, PersonFactory, UserFactory

CAST_KEYS = ("secretariat", "chair", "member", "other_member", "stranger", "anonymous")


@pytest.fixture(autouse=True)
def _hermetic_settings(settings):
    """Keep every test to itself: no Redis (REDIS_URL in CI), no mail out, fast hashing."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    caches["default"].clear()
    yield
    caches["default"].clear()


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

    def make(who):
        if who not in CAST_KEYS:
            raise KeyError(f"No one called {who!r} in the cast; choose from {', '.join(CAST_KEYS)}")
        client = Client()
        user = getattr(cast, who)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def objects(cast):
    """The sample objects that fill the permission matrix's routes (tests/matrix.py)."""
    from tests.matrix import sample_objects

    return sample_objects(cast)


@pytest.fixture
def send_due():
    """Return `send_due(now=None)`: deliver every notification due, as the sweeper and a worker would."""
    from notifications.tasks import claim_due, deliver

    def run(now=None):
        return [deliver(pk) for pk in claim_due(now=now)]

    return run
