"""Signed-in sessions: a record of each, signing out one or all of them, and the staff's idle time limit.

A sign-in (Django's user_logged_in) writes a SignInSession row and a small
state into the session itself: the row's id, the login's session generation
then, when the session was last seen and whether the idle rule applies. The
middleware reads that state on every signed-in request without a query, and
writes (the row's last_seen_at and the stamp in the session) at most once a
minute (TOUCH_SECONDS), so a reader's page can still be kept by the reader
cache between two stamps.

Ending sessions, two ways that back each other up:

- one session: its key is kept sealed on its row (Fernet, with a key derived
  from SECRET_KEY; only the key's SHA-256 identifies the row) and the session
  is deleted from the session store (the cache and the database, with
  cached_db); the seal is wiped when the row ends. Should the session's key
  have changed since it was sealed, the once-a-minute stamp finds the row
  ended and signs the session out then.
- every session of a login: its `session_generation` goes up, and a session
  made under an older number is signed out on its next request (the login is
  read for the request anyway, so this costs no query); each open row is
  ended and its session deleted as above.

The idle rule (`idle_limited`, one function): the secretariat and Django
staff are signed out after STAFF_IDLE_MINUTES without a request, to within
a minute (the stamp's step); everyone else keeps SESSION_COOKIE_AGE. The
middleware sits after the authentication and messages middleware and before
the reader cache, so a session it ends is never answered from that cache.
"""

import base64
import datetime
import ipaddress
import re
from importlib import import_module

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, user_logged_in, user_logged_out
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.crypto import salted_hmac

from partnership.audit import validated_save
from partnership.clients import client_ip
from partnership.models import SignInSession, SignOutReason, User
from partnership.policies import is_secretariat

STATE = "_sign_in"
# The session's stamp and its row's last_seen_at move on at most this often.
TOUCH_SECONDS = 60
_SEAL_SALT = "partnership.sessions.seal"


def idle_limited(user) -> bool:
    """Whose sessions end after STAFF_IDLE_MINUTES idle: the secretariat and Django staff (the one rule)."""
    return bool(user is not None and user.is_authenticated and (user.is_staff or is_secretariat(user)))


def idle_minutes() -> int:
    return settings.STAFF_IDLE_MINUTES


# What is kept of a request: a short description of the browser and the network it came from.

