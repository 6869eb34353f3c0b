"""Who finds what: the public only the public rendition; members and the secretariat what they may read.

A distinct marker is planted in every confidential place (tests/search/conftest.py, MARKERS) and
searched for by each of the cast: none is found by the public, the stranger or the other body's
member; the board's members find those they may read on the pages, and the secretariat all of them.
Every result anyone finds leads to a page that answers them.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from search.models import Entry
from search.policies import entries_visible_to
from search.views import link_for
from tests.conftest import CAST_KEYS
from tests.search.conftest import MARKERS
from tests.search.support import found, grant, search


@pytest.mark.parametrize("who", CAST_KEYS)
def test_each_marker_is_found_only_by_those_who_may_read_its_place(client_for, confidential_places, who):
    client = client_for(who)
    finds = {marker for marker in MARKERS if found(client, marker)}
    assert sorted(finds) == sorted(marker for marker, (_, readers) in MARKERS.items() if who in readers)


@pytest.mark.parametrize("who", ("anonymous", "stranger", "other_member"))
def test_no_confidential_word_is_in_what_the_public_finds(client_for, confidential_places, who):
    """Not in a title, an extract or a link of any result, whatever the words searched for."""
    client = client_for(who)
    for q in ("board", "commissioning budget", "paper", "bids", "tender", "partners", "appendix", "gift", "interest"):
        page = search(client, q).content.decode()
        assert [marker for marker in MARKERS if marker in page] == [], q


def test_the_public_finds_the_open_parts_of_the_same_meeting(client_for, confidential_places):
    public = client_for("anonymous")
    assert sorted(found(public, "constitution")) == [
        ("agenda", "Constitution of the partnership"),
        ("minutes", "Constitution of the partnership"),
    ]
    # The confidential item's number and reason are public on the minutes page; its words are not.
    assert found(public, "commissioning") == []


def test_a_one_off_grant_opens_the_confidential_item_to_that_person_alone(client_for, confidential_places, cast):
    grant(cast.stranger, confidential_places.scene.items.confidential)
    assert sorted(found(client_for("stranger"), "walruscumin")) == [("minutes", "Commissioning budget zebraquill")]
    assert sorted(found(client_for("stranger"), "zebraquill")) == [
        ("agenda", "Commissioning budget zebraquill"),
        ("minutes", "Commissioning budget zebraquill"),
    ]
    assert found(client_for("other_member"), "walruscumin") == []


@pytest.mark.parametrize("who", CAST_KEYS)
def test_every_entry_anyone_finds_leads_to_a_page_that_answers_them(client_for, confidential_places, cast, who):
    """The gates are the pages' own policies: a result never leads to a 404."""
    client = client_for(who)
    user = getattr(cast, who) or AnonymousUser()
    entries = list(entries_visible_to(user, Entry.objects.select_related("person")))
    assert entries
    for entry in entries:
        link = link_for(entry, user)
        response = client.get(link)
        assert response.status_code == 200, f"{who}: {entry} at {link} answered {response.status_code}"
