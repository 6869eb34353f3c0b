"""Declarations made on an item are part of the minutes' canonical text, which the chair signs."""

import pytest

from declarations.actions.rulings import declare_interest, rule_on_declaration
from declarations.models import DeclarationWhen, InterestKind, Outcome
from meetings.minutes_text import canonical_text, current_hash
from tests.meetings.scenario import EXPECTED

pytestmark = pytest.mark.django_db

DECLARED = (
    "Declaration: Tim Jackson, business interest, verbally in the meeting: "
    "Director of a firm bidding for the contract\nA second line."
)


def test_the_canonical_text_holds_each_declaration_under_its_item(declared):
    expected = EXPECTED.replace(
        "Taken together with item 2.\nDecision 1: Endorsed.",
        f"Taken together with item 2.\n{DECLARED}\nDecision 1: Endorsed.",
    )
    assert canonical_text(declared.meeting) == expected


def test_a_declaration_changes_the_hash_the_chair_would_sign(minuted):
    before = current_hash(minuted.meeting)
    declare_interest(
        minuted.items.constitution,
        by=minuted.cast.secretariat,
        person=minuted.tim.person,
        kind=InterestKind.FINANCIAL,
        description="Shares.",
        made=DeclarationWhen.IN_MEETING,
    )
    assert current_hash(minuted.meeting) != before


def test_a_ruling_after_the_meeting_does_not_change_the_signed_text(declared):
    before = current_hash(declared.meeting)
    rule_on_declaration(declared.declaration, by=declared.cast.chair, outcome=Outcome.WITHDRAW, reasons="Direct.")
    assert current_hash(declared.meeting) == before
