"""The actions register: an owner (or the secretariat) reports how an action stands."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from meetings import reminders
from meetings.models import Action, ActionStatus
from partnership.audit import validated_save
from partnership.models import User


@transaction.atomic(durable=True)
def update_action_status(action: Action, *, by: User, status: str, note: str = "") -> Action:
    """Record the action's new status with a note; the earlier ones stay in its history."""
    if not by.has_perm("meetings.update_action", action):
        raise PermissionDenied("Only an owner of the action, or the secretariat, can update it.")
    action = Action.objects.select_for_update().get(pk=action.pk)
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Choose the status of the action from the list."})
    note = note.strip()
    if status == ActionStatus.DROPPED and not note:
        raise ValidationError({"note": "Say why the action is no longer needed."})
    if status == action.status and note == action.status_note:
        raise ValidationError(
            {
                "note": f"The action is already “{action.get_status_display()}” with this note. Change the status "
                "or write a new note."
            }
        )
    action.status = status
    action.status_note = note
    validated_save(action, by, update_fields=["status", "status_note"])
    reminders.plan_action(action)
    return action
