"""The settings' typed readers of the environment: a bad value fails loudly."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from partnership.env import env_bool, env_int, env_list


def test_env_bool_rejects_a_value_that_is_neither_true_nor_false(monkeypatch):
    monkeypatch.setenv("FEATURE_ON", "maybe")

    with pytest.raises(ImproperlyConfigured) as caught:
        env_bool("FEATURE_ON")

    assert str(caught.value) == "FEATURE_ON must be true or false, not 'maybe'"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("TRUE", True),
        (" yes ", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("off", False),
        ("", False),
    ],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FEATURE_ON", raw)

    assert env_bool("FEATURE_ON", not expected) is expected


def test_env_bool_falls_back_to_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("FEATURE_ON", raising=False)

    assert (env_bool("FEATURE_ON", True), env_bool("FEATURE_ON", False)) == (True, False)


def test_env_int_rejects_a_value_that_is_not_a_whole_number(monkeypatch):
    monkeypatch.setenv("WORKERS", "four")

    with pytest.raises(ImproperlyConfigured) as caught:
        env_int("WORKERS", 2)

    assert str(caught.value) == "WORKERS must be a whole number, not 'four'"


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS_UNDER_TEST", " a.example.org, ,b.example.org,")

    assert env_list("ALLOWED_HOSTS_UNDER_TEST", []) == ["a.example.org", "b.example.org"]
