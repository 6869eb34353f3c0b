"""The public cache: whole responses of public pages for the anonymous public, and conditional GET.

A public view opts in with `@public_page`. For an anonymous GET or HEAD the
response is kept in the default cache (Redis in production, files under
VAR_DIR on the embedded default: every process shares it) and served again
until what it shows changes. A signed-in user always gets the view itself
(they may see more: drafts, confidential items, their own registers), and
their response is marked private; nothing they are shown is ever stored.

What a page shows is known from what it reads. Each app puts its models in a
scope (`watch("meetings", Meeting, ...)` in its AppConfig.ready()); the base
imports no app. A page's entry records the scopes whose tables its rendering
read (from the SQL it ran) and the generation of each then. A generation is
a token in the cache, replaced whenever a row of the scope is saved or
deleted (post_save, post_delete and m2m_changed, so the Django admin and the
shell count too; `changed(Model)` after a QuerySet.update, bulk_create or
bulk_update, which send no signal). An entry whose generations are no longer
current is never served: the page is rendered afresh at its next request.

Every entry is also bound to the day it was rendered (what is current
changes at midnight) and lives at most PUBLIC_CACHE_SECONDS, which bounds
what the clock alone changes within a day (a meeting passing from upcoming
to past) and a release's new templates.

Every stored page carries an ETag (the hash of its bytes) and Last-Modified,
and `Cache-Control: no-cache`, so that a browser asks again each time and is
answered 304 Not Modified while the page is unchanged. `conditional()` does
the same for a response a view builds itself (a stored PDF).
"""

import dataclasses
import functools
import hashlib
import logging
import re
import secrets
import threading
import time
from contextlib import contextmanager
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

from partnership.dates import today
from partnership.signals import rows_changed

logger = logging.getLogger(__name__)

# A page larger than this is rendered afresh each time rather than stored (an agenda pack with its papers).
MAX_BYTES = 5 * 1024 * 1024
# The shape of an entry; a release that changes it starts afresh.
FORMAT = 1
KEY_PREFIX = "public-cache"
# Headers the cache sets itself, or that must never be replayed to another reader.
_OWN_HEADERS = {"etag", "last-modified", "cache-control", "vary", "set-cookie", "expires"}
_IDENTIFIER = re.compile(r'"([^"]+)"')
_WORD = re.compile(r"\b[a-z_][a-z0-9_]*\b")

_scope_of_model: dict[type, str] = {}
_scope_of_table: dict[str, str] = {}
_unshown_tables: set[str] = set()
_private_tables: set[str] = set()


# Scopes: the apps say which scope each of their models belongs to.


def watch(scope: str, *models, private: bool = False) -> None:
    """Put `models` (and the tables of their many-to-many fields) in `scope`: a change to a row starts a new generation.

    A private scope holds what only signed-in readers' pages show (partnership.reader_cache): a public page that
    reads one of its tables is never kept.
    """
    for model in models:
        _scope_of_model[model] = scope
        _scope_of_table[model._meta.db_table] = scope
        if private:
            _private_tables.add(model._meta.db_table)
        # Its history (django-simple-history) is written with the row, by the row's own save and delete.
        history = getattr(model, "history", None)
        if history is not None and hasattr(history, "model"):
            _scope_of_table[history.model._meta.db_table] = scope
        uid = f"public_cache:{model._meta.label}"
        post_save.connect(_row_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_row_changed, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            _scope_of_model[through] = scope
            _scope_of_table[through._meta.db_table] = scope
            if private:
                _private_tables.add(through._meta.db_table)
            m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"public_cache:{through._meta.label}")


def ignore(*models) -> None:
    """Say that public pages may read rows of `models` but never show them (a login behind a person's name)."""
    _unshown_tables.update(model._meta.db_table for model in models)


def scopes() -> list[str]:
    return sorted(set(_scope_of_table.values()))


def scope_of(model) -> str | None:
    return _scope_of_model.get(model)


def scope_key(scope: str) -> str:
    """The cache key of a scope's current generation."""
    return f"{KEY_PREFIX}:scope:{scope}"


def scoped_tables() -> set[str]:
    """Every table in a scope: a change to one of its rows starts a new generation."""
    return set(_scope_of_table)


