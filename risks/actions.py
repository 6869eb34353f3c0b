"""Adding and reviewing risks: one durable transaction each, with the reminders they plan."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from partnership.audit import validated_save
from partnership.models import User
from risks import reminders
from risks.models import Risk

FIELDS = (
    "title",
    "description",
    "category",
    "owner_body",
    "owner",
    "likelihood",
    "impact",
    "controls",
    "residual_likelihood",
    "residual_impact",
    "review_on",
    "status",
)


def _set(risk: Risk, data: dict) -> None:
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise TypeError(f"Not a field of a risk: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(risk, name, value.strip() if isinstance(value, str) and name in ("title", "description") else value)


@transaction.atomic(durable=True)
def add_risk(*, by: User, **data) -> Risk:
    """Record a new risk for a body; the secretariat hears at once if it starts above the threshold."""
    risk = Risk()
    _set(risk, data)
    if not by.has_perm("risks.add_risk", risk.owner_body if risk.owner_body_id else None):
        raise PermissionDenied("Only the secretariat, or the body's chair or vice chair, can add a risk for it.")
    validated_save(risk, by)
    reminders.plan_risk(risk)
    if risk.is_escalated:
        reminders.escalated(risk)
    return risk


@transaction.atomic(durable=True)
def update_risk(risk: Risk, *, by: User, **data) -> Risk:
    """Review a risk: new scores, controls, owner, review date or status; the earlier version stays in its history.

    A risk that crosses the escalation threshold on the way up tells the secretariat; one
    moved to another body must be moved by someone who may add risks for that body.
    """
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    if not by.has_perm("risks.manage_risk", risk):
        raise PermissionDenied("Only the secretariat, or the owner body's chair or vice chair, can change this risk.")
    was_escalated = risk.is_escalated
    old_body_id = risk.owner_body_id
    _set(risk, data)
    if risk.owner_body_id != old_body_id and not by.has_perm("risks.add_risk", risk.owner_body):
        raise PermissionDenied("You cannot move a risk to a body whose risks you do not manage.")
    validated_save(risk, by)
    reminders.plan_risk(risk)
    if risk.is_escalated and not was_escalated:
        reminders.escalated(risk)
    return risk
