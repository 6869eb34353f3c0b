"""Declaring offers, asking for and giving advice, and the register's settings: the actions."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from declarations.actions import gifts as actions
from declarations.models import AdviceRequest, Gift, GiftDecision, GiftKind, GiftsSettings
from tests.factories import GiftFactory

TODAY = datetime.date(2026, 3, 10)


def offer(**overrides):
    values = {
        "kind": GiftKind.HOSPITALITY,
        "offered_by": "Jo Bloggs, Acme Builders Ltd",
        "description": "Dinner at the Grosvenor",
        "estimated_value": Decimal("85.00"),
        "offered_on": timezone.localdate() - datetime.timedelta(days=3),
        "decision": GiftDecision.REFUSED,
        "reason": "Acme is bidding for the regeneration contract",
    }
    return {**values, **overrides}


def test_member_declares_a_refused_offer(cast):
    gift = actions.declare_gift(person=cast.member.person, by=cast.member, **offer())
    assert list(Gift.objects.values_list("person__name", "decision", "estimated_value")) == [
        ("Mel Morris", "refused", Decimal("85.00"))
    ]
    assert gift.history.get().history_user == cast.member


def test_a_negative_value_is_refused_and_nothing_is_saved(cast):
    with pytest.raises(ValidationError) as error:
        actions.declare_gift(person=cast.member.person, by=cast.member, **offer(estimated_value=Decimal("-1")))
    assert error.value.message_dict == {"estimated_value": ["The estimated value cannot be negative."]}
    assert Gift.objects.count() == 0


def test_an_absurd_value_is_refused_and_nothing_is_saved(cast):
    with pytest.raises(ValidationError) as error:
        actions.declare_gift(person=cast.member.person, by=cast.member, **offer(estimated_value=Decimal("1000000.01")))
    assert error.value.message_dict == {
        "estimated_value": ["The estimated value must be £1,000,000 or less. Check the figure you entered."]
    }
    assert Gift.objects.count() == 0


def test_a_value_of_exactly_one_million_is_accepted(cast):
    gift = actions.declare_gift(person=cast.member.person, by=cast.member, **offer(estimated_value=Decimal("1000000")))
    assert Gift.objects.get().estimated_value == Decimal("1000000.00") == gift.estimated_value


def test_an_offer_dated_in_the_future_is_refused(cast):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        actions.declare_gift(person=cast.member.person, by=cast.member, **offer(offered_on=tomorrow))
    assert error.value.message_dict == {"offered_on": ["The date of the offer must be today or in the past."]}
    assert Gift.objects.count() == 0


def test_a_declaration_after_28_days_is_late_and_on_the_28th_day_is_not():
    declared = timezone.make_aware(datetime.datetime(2026, 3, 10, 12))
    on_time = GiftFactory.build(offered_on=TODAY - datetime.timedelta(days=28), declared_at=declared)
    late = GiftFactory.build(offered_on=TODAY - datetime.timedelta(days=29), declared_at=declared)
    assert (on_time.is_late(28), late.is_late(28)) == (False, True)


def test_lateness_follows_the_days_set_in_the_app(cast):
    actions.change_gifts_settings(by=cast.secretariat, publish_threshold=Decimal("25"), declare_within_days=7)
    gift = actions.declare_gift(
        person=cast.member.person, by=cast.member, **offer(offered_on=timezone.localdate() - datetime.timedelta(8))
    )
    assert gift.is_late() is True


def test_advice_linked_to_the_entry_must_be_the_declarants_own(cast):
    theirs = actions.ask_for_advice(
        person=cast.other_member.person, by=cast.other_member, body=cast.forum, question="?"
    )
    with pytest.raises(ValidationError) as error:
        actions.declare_gift(person=cast.member.person, by=cast.member, advice=theirs, **offer())
    assert error.value.message_dict == {"advice": ["Choose advice you asked for yourself."]}
    assert Gift.objects.count() == 0


def test_declaring_with_advice_links_the_advice_to_the_entry(cast):
    advice = actions.ask_for_advice(person=cast.member.person, by=cast.member, body=cast.board, question="Dinner?")
    gift = actions.declare_gift(person=cast.member.person, by=cast.member, advice=advice, **offer())
    assert list(gift.advice.all()) == [advice]


def test_an_empty_question_is_refused(cast):
    with pytest.raises(ValidationError) as error:
        actions.ask_for_advice(person=cast.member.person, by=cast.member, body=cast.board, question="   ")
    assert error.value.message_dict == {"question": ["Describe the offer and what you would like advice on."]}
    assert AdviceRequest.objects.count() == 0


def test_the_chair_answers_once_and_a_second_answer_is_refused(cast):
    advice = actions.ask_for_advice(person=cast.member.person, by=cast.member, body=cast.board, question="Dinner?")
    actions.answer_advice(advice, by=cast.chair, answer="Refuse it: Acme is bidding.")
    with pytest.raises(ValidationError) as error:
        actions.answer_advice(advice, by=cast.secretariat, answer="Accept it.")
    assert error.value.messages == ["This request has already been answered."]
    advice.refresh_from_db()
    assert (advice.answer, advice.answered_by) == ("Refuse it: Acme is bidding.", cast.chair)


def test_no_one_answers_their_own_request(cast):
    advice = actions.ask_for_advice(person=cast.chair.person, by=cast.chair, body=cast.board, question="Dinner?")
    with pytest.raises(ValidationError) as error:
        actions.answer_advice(advice, by=cast.chair, answer="Fine by me.")
    assert error.value.messages == ["You cannot answer your own request for advice."]
    advice.refresh_from_db()
    assert (advice.answer, advice.answered_at) == ("", None)


def test_settings_are_changed_with_history_kept(cast):
    assert GiftsSettings.current().publish_threshold == 25
    actions.change_gifts_settings(by=cast.secretariat, publish_threshold=Decimal("50"), declare_within_days=28)
    actions.change_gifts_settings(by=cast.secretariat, publish_threshold=Decimal("100"), declare_within_days=14)
    assert GiftsSettings.objects.count() == 1
    assert [(h.publish_threshold, h.declare_within_days, h.history_user) for h in GiftsSettings.history.all()] == [
        (Decimal("100.00"), 14, cast.secretariat),
        (Decimal("50.00"), 28, cast.secretariat),
    ]


@pytest.mark.parametrize(
    ("threshold", "days", "errors"),
    [
        (Decimal("-1"), 28, {"publish_threshold": ["The threshold cannot be negative."]}),
        (Decimal("25"), 0, {"declare_within_days": ["Allow between 1 and 366 days to declare an offer."]}),
    ],
)
def test_bad_settings_are_refused_and_nothing_changes(cast, threshold, days, errors):
    with pytest.raises(ValidationError) as error:
        actions.change_gifts_settings(by=cast.secretariat, publish_threshold=threshold, declare_within_days=days)
    assert error.value.message_dict == errors
    assert GiftsSettings.objects.count() == 0