def scope_of_table(table: str) -> str:
    return _scope_of_table[table]


def _token() -> str:
    # A random token, not a counter: a generation evicted from the cache and started again can never
    # come back to a value an old entry recorded.
    return secrets.token_hex(8)


def bump(*names: str) -> None:
    """Start a new generation of each scope now: every page that showed one is rendered afresh at its next request."""
    if not names:
        return
    try:
        cache.set_many({scope_key(name): _token() for name in names}, timeout=None)
    except Exception:
        # The cache is down: pages are served uncached meanwhile, and an entry outlives it by PUBLIC_CACHE_SECONDS
        # at most. A write must not fail for it.
        logger.exception("Could not start a new generation of %s in the public cache", ", ".join(names))


def bump_all() -> None:
    """Start a new generation of every scope (after a release, or rows loaded without the ORM's signals)."""
    bump(*scopes())


def after_migrate(**kwargs) -> None:
    """A database migrated or flushed: whatever pages were kept showed other rows."""
    bump_all()


def changed(*models) -> None:
    """Say that rows of `models` changed without a signal (QuerySet.update, bulk_create, bulk_update)."""
    _note({_scope_of_model[model] for model in models})
    for model in models:
        rows_changed.send(sender=model)  # whatever derives from the rows hears of them too (search.receivers)


# When rows change: now, and again when the transaction commits.


@dataclasses.dataclass
class _Batch:
    """The scopes a transaction changed, bumped once when it commits."""

    scopes: set = dataclasses.field(default_factory=set)
    done: bool = False

    def flush(self):
        if not self.done:
            self.done = True
            bump(*sorted(self.scopes))


class _State(threading.local):
    def __init__(self):
        self.batch = None
        # Scopes this thread bumped since it last looked a page up: bumping them again before it reads a page
        # changes nothing it could see.
        self.fresh = set()


_state = _State()


def looked_up() -> None:
    """Say that this thread read the generations to serve a page: a change from now on must start a new one."""
    _state.fresh.clear()


def _note(changed_scopes: set) -> None:
    if not changed_scopes:
        return
    if not transaction.get_connection().in_atomic_block:
        bump(*sorted(changed_scopes))
        return
    # Now: so that the rest of this transaction reads the pages afresh (a test's transaction never commits).
    unseen = changed_scopes - _state.fresh
    if unseen:
        bump(*sorted(unseen))
        _state.fresh |= unseen
    # And once the transaction commits: until then another process reads the old rows, and may have stored a page
    # of them under the generation started now. One callback per change, so that one registered in a transaction
    # that rolled back is never the only one; the batch bumps once.
    if _state.batch is None or _state.batch.done:
        _state.batch = _Batch()
    _state.batch.scopes |= changed_scopes
    transaction.on_commit(_state.batch.flush)


def _row_changed(sender, **kwargs):
    _note({_scope_of_model[sender]})


def _links_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _note({_scope_of_model[sender]})


# What a rendering reads.


@functools.cache
def _all_tables() -> frozenset:
    return frozenset(model._meta.db_table for model in apps.get_models(include_auto_created=True))


@contextmanager
def reading():
    """Collect the SQL run on the default database inside the block; yields the list it fills."""
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with transaction.get_connection().execute_wrapper(record):
        yield statements


def tables_in(statements) -> set[str]:
    """The project's tables named in `statements`: quoted, as Django names them, or bare, as raw SQL may."""
    names = set()
    for sql in statements:
        names.update(_IDENTIFIER.findall(sql))
        names.update(_WORD.findall(sql))
    return names & _all_tables()


def _depends_on(statements, generations) -> dict | None:
    """The scopes the statements read, with their generations; None if they read a table in no scope."""
    # A table public pages read but never show (the login behind a person) is no part of what they show.
    tables = tables_in(statements) - _unshown_tables
    unknown = tables - _scope_of_table.keys()
    if unknown:
        logger.warning("Not caching a public page: it read %s, in no scope of the public cache", sorted(unknown))
        return None
    if tables & _private_tables:
        logger.warning(
            "Not caching a public page: it read %s, shown only to signed-in readers", sorted(tables & _private_tables)
        )
        return None
    return {
        scope: generations[scope] for scope in sorted({_scope_of_table[t] for t in tables & _scope_of_table.keys()})
    }


