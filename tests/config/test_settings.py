"""The settings as production runs them: the deploy checks pass, and a missing secret fails loudly."""

import os
import runpy
import secrets
import string
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _production_env(tmp_path, **overrides):
    """The environment production sets, and nothing from the developer's shell that would change the answer."""
    env = {
        key: value
        for key, value in os.environ.items()
        # The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE in this process.
        if key
        not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        and not key.startswith(("SECURE_", "EMAIL_", "AXES_", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        SECRET_KEY="".join(secrets.choice(string.ascii_letters + string.digits + "!@#%^&*(-_=+)") for _ in range(50)),
        ALLOWED_HOSTS="partnership.example.org",
        SITE_URL="https://partnership.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
        VAR_DIR=str(tmp_path / "var"),
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def _manage(env, *args):
    return subprocess.run(  # noqa: S603 (a fixed argv, no shell)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_deploy_checks_pass_with_production_settings(tmp_path):
    result = _manage(_production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("System check identified no issues (1 silenced).\n", "")


def test_deploy_checks_fail_when_the_site_address_is_not_https(tmp_path):
    """Passkeys need the site's https address: production on a plain http one fails the check, not the sign-in."""
    result = _manage(_production_env(tmp_path, SITE_URL="http://127.0.0.1:8000"), "check", "--deploy")

    assert result.returncode == 1, result.stderr
    assert "otp_webauthn.E031" in result.stderr


def test_deploy_checks_fail_when_debug_is_left_on(tmp_path):
    result = _manage(_production_env(tmp_path, DEBUG="true"), "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 1, result.stderr
    assert "security.W018" in result.stderr


def test_production_without_a_secret_key_fails_loudly(tmp_path):
    result = _manage(_production_env(tmp_path, SECRET_KEY=None), "check")

    assert result.returncode == 1, result.stderr
    assert "django.core.exceptions.ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off" in result.stderr


def _database_settings(env):
    code = "from django.db import connections; d = connections['default'].settings_dict; print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    result = _manage(env, "shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_on_postgresql_keeps_connections_for_a_minute_with_health_checks(tmp_path):
    env = _production_env(tmp_path, DATABASE_URL="postgres://partnership@db.example.org:5432/partnership")

    assert _database_settings(env) == ["60", "True"]
    assert _database_settings({**env, "DATABASE_CONN_MAX_AGE": "300"}) == ["300", "True"]


def test_the_embedded_database_opens_a_connection_per_request(tmp_path):
    assert _database_settings(_production_env(tmp_path)) == ["0", "True"]
    assert _database_settings(_production_env(tmp_path, DEBUG="true", DATABASE_URL="postgres://db/p")) == ["0", "True"]


def _settings(monkeypatch, tmp_path, **env):
    """The settings module as a process with `env` would read it."""
    for name in ("REDIS_URL", "CELERY_BROKER_URL", "PUBLIC_CACHE_SECONDS", "READER_CACHE_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "config" / "settings.py"))


def test_the_cache_is_redis_when_redis_url_is_set(monkeypatch, tmp_path):
    settings = _settings(monkeypatch, tmp_path, REDIS_URL="redis://127.0.0.1:6379/5")

    assert settings["CACHES"] == {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/5"}
    }
    assert settings["PUBLIC_CACHE_SECONDS"] == 300


def test_without_redis_every_process_shares_a_cache_in_files_under_var_dir(monkeypatch, tmp_path):
    """The web server and the worker are separate processes: a per-process memory cache would not do."""
    settings = _settings(monkeypatch, tmp_path)

    assert settings["CACHES"] == {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "var" / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }


def test_postgresql_connections_run_without_jit_unless_asked(monkeypatch, tmp_path):
    """PostgreSQL's JIT compiled a search for longer than it ran (issue 14): off for the web's connections."""
    url = "postgres://partnership@db.example.org:5432/partnership"
    settings = _settings(monkeypatch, tmp_path, DATABASE_URL=url)
    assert settings["DATABASES"]["default"]["OPTIONS"]["options"] == "-c jit=off"
    settings = _settings(monkeypatch, tmp_path, DATABASE_URL=url, DATABASE_JIT="true")
    assert "options" not in settings["DATABASES"]["default"].get("OPTIONS", {})
    sqlite = _settings(monkeypatch, tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert "options" not in sqlite["DATABASES"]["default"]["OPTIONS"]


def test_a_signed_in_request_reads_its_session_from_the_shared_cache(monkeypatch, tmp_path):
    """Sessions are written through to the database and read from the cache; a reader's pages are kept (issue 13)."""
    settings = _settings(monkeypatch, tmp_path, REDIS_URL="redis://127.0.0.1:6379/5")
    assert settings["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    assert settings["READER_CACHE_SECONDS"] == 120
    assert settings["MIDDLEWARE"].index("partnership.reader_cache.ReaderCacheMiddleware") > settings[
        "MIDDLEWARE"
    ].index("django.contrib.messages.middleware.MessageMiddleware")
    assert _settings(monkeypatch, tmp_path, READER_CACHE_SECONDS="0")["READER_CACHE_SECONDS"] == 0


def test_staff_sessions_end_after_the_idle_minutes_the_environment_gives(monkeypatch, tmp_path):
    """The idle rule's middleware answers before the reader cache, after the login and messages are known."""
    settings = _settings(monkeypatch, tmp_path)
    assert (settings["STAFF_IDLE_MINUTES"], settings["SIGN_IN_RECORD_DAYS"]) == (30, 90)
    assert _settings(monkeypatch, tmp_path, STAFF_IDLE_MINUTES="15")["STAFF_IDLE_MINUTES"] == 15
    order = settings["MIDDLEWARE"].index
    sessions = order("partnership.sessions.SignInSessionMiddleware")
    assert order("django.contrib.auth.middleware.AuthenticationMiddleware") < sessions
    assert order("django.contrib.messages.middleware.MessageMiddleware") < sessions
    assert sessions < order("partnership.reader_cache.ReaderCacheMiddleware")
