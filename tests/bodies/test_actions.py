import datetime

import pytest
from django.core.exceptions import ValidationError

from bodies.actions import bodies as actions
from bodies.actions import memberships, organisations
from bodies.models import (
    Body,
    BodyChange,
    BodyKind,
    BodyLink,
    ChangeKind,
    LinkKind,
    Membership,
    Mode,
    Role,
    Seat,
    Status,
)
from partnership.models import Organisation, Withdrawal
from tests.factories import BodyFactory, BodyLinkFactory, MembershipFactory, OrganisationFactory, SeatFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def _changes(body):
    return list(BodyChange.objects.filter(body=body).values_list("kind", "on", "other_body", "reason"))


# establish_body


def test_establish_body_makes_it_active_from_its_first_day(cast):
    body = actions.establish_body(
        by=cast.secretariat,
        established_on=D(2011, 2, 1),
        name="Health and Wellbeing Partnership",
        kind=BodyKind.THEMATIC_PARTNERSHIP,
        mode=Mode.COMMISSIONING,
    )

    assert (body.slug, body.established_on, body.shadow_from, body.active_from) == (
        "health-and-wellbeing-partnership",
        D(2011, 2, 1),
        None,
        D(2011, 2, 1),
    )
    assert body.status_on(D(2011, 2, 1)) == Status.ACTIVE
    assert _changes(body) == [(ChangeKind.ESTABLISHED, D(2011, 2, 1), None, "Established.")]
    assert list(BodyChange.objects.values_list("recorded_by", flat=True)) == [cast.secretariat.pk]
    assert [h.history_user for h in body.history.all()] == [cast.secretariat]


def test_establish_body_in_shadow_form_records_both_changes(cast):
    body = actions.establish_body(
        by=cast.secretariat,
        established_on=D(2011, 2, 1),
        shadow=True,
        reason="Shadow year before the statutory board.",
        name="Health and Wellbeing Board",
        kind=BodyKind.COMMISSIONING_BOARD,
        mode=Mode.COMMISSIONING,
    )

    assert (body.shadow_from, body.active_from) == (D(2011, 2, 1), None)
    assert body.status_on(D(2011, 2, 1)) == Status.SHADOW
    assert _changes(body) == [
        (ChangeKind.ESTABLISHED, D(2011, 2, 1), None, "Shadow year before the statutory board."),
        (ChangeKind.SHADOW, D(2011, 2, 1), None, "Shadow year before the statutory board."),
    ]
    assert [h.history_user for h in body.history.all()] == [cast.secretariat]


def test_establish_body_gives_a_taken_slug_a_number(cast):
    body = actions.establish_body(
        by=cast.secretariat,
        established_on=D(2011, 2, 1),
        name="Partnership Board",
        kind=BodyKind.PARTNERSHIP_BOARD,
        mode=Mode.ADVISORY,
    )

    assert body.slug == "partnership-board-2"


# make_body_active


def test_make_body_active_ends_the_shadow_period(cast):
    body = BodyFactory(established_on=D(2011, 2, 1), shadow_from=D(2011, 2, 1), active_from=None)

    actions.make_body_active(body, by=cast.secretariat, on=D(2013, 4, 1), reason="Statutory from April 2013.")

    body.refresh_from_db()
    assert body.active_from == D(2013, 4, 1)
    assert (body.status_on(D(2013, 3, 31)), body.status_on(D(2013, 4, 1))) == (Status.SHADOW, Status.ACTIVE)
    assert _changes(body) == [(ChangeKind.ACTIVE, D(2013, 4, 1), None, "Statutory from April 2013.")]
    assert body.history.latest().history_user == cast.secretariat


def test_make_body_active_refuses_a_body_already_active(cast):
    with pytest.raises(ValidationError) as caught:
        actions.make_body_active(cast.board, by=cast.secretariat, on=D(2013, 4, 1), reason="Again.")

    assert caught.value.message_dict == {"on": ["Partnership Board is already active from 1 April 2009."]}
    assert _changes(cast.board) == []


