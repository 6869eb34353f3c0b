"""The reader cache (partnership.reader_cache): a signed-in person's page kept for them alone, let go when it changes."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings.models import Action
from notifications.models import Notification
from partnership import reader_cache
from partnership.policies import SECRETARIAT_GROUP
from tests.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reader_cache_on(settings):
    settings.READER_CACHE_SECONDS = 120


def _signed_in(user):
    """A client as a browser is: signed in, holding the CSRF cookie its first page set."""
    client = Client()
    client.force_login(user)
    client.get(reverse("account"))
    assert settings.CSRF_COOKIE_NAME in client.cookies
    return client


def _kept(response):
    return getattr(response, "reader_cache", None) == "hit"


@pytest.fixture
def action(cast):
    item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board))
    action = Action.objects.create(item=item, text="Circulate the draft strategy")
    action.owners.add(cast.member.person)
    return action


def test_a_second_request_is_answered_from_the_cache(cast, action, django_assert_max_num_queries):
    client = _signed_in(cast.member)
    url = reverse("action_register")
    first = client.get(url)
    assert not _kept(first)
    # The session and the login are read to know the reader; nothing of the page.
    with django_assert_max_num_queries(2):
        second = client.get(url)
    assert _kept(second)
    assert second.content == first.content
    assert "Circulate the draft strategy" in second.content.decode()


def test_a_change_to_what_the_page_showed_is_seen_at_once(cast, action):
    client = _signed_in(cast.member)
    url = reverse("action_register")
    client.get(url)
    assert _kept(client.get(url))

    action.text = "Circulate the revised strategy"
    action.save()
    response = client.get(url)
    assert not _kept(response)
    assert "Circulate the revised strategy" in response.content.decode()


def test_a_change_made_around_the_signals_is_seen_at_once(cast, action):
    """QuerySet.update sends no signal: the notifications' own queryset says so for every bulk write."""
    Notification.objects.create(
        key="test:one",
        kind="action_due",
        recipient=cast.member.person,
        subject="Your action is due",
        due_at=timezone.now(),
    )
    client = _signed_in(cast.member)
    url = reverse("notification_list")
    assert "Your action is due" in client.get(url).content.decode()
    assert _kept(client.get(url))

    Notification.objects.filter(key="test:one").update(subject="Your action is overdue")
    assert "Your action is overdue" in client.get(url).content.decode()


def test_another_person_is_never_answered_with_a_readers_page(cast, action):
    member, other = _signed_in(cast.member), _signed_in(cast.other_member)
    url = reverse("action_register")
    mine = member.get(url)
    assert "Circulate the draft strategy" in mine.content.decode()
    theirs = other.get(url)
    assert not _kept(theirs)
    assert theirs.content != mine.content


def test_another_session_of_the_same_person_renders_afresh(cast, action):
    url = reverse("action_register")
    first = _signed_in(cast.member)
    first.get(url)
    assert _kept(first.get(url))
    assert not _kept(_signed_in(cast.member).get(url))


def test_signing_out_and_in_again_starts_afresh(cast, action):
    client = _signed_in(cast.member)
    url = reverse("action_register")
    client.get(url)
    client.post(reverse("logout"))
    assert client.get(url).status_code == 302  # to sign in
    client.force_login(cast.member)
    client.get(reverse("account"))
    assert not _kept(client.get(url))


def test_a_new_power_shows_at_once(cast):
    """Joining the secretariat changes the header of every page: the login's groups are in a scope."""
    client = _signed_in(cast.member)
    url = reverse("account")
    assert reverse("manage:dashboard") not in client.get(url).content.decode()
    cast.member.groups.add(Group.objects.get_or_create(name=SECRETARIAT_GROUP)[0])
    assert reverse("manage:dashboard") in client.get(url).content.decode()


def test_a_closed_account_is_not_served_from_the_cache(cast, action):
    client = _signed_in(cast.member)
    url = reverse("account")
    client.get(url)
    cast.member.is_active = False
    cast.member.save()
    assert client.get(url).status_code == 302