_BROWSERS = [
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chromium/", "Chromium"),
    ("HeadlessChrome/", "Chromium"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
_SYSTEMS = [
    ("Windows", "Windows"),
    ("Android", "Android"),
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
]


def describe_device(user_agent: str) -> str:
    """ "Chromium on Linux": the browser and system named by a User-Agent header, or what can be told of them."""
    user_agent = user_agent or ""
    browser = next((name for marker, name in _BROWSERS if marker in user_agent), "")
    system = next((name for marker, name in _SYSTEMS if marker in user_agent), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or "An unknown browser"


def client_network(request) -> str:
    """The network the request came from: an IPv4 address cut to /24, IPv6 to /48; empty if unknown."""
    address = client_ip(request)
    if address is None:
        return ""
    ip = ipaddress.ip_address(re.sub(r"%.*$", "", address))
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


# The sealed session key.


def _fernet() -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    keys = [
        Fernet(base64.urlsafe_b64encode(salted_hmac(_SEAL_SALT, "key", secret=s, algorithm="sha256").digest()))
        for s in secrets
    ]
    return MultiFernet(keys)


def seal(session_key: str) -> str:
    return _fernet().encrypt(session_key.encode()).decode()


def unseal(sealed: str) -> str | None:
    if not sealed:
        return None
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except (InvalidToken, ValueError):
        return None


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


# The record, written by the session machinery (as Django writes last_login), not by a person's form.


def record_sign_in(request, user) -> SignInSession:
    """Write the record of this request's session and put its state in the session."""
    session = request.session
    if not session.session_key:
        session.save()
    now = timezone.now()
    # By its key: a session that lost its state (cleared, not flushed) keeps one row.
    row, _ = SignInSession.objects.update_or_create(
        key_digest=SignInSession.digest_of(session.session_key),
        defaults={
            "user": user,
            "key_sealed": seal(session.session_key),
            "created_at": now,
            "last_seen_at": now,
            "ip_network": client_network(request),
            "device": describe_device(request.META.get("HTTP_USER_AGENT", ""))[:80],
            "ended_at": None,
            "end_reason": "",
            "ended_by": None,
        },
    )
    # From the database: the object signed in may be older than the last "sign out everywhere".
    generation = User.objects.filter(pk=user.pk).values_list("session_generation", flat=True).first()
    user.session_generation = generation or 0
    session[STATE] = {
        "id": row.pk,
        "gen": user.session_generation,
        "seen": int(now.timestamp()),
        "idle": idle_limited(user),
    }
    return row


def current_id(request) -> int | None:
    """The id of this request's SignInSession row, if it has one."""
    state = request.session.get(STATE) if hasattr(request, "session") else None
    return state.get("id") if isinstance(state, dict) else None


def _on_logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        record_sign_in(request, user)


def _on_logged_out(sender, request, user, **kwargs):
    row_id = current_id(request) if request is not None else None
    if row_id:
        reason = getattr(request, "_sign_out_reason", SignOutReason.SIGNED_OUT)
        SignInSession.objects.filter(pk=row_id, ended_at__isnull=True).update(
            ended_at=timezone.now(), end_reason=reason, key_sealed=""
        )


def connect_signals():
    user_logged_in.connect(_on_logged_in, dispatch_uid="partnership.sessions.logged_in")
    user_logged_out.connect(_on_logged_out, dispatch_uid="partnership.sessions.logged_out")


# Actions: a person ends one of their sessions, or all; the secretariat ends all of a person's.


def _end(row: SignInSession, *, by: User, reason: str, now) -> None:
    """End one row and delete its session from the store (a step of the actions below)."""
    key = unseal(row.key_sealed)
    row.ended_at = now
    row.end_reason = reason
    row.ended_by = by if by.pk != row.user_id else None
    row.key_sealed = ""
    validated_save(row, by)
    # With cached_db both the cache entry and the database row go; the database part rolls back with the action.
    if key and SignInSession.digest_of(key) == row.key_digest:
        _session_store()(session_key=key).delete()


@transaction.atomic(durable=True)
def end_sign_in(row: SignInSession, *, by: User) -> bool:
    """Sign out one session of `by`'s own; False if it had already ended."""
    row = SignInSession.objects.select_for_update().get(pk=row.pk)
    if row.ended_at is not None:
        return False
    _end(row, by=by, reason=SignOutReason.FROM_ANOTHER_DEVICE, now=timezone.now())
    return True


@transaction.atomic(durable=True)
def end_all_sign_ins(user: User, *, by: User, reason: str, keep: int | None = None) -> int:
    """Sign `user` out everywhere, except the session whose row is `keep`; return how many active sessions ended.

    The login's session generation goes up, so a session this misses (one
    without a row, or whose key changed) is signed out on its next request.
    The caller keeps its own session with `keep_session(request, user)`.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    user.session_generation += 1
    user.save(update_fields=["session_generation"])
    now = timezone.now()
    active = set(SignInSession.objects.filter(user=user).active(now).values_list("pk", flat=True))
    rows = SignInSession.objects.filter(user=user, ended_at__isnull=True).exclude(pk=keep).select_for_update()
    ended = 0
    for row in rows:
        _end(row, by=by, reason=reason, now=now)
        ended += row.pk in active
    return ended


def keep_session(request, user) -> None:
    """After end_all_sign_ins(..., keep=this one): let this session carry on under the new generation."""
    user.refresh_from_db(fields=["session_generation"])
    state = request.session.get(STATE)
    if isinstance(state, dict):
        request.session[STATE] = {**state, "gen": user.session_generation}


def purge_ended(days: int | None = None) -> int:
    """Delete the records of sessions that ended, or were last used, more than `days` ago (SIGN_IN_RECORD_DAYS)."""
    days = settings.SIGN_IN_RECORD_DAYS if days is None else days
    moment = timezone.now() - datetime.timedelta(days=days)
    deleted, _ = SignInSession.objects.ended_before(moment).delete()
    return deleted


class SignInSessionMiddleware:
    """Sign out a session ended elsewhere or idle too long; stamp the others at most once a minute."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self._check(request) or self.get_response(request)

    def _check(self, request):
        # Without a session cookie no one is signed in: the session is left untouched (no Vary: Cookie).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        state = request.session.get(STATE)
        if not isinstance(state, dict):
            # A session from before sessions were recorded: record it now.
            record_sign_in(request, user)
            return None
        if state.get("gen") != user.session_generation:
            # Signed out everywhere since this session began.
            request._sign_out_reason = SignOutReason.EVERYWHERE
            logout(request)
            return None
        now = timezone.now()
        stamp = int(now.timestamp())
        seen = state.get("seen") or 0
        if state.get("idle") and stamp - seen > idle_minutes() * 60:
            request._sign_out_reason = SignOutReason.IDLE
            logout(request)
            messages.info(
                request,
                f"You were signed out because you had not used the site for {idle_minutes()} minutes. "
                "Sign in again to carry on.",
            )
            if request.method in ("GET", "HEAD"):
                return redirect_to_login(request.get_full_path())
            return redirect_to_login(resolve_url(settings.LOGIN_REDIRECT_URL))
        if stamp - seen >= TOUCH_SECONDS:
            key = request.session.session_key
            touched = SignInSession.objects.filter(pk=state.get("id"), ended_at__isnull=True).update(
                last_seen_at=now, key_digest=SignInSession.digest_of(key), key_sealed=seal(key)
            )
            if not touched:
                # Its row was ended (from another device) while its key had changed; or it was purged.
                logout(request)
                return None
            request.session[STATE] = {**state, "seen": stamp, "idle": idle_limited(user)}
        return None
