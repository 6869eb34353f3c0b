"""One settings module, driven by the environment.

The defaults run on a laptop: SQLite and an embedded Celery broker under var/.
Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL
and the email settings (see README.md).
"""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from partnership.env import env_bool, env_date, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", True)
_DEV_KEY = "dev-only-insecure-key-never-used-when-debug-is-off"
SECRET_KEY = env_str("SECRET_KEY", _DEV_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

PARTNERSHIP_NAME = env_str("PARTNERSHIP_NAME", "West Cheshire Together")
# Where the public writes to the secretariat: the accessibility statement and the privacy notice give it.
SECRETARIAT_EMAIL = env_str("SECRETARIAT_EMAIL", "partnerships@example.org")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.postgres",
    "django.forms",
    "guardian",
    "simple_history",
    "axes",
    "csp",
    "partnership",
    "notifications",
    "bodies",
    "meetings",
    "declarations",
    "risks",
    "agreements",
    "performance",
    "search",
    "following",
    "rest_framework",
    "drf_spectacular",
    "api",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An ETag on every GET answer and 304 Not Modified when it matches; public pages bring their own
    # (partnership.public_cache).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sessions signed out elsewhere or idle too long end here, before the reader cache can answer them
    # (partnership.sessions).
    "partnership.sessions.SignInSessionMiddleware",
    # A signed-in reader's page served again while nothing it showed has changed (partnership.reader_cache).
    "partnership.reader_cache.ReaderCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of the login view.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

# The read-only public API (api/, issue 16): JSON only (the browsable renderer needs inline script), for everyone.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Public data of the partnership",
    "DESCRIPTION": "Bodies, people, memberships, meetings, agendas, papers, decisions, the registers' public "
    "parts and the Agreement's versions: what the public pages show, read only.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
}
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partnership.context_processors.partnership",
            ],
        },
    },
]

# Django forms render as GOV.UK Frontend form groups (templates/forms/).
FORM_RENDERER = "partnership.rendering.GovukFormRenderer"

_DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'partnership.sqlite3'}")
# Persistent connections in production: each web and worker process keeps its connection for a minute
# rather than opening one (a TCP handshake, TLS, authentication) for every request or task; the health
# check replaces, before a request uses it, one the server has closed. The embedded SQLite file opens
# in microseconds and gains nothing from it, so it keeps 0 (a connection per request).
_PERSISTENT = not DEBUG and not _DATABASE_URL.startswith("sqlite")
DATABASES = {
    "default": dj_database_url.parse(
        _DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if _PERSISTENT else 0),
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer rather than failing at once when the worker and the
    # web server share the embedded database; take the write lock when a
    # transaction begins, since a reader that later writes cannot wait for one.
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool("DATABASE_JIT", False):
    # PostgreSQL compiles a query it estimates to be costly (a search over every entry) with LLVM first: tens of
    # milliseconds a request for queries that run in a few. Off for the web's short queries (DATABASE_JIT=true
    # turns it back on); set by connection options, so a pooler in transaction mode wants it set on the role.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partnership.User"
AUTHENTICATION_BACKENDS = [
    # Refuses a login while the address or account is locked out.
    "axes.backends.AxesStandaloneBackend",
    # Logs in by email and answers every has_perm: model permissions, roles
    # computed from memberships, and django-guardian's one-off grants.
    "partnership.backends.PartnershipBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "account"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
INVITATION_MAX_AGE_DAYS = env_int("INVITATION_MAX_AGE_DAYS", 14)

# Login throttling: five failures for one address from one client locks it for an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "partnership.backends.login_attempt_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)
# Behind the proxy the client's address comes from X-Forwarded-For.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# django-guardian: no anonymous user row; the public is handled by policies.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded papers; served only through views that check who may see them.
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
PAPER_MAX_BYTES = env_int("PAPER_MAX_BYTES", 20 * 1024 * 1024)

# Email: the console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "partnership@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"

# Celery: Redis when REDIS_URL (or CELERY_BROKER_URL) is set, otherwise an
# embedded broker on the file system that needs no server.
REDIS_URL = env_str("REDIS_URL", "")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "filesystem://")
_BROKER_DIR = VAR_DIR / "broker"
if CELERY_BROKER_URL.startswith("filesystem://"):
    for sub in ("queue", "processed", "control"):
        (_BROKER_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_BROKER_DIR / "queue"),
        "data_folder_out": str(_BROKER_DIR / "queue"),
        "processed_folder": str(_BROKER_DIR / "processed"),
        # Broadcast (control) messages too, or kombu writes them to ./control in the working directory.
        "control_folder": str(_BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
NOTIFICATIONS_SWEEP_SECONDS = env_int("NOTIFICATIONS_SWEEP_SECONDS", 60)
# The schedule is code: the sweeper every minute, the planners hourly (they are idempotent), digests at 7am.
CELERY_BEAT_SCHEDULE = {
    "sweep-notifications": {"task": "notifications.tasks.sweep", "schedule": float(NOTIFICATIONS_SWEEP_SECONDS)},
    "plan-reminders": {"task": "notifications.tasks.plan_daily", "schedule": crontab(minute=5)},
    "send-digests": {"task": "notifications.tasks.send_digests", "schedule": crontab(hour=7, minute=0)},
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The public's emails about a body (following.tasks): new announcements, links to confirm, due deliveries.
CELERY_BEAT_SCHEDULE["sweep-following"] = {
    "task": "following.tasks.sweep",
    "schedule": float(NOTIFICATIONS_SWEEP_SECONDS),
}

# The cache every process shares (the web server's workers, Celery's): Redis when REDIS_URL is set, otherwise
# files under VAR_DIR. Not a per-process memory cache: the public cache (partnership.public_cache) is invalidated
# by whichever process makes a change, the worker included, and every process must see it.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 5000)},
        }
    )
}
# How long a public page is served from the cache at most: a change someone makes shows at once; this bounds
# what the clock alone changes within a day (a meeting passing from upcoming to past). 0 turns the cache off.
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 300)
# The same for a signed-in person's own pages, kept for that person and session alone (partnership.reader_cache).
# Shorter: their pages say more about the clock (overdue actions, replies closing). 0 turns it off.
READER_CACHE_SECONDS = env_int("READER_CACHE_SECONDS", 120)
# An open risk whose residual score (likelihood times impact after controls, 1 to 25) reaches this is escalated to
# the partnership's board: it shows on the board's register and the secretariat is told (risks.models).
RISK_ESCALATION_SCORE = env_int("RISK_ESCALATION_SCORE", 15)