def test_a_page_with_a_message_is_rendered_and_not_kept(cast):
    client = _signed_in(cast.member)
    url = reverse("notification_list")
    client.get(url)
    assert _kept(client.get(url))
    # Marking all read says so on the next page, which is rendered afresh and not kept.
    client.post(reverse("notification_mark_read"))
    shown = client.get(url)
    assert "marked as read" in shown.content.decode()
    assert not _kept(shown)
    # Nothing was unread, so nothing changed: the page kept before the message is served again.
    again = client.get(url)
    assert "marked as read" not in again.content.decode()
    assert _kept(again)


def test_the_first_page_of_a_session_without_its_csrf_cookie_is_not_kept(cast, action):
    """Its forms hold a token of a secret the response sets for the first time."""
    client = Client()
    client.force_login(cast.member)
    url = reverse("action_register")
    client.get(url)
    assert settings.CSRF_COOKIE_NAME in client.cookies
    assert not _kept(client.get(url))
    kept = client.get(url)
    assert _kept(kept)
    # A replayed page's forms post: the token is of the session's own secret.
    assert client.post(reverse("logout")).status_code == 302


def test_a_view_that_opts_out_is_never_kept(cast):
    client = _signed_in(cast.member)
    url = reverse("search") + "?q=board"
    client.get(url)
    assert not _kept(client.get(url))


def _ask(view, user, *, session_cookie=True):
    """Ask the middleware for `view` as `user` would, in a session with its CSRF cookie; the response."""
    from django.contrib.messages.storage import default_storage
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.test import RequestFactory

    from partnership.reader_cache import ReaderCacheMiddleware

    request = RequestFactory().get("/a-page/")
    request.user = user
    request.session = SessionStore(session_key=_ask.session_key)
    if not request.session.session_key:
        request.session.create()
        _ask.session_key = request.session.session_key
    if session_cookie:
        request.COOKIES[settings.SESSION_COOKIE_NAME] = request.session.session_key
    request.COOKIES[settings.CSRF_COOKIE_NAME] = "a" * 32
    request._messages = default_storage(request)
    return ReaderCacheMiddleware(lambda request: None).process_view(request, view, (), {})


_ask.session_key = None


def test_a_page_reading_a_table_in_no_scope_is_not_kept(cast):
    from django.http import HttpResponse

    from search.models import Entry

    def reads_the_index(request):
        return HttpResponse(f"{Entry.objects.count()} entries")

    def reads_the_bodies(request):
        return HttpResponse(f"{cast.board.__class__.objects.count()} bodies")

    _ask.session_key = None
    _ask(reads_the_index, cast.member)
    assert not _kept(_ask(reads_the_index, cast.member))
    # The same request for a page that reads only tables in a scope is kept.
    _ask(reads_the_bodies, cast.member)
    assert _kept(_ask(reads_the_bodies, cast.member))


def test_a_page_is_kept_for_the_day_it_was_rendered_and_no_longer_than_the_setting(cast, action, settings):
    client = _signed_in(cast.member)
    url = reverse("action_register")
    client.get(url)
    assert _kept(client.get(url))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    from unittest import mock

    with mock.patch.object(reader_cache, "today", return_value=tomorrow):
        assert not _kept(client.get(url))
    settings.READER_CACHE_SECONDS = 0
    assert not _kept(client.get(url))


def test_a_write_is_never_answered_from_the_cache(cast, action):
    client = _signed_in(cast.member)
    url = reverse("action_update", args=[action.pk])
    client.get(url)
    response = client.post(url, {"status": "bogus"})
    assert not _kept(response)
    assert Action.objects.get(pk=action.pk).status == action.status


def test_without_a_session_cookie_the_middleware_leaves_the_request_alone(cast):
    """The view runs as usual (the middleware answers None) and the session is not even read: no Vary: Cookie."""
    from django.http import HttpResponse

    _ask.session_key = None
    assert _ask(lambda request: HttpResponse("A page"), cast.member, session_cookie=False) is None
