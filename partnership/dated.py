"""Records in force over a span of days: a start, and an end that is empty while they last.

Both ends are days included: a membership from 1 April to 31 March is held on
both. Any past date can be asked about (`.on(date)`), not only today.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone


def in_force_on(date, start="start", end="end", *, open_start=False) -> Q:
    """The condition that a row is in force on `date`; with `open_start` an empty start means always."""
    started = Q(**{f"{start}__lte": date})
    if open_start:
        started |= Q(**{f"{start}__isnull": True})
    return started & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": date}))


class DatedQuerySet(models.QuerySet):
    """`.on(date)` and `.current()` for a model whose rows run from `start_field` to `end_field`."""

    start_field = "start"
    end_field = "end"
    # True where an empty start means "since before records began" (an organisation's joining date).
    open_start = False

    def on(self, date):
        """The rows in force on `date`."""
        return self.filter(in_force_on(date, self.start_field, self.end_field, open_start=self.open_start))

    def current(self):
        """The rows in force today."""
        return self.on(timezone.localdate())
