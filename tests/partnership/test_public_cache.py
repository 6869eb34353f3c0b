"""The public cache (partnership.public_cache): what it keeps, for whom, and when it lets go.

Each app's tests prove that a change made through its actions is seen at the next request
(tests/<app>/test_public_cache.py); here, the rules every public page shares.
"""

import datetime
import os
import uuid

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import add_message, constants
from django.contrib.messages.storage import default_storage
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from bodies.models import Body
from meetings.models import Minutes, MinutesStatus
from partnership import public_cache
from tests.factories import AgendaItemFactory, InterestFactory, MeetingFactory
from tests.matrix import MATRIX, build_path, url_patterns
from tests.matrix_helpers import PUBLIC_PAGE
from tests.partnership.public_pages import stored_entries, stored_pages

# Public pages that are not kept, and why.
NOT_KEPT = {
    "healthz": "the state of the database and the broker at this moment",
    "livez": "whether this process answers at this moment",
    "agreement_version_pdf": "a stored file, answered 304 by its hash (partnership.public_cache.conditional)",
    "search": "free text: every query would be an entry of its own, read once",
}
KEPT = sorted(name for name, answers in MATRIX.items() if answers is PUBLIC_PAGE and name not in NOT_KEPT)


def _path(name, objects):
    route = dict(url_patterns())[name]
    return build_path(name, route, objects)


def test_every_public_page_is_kept_for_the_public_unless_said_why_not(objects):
    public = {name for name, answers in MATRIX.items() if answers is PUBLIC_PAGE}
    kept = {name for name in public if getattr(resolve(_path(name, objects)).func, "public_cache", False)}
    assert sorted(kept) == KEPT
    assert sorted(public - kept) == sorted(NOT_KEPT)


@pytest.mark.parametrize("name", KEPT)
def test_a_second_anonymous_request_is_answered_from_the_cache_without_a_query(
    client_for, objects, django_assert_num_queries, name
):
    client = client_for("anonymous")
    path = _path(name, objects)
    first = client.get(path)
    assert first.status_code == 200, path

    with django_assert_num_queries(0):
        second = client.get(path)

    assert (second.status_code, second.content, second["ETag"]) == (200, first.content, first["ETag"])
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Cache-Control"] == "no-cache"
    # The middleware still adds what every answer carries.
    assert "frame-ancestors 'none'" in second["Content-Security-Policy"]


def test_a_head_request_is_answered_from_the_same_entry(cast, client, django_assert_num_queries):
    url = reverse("body_detail", args=[cast.board.slug])
    etag = client.get(url)["ETag"]

    with django_assert_num_queries(0):
        response = client.head(url)

    assert (response.status_code, response.content, response["ETag"]) == (200, b"", etag)


def test_the_same_page_with_its_query_in_another_order_is_one_entry(cast, client, django_assert_num_queries):
    client.get(reverse("interests_public") + "?body=partnership-board&page=1")

    with django_assert_num_queries(0):
        client.get(reverse("interests_public") + "?page=1&body=partnership-board")

    assert len(stored_pages()) == 1


def test_a_page_for_another_host_is_another_entry(cast, client, settings):
    """A feed's links are absolute: the host it was asked for is part of the key."""
    settings.ALLOWED_HOSTS = ["testserver", "partnership.example.org"]
    client.get(reverse("minutes_feed"))

    other = client.get(reverse("minutes_feed"), HTTP_HOST="partnership.example.org")

    assert b"http://partnership.example.org/" in other.content
    assert len(stored_pages()) == 2


# Never for a signed-in user


def test_a_signed_in_request_is_never_answered_from_nor_kept_in_the_public_cache(cast, planted, client_for):
    url = reverse("body_detail", args=[cast.board.slug])
    contact = f"{planted['marker'].lower()}@example.org"

    member_view = client_for("member").get(url)
    assert contact in member_view.content.decode()
    assert stored_pages() == []
    assert member_view["Cache-Control"] == "private"

    public_view = client_for("anonymous").get(url)
    assert contact not in public_view.content.decode()
    assert len(stored_pages()) == 1

    # The member is not answered from the entry the public was: the page is rendered for them.
    with CaptureQueriesContext(connection) as queries:
        again = client_for("member").get(url)
    assert len(queries) > 0
    assert contact in again.content.decode()
    assert all(contact not in page.decode() for page in stored_pages())