# Security. Production (DEBUG off) gets HTTPS-only cookies and HSTS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
# Sessions read from the shared cache (Redis in production), written through to the database: a signed-in request
# reads its session without a query, and a session outlives a cache that is emptied.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The secretariat's and Django staff's sessions end after this many minutes without a request
# (partnership.sessions.idle_limited); everyone else's last SESSION_COOKIE_AGE (two weeks) from the last request.
STAFF_IDLE_MINUTES = env_int("STAFF_IDLE_MINUTES", 30)
# The records of signed-in sessions are deleted this many days after the session ended (manage.py purge_sign_ins,
# daily from the beat schedule).
SIGN_IN_RECORD_DAYS = env_int("SIGN_IN_RECORD_DAYS", 90)
CELERY_BEAT_SCHEDULE["purge-sign-ins"] = {
    "task": "partnership.tasks.purge_sign_ins",
    "schedule": crontab(hour=3, minute=30),
}
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # axes logs every sign-in at INFO; keep failures and lockouts only.
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint narrates every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# guardian looks for its own backend by name; PartnershipBackend answers for it.
SILENCED_SYSTEM_CHECKS = ["guardian.W001"]
AXES_VERBOSE = False

# --- Agreement: the seal on its PDF, renditions and signing (agreements.seal, agreements.renditions) ---
# The partnership's certificate and key (PEM or DER) and the key's passphrase. Left empty, a development
# seal that says it is not for use is made in VAR_DIR/seal/ (manage.py make_dev_seal, or on first use).
AGREEMENT_SEAL_CERT_FILE = env_str("AGREEMENT_SEAL_CERT_FILE", "")
AGREEMENT_SEAL_KEY_FILE = env_str("AGREEMENT_SEAL_KEY_FILE", "")
AGREEMENT_SEAL_PASSPHRASE = env_str("AGREEMENT_SEAL_PASSPHRASE", "")
AGREEMENT_SEAL_DEV_DIR = VAR_DIR / "seal"
# The largest file the public verify page reads.
AGREEMENT_VERIFY_MAX_BYTES = env_int("AGREEMENT_VERIFY_MAX_BYTES", 20 * 1024 * 1024)
# A signature records REMOTE_ADDR; only behind a proxy that sets X-Forwarded-For may its last entry be used.
AGREEMENT_TRUST_X_FORWARDED_FOR = env_bool("AGREEMENT_TRUST_X_FORWARDED_FOR", False)
# Sealed PDFs are stored with the default storage, under MEDIA_ROOT/agreements/renditions/.
CELERY_BEAT_SCHEDULE["sweep-renditions"] = {"task": "agreements.tasks.sweep_renditions", "schedule": 300.0}
# --- end of the Agreement block ---

# --- Second factor (issue 18): django-otp's authenticator apps (TOTP) and recovery codes (partnership.mfa) ---
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "django_otp.plugins.otp_static"]
# OTPMiddleware after authentication (request.user.is_verified()); the gate that holds a session owing a code,
# or that must set a factor up, before the reader cache so that no kept page is served past it.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("partnership.reader_cache.ReaderCacheMiddleware"), "partnership.mfa.SecondFactorMiddleware"
)
# The name an authenticator app shows beside the code.
OTP_TOTP_ISSUER = PARTNERSHIP_NAME
# From this date (YYYY-MM-DD; "never" for none) the secretariat, chairs, vice chairs and authorised signatories
# cannot use the site, nor sign, until they set up a second factor; before it they are asked to on every page.
MFA_REQUIRED_FROM = env_date("MFA_REQUIRED_FROM", "2027-04-01")
# Passkeys (WebAuthn) as a second factor: django-otp-webauthn's devices, at the sign-in code step (partnership.passkeys).
# The relying party is the site's own host; a passkey made for one host does not work on another.
INSTALLED_APPS += ["django_otp_webauthn"]
OTP_WEBAUTHN_RP_ID = env_str("OTP_WEBAUTHN_RP_ID", urlsplit(SITE_URL).hostname or "localhost")
OTP_WEBAUTHN_RP_NAME = PARTNERSHIP_NAME
OTP_WEBAUTHN_ALLOWED_ORIGINS = [f"{urlsplit(SITE_URL).scheme}://{urlsplit(SITE_URL).netloc}"]
# WebAuthn needs a secure context (https, or http://localhost in development) and a host name, not an IP address:
# with the default SITE_URL (http://127.0.0.1:8000) the browser refuses passkeys; use http://localhost:8000 to try them.
# In development the library's check of that is silenced; in production (DEBUG off) it stands, so that a site
# whose SITE_URL is not its https address fails `check --deploy` rather than offering passkeys that cannot work.
if DEBUG and not OTP_WEBAUTHN_ALLOWED_ORIGINS[0].startswith(("https://", "http://localhost")):
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "otp_webauthn.E031"]
# A passkey is a second factor here, never a way to sign in without the password.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "partnership.passkeys.Helper"
# --- end of the second factor block ---
