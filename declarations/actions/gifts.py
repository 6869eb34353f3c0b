"""Declaring offers of gifts and hospitality, asking for and giving advice, and the register's settings.

Each action is one transaction with a keyword-only actor; django-simple-history
keeps every version of gifts and settings with who made the change.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from declarations import reminders
from declarations.models import AdviceRequest, Gift, GiftsSettings
from partnership.audit import validated_save
from partnership.dates import today

# No offer in connection with a role is worth more than this; a larger figure is a slip of the keyboard.
MAX_VALUE = Decimal("1000000")
MAX_VALUE_MESSAGE = "The estimated value must be £1,000,000 or less. Check the figure you entered."
NEGATIVE_VALUE_MESSAGE = "The estimated value cannot be negative."
FUTURE_DATE_MESSAGE = "The date of the offer must be today or in the past."


def _check_value(value):
    if value is None:
        return
    if value < 0:
        raise ValidationError({"estimated_value": NEGATIVE_VALUE_MESSAGE})
    if value > MAX_VALUE:
        raise ValidationError({"estimated_value": MAX_VALUE_MESSAGE})


def _check_offered_on(offered_on):
    if offered_on is not None and offered_on > today():
        raise ValidationError({"offered_on": FUTURE_DATE_MESSAGE})


@transaction.atomic(durable=True)
def declare_gift(
    *, person, by, kind, offered_by, description, estimated_value, offered_on, decision, reason, advice=None
):
    """Register an offer, accepted or refused; link the advice the person asked for before deciding."""
    _check_value(estimated_value)
    _check_offered_on(offered_on)
    if advice is not None and advice.person_id != person.pk:
        raise ValidationError({"advice": "Choose advice you asked for yourself."})
    if advice is not None and advice.gift_id is not None:
        raise ValidationError({"advice": "That advice is already linked to another entry."})
    gift = Gift(
        person=person,
        kind=kind,
        offered_by=offered_by,
        description=description,
        estimated_value=estimated_value,
        offered_on=offered_on,
        decision=decision,
        reason=reason,
        recorded_by=by,
    )
    validated_save(gift, by)
    if advice is not None:
        advice.gift = gift
        advice.save(update_fields=["gift"])
    reminders.gift_declared(gift, advice)
    return gift


@transaction.atomic(durable=True)
def ask_for_advice(*, person, by, body, question):
    """Ask the chair and vice chair of `body` (and the secretariat) for advice on an offer."""
    if not question or not question.strip():
        raise ValidationError({"question": "Describe the offer and what you would like advice on."})
    advice = AdviceRequest(person=person, body=body, question=question.strip())
    validated_save(advice, by)
    reminders.advice_asked(advice)
    return advice


@transaction.atomic(durable=True)
def answer_advice(advice, *, by, answer):
    """Give the advice; it is answered once, and the answer is kept as given."""
    advice = AdviceRequest.objects.select_for_update().get(pk=advice.pk)
    if advice.answered_at is not None:
        raise ValidationError("This request has already been answered.")
    if not answer or not answer.strip():
        raise ValidationError({"answer": "Enter your advice."})
    if advice.person.user_id is not None and advice.person.user_id == by.pk:
        raise ValidationError("You cannot answer your own request for advice.")
    advice.answer = answer.strip()
    advice.answered_by = by
    advice.answered_at = timezone.now()
    validated_save(advice, by)
    reminders.advice_answered(advice)
    return advice


@transaction.atomic(durable=True)
def change_gifts_settings(*, by, publish_threshold, declare_within_days):
    """Set the publish threshold and the days allowed to declare; the history keeps every earlier value."""
    if publish_threshold is not None and publish_threshold < 0:
        raise ValidationError({"publish_threshold": "The threshold cannot be negative."})
    if publish_threshold is not None and publish_threshold > MAX_VALUE:
        raise ValidationError({"publish_threshold": "The threshold must be £1,000,000 or less."})
    if declare_within_days is not None and not 1 <= declare_within_days <= 366:
        raise ValidationError({"declare_within_days": "Allow between 1 and 366 days to declare an offer."})
    current = GiftsSettings.objects.select_for_update().order_by("pk").first() or GiftsSettings()
    current.publish_threshold = publish_threshold
    current.declare_within_days = declare_within_days
    return validated_save(current, by)
