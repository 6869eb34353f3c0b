"""Disputes of rulings: the chair of the partnership board decides, consulting the Head of Legal for that dispute alone."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bodies.models import Membership
from declarations.actions.rulings import designate_head_of_legal, raise_dispute, resolve_dispute, rule_on_declaration
from declarations.models import Dispute, DisputeStatus, Outcome
from meetings.minutes_text import quorum_for
from tests.factories import (
    AgendaItemFactory,
    DeclarationFactory,
    PersonFactory,
)


def test_declarant_disputes_the_ruling(cast, ruling):
    dispute = raise_dispute(ruling, by=cast.member, grounds="She left the board last year.")
    assert (dispute.status, dispute.raised_by, dispute.grounds) == (
        DisputeStatus.OPEN,
        cast.member,
        "She left the board last year.",
    )


def test_nobody_else_disputes_a_members_ruling(cast, ruling):
    with pytest.raises(ValidationError) as error:
        raise_dispute(ruling, by=cast.chair, grounds="I was wrong.")
    assert error.value.messages == ["Only the member who declared the interest can dispute the ruling."]
    assert Dispute.objects.count() == 0


def test_a_ruling_is_disputed_only_once(cast, ruling):
    raise_dispute(ruling, by=cast.member, grounds="First.")
    with pytest.raises(ValidationError) as error:
        raise_dispute(ruling, by=cast.member, grounds="Second.")
    assert error.value.messages == ["This ruling is already disputed."]
    assert list(Dispute.objects.values_list("grounds", flat=True)) == ["First."]


def test_head_of_legal_sees_their_dispute_and_no_other(cast, ruling, legal):
    dispute = raise_dispute(ruling, by=cast.member, grounds="Remote.")
    other_item = AgendaItemFactory(meeting=ruling.declaration.item.meeting, number=2)
    other_ruling = rule_on_declaration(
        DeclarationFactory(item=other_item, person=cast.member.person),
        by=cast.chair,
        outcome=Outcome.NOTED,
        reasons="x",
    )
    other = raise_dispute(other_ruling, by=cast.member, grounds="Other.")
    designate_head_of_legal(dispute, by=cast.secretariat, person=legal.person)
    assert (
        legal.has_perm("declarations.view_dispute", dispute),
        legal.has_perm("declarations.view_dispute", other),
    ) == (
        True,
        False,
    )
    from django.test import Client

    client = Client()
    client.force_login(legal)
    assert client.get(reverse("dispute_detail", args=[dispute.pk])).status_code == 200
    assert client.get(reverse("dispute_detail", args=[other.pk])).status_code == 404
    # Consulting is not deciding.
    assert client.get(reverse("dispute_resolve", args=[dispute.pk])).status_code == 404


def test_head_of_legal_needs_a_login(cast, ruling):
    dispute = raise_dispute(ruling, by=cast.member, grounds="Remote.")
    with pytest.raises(ValidationError) as error:
        designate_head_of_legal(dispute, by=cast.secretariat, person=PersonFactory(name="No Login"))
    assert error.value.messages == ["No Login has no login: invite them to create an account first."]
    assert Dispute.objects.get().head_of_legal is None


def test_only_the_secretariat_designates_the_head_of_legal(cast, ruling, legal):
    dispute = raise_dispute(ruling, by=cast.member, grounds="Remote.")
    with pytest.raises(ValidationError):
        designate_head_of_legal(dispute, by=cast.chair, person=legal.person)
    assert Dispute.objects.get().head_of_legal is None


def test_resolution_waits_for_the_head_of_legal(cast, ruling):
    dispute = raise_dispute(ruling, by=cast.member, grounds="Remote.")
    with pytest.raises(ValidationError) as error:
        resolve_dispute(dispute, by=cast.chair, outcome=Outcome.NOTED, reasons="Remote.")
    assert error.value.messages == [
        "The chair decides in consultation with the Head of Legal: the secretariat names them first."
    ]
    assert Dispute.objects.get().status == DisputeStatus.OPEN


def test_resolution_stands_over_the_ruling_for_the_quorum(cast, ruling, legal):
    item = ruling.declaration.item
    assert quorum_for(item).present == 1
    dispute = raise_dispute(ruling, by=cast.member, grounds="Remote.")
    designate_head_of_legal(dispute, by=cast.secretariat, person=legal.person)
    resolve_dispute(dispute, by=cast.chair, outcome=Outcome.NOTED, reasons="The trusteeship ended in 2008.")
    dispute.refresh_from_db()
    assert (dispute.status, dispute.resolution_outcome, dispute.resolved_by) == (
        DisputeStatus.RESOLVED,
        Outcome.NOTED,
        cast.chair,
    )
    assert quorum_for(item).present == 2
    # The original ruling is kept as it was.
    ruling.refresh_from_db()
    assert ruling.outcome == Outcome.WITHDRAW


def test_a_resolution_is_not_changed(cast, ruling, legal):
    dispute = raise_dispute(ruling, by=cast.member, grounds="Remote.")
    designate_head_of_legal(dispute, by=cast.secretariat, person=legal.person)
    resolve_dispute(dispute, by=cast.chair, outcome=Outcome.NOTED, reasons="Remote.")
    with pytest.raises(ValidationError) as error:
        resolve_dispute(dispute, by=cast.chair, outcome=Outcome.DISBARRED_BODY, reasons="Changed.")
    assert error.value.messages == ["This dispute is already resolved; the resolution is not changed."]
    assert Dispute.objects.get().resolution_outcome == Outcome.NOTED
    assert Membership.objects.get(pk=cast.member_membership.pk).end is None


def test_chair_of_another_body_cannot_resolve(cast, ruling, legal):
    dispute = raise_dispute(ruling, by=cast.member, grounds="Remote.")
    designate_head_of_legal(dispute, by=cast.secretariat, person=legal.person)
    with pytest.raises(ValidationError) as error:
        resolve_dispute(dispute, by=cast.other_member, outcome=Outcome.NOTED, reasons="Remote.")
    assert error.value.messages == ["Only the chair of the partnership board resolves a dispute, and never their own."]
    assert Dispute.objects.get().status == DisputeStatus.OPEN


def test_declaration_page_shows_the_resolution_as_what_stands(cast, ruling, legal, client_for):
    dispute = raise_dispute(ruling, by=cast.member, grounds="Remote.")
    designate_head_of_legal(dispute, by=cast.secretariat, person=legal.person)
    resolve_dispute(dispute, by=cast.chair, outcome=Outcome.SPEAK_NOT_VOTE, reasons="Middle way.")
    response = client_for("member").get(reverse("declaration_detail", args=[ruling.declaration_id]))
    content = response.content.decode()
    assert '<dd class="govuk-summary-list__value app-standing">May speak but not vote</dd>' in content