@pytest.fixture
def markers(cast, planted):
    """What only a member may see, each on a public address: (who sees it, where, where else, the marker)."""
    person_contact = f"{planted['marker'].lower()}@example.org"
    meeting = MeetingFactory(body=cast.board, agenda_published_at=timezone.now())
    AgendaItemFactory(meeting=meeting, number=1, title="Community safety")
    AgendaItemFactory(
        meeting=meeting, number=2, title="Tenders CONFIDENTIAL-5e1c", confidential=True, confidential_reason="Tenders"
    )
    held = MeetingFactory(body=cast.board, starts_at=timezone.now() - datetime.timedelta(days=7))
    AgendaItemFactory(meeting=held, number=1, title="Welcome", discussion="Draft words DRAFT-MINUTE-88a1")
    Minutes.objects.create(meeting=held, status=MinutesStatus.DRAFT)
    InterestFactory(
        person=cast.member.person,
        description="Household matter WITHHELD-3d9e",
        withheld=True,
        withheld_reason="A family matter before the courts",
    )
    board = reverse("body_detail", args=[cast.board.slug])
    register = reverse("interests_public_person", args=[cast.member.person.pk])
    return {
        "a person's email": ("member", board, [], person_contact),
        "a confidential item": ("member", reverse("meeting_detail", args=[meeting.pk]), [], "CONFIDENTIAL-5e1c"),
        "a draft minute": ("member", reverse("meeting_minutes", args=[held.pk]), [], "DRAFT-MINUTE-88a1"),
        # A withheld entry is in no public page for anyone: the member sees it on their own register.
        "a withheld register entry": (
            "member",
            reverse("interests_mine"),
            [register, reverse("interests_public")],
            "WITHHELD-3d9e",
        ),
    }


@pytest.mark.parametrize(
    "what", ["a person's email", "a confidential item", "a draft minute", "a withheld register entry"]
)
def test_nothing_only_a_member_may_see_is_ever_kept_for_the_public(client_for, markers, what):
    who, url, also, marker = markers[what]
    member = client_for(who)
    anonymous = client_for("anonymous")

    assert marker in member.get(url).content.decode()
    for other in also:
        member.get(other)
    shown = [marker in anonymous.get(address).content.decode() for address in (url, *also)]
    # And again, now that the public's answers are kept.
    shown += [marker in anonymous.get(address).content.decode() for address in (url, *also)]

    assert shown == [False] * len(shown)
    assert [page for page in stored_pages() if marker.encode() in page] == []


# Conditional GET


def test_a_page_answers_304_to_its_etag_and_to_its_date_and_200_once_it_changes(cast, client):
    url = reverse("body_detail", args=[cast.board.slug])
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    unchanged = client.head(url, HTTP_IF_NONE_MATCH=etag)
    assert (unchanged.status_code, unchanged["ETag"]) == (304, etag)

    cast.board.summary = "Brings the partners together."
    cast.board.save()

    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert "Brings the partners together." in changed.content.decode()
    # Rendered again with the same bytes, a page keeps its date, so If-Modified-Since still matches.
    cast.board.save()
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=changed["Last-Modified"]).status_code == 304


def test_an_older_copy_is_sent_the_page_again(cast, client):
    url = reverse("body_list")
    client.get(url)

    response = client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(timezone.now().timestamp() - 86400))

    assert response.status_code == 200


def test_a_signed_in_page_carries_an_etag_too(cast, client_for):
    """ConditionalGetMiddleware: the hash of the page as rendered for this reader."""
    client = client_for("member")
    response = client.get(reverse("account"))

    assert response.status_code == 200
    assert response["ETag"]
    assert stored_pages() == []


# What is never kept


def _request(method="GET", path="/x/", user=None, **extra):
    request = getattr(RequestFactory(), method.lower())(path, **extra)
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    request._messages = default_storage(request)
    return request


def _page(body="A page", **response_kwargs):
    @public_cache.public_page
    def view(request):
        return HttpResponse(body, **response_kwargs)

    return view


@pytest.mark.django_db
def test_a_plain_page_is_kept():
    view = _page()
    view(_request())

    assert stored_pages() == [b"A page"]


@pytest.mark.django_db
@pytest.mark.parametrize("status", [404, 400, 302])
def test_an_answer_other_than_200_is_not_kept(status):
    _page(status=status)(_request())

    assert stored_pages() == []


def _sets_a_cookie(request):
    response = HttpResponse("A page")
    response.set_cookie("seen", "yes")
    return response


