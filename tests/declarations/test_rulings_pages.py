"""The pages of declarations and rulings: minutes and agenda, the chair's list, forms, privacy and query counts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from bodies.models import Role
from declarations.actions.rulings import rule_on_declaration
from declarations.models import Declaration, DeclarationWhen, Outcome, Ruling
from meetings.models import MeetingStatus, Minutes
from tests.declarations.support import RULINGS_MARKER as MARKER
from tests.declarations.support import at
from tests.factories import (
    AgendaItemFactory,
    DeclarationFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)


def public_outputs(client, meeting):
    return {
        "minutes": client.get(reverse("meeting_minutes", args=[meeting.pk])),
        "meeting": client.get(reverse("meeting_detail", args=[meeting.pk])),
        "feed": client.get(reverse("minutes_feed")),
    }


def test_published_minutes_show_the_declaration_kind_and_ruling_to_the_public(client_for, held):
    content = client_for("anonymous").get(reverse("meeting_minutes", args=[held.pk])).content.decode()
    assert (
        "Mel Morris declared a financial interest (in advance, in writing).\n"
        "      Ruling: Must withdraw from the item.\n"
        "      Mel Morris took no part in the decision on this item and was not counted towards its quorum."
    ) in content


def test_declaration_description_and_reasons_appear_in_no_public_output(client_for, held):
    client = client_for("anonymous")
    answers = public_outputs(client, held)
    assert {name: response.status_code for name, response in answers.items()} == {
        "minutes": 200,
        "meeting": 200,
        "feed": 200,
    }
    assert [name for name, response in answers.items() if MARKER in response.content.decode()] == []


def test_member_of_another_body_does_not_see_the_description_either(client_for, held):
    answers = public_outputs(client_for("other_member"), held)
    assert [name for name, response in answers.items() if MARKER in response.content.decode()] == []


def test_member_of_the_body_reads_the_description_and_reasons_in_the_minutes(client_for, held):
    content = client_for("member").get(reverse("meeting_minutes", args=[held.pk])).content.decode()
    assert f"(in advance, in writing): Brother runs the bidder {MARKER}." in content
    assert f"Reasons: Close family {MARKER}" in content


def test_unpublished_declaration_is_not_seen_by_the_chair_of_another_body(cast, client_for):
    item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board), number=1)
    declaration = DeclarationFactory(item=item, person=cast.member.person, description=MARKER)
    fran = UserFactory(email="fran@example.org")
    MembershipFactory(person=PersonFactory(name="Fran Ford", user=fran), body=cast.forum, role=Role.CHAIR)
    from django.test import Client

    client = Client()
    client.force_login(fran)
    assert client.get(reverse("declaration_detail", args=[declaration.pk])).status_code == 404
    assert client.get(reverse("declaration_rule", args=[declaration.pk])).status_code == 404
    listing = client.get(reverse("declarations_awaiting_ruling"))
    assert (listing.status_code, MARKER in listing.content.decode()) == (200, False)
    assert listing.context["declarations"] == []


def test_chair_lists_the_declarations_awaiting_a_ruling(cast, client_for):
    item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board), number=3, title="Grants")
    waiting = DeclarationFactory(item=item, person=cast.member.person)
    ruled = DeclarationFactory(item=AgendaItemFactory(meeting=item.meeting, number=4), person=cast.member.person)
    rule_on_declaration(ruled, by=cast.chair, outcome=Outcome.NOTED, reasons="Remote.")
    DeclarationFactory(item=AgendaItemFactory(meeting=item.meeting, number=5), person=cast.chair.person)
    forum_item = AgendaItemFactory(meeting=MeetingFactory(body=cast.forum), number=1)
    DeclarationFactory(item=forum_item, person=cast.other_member.person)
    response = client_for("chair").get(reverse("declarations_awaiting_ruling"))
    # Not the ruled one, not the chair's own, not the forum's.
    assert response.context["declarations"] == [waiting]


def test_member_declares_through_the_form(cast, client_for):
    item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board), number=2)
    url = reverse("declaration_create", args=[item.meeting_id, item.pk])
    response = client_for("member").post(url, {"kind": "business", "description": "  I own the venue  "})
    declaration = Declaration.objects.get()
    assert response["Location"] == reverse("declaration_detail", args=[declaration.pk])
    assert (declaration.kind, declaration.description, declaration.made) == (
        "business",
        "I own the venue",
        DeclarationWhen.IN_ADVANCE,
    )


def test_declaration_form_with_nothing_filled_in_says_what_is_missing(cast, client_for):
    item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board), number=2)
    response = client_for("member").post(
        reverse("declaration_create", args=[item.meeting_id, item.pk]), {"description": "   "}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "kind": ["Choose the kind of interest"],
        "description": ["Describe the interest"],
    }
    assert Declaration.objects.count() == 0


def test_ruling_form_refuses_a_second_ruling_with_a_clear_message(cast, client_for):
    declaration = DeclarationFactory(
        item=AgendaItemFactory(meeting=MeetingFactory(body=cast.board)), person=cast.member.person
    )
    rule_on_declaration(declaration, by=cast.chair, outcome=Outcome.NOTED, reasons="Remote.")
    response = client_for("secretariat").post(
        reverse("declaration_rule", args=[declaration.pk]), {"outcome": "withdraw", "reasons": "Again."}
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "This declaration has already been ruled on. A ruling is not changed: the member can dispute it."
    ]
    assert list(Ruling.objects.values_list("outcome", flat=True)) == [Outcome.NOTED]


def test_ruling_form_needs_the_project_for_a_project_disbarment(cast, client_for):
    declaration = DeclarationFactory(
        item=AgendaItemFactory(meeting=MeetingFactory(body=cast.board)), person=cast.member.person
    )
    response = client_for("chair").post(
        reverse("declaration_rule", args=[declaration.pk]), {"outcome": "disbarred_project", "reasons": "Bidder."}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"project": ["Name the project the member is disbarred from"]}
    assert Ruling.objects.count() == 0


def test_declarant_cannot_open_the_ruling_form(cast, client_for):
    declaration = DeclarationFactory(
        item=AgendaItemFactory(meeting=MeetingFactory(body=cast.board)), person=cast.chair.person
    )
    assert client_for("chair").get(reverse("declaration_rule", args=[declaration.pk])).status_code == 404
    assert (
        client_for("chair")
        .post(reverse("declaration_rule", args=[declaration.pk]), {"outcome": "noted", "reasons": "Fine."})
        .status_code
        == 404
    )
    assert Ruling.objects.count() == 0


def test_agenda_offers_members_a_declaration_and_shows_project_disbarments(cast, client_for):
    meeting = MeetingFactory(body=cast.board, status=MeetingStatus.AGENDA_PUBLISHED, agenda_published_at=timezone.now())
    first = AgendaItemFactory(meeting=meeting, number=1, title="Earlier business")
    item = AgendaItemFactory(meeting=meeting, number=2, title="Youth Centre: next phase")
    rule_on_declaration(
        DeclarationFactory(item=first, person=cast.member.person),
        by=cast.chair,
        outcome=Outcome.DISBARRED_PROJECT,
        reasons="Bidder.",
        project="youth centre",
    )
    member_page = client_for("member").get(meeting.get_absolute_url()).content.decode()
    assert "Mel Morris is disbarred from youth centre." in member_page
    assert member_page.count("Mel Morris is disbarred from") == 1
    assert reverse("declaration_create", args=[meeting.pk, item.pk]) in member_page
    assert reverse("declaration_create", args=[meeting.pk, first.pk]) not in member_page
    public_page = client_for("anonymous").get(meeting.get_absolute_url()).content.decode()
    assert ("disbarred" in public_page, "/declare/" in public_page) == (False, False)


# Query counts: the same, exact number for 1 row as for 10


@pytest.mark.parametrize("item_count", (1, 10))
def test_awaiting_ruling_list_costs_the_same_for_one_row_as_for_ten(
    cast, client_for, django_assert_num_queries, item_count
):
    client = client_for("chair")
    meeting = MeetingFactory(body=cast.board)
    for number in range(1, item_count + 1):
        DeclarationFactory(item=AgendaItemFactory(meeting=meeting, number=number), person=PersonFactory())
    url = reverse("declarations_awaiting_ruling")
    # The first request loads what the process caches (content types); the second is the page's own cost.
    client.get(url)
    # The list is paged: a count of the declarations waiting, then the page.
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["declarations"]) == item_count


@pytest.mark.parametrize("item_count", (1, 10))
def test_minutes_with_declarations_cost_the_same_for_one_as_for_ten(
    cast, client_for, django_assert_num_queries, item_count
):
    client = client_for("member")
    meeting = MeetingFactory(body=cast.board, starts_at=at(2009, 4, 30))
    Minutes.objects.create(meeting=meeting)
    for number in range(1, item_count + 1):
        declaration = DeclarationFactory(item=AgendaItemFactory(meeting=meeting, number=number))
        Ruling.objects.create(declaration=declaration, outcome=Outcome.WITHDRAW, reasons="x", ruled_by=cast.chair)
    url = reverse("meeting_minutes", args=[meeting.pk])
    client.get(url)
    with django_assert_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Ruling: Must withdraw from the item.") == item_count


@pytest.mark.parametrize("item_count", (1, 10))
def test_agenda_with_declarations_costs_the_same_for_one_item_as_for_ten(
    cast, client_for, django_assert_num_queries, item_count
):
    client = client_for("member")
    meeting = MeetingFactory(body=cast.board, status=MeetingStatus.AGENDA_PUBLISHED, agenda_published_at=timezone.now())
    for number in range(1, item_count + 1):
        item = AgendaItemFactory(meeting=meeting, number=number, title=f"Project {number:02}")
        rule_on_declaration(
            DeclarationFactory(item=item, person=PersonFactory()),
            by=cast.chair,
            outcome=Outcome.DISBARRED_PROJECT,
            reasons="x",
            project=f"Project {number:02}",
        )
    url = meeting.get_absolute_url()
    client.get(url)
    # 19 since members reply to a meeting to come: the chair's link to the replies and their own reply (issue 15).
    with django_assert_num_queries(19):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count(" is disbarred from Project ") == item_count