# end_body


def test_end_body_ends_its_memberships_seats_and_links_on_its_last_day(cast):
    seat = SeatFactory(body=cast.board)
    link_out = BodyLinkFactory(from_body=cast.board, to_body=cast.forum)
    link_in = BodyLinkFactory(from_body=cast.forum, to_body=cast.board, kind=LinkKind.FORMAL_LINK)

    actions.end_body(cast.board, by=cast.secretariat, last_day=D(2011, 1, 31), reason="Work complete.")

    cast.board.refresh_from_db()
    assert cast.board.ended_on == D(2011, 1, 31)
    assert set(Membership.objects.filter(body=cast.board).values_list("end", "end_reason")) == {
        (D(2011, 1, 31), "Partnership Board ended: Work complete.")
    }
    assert Membership.objects.filter(body=cast.board).count() == 2
    assert [Seat.objects.get(pk=seat.pk).end] == [D(2011, 1, 31)]
    assert sorted(BodyLink.objects.filter(pk__in=[link_out.pk, link_in.pk]).values_list("end", flat=True)) == [
        D(2011, 1, 31),
        D(2011, 1, 31),
    ]
    assert _changes(cast.board) == [(ChangeKind.ENDED, D(2011, 1, 31), None, "Work complete.")]
    # The other body's own membership is untouched.
    assert Membership.objects.get(pk=cast.other_membership.pk).end is None


def test_end_body_records_who_ended_it(cast):
    actions.end_body(cast.board, by=cast.secretariat, last_day=D(2011, 1, 31), reason="Work complete.")

    assert cast.board.history.latest().history_user == cast.secretariat
    assert Membership.history.filter(id=cast.member_membership.pk).latest().history_user == cast.secretariat


def test_end_body_refuses_a_body_that_has_already_ended(cast):
    actions.end_body(cast.board, by=cast.secretariat, last_day=D(2011, 1, 31), reason="Work complete.")

    with pytest.raises(ValidationError) as caught:
        actions.end_body(cast.board, by=cast.secretariat, last_day=D(2012, 1, 31), reason="Again.")

    assert caught.value.messages == ["Partnership Board has already ended."]
    cast.board.refresh_from_db()
    assert cast.board.ended_on == D(2011, 1, 31)
    assert BodyChange.objects.filter(body=cast.board).count() == 1


# merge_bodies


def test_merge_bodies_into_a_new_body_ends_the_sources_the_day_before(cast):
    new = actions.merge_bodies(
        [cast.board, cast.forum],
        by=cast.secretariat,
        on=D(2011, 2, 1),
        reason="February 2011 reshaping.",
        new_body={"name": "Chester Partnership", "kind": BodyKind.AREA_PARTNERSHIP_BOARD, "mode": Mode.ADVISORY},
    )

    assert (new.name, new.established_on, new.active_from) == ("Chester Partnership", D(2011, 2, 1), D(2011, 2, 1))
    assert list(Body.objects.filter(pk__in=[cast.board.pk, cast.forum.pk]).values_list("ended_on", flat=True)) == [
        D(2011, 1, 31),
        D(2011, 1, 31),
    ]
    for source in (cast.board, cast.forum):
        assert _changes(source) == [(ChangeKind.MERGED_INTO, D(2011, 2, 1), new.pk, "February 2011 reshaping.")]
    assert set(Membership.objects.values_list("body", "end", "end_reason")) == {
        (cast.board.pk, D(2011, 1, 31), "Partnership Board merged into Chester Partnership"),
        (cast.forum.pk, D(2011, 1, 31), "Chester Community Forum merged into Chester Partnership"),
    }
    assert Membership.objects.filter(body=new).count() == 0
    assert [b.name for b in Body.objects.on(D(2011, 1, 31))] == ["Chester Community Forum", "Partnership Board"]
    assert [b.name for b in Body.objects.on(D(2011, 2, 1))] == ["Chester Partnership"]


