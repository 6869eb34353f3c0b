"""The signing dashboard and the signing page make as many queries for 10 organisations as for 1."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.agreements.factories import adopted_version, designate, sign
from tests.factories import OrganisationFactory, PersonFactory, UserFactory


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def add_organisations(cast, version, n, start):
    """`n` organisations: every other one signed by its own signatory, each with a designated signatory."""
    for i in range(start, start + n):
        organisation = OrganisationFactory(name=f"Partner {i:02}")
        user = UserFactory(email=f"signatory{i}@example.org")
        PersonFactory(name=f"Signatory {i}", user=user)
        designate(cast, user, organisation, start=datetime.date(2009, 1, 1))
        # The member signs for every one of them too, so the signing page has them all to offer.
        designate(cast, cast.member, organisation, start=datetime.date(2009, 1, 1))
        if i % 2:
            sign(version, user, organisation)


@pytest.fixture
def version(cast):
    return adopted_version(cast)


def test_the_signing_dashboard_makes_as_many_queries_for_ten_organisations_as_for_one(cast, client_for, version):
    client = client_for("secretariat")
    url = reverse("agreement_signatures", args=[version.pk])
    add_organisations(cast, version, 1, 0)
    one = count_queries(client, url)
    add_organisations(cast, version, 9, 1)
    ten = count_queries(client, url)
    assert ten == one


def test_the_signing_page_makes_as_many_queries_for_ten_organisations_as_for_one(cast, client_for, version):
    client = client_for("member")
    url = reverse("agreement_sign", args=[version.pk])
    add_organisations(cast, version, 2, 0)
    one = count_queries(client, url)
    add_organisations(cast, version, 18, 2)
    ten = count_queries(client, url)
    assert ten == one
