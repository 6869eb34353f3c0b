"""The forward plan's writes: the secretariat adds, edits and removes an entry, and links it to its agenda item."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from meetings.models import AgendaItem, ForwardPlanEntry
from partnership.audit import stamped_delete, validated_save
from partnership.models import User

FIELDS = (
    "body",
    "title",
    "summary",
    "expected_meeting",
    "expected_month",
    "decision_maker",
    "confidential",
    "confidential_reason",
)


@transaction.atomic(durable=True)
def save_forward_plan_entry(entry: ForwardPlanEntry | None, *, by: User, **fields) -> ForwardPlanEntry:
    """Add an entry (`entry` None) or change one. An agenda item no longer on the meeting expected is let go."""
    entry = entry or ForwardPlanEntry()
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"Not a field of the forward plan: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(entry, name, value)
    if not entry.confidential:
        entry.confidential_reason = ""
    if entry.agenda_item_id and entry.agenda_item.meeting_id != entry.expected_meeting_id:
        entry.agenda_item = None
    entry.updated_at = timezone.now()
    return validated_save(entry, by)


@transaction.atomic(durable=True)
def link_agenda_item(entry: ForwardPlanEntry, item: AgendaItem | None, *, by: User) -> ForwardPlanEntry:
    """Say which item of the meeting expected the decision is taken under; None takes the link away."""
    entry = ForwardPlanEntry.objects.select_for_update().get(pk=entry.pk)
    if item is not None and entry.expected_meeting_id is None:
        raise ValidationError("Choose the meeting expected first: the item is one of its agenda.")
    entry.agenda_item = item
    entry.updated_at = timezone.now()
    return validated_save(entry, by)


@transaction.atomic(durable=True)
def remove_forward_plan_entry(entry: ForwardPlanEntry, *, by: User) -> None:
    """Take an entry off the forward plan; its history is kept."""
    stamped_delete(entry, by)
