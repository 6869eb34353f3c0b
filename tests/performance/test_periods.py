"""Reporting periods in municipal years (April to March)."""

import datetime

import pytest

from performance import periods

d = datetime.date


@pytest.mark.parametrize(
    ("start", "frequency", "label"),
    [
        (d(2009, 4, 1), "annual", "2009/10"),
        (d(1999, 4, 1), "annual", "1999/00"),
        (d(2009, 4, 1), "quarterly", "Q1 2009/10"),
        (d(2009, 10, 1), "quarterly", "Q3 2009/10"),
        (d(2010, 1, 1), "quarterly", "Q4 2009/10"),
        (d(2010, 3, 1), "monthly", "March 2010"),
    ],
)
def test_labels(start, frequency, label):
    assert periods.label(start, frequency) == label


def test_municipal_year_turns_on_the_first_of_april():
    assert periods.municipal_year(d(2010, 3, 31)) == 2009
    assert periods.municipal_year(d(2010, 4, 1)) == 2010


def test_period_starts():
    assert periods.is_period_start(d(2009, 7, 1), "quarterly")
    assert not periods.is_period_start(d(2009, 8, 1), "quarterly")
    assert not periods.is_period_start(d(2009, 7, 2), "quarterly")
    assert periods.is_period_start(d(2009, 4, 1), "annual")
    assert not periods.is_period_start(d(2009, 1, 1), "annual")
    assert periods.is_period_start(d(2009, 1, 1), "monthly")
    assert periods.period_start(d(2010, 2, 14), "quarterly") == d(2010, 1, 1)
    assert periods.period_start(d(2010, 2, 14), "annual") == d(2009, 4, 1)


def test_ends_and_spans():
    assert periods.period_end(d(2010, 1, 1), "quarterly") == d(2010, 3, 31)
    assert periods.period_end(d(2009, 4, 1), "annual") == d(2010, 3, 31)
    assert periods.period_end(d(2012, 2, 1), "monthly") == d(2012, 2, 29)
    assert periods.periods_of_year(2009, "quarterly") == [d(2009, 4, 1), d(2009, 7, 1), d(2009, 10, 1), d(2010, 1, 1)]
    assert len(periods.periods_of_year(2009, "monthly")) == 12
    assert periods.periods_of_year(2009, "annual") == [d(2009, 4, 1)]
