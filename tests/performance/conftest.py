import datetime
from decimal import Decimal

import pytest

from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.performance.factories import IndicatorFactory


@pytest.fixture
def reporter_org(db):
    return OrganisationFactory(name="Cheshire Constabulary")


@pytest.fixture
def reporter(reporter_org):
    """Rita, a performance officer of the reporting organisation, with a login and no memberships."""
    user = UserFactory(email="rita@example.org")
    PersonFactory(name="Rita Reed", user=user, organisation=reporter_org)
    return user


@pytest.fixture
def indicator(cast, reporter_org):
    return IndicatorFactory(
        name="Adults in work",
        slug="adults-in-work",
        owner=cast.forum,
        reporter=reporter_org,
        polarity="higher",
        frequency="quarterly",
        tolerance=Decimal("2"),
    )


Q1 = datetime.date(2009, 4, 1)
Q2 = datetime.date(2009, 7, 1)
