"""The registry of a person's work (partnership.work): each app's providers, called once each in a fixed order."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from agreements import work as agreements_work
from declarations import work as declarations_work
from meetings import work as meetings_work
from partnership import work
from partnership.work import WorkItem, counted


def test_the_apps_register_their_providers_in_the_order_the_work_list_shows():
    assert work.providers() == (
        meetings_work.coming_meetings,
        meetings_work.open_actions,
        meetings_work.minutes_to_sign,
        declarations_work.declarations_to_rule_on,
        declarations_work.register_to_confirm,
        agreements_work.signatures_awaited,
        agreements_work.drafts_open_for_comment,
    )


@pytest.fixture
def registry(monkeypatch):
    """An empty registry of the test's own, put back afterwards."""
    providers = []
    monkeypatch.setattr(work, "_providers", providers)
    return providers


def entry(key, count=1):
    return WorkItem(key=key, label=key.title(), count=count, url=f"/{key}/")


def test_for_user_calls_each_provider_once_in_the_order_registered(registry):
    calls = []
    user = SimpleNamespace(is_authenticated=True)

    def first(who):
        calls.append(("first", who))
        return [entry("a"), entry("b")]

    def second(who):
        calls.append(("second", who))
        return []

    def third(who):
        calls.append(("third", who))
        return [entry("c", count=0)]

    for provider in (first, second, third):
        work.register(provider)

    assert [item.key for item in work.for_user(user)] == ["a", "b", "c"]
    assert calls == [("first", user), ("second", user), ("third", user)]


def test_a_provider_registered_twice_is_called_once(registry):
    calls = []

    def provider(who):
        calls.append(who)
        return [entry("a")]

    work.register(provider)
    work.register(provider)

    assert work.providers() == (provider,)
    assert [item.key for item in work.for_user(SimpleNamespace(is_authenticated=True))] == ["a"]
    assert len(calls) == 1


@pytest.mark.parametrize("user", [None, AnonymousUser()], ids=["none", "anonymous"])
def test_the_public_has_no_work_and_no_provider_is_asked(registry, user):
    calls = []
    work.register(lambda who: calls.append(who) or [entry("a")])

    assert work.for_user(user) == []
    assert calls == []


def test_an_entry_is_to_do_only_when_something_waits():
    assert entry("a", count=2).to_do is True
    assert entry("a", count=0).to_do is False


def test_an_entry_says_its_count_in_words_when_given_them():
    assert entry("a", count=2).shown_count == "2"
    worded = WorkItem(key="a", label="A", count=2, url="/", count_text="2 open actions")
    assert worded.shown_count == "2 open actions"


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "no actions"), (1, "1 action"), (3, "3 actions")],
)
def test_counted_says_a_count_in_words(count, expected):
    assert counted(count, "action") == expected


def test_counted_takes_an_irregular_plural():
    assert counted(2, "set of minutes", "sets of minutes") == "2 sets of minutes"
