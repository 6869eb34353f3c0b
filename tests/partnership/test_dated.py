"""Records in force over a span of days, asked about on any date."""

import datetime

import pytest

from partnership.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_an_organisation_is_a_partner_from_the_day_it_joins_to_the_day_it_leaves():
    police = OrganisationFactory(joined_on=datetime.date(2009, 4, 1), left_on=datetime.date(2011, 3, 31))
    always = OrganisationFactory(joined_on=None, left_on=None)
    assert list(Organisation.objects.on(datetime.date(2009, 3, 31)).order_by("pk")) == [always]
    assert list(Organisation.objects.on(datetime.date(2009, 4, 1)).order_by("pk")) == [police, always]
    assert list(Organisation.objects.on(datetime.date(2011, 3, 31)).order_by("pk")) == [police, always]
    assert list(Organisation.objects.on(datetime.date(2011, 4, 1)).order_by("pk")) == [always]
