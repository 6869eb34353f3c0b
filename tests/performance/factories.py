"""Factories for indicators, targets and values (straight to the database; the actions are tested on their own)."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from performance.models import Indicator, PeriodFrequency, Polarity, Target, Value
from tests.factories import BodyFactory, OrganisationFactory, UserFactory


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    name = factory.Sequence(lambda n: f"Indicator {n}")
    slug = factory.Sequence(lambda n: f"indicator-{n}")
    definition = "The share of people counted, as a percentage."
    unit = "%"
    polarity = Polarity.HIGHER
    frequency = PeriodFrequency.ANNUAL
    owner = factory.SubFactory(BodyFactory)
    reporter = factory.SubFactory(OrganisationFactory)
    tolerance = Decimal("2")


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    period_start = datetime.date(2009, 4, 1)
    value = Decimal("75")


class ValueFactory(DjangoModelFactory):
    class Meta:
        model = Value

    indicator = factory.SubFactory(IndicatorFactory)
    period_start = datetime.date(2009, 4, 1)
    value = Decimal("70")
    entered_by = factory.SubFactory(UserFactory)
    entered_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyFunction(timezone.now)
