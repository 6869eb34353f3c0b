"""Declarations at meetings and the body's rulings: who may, what follows, and the abuse cases refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bodies.models import Membership, Role
from declarations.actions.rulings import declare_interest, rule_on_declaration
from declarations.models import Declaration, DeclarationWhen, Disbarment, InterestKind, Outcome, Ruling
from meetings.minutes_text import quorum_for
from meetings.models import MeetingStatus, Minutes, MinutesStatus
from tests.factories import (
    AgendaItemFactory,
    DeclarationFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)


def declare(item, user, **extra):
    values = {
        "by": user,
        "person": user.person,
        "kind": InterestKind.FINANCIAL,
        "description": "My employer bids for the grant",
        "made": DeclarationWhen.IN_ADVANCE,
    }
    return declare_interest(item, **{**values, **extra})


def test_member_declares_an_interest_in_advance(cast, item):
    declaration = declare(item, cast.member)
    assert list(Declaration.objects.values_list("item", "person", "made", "recorded_by")) == [
        (item.pk, cast.member.person.pk, DeclarationWhen.IN_ADVANCE, cast.member.pk)
    ]
    assert declaration.description == "My employer bids for the grant"


def test_member_of_another_body_cannot_declare_on_the_item(cast, item):
    with pytest.raises(ValidationError) as error:
        declare(item, cast.other_member)
    assert error.value.messages == ["Oscar Owen is not a member of the Partnership Board."]
    assert Declaration.objects.count() == 0


def test_member_cannot_declare_twice_on_one_item(cast, item):
    declare(item, cast.member)
    with pytest.raises(ValidationError) as error:
        declare(item, cast.member)
    assert error.value.messages == ["Mel Morris has already declared an interest in item 2."]
    assert Declaration.objects.count() == 1


def test_member_cannot_declare_once_the_minutes_are_approved(cast, item):
    Minutes.objects.create(meeting=item.meeting, status=MinutesStatus.APPROVED)
    with pytest.raises(ValidationError) as error:
        declare(item, cast.member)
    assert error.value.messages == [
        "The minutes of this meeting are approved (or the meeting did not go ahead): no more declarations."
    ]
    assert Declaration.objects.count() == 0


def test_member_cannot_declare_for_someone_else(cast, item):
    with pytest.raises(ValidationError) as error:
        declare(item, cast.member, person=cast.chair.person)
    assert error.value.messages == [
        "Members declare their own interests in advance; the secretariat records verbal ones."
    ]
    assert Declaration.objects.count() == 0


def test_secretariat_records_a_verbal_declaration(cast, item):
    declaration = declare(item, cast.secretariat, person=cast.member.person, made=DeclarationWhen.IN_MEETING)
    assert (declaration.person, declaration.made, declaration.recorded_by) == (
        cast.member.person,
        DeclarationWhen.IN_MEETING,
        cast.secretariat,
    )


def test_member_cannot_record_a_verbal_declaration(cast, item):
    with pytest.raises(ValidationError) as error:
        declare(item, cast.member, made=DeclarationWhen.IN_MEETING)
    assert error.value.messages == ["Only the secretariat records a declaration made verbally in the meeting."]


# Rulings


def test_chair_rules_that_the_member_must_withdraw(cast, item):
    declaration = declare(item, cast.member)
    ruling = rule_on_declaration(declaration, by=cast.chair, outcome=Outcome.WITHDRAW, reasons="A direct interest.")
    assert list(Ruling.objects.values_list("declaration", "outcome", "reasons", "ruled_by")) == [
        (declaration.pk, Outcome.WITHDRAW, "A direct interest.", cast.chair.pk)
    ]
    assert ruling.ended_membership is None


def test_secretariat_records_the_bodys_ruling(cast, item):
    declaration = declare(item, cast.member)
    rule_on_declaration(declaration, by=cast.secretariat, outcome=Outcome.NOTED, reasons="Remote.")
    assert Ruling.objects.get().ruled_by == cast.secretariat


def test_member_cannot_rule_on_own_declaration(cast, item):
    declaration = declare(item, cast.chair)
    with pytest.raises(ValidationError) as error:
        rule_on_declaration(declaration, by=cast.chair, outcome=Outcome.NOTED, reasons="Nothing in it.")
    assert error.value.messages == [
        "No one rules on their own declaration: the vice chair (or the secretariat recording the body's ruling) does."
    ]
    assert Ruling.objects.count() == 0


def test_vice_chair_rules_on_the_chairs_declaration(cast, item):
    vice = UserFactory(email="vera@example.org")
    MembershipFactory(person=PersonFactory(name="Vera Vane", user=vice), body=cast.board, role=Role.VICE_CHAIR)
    declaration = declare(item, cast.chair)
    rule_on_declaration(declaration, by=vice, outcome=Outcome.SPEAK_NOT_VOTE, reasons="May inform the debate.")
    assert Ruling.objects.get().ruled_by == vice


def test_chair_of_another_body_cannot_rule(cast, item):
    other_chair = UserFactory(email="fran@example.org")
    MembershipFactory(person=PersonFactory(name="Fran Ford", user=other_chair), body=cast.forum, role=Role.CHAIR)
    declaration = declare(item, cast.member)
    with pytest.raises(ValidationError) as error:
        rule_on_declaration(declaration, by=other_chair, outcome=Outcome.NOTED, reasons="Remote.")
    assert error.value.messages == [
        "Only the chair or vice chair of the Partnership Board, or the secretariat recording the body's ruling, can rule."
    ]
    assert Ruling.objects.count() == 0


def test_member_of_the_body_who_does_not_chair_cannot_rule(cast, item):
    declaration = declare(item, cast.chair)
    with pytest.raises(ValidationError):
        rule_on_declaration(declaration, by=cast.member, outcome=Outcome.NOTED, reasons="Remote.")
    assert Ruling.objects.count() == 0


def test_second_ruling_is_refused_and_the_first_stands(cast, item):
    declaration = declare(item, cast.member)
    rule_on_declaration(declaration, by=cast.chair, outcome=Outcome.NOTED, reasons="Remote.")
    with pytest.raises(ValidationError) as error:
        rule_on_declaration(declaration, by=cast.secretariat, outcome=Outcome.DISBARRED_BODY, reasons="Changed mind.")
    assert error.value.messages == [
        "This declaration has already been ruled on. A ruling is not changed: the member can dispute it."
    ]
    assert list(Ruling.objects.values_list("outcome", "ruled_by")) == [(Outcome.NOTED, cast.chair.pk)]
    assert Membership.objects.get(pk=cast.member_membership.pk).end is None


def test_disbarment_from_a_project_needs_the_project_named(cast, item):
    declaration = declare(item, cast.member)
    with pytest.raises(ValidationError) as error:
        rule_on_declaration(declaration, by=cast.chair, outcome=Outcome.DISBARRED_PROJECT, reasons="Bidder.")
    assert error.value.messages == ["Name the project the member is disbarred from."]
    assert (Ruling.objects.count(), Disbarment.objects.count()) == (0, 0)


def test_disbarment_from_a_project_is_recorded_against_the_member(cast, item):
    declaration = declare(item, cast.member)
    ruling = rule_on_declaration(
        declaration, by=cast.chair, outcome=Outcome.DISBARRED_PROJECT, reasons="Bidder.", project="Youth centre"
    )
    assert list(Disbarment.objects.values_list("person", "body", "project", "ruling")) == [
        (cast.member.person.pk, cast.board.pk, "Youth centre", ruling.pk)
    ]


def test_disbarment_from_the_body_ends_the_membership_from_the_ruling_date(cast, item):
    declaration = declare(item, cast.member)
    ruling = rule_on_declaration(declaration, by=cast.chair, outcome=Outcome.DISBARRED_BODY, reasons="Prejudicial.")
    membership = Membership.objects.get(pk=cast.member_membership.pk)
    today = timezone.localdate()
    assert (membership.end, ruling.ended_membership) == (today, membership)
    assert membership.end_reason == (
        f"Disbarred from the body by the ruling of {today.day} {today:%B %Y} on a declaration of interest."
    )


# Quorum


@pytest.mark.parametrize(
    ("outcome", "present"),
    [
        (Outcome.NOTED, 2),
        (Outcome.SPEAK_NOT_VOTE, 1),
        (Outcome.WITHDRAW, 1),
        (Outcome.DISBARRED_BODY, 1),
    ],
)
def test_quorum_for_the_item_leaves_out_members_whose_ruling_excludes_them(cast, attended, outcome, present):
    declaration = declare(attended, cast.member)
    rule_on_declaration(declaration, by=cast.chair, outcome=outcome, reasons="As minuted.")
    other_item = AgendaItemFactory(meeting=attended.meeting, number=3)
    assert quorum_for(attended).present == present
    assert quorum_for(attended).is_quorate is (present >= 2)
    # Only the item declared on.
    assert quorum_for(other_item).present == 2


def test_a_declaration_awaiting_a_ruling_does_not_change_the_quorum(cast, attended):
    declare(attended, cast.member)
    assert quorum_for(attended).present == 2


def test_meeting_cancelled_takes_no_declarations(cast, item):
    item.meeting.status = MeetingStatus.CANCELLED
    item.meeting.status_reason = "Snow."
    item.meeting.save()
    with pytest.raises(ValidationError):
        declare(item, cast.member)
    assert Declaration.objects.count() == 0


def test_former_member_can_have_a_verbal_declaration_recorded_for_a_past_meeting(cast):
    past = MeetingFactory(
        body=cast.board, starts_at=timezone.make_aware(datetime.datetime(2009, 4, 30, 14)), status=MeetingStatus.HELD
    )
    item = AgendaItemFactory(meeting=past, number=1)
    former = PersonFactory(name="Fay Former")
    MembershipFactory(person=former, body=cast.board, start=datetime.date(2009, 1, 1), end=datetime.date(2009, 6, 1))
    declaration = declare(item, cast.secretariat, person=former, made=DeclarationWhen.IN_MEETING)
    assert declaration.person == former


def test_declaration_factory_rows_are_ruled_only_once_in_the_database(cast):
    declaration = DeclarationFactory(person=cast.member.person)
    Ruling.objects.create(declaration=declaration, outcome=Outcome.NOTED, reasons="x", ruled_by=cast.chair)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Ruling.objects.create(declaration=declaration, outcome=Outcome.WITHDRAW, reasons="y", ruled_by=cast.chair)
