"""The history of an entry in the register of interests: every version, who saved it and what changed."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import InterestFactory


@pytest.mark.parametrize("who", ["member", "secretariat"])
def test_the_member_and_the_secretariat_read_every_version_newest_first(cast, client_for, changed_interest, who):
    response = client_for(who).get(reverse("interest_history", args=[changed_interest.pk]))
    assert response.status_code == 200
    entries = response.context["entries"]
    assert [(e["record"].history_user, e["changes"]) for e in entries] == [
        (cast.member, [("to", None, datetime.date(2010, 3, 31))]),
        (
            cast.member,
            [("organisation", None, "Cheshire Constabulary"), ("arises from holding more than one role", "No", "Yes")],
        ),
        (
            cast.secretariat,
            [
                ("whose interest", "The member", "A member of the household"),
                ("description", "Director of Dee Valley Lettings Ltd", "Chair of Dee Valley Lettings Ltd"),
            ],
        ),
        (cast.member, []),
    ]
    page = response.content.decode()
    assert "<del>Director of Dee Valley Lettings Ltd</del>" in page
    assert "<ins>A member of the household</ins>" in page


@pytest.mark.parametrize("who", ["chair", "other_member", "stranger"])
def test_anyone_else_gets_the_same_404_as_for_a_missing_entry(cast, client_for, changed_interest, who):
    client = client_for(who)
    assert client.get(reverse("interest_history", args=[changed_interest.pk])).status_code == 404
    assert client.get(reverse("interest_history", args=[changed_interest.pk + 1000])).status_code == 404


def test_the_own_register_links_current_and_closed_entries_to_their_history(cast, client_for, changed_interest):
    current = InterestFactory(person=cast.member.person, description="Trustee")
    page = client_for("member").get(reverse("interests_mine")).content.decode()
    for interest in (current, changed_interest):
        assert f'href="{reverse("interest_history", args=[interest.pk])}"' in page