def test_merge_bodies_refuses_a_body_merged_into_itself(cast):
    with pytest.raises(ValidationError) as caught:
        actions.merge_bodies([cast.board], by=cast.secretariat, on=D(2011, 2, 1), reason="No.", into=cast.board)

    assert caught.value.message_dict == {"into": ["A body cannot be merged into itself."]}
    cast.board.refresh_from_db()
    assert cast.board.ended_on is None


# replace_body


def test_replace_body_with_a_successor_in_shadow_form(cast):
    successor = actions.replace_body(
        cast.forum,
        by=cast.secretariat,
        on=D(2012, 4, 1),
        reason="Replaced by a shadow board.",
        new_body={
            "name": "Health and Wellbeing Board",
            "kind": BodyKind.COMMISSIONING_BOARD,
            "mode": Mode.COMMISSIONING,
        },
        shadow=True,
    )

    cast.forum.refresh_from_db()
    assert cast.forum.ended_on == D(2012, 3, 31)
    assert successor.status_on(D(2012, 4, 1)) == Status.SHADOW
    assert (successor.shadow_from, successor.active_from) == (D(2012, 4, 1), None)
    assert _changes(cast.forum) == [
        (ChangeKind.REPLACED_BY, D(2012, 4, 1), successor.pk, "Replaced by a shadow board.")
    ]
    assert Membership.objects.get(pk=cast.other_membership.pk).end == D(2012, 3, 31)


# rename_body


def test_rename_body_carries_memberships_reserves_seats_and_links_to_a_new_record(cast):
    organisation = OrganisationFactory(name="Cheshire Constabulary")
    seat = SeatFactory(body=cast.board, label="Cheshire Constabulary", organisation=organisation)
    member = MembershipFactory(body=cast.board, seat=seat, organisation=organisation, review_due_on=D(2011, 9, 1))
    reserve = MembershipFactory(body=cast.board, role=Role.NAMED_RESERVE, reserve_for=member, organisation=organisation)
    BodyLinkFactory(from_body=cast.forum, to_body=cast.board, kind=LinkKind.REPORTS_TO, note="Annually.")

    renamed = actions.rename_body(
        cast.board, by=cast.secretariat, on=D(2011, 2, 1), reason="New name.", name="West Cheshire Together Board"
    )

    cast.board.refresh_from_db()
    assert cast.board.ended_on == D(2011, 1, 31)
    assert (renamed.name, renamed.slug, renamed.established_on, renamed.active_from, renamed.kind) == (
        "West Cheshire Together Board",
        "west-cheshire-together-board",
        D(2011, 2, 1),
        D(2011, 2, 1),
        BodyKind.PARTNERSHIP_BOARD,
    )
    carried = {m.person_id: m for m in Membership.objects.filter(body=renamed)}
    assert set(carried) == {cast.chair.person.pk, cast.member.person.pk, member.person_id, reserve.person_id}
    new_member, new_reserve = carried[member.person_id], carried[reserve.person_id]
    new_seat = Seat.objects.get(body=renamed)
    assert (new_seat.label, new_seat.organisation, new_seat.start, new_seat.end) == (
        "Cheshire Constabulary",
        organisation,
        D(2011, 2, 1),
        None,
    )
    assert (new_member.role, new_member.seat, new_member.start, new_member.review_due_on) == (
        Role.MEMBER,
        new_seat,
        D(2011, 2, 1),
        D(2011, 9, 1),
    )
    assert (new_reserve.role, new_reserve.reserve_for) == (Role.NAMED_RESERVE, new_member)
    assert carried[cast.chair.person.pk].role == Role.CHAIR
    assert set(Membership.objects.filter(body=cast.board).values_list("end", flat=True)) == {D(2011, 1, 31)}
    assert list(BodyLink.objects.current().values_list("from_body", "to_body", "kind", "note", "start")) == [
        (cast.forum.pk, renamed.pk, LinkKind.REPORTS_TO, "Annually.", D(2011, 2, 1))
    ]
    assert _changes(cast.board) == [(ChangeKind.RENAMED_TO, D(2011, 2, 1), renamed.pk, "New name.")]
    assert _changes(renamed) == [
        (ChangeKind.ESTABLISHED, D(2011, 2, 1), None, "Renamed from Partnership Board. New name.")
    ]


