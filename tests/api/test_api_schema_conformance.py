"""Schemathesis against the API's own OpenAPI schema, in process through the WSGI application: no answer is a
server error, and every answer conforms to the schema (its status, its content type and its body).

The examples are limited so that the run stays well under a minute on the shared machine."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api import docs
from config.wsgi import application

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


# The schema /api/schema/ serves (tests/api/test_api_lists.py checks they are the same), made without a request so
# that it is ready when the tests are collected; the cases are then sent to the WSGI application, as from_wsgi does.
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(docs.schema())))
schema.app = application
schema.location = "/api/schema/"


@pytest.fixture(autouse=True)
def _data(public_data, agreement_versions):
    """Something in every list, confidential matter included."""


@pytest.fixture(autouse=True)
def _connection_kept():
    """Keep the test's database connection across the WSGI requests, as Django's test client does.

    The WSGI handler closes the connection when a request finishes (close_old_connections); on PostgreSQL that
    ends the test's transaction, and the next request meets a closed connection.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_answer_conforms_to_the_schema(case):
    case.call_and_validate(checks=CHECKS)
