"""Every performance list makes the same number of queries for 1 row as for 10 (no N+1)."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import BodyFactory
from tests.performance.factories import IndicatorFactory, TargetFactory, ValueFactory

# They measure what rendering a page costs: the public cache would answer the second request.
pytestmark = pytest.mark.usefixtures("no_public_cache")

YEAR = datetime.date(2009, 4, 1)
NOW = timezone.now()


def make_indicators(body, n, *, one_body=True, draft=False):
    """`n` indicators off track in 2009/10: all of `body`, or every other one of an area board of its own."""
    for i in range(n):
        owner = body if one_body or i % 2 == 0 else BodyFactory(kind="area_partnership_board")
        indicator = IndicatorFactory(owner=owner)
        TargetFactory(indicator=indicator, period_start=YEAR, value=D("75"))
        ValueFactory(indicator=indicator, period_start=YEAR, value=D("60"), published_at=None if draft else NOW)


@pytest.mark.parametrize("count", (1, 10))
@pytest.mark.parametrize(
    ("name", "who", "queries"),
    [
        # The years with a report, a count of the indicators, then the page.
        ("performance_indicators", "anonymous", 3),
        ("performance_indicators", "secretariat", 6),
        ("performance_exceptions", "anonymous", 2),
        ("performance_exceptions", "secretariat", 7),
        ("performance_report", "anonymous", 3),
    ],
)
def test_public_lists(cast, client_for, django_assert_num_queries, count, name, who, queries):
    make_indicators(cast.forum, count, one_body=name == "performance_exceptions")
    url = {
        "performance_indicators": reverse("performance_indicators"),
        "performance_exceptions": reverse("performance_exceptions", args=[cast.forum.slug]),
        "performance_report": reverse("performance_report", args=[2009]),
    }[name]
    client = client_for(who)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="govuk-link" href="/performance/indicators/') >= (
        count if name != "performance_report" else 0
    )
    if name == "performance_report":
        assert response.content.decode().count("<svg") == count


@pytest.mark.parametrize("count", (1, 10))
def test_the_secretariats_drafts(cast, client_for, django_assert_num_queries, count):
    make_indicators(cast.forum, count, draft=True)
    client = client_for("secretariat")
    with django_assert_num_queries(5):
        response = client.get(reverse("performance_manage"))
    assert response.content.decode().count(">Publish<span") == count


@pytest.mark.parametrize(
    ("count", "who", "queries"),
    [(1, "anonymous", 3), (10, "anonymous", 3), (1, "secretariat", 6), (10, "secretariat", 6)],
)
def test_an_indicators_periods(cast, client_for, django_assert_num_queries, count, who, queries):
    indicator = IndicatorFactory(frequency="quarterly")
    for i in range(count):
        start = (datetime.date(2009, 4, 1) + datetime.timedelta(days=92 * i)).replace(day=1)
        TargetFactory(indicator=indicator, period_start=start, value=D("70"))
        ValueFactory(indicator=indicator, period_start=start, value=D("71"))
    client = client_for(who)
    with django_assert_num_queries(queries):
        response = client.get(indicator.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["rows"]) == count
