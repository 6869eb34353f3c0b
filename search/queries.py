"""A search: the entries a reader finds for a query, filtered and ordered, a page at a time."""

import datetime
from dataclasses import dataclass

from django.db.models import F

from bodies.models import Body
from search import engines
from search.engines import Query
from search.models import Entry
from search.policies import entries_visible_to


class Sort:
    RELEVANCE = "relevance"
    DATE = "date"


@dataclass
class Filters:
    kind: str = ""
    body: Body | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    # Clauses of versions of the Agreement no longer in force.
    older: bool = False
    sort: str = Sort.RELEVANCE

    def apply(self, queryset):
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        if self.body is not None:
            queryset = queryset.filter(body=self.body)
        if self.since:
            queryset = queryset.filter(date__gte=self.since)
        if self.until:
            queryset = queryset.filter(date__lte=self.until)
        if not self.older:
            queryset = queryset.filter(superseded=False)
        return queryset


# Results are counted up to this many: "more than 1,000" needs no more precision, and counting every match of a
# common word (tens of thousands on twenty years of records) would cost more than finding the page shown.
COUNT_LIMIT = 1000


class Results:
    """The entries found, as a paginator reads them: counted by one query, a page read by another.

    The count stops at COUNT_LIMIT + 1 (`more_than_limit`): the pages go as far as the first 1,000 results.
    """

    def __init__(self, matched, ranked):
        self._matched = matched
        self._ranked = ranked
        self._counted = None

    def _count_matches(self) -> int:
        if self._counted is None:
            self._counted = self._matched[: COUNT_LIMIT + 1].count()
        return self._counted

    @property
    def more_than_limit(self) -> bool:
        return self._count_matches() > COUNT_LIMIT

    def count(self) -> int:
        return min(self._count_matches(), COUNT_LIMIT)

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        return list(self._ranked[key])


def find(user, query: Query, filters: Filters | None = None) -> Results:
    """What `user` finds for `query`: the best match first, or the latest."""
    filters = filters or Filters()
    found = filters.apply(entries_visible_to(user, Entry.objects.all()))
    matched, ranked = engines.matching(found, query)
    # Ties keep one order, so that pages never share or skip an entry.
    if filters.sort == Sort.DATE:
        ranked = ranked.order_by(F("date").desc(nulls_last=True), "-rank", "-pk")
    else:
        ranked = ranked.order_by("-rank", F("date").desc(nulls_last=True), "-pk")
    # The text is never shown (the extract comes from search.engines.highlights): sorting thousands of matches
    # by rank without it keeps the sort in memory.
    return Results(matched, ranked.defer("text").select_related("body", "person"))