def _renders_a_csrf_token(request):
    return HttpResponse(f"A form {get_token(request)}")


def _marked_private(request):
    response = HttpResponse("A page")
    patch_cache_control(response, private=True)
    return response


def _changes_the_session(request):
    request.session["seen"] = True
    return HttpResponse("A page")


def _leaves_a_message(request):
    add_message(request, constants.SUCCESS, "Saved.")
    return HttpResponse("A page")


def _varies(request):
    response = HttpResponse("A page")
    response["Vary"] = "Accept-Language"
    return response


def _streams(request):
    from django.http import StreamingHttpResponse

    return StreamingHttpResponse(iter([b"A page"]))


def _reads_a_table_in_no_scope(request):
    from search.models import Entry

    return HttpResponse(f"{Entry.objects.count()} entries")


def _reads_a_table_only_readers_see(request):
    from notifications.models import Notification

    return HttpResponse(f"{Notification.objects.count()} notifications")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "view",
    [
        _sets_a_cookie,
        _renders_a_csrf_token,
        _marked_private,
        _changes_the_session,
        _leaves_a_message,
        _varies,
        _streams,
        _reads_a_table_in_no_scope,
        _reads_a_table_only_readers_see,
    ],
)
def test_an_answer_that_is_someones_own_is_not_kept(view):
    public_cache.public_page(view)(_request())

    assert stored_pages() == []


@pytest.mark.django_db
def test_a_reader_with_a_message_waiting_is_not_answered_from_the_cache():
    """After signing out, say: the message is shown on the page read next, so that page is rendered."""
    calls = []

    @public_cache.public_page
    def view(request):
        calls.append(request)
        return HttpResponse("A page")

    view(_request())
    view(_request())
    assert len(calls) == 1
    waiting = _request()
    add_message(waiting, constants.INFO, "You have signed out.")

    view(waiting)

    assert len(calls) == 2


@pytest.mark.django_db
def test_a_signed_in_user_is_never_answered_from_the_cache(cast):
    calls = []

    @public_cache.public_page
    def view(request):
        calls.append(request.user)
        return HttpResponse(f"For {request.user}")

    view(_request())
    response = view(_request(user=cast.member))

    assert calls == [AnonymousUser(), cast.member]
    assert response.content == f"For {cast.member}".encode()
    assert response["Cache-Control"] == "private"
    assert stored_pages() == [b"For AnonymousUser"]


@pytest.mark.django_db
def test_a_post_is_never_answered_from_the_cache():
    view = _page()
    view(_request())

    response = view(_request("POST"))

    assert response.content == b"A page"
    assert not response.has_header("ETag")


