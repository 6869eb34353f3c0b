"""A body's details, terms of reference, links and seats: changed by actions, each naming its author."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from bodies.actions import bodies as actions
from bodies.actions import memberships
from bodies.models import Body, BodyLink, LinkKind, Membership, Seat
from partnership.transactions import several_actions
from tests.factories import BodyFactory, BodyLinkFactory, SeatFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_save_body_details_saves_the_edited_body_with_its_author(cast):
    cast.board.summary = "Partners agree shared priorities."

    actions.save_body_details(cast.board, by=cast.secretariat)

    assert Body.objects.get(pk=cast.board.pk).summary == "Partners agree shared priorities."
    assert cast.board.history.latest().history_user == cast.secretariat


def test_save_body_details_refuses_what_the_model_refuses(cast):
    cast.board.quorum = -1

    with pytest.raises(ValidationError) as caught:
        actions.save_body_details(cast.board, by=cast.secretariat)

    assert list(caught.value.message_dict) == ["quorum"]
    assert Body.objects.get(pk=cast.board.pk).quorum is None


def test_save_body_details_does_not_establish_a_body(cast):
    with pytest.raises(ValueError, match="establish_body"):
        actions.save_body_details(Body(name="New"), by=cast.secretariat)


def test_save_terms_of_reference_changes_the_terms_only(cast):
    cast.board.summary = "Not saved by this action."

    actions.save_terms_of_reference(cast.board, by=cast.chair, terms_of_reference="Meets quarterly.")

    saved = Body.objects.get(pk=cast.board.pk)
    assert (saved.terms_of_reference, saved.summary) == ("Meets quarterly.", "")
    assert (saved.history.latest().history_user, saved.history.latest().terms_of_reference) == (
        cast.chair,
        "Meets quarterly.",
    )


def test_add_link_records_it_with_its_author(cast):
    link = actions.add_link(
        BodyLink(from_body=cast.forum, to_body=cast.board, kind=LinkKind.REPORTS_TO, start=D(2009, 4, 1)),
        by=cast.secretariat,
    )

    assert list(BodyLink.objects.values_list("from_body", "to_body", "kind", "start", "end")) == [
        (cast.forum.pk, cast.board.pk, LinkKind.REPORTS_TO, D(2009, 4, 1), None)
    ]
    assert link.history.get().history_user == cast.secretariat


def test_add_link_refuses_a_body_linked_to_itself(cast):
    with pytest.raises(ValidationError) as caught:
        actions.add_link(
            BodyLink(from_body=cast.board, to_body=cast.board, kind=LinkKind.REPORTS_TO, start=D(2009, 4, 1)),
            by=cast.secretariat,
        )

    assert caught.value.message_dict["to_body"] == ["A body cannot be linked to itself."]
    assert BodyLink.objects.count() == 0


def test_end_link_ends_it_on_the_day_or_on_its_first_day_if_later(cast):
    begun = BodyLinkFactory(from_body=cast.forum, to_body=cast.board, start=D(2009, 4, 1))
    later = BodyLinkFactory(from_body=cast.board, to_body=cast.forum, start=D(2012, 1, 1))

    actions.end_link(begun, by=cast.secretariat, last_day=D(2011, 4, 14))
    actions.end_link(later, by=cast.secretariat, last_day=D(2011, 4, 14))

    assert list(BodyLink.objects.order_by("pk").values_list("end", flat=True)) == [D(2011, 4, 14), D(2012, 1, 1)]
    assert begun.history.latest().history_user == cast.secretariat


def test_end_link_leaves_an_ended_link_as_it_is(cast):
    link = BodyLinkFactory(from_body=cast.forum, to_body=cast.board, start=D(2009, 4, 1), end=D(2010, 3, 31))

    actions.end_link(link, by=cast.secretariat, last_day=D(2011, 4, 14))

    assert (BodyLink.objects.get().end, link.history.count()) == (D(2010, 3, 31), 1)


def test_add_seat_and_end_seat(cast):
    seat = actions.add_seat(Seat(body=cast.board, label="Young people", start=D(2009, 4, 1)), by=cast.secretariat)
    actions.end_seat(seat, by=cast.chair, last_day=D(2011, 4, 14))

    assert list(Seat.objects.values_list("label", "start", "end")) == [("Young people", D(2009, 4, 1), D(2011, 4, 14))]
    assert [h.history_user for h in seat.history.order_by("history_id")] == [cast.secretariat, cast.chair]


def test_end_seat_of_a_seat_not_yet_begun_ends_it_on_its_first_day(cast):
    seat = SeatFactory(body=cast.board, start=D(2012, 1, 1))

    assert actions.end_seat(seat, by=cast.secretariat, last_day=D(2011, 4, 14)).end == D(2012, 1, 1)


# One unit of work


def test_an_action_inside_another_transaction_is_refused(cast):
    with pytest.raises(RuntimeError, match="durable"), transaction.atomic():
        actions.end_body(BodyFactory(), by=cast.secretariat, last_day=D(2011, 4, 14), reason="Done.")


def test_the_membership_steps_run_inside_another_action_as_part_of_its_unit(cast):
    # As a ruling on a declaration does (declarations.actions.rulings): end a place, open another, in one unit.
    @transaction.atomic(durable=True)
    def move_to_the_forum():
        memberships.end_membership(
            cast.member_membership, by=cast.secretariat, last_day=D(2011, 4, 14), reason="Moved."
        )
        memberships.save_membership(
            Membership(person=cast.member.person, body=cast.forum, start=D(2011, 4, 15)), by=cast.secretariat
        )
        raise ValidationError("Changed my mind.")

    with pytest.raises(ValidationError):
        move_to_the_forum()

    assert list(Membership.objects.filter(person=cast.member.person).values_list("body", "end")) == [
        (cast.board.pk, None)
    ]


def test_several_actions_run_as_one_unit(cast):
    with pytest.raises(ValidationError), several_actions():
        actions.add_seat(Seat(body=cast.board, label="Young people", start=D(2009, 4, 1)), by=cast.secretariat)
        actions.add_seat(Seat(body=cast.board, label="", start=D(2009, 4, 1)), by=cast.secretariat)

    assert Seat.objects.count() == 0
