"""Dates and times as the partnership writes them: "30 April 2009", "2pm", "midday".

The one home for them, used by Python and by templates (the `govuk` tags'
british_date, british_time and british_datetime filters), following the
GOV.UK style guide: no leading zero, "am"/"pm" without dots, "midday" and
"midnight" rather than "12pm" and "12am".
"""

import datetime

from django.utils import timezone


def today() -> datetime.date:
    """Today's date where the partnership is (settings.TIME_ZONE)."""
    return timezone.localdate()


def day_before(date: datetime.date) -> datetime.date:
    return date - datetime.timedelta(days=1)


def british_date(value: datetime.date | datetime.datetime) -> str:
    """Say a date: "30 April 2009". A moment is said as its local date."""
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return f"{value.day} {value:%B %Y}"


def british_time(moment: datetime.datetime | datetime.time) -> str:
    """Say a local time: "2pm", "2:30pm", "midday", "midnight"."""
    if isinstance(moment, datetime.datetime) and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    if (moment.hour, moment.minute) == (12, 0):
        return "midday"
    if (moment.hour, moment.minute) == (0, 0):
        return "midnight"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def british_datetime(moment: datetime.datetime) -> str:
    """Say a moment: "30 April 2009, 2pm"."""
    return f"{british_date(moment)}, {british_time(moment)}"
