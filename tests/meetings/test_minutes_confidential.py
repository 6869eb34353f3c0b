"""Confidential matter never reaches the public: not the minutes page, not the feed (Agreement 11.2).

A marker is planted in a confidential item's title, discussion, decision,
action and correction. The published minutes and the Atom feed are read by
the public and must not contain it; a member reads the same minutes and
must (the negative case, which shows the test can fail).
"""

import datetime

import pytest
from django.urls import reverse
from guardian.shortcuts import assign_perm

from meetings.actions import minutes as actions
from tests.meetings.scenario import drafted

pytestmark = pytest.mark.django_db

MARKER = "SECRET-4c1e"


@pytest.fixture
def planted(scene):
    drafted(scene)
    by = scene.cast.secretariat
    item = scene.items.confidential
    item.title = f"Budget for {MARKER}"
    item.save()
    actions.edit_discussion(item, by=by, discussion=f"Discussion of {MARKER}.")
    actions.add_decision(item, by=by, text=f"Decision on {MARKER}.")
    actions.add_action(
        item, by=by, text=f"Action about {MARKER}.", owners=[scene.tim.person], due_on=datetime.date(2009, 6, 1)
    )
    # A public item too, so the public rendition is not empty.
    actions.add_decision(scene.items.constitution, by=by, text="The constitution was endorsed.")
    minutes = scene.meeting.minutes
    actions.approve_minutes(minutes, by=by, at_item=scene.following_items.previous)
    actions.sign_minutes(minutes, by=scene.cast.chair)
    actions.correct_minutes(
        minutes, by=by, item=item, new_discussion=f"Corrected discussion of {MARKER}.", reason=f"Reason {MARKER}."
    )
    actions.publish_minutes(minutes, by=by)
    return scene


@pytest.mark.parametrize("who", ["anonymous", "stranger", "other_member"])
def test_the_public_minutes_and_feed_never_show_confidential_matter(planted, client_for, who):
    client = client_for(who)
    pages = {
        "minutes": client.get(reverse("meeting_minutes", args=[planted.meeting.pk])),
        "feed": client.get(reverse("minutes_feed")),
    }

    assert {name: response.status_code for name, response in pages.items()} == {"minutes": 200, "feed": 200}
    assert {name: MARKER in response.content.decode() for name, response in pages.items()} == {
        "minutes": False,
        "feed": False,
    }
    minutes_page = pages["minutes"].content.decode()
    assert "Item 4. Confidential item" in minutes_page
    assert "Commercially sensitive: tenders are open." in minutes_page
    assert "A correction to confidential item 4 was made on" in minutes_page
    assert "The constitution was endorsed." in pages["feed"].content.decode()


@pytest.mark.parametrize("who", ["member", "chair", "secretariat"])
def test_members_of_the_body_read_the_confidential_item_in_full(planted, client_for, who):
    html = client_for(who).get(reverse("meeting_minutes", args=[planted.meeting.pk])).content.decode()

    assert f"Item 4. Budget for {MARKER}" in html
    assert f"Corrected discussion of {MARKER}." in html
    assert f"Decision on {MARKER}." in html
    assert f"Action about {MARKER}." in html
    assert f"Reason {MARKER}." in html


def test_a_one_off_grant_on_the_item_shows_it_to_that_person_alone(planted, client_for):
    assign_perm("meetings.view_confidential_item", planted.cast.stranger, planted.items.confidential)

    granted = client_for("stranger").get(reverse("meeting_minutes", args=[planted.meeting.pk])).content.decode()
    other = client_for("other_member").get(reverse("meeting_minutes", args=[planted.meeting.pk])).content.decode()

    assert (f"Decision on {MARKER}." in granted, MARKER in other) == (True, False)
