"""Declarations take members out of an item's quorum (Agreement 11.1.2).

The excluder is registered with meetings.minutes_text when this module is
imported (declarations.policies imports it from the app's ready()). A
resolved dispute stands over the original ruling.
"""

from declarations.models import EXCLUDING_OUTCOMES, DisputeStatus, Ruling
from meetings.minutes_text import register_quorum_excluder


def effective_outcome(ruling, dispute=None):
    """The outcome that stands: the dispute's resolution once recorded, else the ruling."""
    if dispute is None:
        dispute = getattr(ruling, "dispute", None)
    if dispute is not None and dispute.status == DisputeStatus.RESOLVED:
        return dispute.resolution_outcome
    return ruling.outcome


@register_quorum_excluder
def excluded_by_rulings(meeting) -> dict[int, set[int]]:
    """{item id: {person ids}} of members whose standing ruling keeps them out of the item's decision: one query."""
    excluded: dict[int, set[int]] = {}
    rulings = Ruling.objects.filter(declaration__item__meeting=meeting).select_related("declaration", "dispute")
    for ruling in rulings:
        if effective_outcome(ruling) in EXCLUDING_OUTCOMES:
            excluded.setdefault(ruling.declaration.item_id, set()).add(ruling.declaration.person_id)
    return excluded