def test_framework_shows_the_old_name_the_day_before_a_rename_and_the_new_name_on_the_day(cast):
    actions.rename_body(cast.board, by=cast.secretariat, on=D(2011, 2, 1), reason="New name.", name="Renamed Board")

    assert [b.name for b in Body.objects.on(D(2011, 1, 31))] == ["Chester Community Forum", "Partnership Board"]
    assert [b.name for b in Body.objects.on(D(2011, 2, 1))] == ["Chester Community Forum", "Renamed Board"]
    assert [m.body.name for m in Membership.objects.on(D(2011, 1, 31)).filter(person=cast.chair.person)] == [
        "Partnership Board"
    ]
    assert [m.body.name for m in Membership.objects.on(D(2011, 2, 1)).filter(person=cast.chair.person)] == [
        "Renamed Board"
    ]


def test_rename_body_carries_a_membership_that_has_not_yet_begun(cast):
    appointed = MembershipFactory(body=cast.board, start=D(2011, 6, 1))

    renamed = actions.rename_body(
        cast.board, by=cast.secretariat, on=D(2011, 2, 1), reason="New name.", name="Renamed Board"
    )

    assert list(Membership.objects.filter(body=renamed, person=appointed.person).values_list("start", "end")) == [
        (D(2011, 6, 1), None)
    ]
    assert list(Membership.objects.filter(body=cast.board, person=appointed.person)) == []


def test_rename_body_refuses_a_rename_on_its_first_day(cast):
    body = BodyFactory(established_on=D(2011, 2, 1))

    with pytest.raises(ValidationError) as caught:
        actions.rename_body(body, by=cast.secretariat, on=D(2011, 2, 1), reason="Too soon.", name="Other")

    assert caught.value.message_dict == {"on": ["A body can be renamed only after the day it was established."]}
    assert Body.objects.filter(name="Other").count() == 0


# memberships


def test_save_membership_sets_the_first_review_twelve_months_after_the_start(cast):
    membership = Membership(person=cast.stranger.person, body=cast.board, start=D(2011, 2, 1))

    memberships.save_membership(membership, by=cast.secretariat)

    membership.refresh_from_db()
    assert membership.review_due_on == D(2012, 2, 1)
    assert membership.history.get().history_user == cast.secretariat


def test_save_membership_follows_the_body_review_period(cast):
    body = BodyFactory(membership_review_months=6)
    membership = Membership(person=cast.stranger.person, body=body, start=D(2011, 8, 31))

    memberships.save_membership(membership, by=cast.secretariat)

    assert membership.review_due_on == D(2012, 2, 29)


def test_save_membership_keeps_a_review_date_already_set(cast):
    membership = Membership(
        person=cast.stranger.person, body=cast.board, start=D(2011, 2, 1), review_due_on=D(2011, 5, 1)
    )

    memberships.save_membership(membership, by=cast.secretariat)

    assert membership.review_due_on == D(2011, 5, 1)


def test_save_membership_refuses_a_second_chair(cast):
    membership = Membership(person=cast.stranger.person, body=cast.board, role=Role.CHAIR, start=D(2011, 2, 1))

    with pytest.raises(ValidationError):
        memberships.save_membership(membership, by=cast.secretariat)

    assert list(Membership.objects.chairs()) == [cast.chair_membership]


