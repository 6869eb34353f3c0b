"""The wiring's own views: the health check a load balancer or monitor asks, and a bare liveness answer."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from config.celery import app as celery_app


def _database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001  (any failure means the database is down)
        return "error", str(error.__class__.__name__)
    return "ok", None


def _broker_state():
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # noqa: BLE001  (any failure means the broker is unreachable)
        return "error", str(error.__class__.__name__)
    return "ok", None


@never_cache
@require_safe
def healthz(request):
    """Report the database and broker state as JSON; 503 when either is down."""
    database, database_error = _database_state()
    broker, broker_error = _broker_state()
    body = {
        "status": "ok" if database == broker == "ok" else "error",
        "database": {"state": database, "vendor": connection.vendor},
        "broker": {"state": broker, "transport": settings.CELERY_BROKER_URL.split(":", 1)[0]},
    }
    if database_error:
        body["database"]["error"] = database_error
    if broker_error:
        body["broker"]["error"] = broker_error
    return JsonResponse(body, status=200 if body["status"] == "ok" else 503)


@never_cache
@require_safe
def livez(request):
    """Answer "ok" with no database or broker access: the process is up (the bench's trivial view)."""
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
