"""Possible conflicts of interest on an agenda (Agreement 11.4.2, 11.4.4): who should think about declaring.

A query, not a record: worked out from today's memberships and registers
each time an agenda or the conflicts page is shown.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch

from bodies.models import Membership
from declarations.models import REGISTER_ROLES, Interest
from meetings.models import AgendaItem, Meeting, Paper
from partnership.dates import today
from partnership.models import Person


@dataclass
class PossibleConflict:
    """A member whose current register names an organisation or matter an agenda item concerns."""

    item: AgendaItem
    person: Person
    interests: list = field(default_factory=list)


def _terms(interest):
    terms = []
    if interest.organisation_id:
        terms += [interest.organisation.name, interest.organisation.short_name]
    terms.append(interest.matter)
    return [t.strip() for t in terms if t and t.strip()]


def _mentions(text, term):
    """`term` appears in `text` as whole words, whatever the case."""
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, flags=re.IGNORECASE) is not None


def possible_conflicts(meeting: Meeting, on: datetime.date | None = None) -> list[PossibleConflict]:
    """Per agenda item, the body's current members whose current register names what the item concerns.

    An item concerns what its title and description, and its papers' titles
    and descriptions, name; an interest names its organisation (name or short
    name) and its matter. Matching is by whole words, ignoring case.
    """
    on = on or today()
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("number")
        .prefetch_related(Prefetch("papers", queryset=Paper.objects.only("id", "item_id", "title", "description")))
    )
    person_ids = set(
        Membership.objects.on(on)
        .filter(body_id=meeting.body_id, role__in=REGISTER_ROLES)
        .values_list("person_id", flat=True)
    )
    interests = list(
        Interest.objects.on(on)
        .filter(person_id__in=person_ids)
        .select_related("person", "organisation")
        .order_by("person__name", "person_id", "start", "pk")
    )
    conflicts = []
    for item in items:
        text = "\n".join([item.title, item.description, *(f"{p.title}\n{p.description}" for p in item.papers.all())])
        by_person = {}
        for interest in interests:
            if any(_mentions(text, term) for term in _terms(interest)):
                by_person.setdefault(interest.person_id, PossibleConflict(item, interest.person)).interests.append(
                    interest
                )
        conflicts.extend(by_person.values())
    return conflicts
