"""The actions: indicators, targets, values with their history, publication; and who may enter values."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from performance.actions import indicators as actions
from performance.models import Indicator, Value
from performance.policies import can_enter_value, indicators_enterable_by
from tests.factories import OrganisationFactory
from tests.performance.conftest import Q1, Q2
from tests.performance.factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def test_the_secretariat_creates_an_indicator_with_history(cast, reporter_org):
    indicator = actions.create_indicator(
        by=cast.secretariat,
        name="Young people not in education, employment or training",
        slug="neet",
        definition="16 to 18 year olds not in education, employment or training, as a share of the age group.",
        unit="%",
        polarity="lower",
        frequency="annual",
        owner=cast.forum,
        reporter=reporter_org,
        national_reference="NI 117",
        tolerance=D("0.5"),
        baseline=D("7.1"),
        baseline_label="2007/08",
    )
    assert indicator.history.get().history_user == cast.secretariat
    with pytest.raises(PermissionDenied):
        actions.create_indicator(by=cast.member, name="X", slug="x")


def test_a_bad_period_is_refused(cast, indicator):
    with pytest.raises(ValidationError):
        actions.set_target(indicator, by=cast.secretariat, period_start=datetime.date(2009, 5, 1), value=D("70"))


def test_a_target_is_set_then_changed_with_its_history(cast, indicator):
    actions.set_target(indicator, by=cast.secretariat, period_start=Q1, value=D("70"))
    target = actions.set_target(indicator, by=cast.secretariat, period_start=Q1, value=D("72"))
    assert indicator.targets.count() == 1
    assert [h.value for h in target.history.order_by("history_date")] == [D("70"), D("72")]


def test_the_reporter_enters_drafts_and_revisions_keep_history(cast, indicator, reporter):
    value = actions.record_value(indicator, by=reporter, period_start=Q1, value=D("68"), note="First count")
    assert not value.is_published
    actions.publish_value(value, by=cast.secretariat)
    revised = actions.record_value(indicator, by=reporter, period_start=Q1, value=D("69"), note="Late returns")
    # A revision of a published figure is a draft again until the secretariat publishes it.
    assert revised.pk == value.pk and not revised.is_published
    history = list(revised.history.order_by("history_date").values_list("value", "published_at"))
    assert [v for v, _ in history] == [D("68"), D("68"), D("69")]
    assert history[1][1] is not None and history[2][1] is None


def test_only_the_secretariat_publishes(cast, indicator, reporter):
    with pytest.raises(PermissionDenied):
        actions.record_value(indicator, by=reporter, period_start=Q1, value=D("68"), publish=True)
    value = actions.record_value(indicator, by=reporter, period_start=Q1, value=D("68"))
    with pytest.raises(PermissionDenied):
        actions.publish_value(value, by=reporter)
    published = actions.record_value(indicator, by=cast.secretariat, period_start=Q2, value=D("70"), publish=True)
    assert published.is_published and published.published_by == cast.secretariat
    with pytest.raises(ValidationError):
        actions.publish_value(published, by=cast.secretariat)


def test_people_outside_the_reporting_organisation_cannot_enter(cast, indicator):
    for who in (cast.member, cast.chair, cast.other_member, cast.stranger):
        with pytest.raises(PermissionDenied):
            actions.record_value(indicator, by=who, period_start=Q1, value=D("1"))
    assert not Value.objects.exists()


def test_a_future_period_is_refused(cast, indicator):
    with pytest.raises(ValidationError):
        actions.record_value(indicator, by=cast.secretariat, period_start=datetime.date(2990, 4, 1), value=D("1"))


def test_the_frequency_is_fixed_once_there_are_figures(cast, indicator):
    actions.set_target(indicator, by=cast.secretariat, period_start=Q1, value=D("70"))
    with pytest.raises(ValidationError):
        actions.update_indicator(indicator, by=cast.secretariat, frequency="annual")
    assert (
        actions.update_indicator(indicator, by=cast.secretariat, name="Adults in paid work").name
        == "Adults in paid work"
    )


def test_the_rule_and_its_queryset_twin_agree(cast, indicator, reporter):
    other = IndicatorFactory(reporter=OrganisationFactory())
    for user in (cast.secretariat, cast.chair, cast.member, cast.other_member, cast.stranger, reporter):
        twin = set(indicators_enterable_by(user))
        assert {i for i in Indicator.objects.all() if can_enter_value(user, i)} == twin
        assert user.has_perm("performance.enter_value", indicator) == (indicator in twin)
    assert set(indicators_enterable_by(reporter)) == {indicator}
    assert set(indicators_enterable_by(cast.secretariat)) == {indicator, other}
    from django.contrib.auth.models import AnonymousUser

    assert not indicators_enterable_by(AnonymousUser()).exists()
    assert not can_enter_value(AnonymousUser(), indicator)
