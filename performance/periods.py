"""Reporting periods: a start date and a frequency, in municipal years that run from April to March.

Pure functions, no database. A period is named as a partnership's performance report
names it: "April 2009" (monthly), "Q1 2009/10" (quarterly: April to June is the
first quarter) and "2009/10" (annual).
"""

import datetime

from dateutil.relativedelta import relativedelta

MONTHLY = "monthly"
QUARTERLY = "quarterly"
ANNUAL = "annual"
MONTHS = {MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12}
# The municipal year starts on 1 April.
YEAR_STARTS_IN = 4


def municipal_year(day: datetime.date) -> int:
    """The calendar year in which the municipal year holding `day` began: 2009 for 1 April 2009 to 31 March 2010."""
    return day.year if day.month >= YEAR_STARTS_IN else day.year - 1


def year_label(year: int) -> str:
    """ "2009/10" for the year starting 1 April 2009."""
    return f"{year}/{(year + 1) % 100:02}"


def year_start(year: int) -> datetime.date:
    return datetime.date(year, YEAR_STARTS_IN, 1)


def is_period_start(start: datetime.date, frequency: str) -> bool:
    """Whether `start` begins a period of `frequency`: the first of a month, of a quarter, of 1 April."""
    if start.day != 1:
        return False
    offset = (start.month - YEAR_STARTS_IN) % 12
    return offset % MONTHS[frequency] == 0


def period_start(day: datetime.date, frequency: str) -> datetime.date:
    """The start of the period of `frequency` that holds `day`."""
    offset = (day.month - YEAR_STARTS_IN) % 12
    months_in = offset % MONTHS[frequency]
    return day.replace(day=1) - relativedelta(months=months_in)


def next_start(start: datetime.date, frequency: str) -> datetime.date:
    return start + relativedelta(months=MONTHS[frequency])


def period_end(start: datetime.date, frequency: str) -> datetime.date:
    """The last day of the period."""
    return next_start(start, frequency) - datetime.timedelta(days=1)


def label(start: datetime.date, frequency: str) -> str:
    """ "April 2009", "Q1 2009/10" or "2009/10"."""
    year = municipal_year(start)
    if frequency == ANNUAL:
        return year_label(year)
    if frequency == QUARTERLY:
        quarter = (start.month - YEAR_STARTS_IN) % 12 // 3 + 1
        return f"Q{quarter} {year_label(year)}"
    return f"{start:%B %Y}"


def periods_between(first: datetime.date, last: datetime.date, frequency: str) -> list[datetime.date]:
    """The starts of every period from the one holding `first` to the one holding `last`, in order."""
    start = period_start(first, frequency)
    starts = []
    while start <= last:
        starts.append(start)
        start = next_start(start, frequency)
    return starts


def periods_of_year(year: int, frequency: str) -> list[datetime.date]:
    """The starts of the periods of the municipal year beginning in `year`."""
    first = year_start(year)
    return periods_between(first, year_start(year + 1) - datetime.timedelta(days=1), frequency)
