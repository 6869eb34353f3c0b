"""A change to the framework is seen by the public at the next request, though its pages are kept
(partnership.public_cache): a body renamed, a member appointed, a person's name corrected."""

import datetime

from django.urls import reverse

from bodies.actions import bodies as actions
from bodies.actions import memberships
from bodies.models import Membership, Role
from partnership import actions as base_actions
from partnership.dates import today
from tests.factories import PersonFactory


def _shown(client, urls, text):
    return [text in client.get(url).content.decode() for url in urls]


def test_a_body_renamed_is_seen_at_once_on_the_framework_and_the_lists(cast, client):
    pages = [reverse("home"), reverse("body_list"), reverse("framework"), reverse("framework_svg")]
    assert _shown(client, pages, "Chester Neighbourhood Forum") == [False] * 4

    actions.rename_body(
        cast.forum, by=cast.secretariat, on=today(), reason="A new name.", name="Chester Neighbourhood Forum"
    )

    assert _shown(client, pages, "Chester Neighbourhood Forum") == [True] * 4


def test_a_member_appointed_and_a_name_corrected_are_seen_at_once_on_the_body_page(cast, client):
    url = reverse("body_detail", args=[cast.board.slug])
    person = PersonFactory(name="Nia Newman")
    assert _shown(client, [url], "Nia Newman") == [False]

    memberships.save_membership(
        Membership(person=person, body=cast.board, role=Role.MEMBER, start=datetime.date(2009, 4, 1)),
        by=cast.secretariat,
    )
    assert _shown(client, [url], "Nia Newman") == [True]

    person.name = "Nia Newman-Hart"
    base_actions.save_person(person, by=cast.secretariat)
    assert _shown(client, [url], "Nia Newman-Hart") == [True]
