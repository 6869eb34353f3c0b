"""What the public cache holds, read from the tests' own cache (LocMem), and a cache that cannot be reached."""

import pickle

from django.core.cache import caches
from django.core.cache.backends.base import BaseCache


def stored_entries() -> list[dict]:
    """Every page entry the public cache holds."""
    backend = caches["default"]
    return [pickle.loads(value) for key, value in backend._cache.items() if ":public-cache:page:" in key]  # noqa: S301 (our own test cache)


def stored_pages() -> list[bytes]:
    """The bytes of every page the public cache holds."""
    return [entry["content"] for entry in stored_entries()]


class UnreachableCache(BaseCache):
    """A cache server that does not answer: every read and write fails as Redis's client would."""

    def __init__(self, location=None, params=None):
        super().__init__(params or {})

    def _down(self, *args, **kwargs):
        raise ConnectionError("The cache server is not answering.")

    add = get = set = touch = delete = has_key = incr = get_many = set_many = delete_many = _down

    def clear(self):
        """Nothing to clear (the tests' teardown clears the cache)."""
