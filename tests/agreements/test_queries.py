"""The Agreement's list and version pages make an exact number of queries, the same for 1 row as for 10 (no N+1)."""

import datetime

import pytest
from django.urls import reverse

from agreements.actions import drafting as actions
from tests.agreements.factories import VersionFactory, adopted_version, board_meeting, build

# They measure what rendering a page costs: the public cache would answer the second request.
pytestmark = pytest.mark.usefixtures("no_public_cache")


def add_versions(cast, agreement, n):
    """`n` adopted versions, a year apart, each superseding the last."""
    for i in range(n):
        day = datetime.date(2000 + i, 5, 1)
        version = VersionFactory(agreement=agreement, label=f"Version {i}")
        build(version, [("1", "Introduction", f"Text {i}.")])
        meeting, decision = board_meeting(cast.board, day)
        actions.adopt_version(version, by=cast.secretariat, meeting=meeting, decision=decision, takes_effect=day)


@pytest.mark.parametrize("item_count", (1, 10))
# The list is paged: a count of the versions, then the page.
@pytest.mark.parametrize(("who", "queries"), [("anonymous", 2), ("secretariat", 5)])
def test_the_versions_page_makes_the_same_queries_for_any_number_of_versions(
    cast, client_for, agreement, django_assert_num_queries, item_count, who, queries
):
    add_versions(cast, agreement, item_count)
    client = client_for(who)

    with django_assert_num_queries(queries):
        response = client.get(reverse("agreement_versions"))

    assert response.status_code == 200
    assert len(response.context["versions"]) == item_count


def sections(n, word="Text"):
    """`n` sections, each with one clause inside it."""
    return [(str(i), f"Section {i}", f"{word} {i}.", [(f"{i}.1", "", "More.")]) for i in range(1, n + 1)]


@pytest.mark.parametrize("item_count", (1, 10))
@pytest.mark.parametrize(
    ("name", "who", "queries"),
    [
        ("agreement_version", "anonymous", 2),
        ("agreement_version", "secretariat", 6),
        ("agreement_version_manage", "secretariat", 8),
    ],
)
def test_a_version_page_makes_the_same_queries_for_any_number_of_clauses(
    cast, client_for, django_assert_num_queries, item_count, name, who, queries
):
    version = VersionFactory()
    build(version, sections(item_count))
    if name == "agreement_version":
        # The public page shows published versions only.
        meeting, decision = board_meeting(cast.board)
        actions.adopt_version(
            version, by=cast.secretariat, meeting=meeting, decision=decision, takes_effect=datetime.date(2009, 5, 1)
        )
    client = client_for(who)

    with django_assert_num_queries(queries):
        response = client.get(reverse(name, args=[version.pk]))

    assert response.status_code == 200
    assert len(response.context["sections"]) == item_count


@pytest.mark.parametrize("item_count", (1, 10))
def test_the_agreement_page_makes_the_same_queries_for_any_number_of_clauses(
    cast, client, django_assert_num_queries, item_count
):
    adopted_version(cast, outline=sections(item_count), day=datetime.date(2009, 5, 1))

    with django_assert_num_queries(4):
        response = client.get(reverse("agreement") + "?on=2009-06-01")

    assert response.status_code == 200
    assert len(response.context["sections"]) == item_count


@pytest.mark.parametrize("item_count", (1, 10))
def test_the_compare_page_makes_the_same_queries_for_any_number_of_clauses(
    cast, client, django_assert_num_queries, item_count
):
    old = adopted_version(cast, label="A", outline=sections(item_count, "Old"), day=datetime.date(2009, 5, 1))
    new = adopted_version(
        cast, label="B", outline=sections(item_count, "New"), agreement=old.agreement, day=datetime.date(2010, 5, 1)
    )

    with django_assert_num_queries(6):
        response = client.get(reverse("agreement_compare") + f"?from={old.pk}&to={new.pk}")

    assert response.status_code == 200
    # Each section's text differs; the clause inside it does not.
    assert response.context["counts"] == {"added": 0, "removed": 0, "changed": item_count, "moved": 0, "renumbered": 0}
