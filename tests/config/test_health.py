"""The health check a load balancer asks: the database and the broker."""

from django.urls import reverse

from config.celery import app as celery_app


def test_health_check_reports_database_and_broker(db, client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"]["state"] == "ok"
    assert response.json()["broker"]["state"] == "ok"


def test_health_check_answers_503_when_the_broker_is_unreachable(db, client, monkeypatch):
    # Port 9 on the loopback address: nothing listens there.
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:9/0")
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["broker"]["state"] == "error"
    assert response.json()["database"]["state"] == "ok"


def test_liveness_answers_ok_without_touching_the_database(client):
    # No `db` fixture: pytest-django fails any database access in this test.
    response = client.get(reverse("livez"))
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
