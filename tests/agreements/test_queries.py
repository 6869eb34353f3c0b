"""The Agreement's list and version pages make the same number of queries for 1 row as for 10 (no N+1)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.actions import drafting as actions
from tests.agreements.factories import AgreementFactory, VersionFactory, adopted_version, board_meeting, build


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.fixture
def agreement(db):
    return AgreementFactory()


def add_versions(cast, agreement, n):
    """`n` more adopted versions, a year apart, each superseding the last."""
    start = agreement.versions.count()
    for i in range(start, start + n):
        day = datetime.date(2000 + i, 5, 1)
        version = VersionFactory(agreement=agreement, label=f"Version {i}")
        build(version, [("1", "Introduction", f"Text {i}.")])
        meeting, decision = board_meeting(cast.board, day)
        actions.adopt_version(version, by=cast.secretariat, meeting=meeting, decision=decision, takes_effect=day)


@pytest.mark.parametrize("who", ["anonymous", "secretariat"])
def test_the_versions_page_makes_as_many_queries_for_ten_versions_as_for_one(cast, client_for, agreement, who):
    client = client_for(who)
    add_versions(cast, agreement, 1)
    one = count_queries(client, reverse("agreement_versions"))
    add_versions(cast, agreement, 9)
    ten = count_queries(client, reverse("agreement_versions"))

    assert ten == one


def add_clauses(version, n, start):
    build(
        version,
        [(str(start + i), f"Section {start + i}", f"Text {i}.", [(f"{start + i}.1", "", "More.")]) for i in range(n)],
    )


@pytest.mark.parametrize(
    ("name", "who"),
    [
        ("agreement_version", "anonymous"),
        ("agreement_version", "secretariat"),
        ("agreement_version_manage", "secretariat"),
    ],
)
def test_a_version_page_makes_as_many_queries_for_ten_clauses_as_for_one(cast, client_for, name, who):
    version = VersionFactory()
    add_clauses(version, 1, 1)
    meeting, decision = board_meeting(cast.board)
    client = client_for(who)
    if name == "agreement_version":
        actions.adopt_version(
            version, by=cast.secretariat, meeting=meeting, decision=decision, takes_effect=datetime.date(2009, 5, 1)
        )
    one = count_queries(client, reverse(name, args=[version.pk]))
    if name == "agreement_version":
        # An adopted version never changes: measure a second version with ten sections instead.
        version = VersionFactory(agreement=version.agreement)
        add_clauses(version, 10, 1)
        later, _ = board_meeting(cast.board, datetime.date(2010, 5, 1))
        actions.adopt_version(version, by=cast.secretariat, meeting=later, takes_effect=datetime.date(2010, 5, 1))
    else:
        add_clauses(version, 9, 2)
    ten = count_queries(client, reverse(name, args=[version.pk]))

    assert ten == one


def outline(n, word):
    return [(str(i), f"Section {i}", f"{word} {i}.") for i in range(1, n + 1)]


def test_the_agreement_and_compare_pages_make_as_many_queries_for_ten_clauses_as_for_one(cast, client):
    one_a = adopted_version(cast, label="A", outline=outline(1, "Old"), day=datetime.date(2009, 5, 1))
    one_b = adopted_version(
        cast, label="B", outline=outline(1, "New"), agreement=one_a.agreement, day=datetime.date(2010, 5, 1)
    )
    ten_a = adopted_version(
        cast, label="C", outline=outline(10, "Old"), agreement=one_a.agreement, day=datetime.date(2011, 5, 1)
    )
    ten_b = adopted_version(
        cast, label="D", outline=outline(10, "New"), agreement=one_a.agreement, day=datetime.date(2012, 5, 1)
    )
    url = reverse("agreement")
    compare = reverse("agreement_compare")

    in_force = [count_queries(client, f"{url}?on={day}") for day in ("2009-06-01", "2011-06-01")]
    compared = [count_queries(client, f"{compare}?from={a.pk}&to={b.pk}") for a, b in ((one_a, one_b), (ten_a, ten_b))]

    assert in_force[0] == in_force[1]
    assert compared[0] == compared[1]
