"""The performance lists hold exactly a page, with a link to the next."""

import datetime
from decimal import Decimal as D

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from performance.models import Indicator, Target, Value
from performance.views import DRAFTS_PER_PAGE, INDICATORS_PER_PAGE, PERIODS_PER_PAGE
from tests.paging import assert_a_full_page_and_a_next
from tests.performance.factories import IndicatorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_public_cache")]
YEAR = datetime.date(2009, 4, 1)


def many(cast, n, *, draft=False):
    template = IndicatorFactory(owner=cast.forum)
    indicators = Indicator.objects.bulk_create(
        [
            Indicator(
                name=f"Indicator {i:03}",
                slug=f"many-{i}",
                definition="x",
                unit="%",
                polarity="higher",
                frequency="annual",
                owner=cast.forum,
                reporter=template.reporter,
            )
            for i in range(n - 1)
        ]
    )
    indicators.append(template)
    now = timezone.now()
    Target.objects.bulk_create([Target(indicator=i, period_start=YEAR, value=D("75")) for i in indicators])
    Value.objects.bulk_create(
        [
            Value(
                indicator=i,
                period_start=YEAR,
                value=D("50"),
                entered_by=cast.secretariat,
                entered_at=now,
                published_at=None if draft else now,
            )
            for i in indicators
        ]
    )


def test_the_indicators(cast, client):
    many(cast, INDICATORS_PER_PAGE + 1)
    response = client.get(reverse("performance_indicators"))
    assert_a_full_page_and_a_next(
        response, response.context["page_obj"].object_list, INDICATORS_PER_PAGE, label="Indicators: pages"
    )


def test_a_bodys_indicators_off_track(cast, client):
    many(cast, INDICATORS_PER_PAGE + 1)
    response = client.get(reverse("performance_exceptions", args=[cast.forum.slug]))
    assert_a_full_page_and_a_next(
        response, response.context["page_obj"].object_list, INDICATORS_PER_PAGE, label="Indicators off track: pages"
    )


def test_the_values_to_publish(cast, client_for):
    many(cast, DRAFTS_PER_PAGE + 1, draft=True)
    response = client_for("secretariat").get(reverse("performance_manage"))
    assert_a_full_page_and_a_next(
        response, response.context["page_obj"].object_list, DRAFTS_PER_PAGE, label="Values to publish: pages"
    )


def test_an_indicators_periods(cast, client):
    indicator = IndicatorFactory(frequency="monthly")
    for i in range(PERIODS_PER_PAGE + 1):
        Target.objects.create(indicator=indicator, period_start=YEAR + relativedelta(months=i), value=D("1"))
    response = client.get(indicator.get_absolute_url())
    assert_a_full_page_and_a_next(response, response.context["rows"], PERIODS_PER_PAGE, label="Periods: pages")
    # The latest first: page one starts with the thirteenth month, April 2010.
    assert response.context["rows"][0].label == "April 2010"
