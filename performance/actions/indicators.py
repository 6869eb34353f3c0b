"""The workflows of performance management: indicators, targets and values.

Each is one durable transaction with a keyword-only actor; django-simple-history
keeps every version of an indicator, target and value, with `by` as its author.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from partnership.audit import validated_save
from partnership.models import User
from partnership.policies import is_secretariat
from performance import policies, reminders
from performance.models import Indicator, Target, Value

INDICATOR_FIELDS = (
    "name",
    "slug",
    "definition",
    "unit",
    "polarity",
    "frequency",
    "owner",
    "reporter",
    "national_reference",
    "tolerance",
    "baseline",
    "baseline_label",
    "due_days",
)


def _require_manager(by: User):
    if not is_secretariat(by):
        raise PermissionDenied("Only the secretariat manages indicators.")


@transaction.atomic(durable=True)
def create_indicator(*, by: User, **fields) -> Indicator:
    _require_manager(by)
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"create_indicator() cannot set {', '.join(sorted(unknown))}")
    indicator = validated_save(Indicator(**fields), by)
    reminders.plan_indicator(indicator)
    return indicator


@transaction.atomic(durable=True)
def update_indicator(indicator: Indicator, *, by: User, **fields) -> Indicator:
    _require_manager(by)
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"update_indicator() cannot change {', '.join(sorted(unknown))}")
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if (
        "frequency" in fields
        and fields["frequency"] != indicator.frequency
        and (indicator.values.exists() or indicator.targets.exists())
    ):
        raise ValidationError(
            {"frequency": "The indicator has targets or values, so how often it is reported cannot change."}
        )
    for name, value in fields.items():
        setattr(indicator, name, value)
    validated_save(indicator, by)
    reminders.plan_indicator(indicator)
    return indicator


@transaction.atomic(durable=True)
def set_target(indicator: Indicator, *, by: User, period_start: datetime.date, value: Decimal) -> Target:
    """Set (or change) the target for one period."""
    _require_manager(by)
    target = Target.objects.filter(indicator=indicator, period_start=period_start).first()
    if target is None:
        target = Target(indicator=indicator, period_start=period_start)
    target.value = value
    return validated_save(target, by)


@transaction.atomic(durable=True)
def record_value(
    indicator: Indicator,
    *,
    by: User,
    period_start: datetime.date,
    value: Decimal,
    note: str = "",
    publish: bool = False,
    now: datetime.datetime | None = None,
) -> Value:
    """Enter a period's value, or revise it; the earlier figure stays in the value's history.

    The people of the reporting organisation enter drafts; the secretariat may publish
    at once. A revision of a published value is a draft again until it is published.
    """
    if not policies.can_enter_value(by, indicator):
        raise PermissionDenied("You cannot enter values for this indicator.")
    if publish and not is_secretariat(by):
        raise PermissionDenied("Only the secretariat publishes values.")
    now = now or timezone.now()
    if period_start > timezone.localdate(now):
        raise ValidationError({"period_start": "That period has not started yet."})
    row = Value.objects.select_for_update().filter(indicator=indicator, period_start=period_start).first()
    if row is None:
        row = Value(indicator=indicator, period_start=period_start)
    row.value = value
    row.note = note.strip()
    row.entered_by = by
    row.entered_at = now
    row.published_at = now if publish else None
    row.published_by = by if publish else None
    validated_save(row, by)
    reminders.plan_indicator(indicator, now=now)
    return row


@transaction.atomic(durable=True)
def publish_value(value: Value, *, by: User, now: datetime.datetime | None = None) -> Value:
    """The secretariat checks a draft value and publishes it."""
    _require_manager(by)
    row = Value.objects.select_for_update().get(pk=value.pk)
    if row.is_published:
        raise ValidationError("This value is already published.")
    row.published_at = now or timezone.now()
    row.published_by = by
    return validated_save(row, by)
