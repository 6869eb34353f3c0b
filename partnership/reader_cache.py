"""The reader cache: a signed-in person's pages, kept for that person alone until what they show changes.

The public cache (partnership.public_cache) keeps one copy of a public page
for every anonymous reader. A signed-in person's pages differ per person
(their actions, their declarations, the confidential items they may read),
so this cache keeps each page for one reader in one session: the key holds
the login, the session key and the CSRF cookie, so that no other person,
and no other session of the same person, is ever answered from it.

It uses the public cache's generations: a rendering records the scopes whose
tables it read (from the SQL it ran) and their generations then, and the
entry is served only while every one is current, on the same day, and for
READER_CACHE_SECONDS at most (which bounds what the clock alone changes).
A page that read a table in no scope, including the login table that the
public cache ignores, is never kept. So a page is served again exactly when
rendering it afresh would read the same rows.

Nothing else a rendering may depend on is kept: a page is stored only when
it is a plain 200, sets no cookie, queues or shows no message, leaves the
session unchanged and is not marked no-store; a view opts out with
`@not_reader_cached`. Whatever a replayed page holds of the request (the
CSRF token in its forms) is the session's own, which the key fixes.

The middleware (READER_CACHE_SECONDS, 0 turns it off) sits after the
authentication and messages middleware.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

from partnership import public_cache
from partnership.dates import today

logger = logging.getLogger(__name__)

KEY_PREFIX = "reader-cache"
FORMAT = 1
# Headers the middleware outside sets again, or that belong to one response only.
_OWN_HEADERS = {"set-cookie", "vary", "etag", "last-modified", "expires", "content-length"}


def not_reader_cached(view):
    """Never keep this view's pages in the reader cache (a page that shows something once)."""
    view.reader_cache = False
    return view


def _timeout() -> int:
    return getattr(settings, "READER_CACHE_SECONDS", 0)


def _key(request) -> str | None:
    """The entry of this page for this reader in this session; None when the session cannot be told apart."""
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if not session_key:
        return None
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    query = sorted(request.GET.lists())
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    reader = f"{request.user.pk}\0{session_key}\0{csrf}\0{request.method}\0{address}"
    return f"{KEY_PREFIX}:page:{hashlib.sha256(reader.encode()).hexdigest()}"


def _storable(request, response) -> bool:
    cache_control = {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "no-store" not in cache_control
        and not getattr(request.session, "modified", False)
        and not len(get_messages(request))
        # A token rendered from a secret this response would set for the first time is not the reader's yet.
        and not (request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and settings.CSRF_COOKIE_NAME not in request.COOKIES)
        and len(response.content) <= public_cache.MAX_BYTES
    )


def _depends_on(statements, generations) -> dict | None:
    """The scopes the statements read, with their generations; None if they read a table in no scope."""
    tables = public_cache.tables_in(statements)
    known = public_cache.scoped_tables()
    if tables - known:
        logger.debug("Not keeping a reader's page: it read %s, in no scope", sorted(tables - known))
        return None
    return {scope: generations[scope] for scope in sorted({public_cache.scope_of_table(t) for t in tables})}


def _replay(request, entry):
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    if entry["csrf"]:
        # As the rendering did: the CSRF middleware sends the session's cookie again.
        get_token(request)
    response.reader_cache = "hit"
    return response


class ReaderCacheMiddleware:
    """Serve a signed-in reader's GET again from the cache while nothing it showed has changed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            request.method not in ("GET", "HEAD")
            or _timeout() <= 0
            or getattr(view_func, "reader_cache", True) is False
            # Without a session cookie no one is signed in: the session is left untouched (no Vary: Cookie).
            or settings.SESSION_COOKIE_NAME not in request.COOKIES
            or not request.user.is_authenticated
            # A message waiting for this reader is shown on the page it reads next, rendered afresh.
            or len(get_messages(request))
        ):
            return None
        key = _key(request)
        if key is None:
            return None
        return self._serve(key, request, view_func, view_args, view_kwargs)

    def _serve(self, key, request, view, args, kwargs):
        names = public_cache.scopes()
        try:
            found = cache.get_many([key, *(public_cache.scope_key(name) for name in names)])
        except Exception:
            logger.exception("The reader cache could not be read")
            return None
        public_cache.looked_up()
        generations = {name: found.get(public_cache.scope_key(name)) for name in names}
        entry, day = found.get(key), today().isoformat()
        if (
            isinstance(entry, dict)
            and entry.get("format") == FORMAT
            and entry["day"] == day
            and entry["expires"] > time.time()
            and all(generations.get(scope) == token for scope, token in entry["scopes"].items())
        ):
            return _replay(request, entry)
        try:
            generations = public_cache.start_missing(generations)
        except Exception:
            logger.exception("The reader cache could not be written")
            return None
        with public_cache.reading() as statements:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        if not _storable(request, response):
            return response
        depends = _depends_on(statements, generations)
        if depends is None:
            return response
        entry = {
            "format": FORMAT,
            "day": day,
            "expires": time.time() + _timeout(),
            "scopes": depends,
            "status": response.status_code,
            "headers": [(name, value) for name, value in response.items() if name.lower() not in _OWN_HEADERS],
            "content": response.content,
            "csrf": bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")),
        }
        try:
            cache.set(key, entry, timeout=_timeout())
        except Exception:
            logger.exception("The reader cache could not be written")
        return response