def test_end_membership_ends_the_named_reserves_with_it(cast):
    reserve = MembershipFactory(body=cast.board, role=Role.NAMED_RESERVE, reserve_for=cast.member_membership)

    memberships.end_membership(cast.member_membership, by=cast.secretariat, last_day=D(2011, 1, 31), reason="Retired.")

    assert Membership.objects.filter(pk=cast.member_membership.pk).values_list("end", "end_reason").get() == (
        D(2011, 1, 31),
        "Retired.",
    )
    assert Membership.objects.filter(pk=reserve.pk).values_list("end", "end_reason").get() == (
        D(2011, 1, 31),
        "The member they stood in for left: Retired.",
    )
    assert Membership.history.filter(id=reserve.pk).latest().history_user == cast.secretariat


def test_end_membership_refuses_a_membership_already_ended(cast):
    memberships.end_membership(cast.member_membership, by=cast.secretariat, last_day=D(2011, 1, 31), reason="Retired.")

    with pytest.raises(ValidationError) as caught:
        memberships.end_membership(
            cast.member_membership, by=cast.secretariat, last_day=D(2012, 1, 31), reason="Again."
        )

    assert caught.value.message_dict == {"last_day": ["This membership already ended on 31 January 2011."]}


def test_record_membership_review_sets_the_next_review_a_period_later(cast):
    memberships.record_membership_review(cast.member_membership, by=cast.secretariat, reviewed_on=D(2011, 3, 15))

    cast.member_membership.refresh_from_db()
    assert cast.member_membership.review_due_on == D(2012, 3, 15)
    assert cast.member_membership.history.latest().history_user == cast.secretariat


# withdraw_organisation


def _withdraw(organisation, by, **overrides):
    values = {
        "notice_received_on": D(2011, 1, 1),
        "effective_on": D(2011, 3, 31),
        "notice": "We give notice of withdrawal.",
        "funding_arrangements": "Funding committed to 2012 is maintained by the county.",
    }
    values.update(overrides)
    return organisations.withdraw_organisation(organisation, by=by, **values)


def test_withdraw_organisation_requires_the_funding_arrangements(cast):
    organisation = OrganisationFactory()

    with pytest.raises(ValidationError) as caught:
        _withdraw(organisation, cast.secretariat, funding_arrangements="")

    assert list(caught.value.message_dict) == ["funding_arrangements"]
    organisation.refresh_from_db()
    assert organisation.left_on is None
    assert Withdrawal.objects.count() == 0


def test_withdraw_organisation_ends_its_memberships_and_seats_on_its_last_day(cast):
    leaving, staying = OrganisationFactory(), OrganisationFactory()
    ended = MembershipFactory(body=cast.board, organisation=leaving)
    MembershipFactory(body=cast.board, organisation=leaving, start=D(2011, 6, 1))
    kept = MembershipFactory(body=cast.board, organisation=staying)
    seat = SeatFactory(body=cast.board, organisation=leaving)

    withdrawal = _withdraw(leaving, cast.secretariat)

    assert (withdrawal.organisation, withdrawal.recorded_by) == (leaving, cast.secretariat)
    assert Organisation.objects.get(pk=leaving.pk).left_on == D(2011, 3, 31)
    assert list(Membership.objects.filter(organisation=leaving).values_list("pk", "end", "end_reason")) == [
        (ended.pk, D(2011, 3, 31), f"{leaving} withdrew from the partnership")
    ]
    assert Membership.objects.get(pk=kept.pk).end is None
    assert Seat.objects.get(pk=seat.pk).end == D(2011, 3, 31)
    assert list(Organisation.objects.on(D(2011, 4, 1))) == [staying]


def test_withdraw_organisation_refuses_a_second_withdrawal(cast):
    organisation = OrganisationFactory(name="Chester Voluntary Action")
    _withdraw(organisation, cast.secretariat)

    with pytest.raises(ValidationError) as caught:
        _withdraw(organisation, cast.secretariat, effective_on=D(2012, 3, 31))

    assert caught.value.messages == ["Chester Voluntary Action already withdrew on 31 March 2011."]
    assert Organisation.objects.get(pk=organisation.pk).left_on == D(2011, 3, 31)
