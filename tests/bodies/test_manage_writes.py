"""The pages that add and edit records save them through actions: the change is kept, with who made it."""

import datetime

import pytest
from django.urls import reverse

from bodies.models import Body, BodyLink, LinkKind, Seat
from partnership.dates import today
from partnership.models import Organisation, Person, Sector
from tests.factories import BodyLinkFactory, OrganisationFactory, SeatFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def test_the_secretariat_adds_an_organisation(cast, client_for):
    response = client_for("secretariat").post(
        reverse("manage:organisation_create"),
        {"name": "Cheshire Constabulary", "slug": "cheshire-constabulary", "sector": Sector.PUBLIC},
        follow=True,
    )

    organisation = Organisation.objects.get()
    assert response.redirect_chain == [(organisation.get_absolute_url(), 302)]
    assert _messages(response) == ["Cheshire Constabulary was saved."]
    assert organisation.history.get().history_user == cast.secretariat


def test_the_secretariat_edits_an_organisation(cast, client_for):
    organisation = OrganisationFactory(name="Police", slug="police")

    client_for("secretariat").post(
        reverse("manage:organisation_edit", args=[organisation.slug]),
        {"name": "Cheshire Constabulary", "slug": "police", "sector": Sector.PUBLIC, "joined_on": "2009-04-01"},
    )

    organisation.refresh_from_db()
    assert (organisation.name, organisation.joined_on) == ("Cheshire Constabulary", D(2009, 4, 1))
    assert organisation.history.latest().history_user == cast.secretariat


def test_the_secretariat_adds_a_person(cast, client_for):
    response = client_for("secretariat").post(
        reverse("manage:person_create"), {"honorific": "Cllr", "name": "Mike Jones", "email": "Mike@Example.org"}
    )

    person = Person.objects.get(name="Mike Jones")
    assert (response.status_code, response.url) == (302, person.get_absolute_url())
    assert (person.full_name, person.email) == ("Cllr Mike Jones", "mike@example.org")
    assert person.history.get().history_user == cast.secretariat


def test_the_secretariat_edits_a_body(cast, client_for):
    data = {
        "name": "Partnership Board",
        "kind": cast.board.kind,
        "mode": cast.board.mode,
        "summary": "Partners agree shared priorities.",
        "membership_review_months": 12,
        "circulation_days": 7,
        "paper_reminder_days": 3,
        "reply_days": 2,
    }

    response = client_for("secretariat").post(reverse("manage:body_edit", args=[cast.board.slug]), data, follow=True)

    assert _messages(response) == ["Partnership Board was saved."]
    board = Body.objects.get(pk=cast.board.pk)
    assert board.summary == "Partners agree shared priorities."
    assert board.history.latest().history_user == cast.secretariat


def test_the_chair_edits_the_terms_of_reference(cast, client_for):
    response = client_for("chair").post(
        reverse("body_terms_edit", args=[cast.board.slug]), {"terms_of_reference": "Meets quarterly."}, follow=True
    )

    assert _messages(response) == ["The terms of reference were saved. The earlier text is kept in the history."]
    board = Body.objects.get(pk=cast.board.pk)
    assert (board.terms_of_reference, board.history.latest().history_user) == ("Meets quarterly.", cast.chair)


def test_the_secretariat_adds_a_link_and_ends_it(cast, client_for):
    client = client_for("secretariat")

    client.post(
        reverse("manage:link_create", args=[cast.forum.slug]),
        {"kind": LinkKind.REPORTS_TO, "to_body": cast.board.pk, "start": "2009-04-01"},
    )
    link = BodyLink.objects.get()
    response = client.post(reverse("manage:link_end", args=[link.pk]), follow=True)

    link.refresh_from_db()
    assert (link.from_body, link.to_body, link.start, link.end) == (
        cast.forum,
        cast.board,
        D(2009, 4, 1),
        today(),
    )
    assert _messages(response) == [
        "The link was added.",
        "The link “Chester Community Forum reports to Partnership Board” ends today.",
    ]
    assert [h.history_user for h in link.history.order_by("history_id")] == [cast.secretariat, cast.secretariat]


def test_a_second_open_link_of_the_same_kind_is_refused_on_the_form(cast, client_for):
    BodyLinkFactory(from_body=cast.forum, to_body=cast.board, kind=LinkKind.REPORTS_TO)

    response = client_for("secretariat").post(
        reverse("manage:link_create", args=[cast.forum.slug]),
        {"kind": LinkKind.REPORTS_TO, "to_body": cast.board.pk, "start": "2010-04-01"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"__all__": ["These bodies already have a current link of this kind."]}
    assert BodyLink.objects.count() == 1


def test_the_secretariat_adds_a_seat_and_removes_it(cast, client_for):
    client = client_for("secretariat")

    client.post(
        reverse("manage:seat_create", args=[cast.board.slug]),
        {"label": "Young people", "start": "2009-04-01", "role": "member"},
    )
    seat = Seat.objects.get()
    response = client.post(reverse("manage:seat_end", args=[seat.pk]), follow=True)

    seat.refresh_from_db()
    assert (seat.body, seat.label, seat.end) == (cast.board, "Young people", today())
    assert _messages(response) == ["The seat was added.", "The seat “Young people” was removed from today."]
    assert [h.history_user for h in seat.history.order_by("history_id")] == [cast.secretariat, cast.secretariat]


def test_removing_a_seat_already_ended_changes_nothing(cast, client_for):
    seat = SeatFactory(body=cast.board, end=D(2010, 3, 31))

    client_for("secretariat").post(reverse("manage:seat_end", args=[seat.pk]))

    assert (Seat.objects.get().end, seat.history.count()) == (D(2010, 3, 31), 1)
