"""Helpers and markers the declarations tests share (the fixtures are in conftest.py)."""

import datetime

from django.utils import timezone

# Planted in private text (reasons, advice, descriptions, withheld interests): a page that shows one leaks.
GIFTS_MARKER = "ZEBRA-CROSSING-7731"
INTERESTS_MARKER = "SECRET-MARKER-7f3a"
RULINGS_MARKER = "SECRET-MARKER-7731"


def at(year, month, day, hour=14):
    """A moment in local time: 2pm on the day unless told."""
    return timezone.make_aware(datetime.datetime(year, month, day, hour))
