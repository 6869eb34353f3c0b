"""After a dispute: a resolution that overturns a disbarment restores the membership; the Head of Legal
can be replaced, and only the one named sees the dispute; each user's list of disputes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bodies.models import Membership, Role
from declarations.actions.rulings import designate_head_of_legal, raise_dispute, resolve_dispute, rule_on_declaration
from declarations.models import Dispute, Outcome
from tests.factories import AgendaItemFactory, DeclarationFactory, MeetingFactory


def _declaration(cast, number=1):
    item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board), number=number, title=f"Business {number}")
    return DeclarationFactory(item=item, person=cast.member.person, description="Owns the site")


def _disbarred_and_disputed(cast, legal):
    ruling = rule_on_declaration(
        _declaration(cast), by=cast.chair, outcome=Outcome.DISBARRED_BODY, reasons="A prejudicial interest."
    )
    dispute = raise_dispute(ruling, by=cast.member, grounds="The sale completed before I joined.")
    designate_head_of_legal(dispute, by=cast.secretariat, person=legal.person)
    return ruling, dispute


def test_overturning_a_disbarment_reinstates_the_membership(cast, legal):
    today = timezone.localdate()
    ruling, dispute = _disbarred_and_disputed(cast, legal)
    ended = Membership.objects.get(pk=cast.member_membership.pk)
    assert ended.end == today
    resolve_dispute(dispute, by=cast.chair, outcome=Outcome.NOTED, reasons="The interest ended before.")
    dispute.refresh_from_db()
    back = dispute.reinstated_membership
    assert (back.person, back.body, back.role, back.organisation_id, back.start, back.end) == (
        cast.member.person,
        cast.board,
        Role.MEMBER,
        ended.organisation_id,
        today + datetime.timedelta(days=1),
        None,
    )
    # The ended membership keeps its record of the disbarment.
    assert Membership.objects.get(pk=ended.pk).end_reason == (
        f"Disbarred from the body by the ruling of {today.day} {today:%B %Y} on a declaration of interest."
    )


def test_upholding_a_disbarment_reinstates_nobody(cast, legal):
    _, dispute = _disbarred_and_disputed(cast, legal)
    resolve_dispute(dispute, by=cast.chair, outcome=Outcome.DISBARRED_BODY, reasons="The ruling stands.")
    dispute.refresh_from_db()
    assert dispute.reinstated_membership is None
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert list(Membership.objects.on(tomorrow).filter(person=cast.member.person, body=cast.board)) == []


def test_a_member_given_a_place_again_meanwhile_is_not_reinstated_twice(cast, legal):
    _, dispute = _disbarred_and_disputed(cast, legal)
    again = Membership.objects.create(
        person=cast.member.person, body=cast.board, role=Role.CO_OPTED, start=timezone.localdate()
    )
    resolve_dispute(dispute, by=cast.chair, outcome=Outcome.NOTED, reasons="Remote.")
    dispute.refresh_from_db()
    assert dispute.reinstated_membership is None
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert list(Membership.objects.on(tomorrow).filter(person=cast.member.person, body=cast.board)) == [again]


def test_a_vice_chair_whose_place_was_filled_comes_back_as_a_member(cast, legal):
    today = timezone.localdate()
    vice = Membership.objects.create(
        person=cast.member.person, body=cast.forum, role=Role.VICE_CHAIR, start=cast.forum.established_on
    )
    item = AgendaItemFactory(meeting=MeetingFactory(body=cast.forum), number=1)
    declaration = DeclarationFactory(item=item, person=cast.member.person)
    ruling = rule_on_declaration(declaration, by=cast.secretariat, outcome=Outcome.DISBARRED_BODY, reasons="Direct.")
    assert Membership.objects.get(pk=vice.pk).end == today
    Membership.objects.create(
        person=cast.other_member.person,
        body=cast.forum,
        role=Role.VICE_CHAIR,
        start=today + datetime.timedelta(days=1),
    )
    dispute = raise_dispute(ruling, by=cast.member, grounds="Remote.")
    designate_head_of_legal(dispute, by=cast.secretariat, person=legal.person)
    resolve_dispute(dispute, by=cast.chair, outcome=Outcome.SPEAK_NOT_VOTE, reasons="Speaks, does not vote.")
    dispute.refresh_from_db()
    back = dispute.reinstated_membership
    assert (back.body, back.role, back.start) == (cast.forum, Role.MEMBER, today + datetime.timedelta(days=1))


def test_secretariat_replaces_the_head_of_legal_and_access_moves(cast, legal, counsel, client_for):
    _, dispute = _disbarred_and_disputed(cast, legal)
    designate_head_of_legal(dispute, by=cast.secretariat, person=counsel.person)
    dispute.refresh_from_db()
    assert dispute.head_of_legal == counsel.person
    assert (
        legal.has_perm("declarations.view_dispute", dispute),
        counsel.has_perm("declarations.view_dispute", dispute),
    ) == (False, True)
    page = client_for("secretariat").get(reverse("dispute_detail", args=[dispute.pk])).content.decode()
    assert "Lee Legal designated by Sam Shaw on" in page
    assert "Cass Counsel replaced the previous Head of Legal by Sam Shaw on" in page


def test_the_same_head_of_legal_is_not_designated_twice(cast, legal):
    _, dispute = _disbarred_and_disputed(cast, legal)
    with pytest.raises(ValidationError) as error:
        designate_head_of_legal(dispute, by=cast.secretariat, person=legal.person)
    assert error.value.messages == ["Lee Legal is already the Head of Legal for this dispute."]


def test_the_declarant_cannot_be_head_of_legal_on_their_own_dispute(cast, legal):
    ruling = rule_on_declaration(_declaration(cast), by=cast.chair, outcome=Outcome.WITHDRAW, reasons="Direct.")
    dispute = raise_dispute(ruling, by=cast.member, grounds="Remote.")
    with pytest.raises(ValidationError) as error:
        designate_head_of_legal(dispute, by=cast.secretariat, person=cast.member.person)
    assert error.value.messages == ["The member who disputes the ruling cannot advise on their own dispute."]
    assert Dispute.objects.get().head_of_legal is None


def test_a_resolved_disputes_head_of_legal_is_not_changed(cast, legal, counsel):
    _, dispute = _disbarred_and_disputed(cast, legal)
    resolve_dispute(dispute, by=cast.chair, outcome=Outcome.NOTED, reasons="Remote.")
    with pytest.raises(ValidationError) as error:
        designate_head_of_legal(dispute, by=cast.secretariat, person=counsel.person)
    assert error.value.messages == ["This dispute is resolved: its Head of Legal is not changed."]
    assert Dispute.objects.get().head_of_legal == legal.person


def _listed(client):
    page = client.get(reverse("dispute_list"))
    assert page.status_code == 200
    return [d.pk for d in page.context["open"]] + [d.pk for d in page.context["resolved"]]


def test_each_user_lists_the_disputes_they_may_see(cast, legal, counsel, client_for):
    _, first = _disbarred_and_disputed(cast, legal)
    second_ruling = rule_on_declaration(
        _declaration(cast, number=2), by=cast.chair, outcome=Outcome.WITHDRAW, reasons="Direct."
    )
    second = raise_dispute(second_ruling, by=cast.member, grounds="Remote.")
    designate_head_of_legal(second, by=cast.secretariat, person=counsel.person)
    from django.test import Client

    legal_client, counsel_client = Client(), Client()
    legal_client.force_login(legal)
    counsel_client.force_login(counsel)
    assert _listed(client_for("secretariat")) == [second.pk, first.pk]
    assert _listed(client_for("chair")) == [second.pk, first.pk]
    assert _listed(client_for("member")) == [second.pk, first.pk]
    assert _listed(legal_client) == [first.pk]
    assert _listed(counsel_client) == [second.pk]
    assert _listed(client_for("other_member")) == []
    assert _listed(client_for("stranger")) == []


def _disputes(cast, legal, n):
    for number in range(1, n + 1):
        ruling = rule_on_declaration(
            _declaration(cast, number=number), by=cast.chair, outcome=Outcome.WITHDRAW, reasons="Direct."
        )
        dispute = raise_dispute(ruling, by=cast.member, grounds="Remote.")
        designate_head_of_legal(dispute, by=cast.secretariat, person=legal.person)


@pytest.mark.parametrize("item_count", (1, 10))
# The list is paged: a count of the disputes, then the page.
@pytest.mark.parametrize(("who", "queries"), [("secretariat", 5), ("member", 8), ("legal", 8)])
def test_the_list_of_disputes_makes_the_same_queries_for_one_as_for_ten(
    cast, legal, client_for, django_assert_num_queries, who, queries, item_count
):
    from django.test import Client

    if who == "legal":
        client = Client()
        client.force_login(legal)
    else:
        client = client_for(who)
    _disputes(cast, legal, item_count)
    url = reverse("dispute_list")
    # The first request loads what the process caches (content types); the second is the page's own cost.
    client.get(url)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["open"]) == item_count
