"""Declarations in the minutes: they take members out of an item's quorum, and are part of the signed text.

DeclarationsConfig.ready() registers both hooks with meetings.minutes_text.
A resolved dispute stands over the original ruling (Agreement 11.1.5).
"""

from declarations.models import EXCLUDING_OUTCOMES, Declaration, Ruling
from meetings.minutes_text import normalise


def excluded_by_rulings(meeting) -> dict[int, set[int]]:
    """{item id: {person ids}} of members whose standing ruling keeps them out of the item's decision: one query."""
    excluded: dict[int, set[int]] = {}
    rulings = Ruling.objects.filter(declaration__item__meeting=meeting).select_related("declaration", "dispute")
    for ruling in rulings:
        if ruling.standing_outcome() in EXCLUDING_OUTCOMES:
            excluded.setdefault(ruling.declaration.item_id, set()).add(ruling.declaration.person_id)
    return excluded


def declarations_in_the_record(meeting) -> dict[int, list[str]]:
    """{item id: [lines]}: each declaration made on the item, for the canonical text the chair signs; one query.

    Declarations close when the minutes are approved, so these lines do not
    change after signing. The rulings are left out: they can follow the
    meeting, and a dispute can supersede them.
    """
    notes: dict[int, list[str]] = {}
    rows = Declaration.objects.filter(item__meeting=meeting).select_related("person").order_by("recorded_at", "pk")
    for declaration in rows:
        notes.setdefault(declaration.item_id, []).append(
            f"Declaration: {declaration.person.full_name}, {declaration.get_kind_display().lower()} interest, "
            f"{declaration.get_made_display().lower()}: {normalise(declaration.description)}"
        )
    return notes
