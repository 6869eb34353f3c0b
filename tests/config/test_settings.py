"""The settings as production runs them: the deploy checks pass, and a missing secret fails loudly."""

import os
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


def test_deploy_checks_fail_when_debug_is_left_on(tmp_path):
    result = _manage(_production_env(tmp_path, DEBUG="true"), "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 1, result.stderr
    assert "security.W018" in result.stderr


def test_production_without_a_secret_key_fails_loudly(tmp_path):
    result = _manage(_production_env(tmp_path, SECRET_KEY=None), "check")

    assert result.returncode == 1, result.stderr
    assert "django.core.exceptions.ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off" in result.stderr
