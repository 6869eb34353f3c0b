"""The public register shows only what is published; the secretariat sees every register and exports it."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from bodies.models import Role
from tests.declarations.support import INTERESTS_MARKER as MARKER
from tests.factories import InterestFactory, MeetingFactory, MembershipFactory, OrganisationFactory, PersonFactory


def test_public_register_shows_each_bodys_current_members_with_their_published_interests(cast, client):
    police = OrganisationFactory(name="Cheshire Constabulary", short_name="Cheshire Police")
    published = InterestFactory(
        person=cast.member.person, description="Special constable", organisation=police, matter=""
    )
    InterestFactory(person=cast.member.person, description="Closed one", end=datetime.date(2010, 3, 31))
    former = MembershipFactory(body=cast.board, person=PersonFactory(name="Fay Former"), end=datetime.date(2010, 1, 1))
    InterestFactory(person=former.person, description="Former member's interest")
    response = client.get(reverse("interests_public"))
    assert response.status_code == 200
    groups = {
        body.name: [(m.person.name, m.interests) for m in memberships]
        for body, memberships in response.context["groups"]
    }
    assert groups == {
        "Chester Community Forum": [("Oscar Owen", [])],
        "Partnership Board": [("Chris Carter", []), ("Mel Morris", [published])],
    }
    html = response.content.decode()
    assert "Special constable (Cheshire Constabulary), from 1 April 2009" in html
    assert "Closed one" not in html
    assert "Former member" not in html


def test_public_register_filters_by_body(cast, client):
    response = client.get(reverse("interests_public"), {"body": "chester-community-forum"})
    assert [body.name for body, _ in response.context["groups"]] == ["Chester Community Forum"]


def test_public_register_refuses_an_unknown_body(cast, client):
    response = client.get(reverse("interests_public"), {"body": "no-such-body"})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "body": ["Select a valid choice. That choice is not one of the available choices."]
    }


def test_a_withheld_interest_says_only_that_it_is_withheld_and_why(cast, client, withheld_interest):
    for url in (reverse("interests_public"), reverse("interests_public_person", args=[cast.member.person.pk])):
        html = client.get(url).content.decode()
        assert "An interest is withheld from the public register: It concerns a family matter before the courts" in html
        assert MARKER not in html


def test_a_withheld_interest_appears_in_no_public_page(cast, client, client_for, withheld_interest):
    meeting = MeetingFactory(body=cast.board)
    public_urls = [
        reverse("home"),
        reverse("interests_public"),
        reverse("interests_public") + "?body=partnership-board",
        reverse("interests_public_person", args=[cast.member.person.pk]),
        reverse("body_detail", args=[cast.board.slug]),
        reverse("meeting_detail", args=[meeting.pk]),
    ]
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKER not in response.content.decode(), url
    # The export is the secretariat's alone: the public is sent to sign in, others get nothing.
    assert client.get(reverse("interests_csv"))["Location"].startswith("/accounts/login/")
    for who in ("stranger", "other_member", "member", "chair"):
        response = client_for(who).get(reverse("interests_csv"))
        assert response.status_code == 404
        assert MARKER not in response.content.decode()


def test_the_member_and_the_secretariat_do_see_the_withheld_interest(cast, client_for, withheld_interest):
    assert MARKER in client_for("member").get(reverse("interests_mine")).content.decode()
    assert MARKER in client_for("secretariat").get(reverse("interests_manage")).content.decode()
    assert MARKER in client_for("secretariat").get(reverse("interests_csv")).content.decode()


def test_a_person_who_sits_on_no_body_has_no_public_register(cast, client):
    assert client.get(reverse("interests_public_person", args=[cast.stranger.person.pk])).status_code == 404
    assert client.get(reverse("interests_public_person", args=[999999])).status_code == 404


def test_a_named_reserve_is_on_the_public_register_but_support_staff_are_not(cast, client):
    MembershipFactory(
        body=cast.board,
        role=Role.NAMED_RESERVE,
        reserve_for=cast.member_membership,
        person=PersonFactory(name="Rita Reserve"),
    )
    MembershipFactory(body=cast.board, role=Role.SUPPORT, person=PersonFactory(name="Sue Support"))
    response = client.get(reverse("interests_public"), {"body": "partnership-board"})
    [(_, memberships)] = response.context["groups"]
    assert [m.person.name for m in memberships] == ["Chris Carter", "Mel Morris", "Rita Reserve"]


# The secretariat's view


def _names(response):
    return [(i.person.name, i.description) for i in response.context["interests"]]


def test_secretariat_sees_every_current_entry_by_default(cast, client_for, withheld_interest):
    other = InterestFactory(person=cast.other_member.person, description="Trustee")
    InterestFactory(person=cast.chair.person, description="Old", end=datetime.date(2010, 3, 31))
    response = client_for("secretariat").get(reverse("interests_manage"))
    assert _names(response) == [("Mel Morris", withheld_interest.description), ("Oscar Owen", other.description)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "oscar"}, [("Oscar Owen", "Trustee")]),
        ({"body": "partnership-board"}, [("Mel Morris", "Withheld")]),
        ({"kind": "financial"}, [("Oscar Owen", "Trustee")]),
        ({"status": "closed"}, [("Chris Carter", "Old")]),
        ({"status": "all", "q": "chris"}, [("Chris Carter", "Old")]),
        ({"publication": "withheld"}, [("Mel Morris", "Withheld")]),
        ({"publication": "published"}, [("Oscar Owen", "Trustee")]),
    ],
)
def test_secretariat_filters_the_registers(cast, client_for, query, expected):
    InterestFactory(person=cast.member.person, description="Withheld", withheld=True, withheld_reason="Sensitive")
    InterestFactory(person=cast.other_member.person, description="Trustee", kind="financial")
    InterestFactory(person=cast.chair.person, description="Old", end=datetime.date(2010, 3, 31))
    response = client_for("secretariat").get(reverse("interests_manage"), query)
    assert response.status_code == 200
    assert _names(response) == expected


def test_a_bad_filter_is_refused_with_a_message(cast, client_for):
    response = client_for("secretariat").get(reverse("interests_manage"), {"status": "deleted"})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "status": ["Select a valid choice. deleted is not one of the available choices."]
    }


def test_the_csv_export_has_one_row_per_entry_with_the_filters_applied(cast, client_for):
    police = OrganisationFactory(name="Cheshire Constabulary")
    InterestFactory(
        person=cast.member.person,
        description='=HYPERLINK("http://evil")',
        organisation=police,
        matter="",
        withheld=True,
        withheld_reason="Sensitive",
        more_than_one_role=True,
    )
    InterestFactory(person=cast.other_member.person, description="Trustee")
    response = client_for("secretariat").get(reverse("interests_csv"), {"q": "mel"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="register-of-interests.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Member",
        "Kind",
        "Whose interest",
        "Description",
        "Organisation",
        "Matter",
        "More than one role",
        "From",
        "To",
        "Withheld",
        "Why withheld",
        "Recorded",
    ]
    assert [row[:11] for row in rows[1:]] == [
        [
            "Mel Morris",
            "Business",
            "The member",
            '\'=HYPERLINK("http://evil")',
            "Cheshire Constabulary",
            "",
            "Yes",
            "2009-04-01",
            "",
            "Yes",
            "Sensitive",
        ]
    ]
