"""One way to write dates and times, in Python and in templates."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template

from partnership.dates import british_date, british_datetime, british_time

LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("hour", "minute", "said"),
    [(12, 0, "midday"), (0, 0, "midnight"), (14, 0, "2pm"), (14, 30, "2:30pm"), (9, 5, "9:05am"), (12, 15, "12:15pm")],
)
def test_a_time_is_said_as_gov_uk_says_it(hour, minute, said):
    assert british_time(datetime.datetime(2009, 4, 30, hour, minute, tzinfo=LONDON)) == said


def test_a_moment_is_said_in_local_time_whatever_zone_it_is_stored_in():
    # 13:00 UTC on 30 April 2009 is 2pm British Summer Time.
    moment = datetime.datetime(2009, 4, 30, 13, 0, tzinfo=datetime.UTC)
    assert british_datetime(moment) == "30 April 2009, 2pm"
    assert british_date(moment) == "30 April 2009"


def test_a_date_has_no_leading_zero():
    assert british_date(datetime.date(2011, 2, 3)) == "3 February 2011"


def test_templates_say_dates_and_times_the_same_way():
    template = Template("{% load govuk %}{{ at|british_datetime }} / {{ at|british_time }} / {{ day|british_date }}")
    at = datetime.datetime(2009, 4, 30, 12, 0, tzinfo=LONDON)
    rendered = template.render(Context({"at": at, "day": datetime.date(2009, 4, 2)}))
    assert rendered == "30 April 2009, midday / midday / 2 April 2009"


def test_an_empty_value_is_said_as_nothing():
    assert Template("{% load govuk %}[{{ nothing|british_datetime }}]").render(Context({"nothing": None})) == "[]"