@pytest.mark.django_db
def test_the_cache_can_be_turned_off(settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    _page()(_request())

    assert stored_pages() == []


# When an entry lets go


def test_a_save_outside_any_action_is_seen_at_once_too(cast, client):
    """The Django admin and the shell save rows without the apps' actions: the signals see them."""
    url = reverse("body_list")
    client.get(url)

    forum = Body.objects.get(pk=cast.forum.pk)
    forum.name = "Chester Neighbourhood Forum"
    forum.save()

    assert "Chester Neighbourhood Forum" in client.get(url).content.decode()


def test_a_new_day_renders_the_page_afresh(cast, client, monkeypatch):
    url = reverse("body_list")
    client.get(url)
    monkeypatch.setattr(public_cache, "today", lambda: timezone.localdate() + datetime.timedelta(days=1))

    with CaptureQueriesContext(connection) as queries:
        client.get(url)

    assert len(queries) > 0


def test_a_generation_lost_from_the_cache_renders_the_page_afresh(cast, client):
    url = reverse("body_list")
    client.get(url)
    cache.delete("public-cache:scope:framework")

    with CaptureQueriesContext(connection) as queries:
        client.get(url)

    assert len(queries) > 0


def test_a_change_to_a_scope_the_page_did_not_read_keeps_it(cast, client, django_assert_num_queries):
    url = reverse("body_list")
    client.get(url)

    public_cache.bump("agreement", "registers")

    with django_assert_num_queries(0):
        client.get(url)


def test_a_page_records_the_scopes_it_read(cast, client):
    client.get(reverse("body_list"))

    [entry] = stored_entries()
    assert sorted(entry["scopes"]) == ["framework", "partners"]


def test_when_a_change_commits_the_pages_kept_meanwhile_are_let_go(
    cast, client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """Until a change commits, other processes read the old rows, and may keep pages of them under the generation
    the change started: the commit starts another."""
    url = reverse("body_list")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        forum = Body.objects.get(pk=cast.forum.pk)
        forum.name = "Chester Neighbourhood Forum"
        forum.save()
        client.get(url)
        with django_assert_num_queries(0):
            client.get(url)
    assert len(callbacks) == 1

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) > 0


# The cache is down


def test_pages_are_served_and_changes_saved_while_the_cache_is_down(cast, client, settings):
    settings.CACHES = {"default": {"BACKEND": "tests.partnership.public_pages.UnreachableCache"}}
    url = reverse("body_detail", args=[cast.board.slug])

    assert client.get(url).status_code == 200
    cast.board.summary = "Saved while the cache is down."
    cast.board.save()
    assert "Saved while the cache is down." in client.get(url).content.decode()


# Every model has a scope


# Models that no public page shows, and why.
NOT_SHOWN = {
    "partnership.User": "a login; public pages show the person (public_cache.ignore)",
    "notifications.Notification": "a person's own notifications",
    "notifications.NotificationPreference": "a person's own choices",
    "partnership.CalendarToken": "the digest of a person's secret calendar address; its feed is never kept",
    "partnership.SignInSession": "a login's own signed-in sessions; a page that reads them is never kept",
}


def test_every_model_of_the_partnership_is_in_a_scope_or_shown_by_no_public_page():
    labels = {
        "partnership",
        "notifications",
        "bodies",
        "meetings",
        "declarations",
        "agreements",
        "risks",
        "performance",
    }
    unscoped = set()
    for model in apps.get_models(include_auto_created=True):
        # A many-to-many table goes with the model that declares it.
        owner = model._meta.auto_created or model
        if model._meta.app_label in labels and not owner.__name__.startswith("Historical"):
            if public_cache.scope_of(model) is None and owner._meta.label not in NOT_SHOWN:
                unscoped.add(model._meta.label)
    assert sorted(unscoped) == []
    assert public_cache.scopes() == [
        "agreement",
        "framework",
        "logins",
        "meetings",
        "minutes",
        "notifications",
        "partners",
        "performance",
        "registers",
        "replies",
        "risks",
    ]


def test_a_change_made_around_the_signals_is_seen_once_the_action_says_so(cast, client):
    """QuerySet.update, bulk_create and bulk_update send no signal: the action calls public_cache.changed()."""
    url = reverse("body_list")
    client.get(url)

    Body.objects.filter(pk=cast.forum.pk).update(name="Chester Neighbourhood Forum")
    assert "Chester Neighbourhood Forum" not in client.get(url).content.decode()

    public_cache.changed(Body)
    assert "Chester Neighbourhood Forum" in client.get(url).content.decode()


def test_an_entry_lives_public_cache_seconds_at_most(cast, client, settings):
    """What only the clock changes within a day (a meeting passing from upcoming to past) shows within that time."""
    settings.PUBLIC_CACHE_SECONDS = 120
    before = timezone.now().timestamp()
    client.get(reverse("meeting_list"))

    [key] = [key for key in cache._cache if ":public-cache:page:" in key]
    assert before + 120 <= cache._expire_info[key] <= timezone.now().timestamp() + 120


# The caches production and the embedded default use


def test_the_embedded_cache_is_shared_by_every_process(cast, client, settings, tmp_path):
    """The worker bumps a generation in a process of its own; the web server's next request sees it."""
    from django.core.cache.backends.filebased import FileBasedCache

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    }
    url = reverse("body_list")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) == 0

    worker = FileBasedCache(str(tmp_path), {})
    worker.set("public-cache:scope:framework", "started-by-the-worker", timeout=None)

    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) > 0


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL: a Redis database of the test's own")
def test_the_public_cache_keeps_and_lets_go_on_redis(cast, client, settings):
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": prefix,
        }
    }
    url = reverse("body_detail", args=[cast.board.slug])
    try:
        first = client.get(url)
        with CaptureQueriesContext(connection) as queries:
            second = client.get(url)
        assert (len(queries), second.content) == (0, first.content)
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

        cast.board.summary = "Brings the partners together."
        cast.board.save()
        assert "Brings the partners together." in client.get(url).content.decode()
    finally:
        redis = cache._cache.get_client(write=True)
        keys = redis.keys(f"{prefix}:*")
        if keys:
            redis.delete(*keys)
        # Not the test's Redis: the teardown clears whichever cache is configured.
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
