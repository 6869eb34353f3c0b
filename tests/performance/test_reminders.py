"""Reminders to the reporting organisation's people: a value due (a week ahead) and overdue (the day after)."""

import datetime
from decimal import Decimal as D

import pytest
from django.utils import timezone

from notifications.models import Notification, NotificationStatus
from notifications.planning import at_nine
from performance.actions import indicators as actions
from performance.reminders import plan_performance
from tests.factories import PersonFactory, UserFactory
from tests.performance.factories import TargetFactory

pytestmark = pytest.mark.django_db

Q4 = datetime.date(2010, 1, 1)  # Q4 2009/10 ends on 31 March 2010; its value is due 30 days later, on 30 April.


def moment(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(3)))


def rows():
    return sorted(
        (n.kind, n.recipient.name, n.status, n.due_at)
        for n in Notification.objects.filter(key__startswith="performance:").select_related("recipient")
    )


@pytest.fixture
def due(indicator, reporter):
    TargetFactory(indicator=indicator, period_start=Q4, value=D("70"))
    return indicator


def test_the_reporters_hear_a_week_ahead_and_the_day_after(due, reporter):
    plan_performance(moment(datetime.date(2010, 4, 10)))
    assert rows() == [
        ("performance_value_due", "Rita Reed", NotificationStatus.PENDING, at_nine(datetime.date(2010, 4, 23))),
        ("performance_value_overdue", "Rita Reed", NotificationStatus.PENDING, at_nine(datetime.date(2010, 5, 1))),
    ]
    note = Notification.objects.get(kind="performance_value_due")
    assert note.subject == "Due on 30 April 2010: Adults in work, Q4 2009/10"
    assert note.url == "/performance/indicators/adults-in-work/values/?period=2010-01-01"


def test_nobody_outside_the_reporting_organisation_is_told(due, cast):
    plan_performance(moment(datetime.date(2010, 4, 10)))
    names = {name for _, name, _, _ in rows()}
    assert names == {"Rita Reed"}


def test_every_person_of_the_organisation_with_a_login(due, reporter_org):
    PersonFactory(name="Rob Roe", user=UserFactory(email="rob@example.org"), organisation=reporter_org)
    PersonFactory(name="No Login", organisation=reporter_org)  # no login: not one of its people at work here
    plan_performance(moment(datetime.date(2010, 4, 10)))
    assert {name for _, name, _, _ in rows()} == {"Rita Reed", "Rob Roe"}


def test_entering_the_value_cancels_both(due, reporter):
    now = moment(datetime.date(2010, 4, 10))
    plan_performance(now)
    actions.record_value(due, by=reporter, period_start=Q4, value=D("71"), now=now)
    assert {status for _, _, status, _ in rows()} == {NotificationStatus.CANCELLED}


def test_after_the_due_day_only_the_overdue_reminder_is_wanted(due):
    plan_performance(moment(datetime.date(2010, 5, 3)))
    assert [kind for kind, *_ in rows()] == ["performance_value_overdue"]


def test_the_planner_is_idempotent_and_stops_chasing_after_sixty_days(due):
    now = moment(datetime.date(2010, 4, 10))
    plan_performance(now)
    plan_performance(now + datetime.timedelta(hours=5))
    assert len(rows()) == 2
    # Long after: no new reminders for a period that old (the pending ones are cancelled).
    plan_performance(moment(datetime.date(2010, 8, 1)))
    assert {status for _, _, status, _ in rows()} == {NotificationStatus.CANCELLED}


def test_periods_without_a_target_or_not_yet_ended_bring_nothing(indicator, reporter):
    TargetFactory(indicator=indicator, period_start=datetime.date(2010, 4, 1), value=D("70"))
    plan_performance(moment(datetime.date(2010, 4, 10)))  # Q1 2010/11 has not ended; Q4 2009/10 has no target
    assert rows() == []