# The decorator.


def _page_key(request) -> str:
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    # The scheme and host too: a feed's links are absolute.
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return f"{KEY_PREFIX}:page:{hashlib.sha256(address.encode()).hexdigest()}"


def _timeout() -> int:
    return getattr(settings, "PUBLIC_CACHE_SECONDS", 300)


def _is_current(entry, generations, day) -> bool:
    return (
        isinstance(entry, dict)
        and entry.get("format") == FORMAT
        and entry["day"] == day
        and all(generations.get(scope) == token for scope, token in entry["scopes"].items())
    )


def start_missing(generations: dict) -> dict:
    """Start the generations the cache does not hold (never started, or evicted); keep one another process started."""
    for scope, token in generations.items():
        if token is None:
            key, fresh = scope_key(scope), _token()
            generations[scope] = fresh if cache.add(key, fresh, timeout=None) else (cache.get(key) or fresh)
    return generations


def _storable(request, response) -> bool:
    """Only a plain 200 for everyone: no cookie, no message, nothing the view marked as private or varying."""
    cache_control = {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Vary")
        and not cache_control & {"private", "no-store", "no-cache"}
        # A page that rendered a CSRF token, changed the session or queued a message is someone's own.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(getattr(request, "session", None), "modified", False)
        and not len(get_messages(request))
        and len(response.content) <= MAX_BYTES
    )


def _validate(request, response, etag, modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    # Stored by a browser, but asked about again each time: a change is seen at once.
    patch_cache_control(response, no_cache=True)
    return get_conditional_response(request, etag=etag, last_modified=modified, response=response)


def _replay(request, entry):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return _validate(request, response, entry["etag"], entry["modified"])


def public_page(view):
    """Serve the view's response from the public cache to the anonymous public; never to or from a signed-in user."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or _timeout() <= 0:
            return view(request, *args, **kwargs)
        if request.user.is_authenticated:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True)
            return response
        # A message waiting for this reader (after signing out, say) is shown on the page it reads next.
        if len(get_messages(request)):
            return view(request, *args, **kwargs)
        return _serve(view, request, args, kwargs)

    wrapped.public_cache = True
    return wrapped


def _serve(view, request, args, kwargs):
    key = _page_key(request)
    names = scopes()
    try:
        found = cache.get_many([key, *(scope_key(name) for name in names)])
    except Exception:
        logger.exception("The public cache could not be read")
        return view(request, *args, **kwargs)
    looked_up()
    entry = found.get(key)
    generations = {name: found.get(scope_key(name)) for name in names}
    day = today().isoformat()
    if _is_current(entry, generations, day):
        return _replay(request, entry)

    started = int(time.time())
    try:
        generations = start_missing(generations)
    except Exception:
        logger.exception("The public cache could not be written")
        return view(request, *args, **kwargs)
    with reading() as statements:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
    depends = _depends_on(statements, generations)
    if depends is None or not _storable(request, response):
        return response
    content = response.content
    etag = quote_etag(hashlib.sha256(content).hexdigest()[:32])
    # Unchanged bytes keep their date, so that If-Modified-Since still matches after the entry is rendered again.
    previous = entry if isinstance(entry, dict) and entry.get("etag") == etag else None
    entry = {
        "format": FORMAT,
        "day": day,
        "scopes": depends,
        "status": response.status_code,
        "headers": [(name, value) for name, value in response.items() if name.lower() not in _OWN_HEADERS],
        "content": content,
        "etag": etag,
        "modified": previous["modified"] if previous else started,
    }
    try:
        cache.set(key, entry, timeout=_timeout())
    except Exception:
        logger.exception("The public cache could not be written")
    return _validate(request, response, etag, entry["modified"])


# Conditional GET for a response a view builds itself.


def conditional(request, respond, *, etag: str, last_modified=None):
    """A 304 when the reader's copy is current (If-None-Match, If-Modified-Since); else `respond()`, with both validators.

    `etag` is unquoted (a file's hash, say); `last_modified` a datetime or None.
    """
    etag = quote_etag(etag)
    modified = int(last_modified.timestamp()) if last_modified else None
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = respond()
    response["ETag"] = etag
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    patch_cache_control(response, no_cache=True)
    return response
