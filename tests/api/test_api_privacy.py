"""Nothing the public may not see is ever in an answer of the API, its schema, its page or its CSV."""

import pytest
from django.urls import reverse

from .conftest import SECRET

EVERY_LIST = [
    "api_organisations",
    "api_people",
    "api_bodies",
    "api_memberships",
    "api_meetings",
    "api_agenda_items",
    "api_papers",
    "api_decisions",
    "api_interests",
    "api_gifts",
    "api_agreement_versions",
]


def every_answer(client):
    answers = {}
    for name in EVERY_LIST:
        response = client.get(reverse(name), {"page_size": 100})
        assert response.status_code == 200, name
        answers[name] = response.content.decode()
    for name in ("api_decisions_csv", "api_interests_csv", "api_gifts_csv", "api_index", "api_schema"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        answers[name] = response.content.decode()
    return answers


@pytest.mark.parametrize("who", ["anonymous", "stranger", "member", "secretariat"])
def test_no_answer_shows_a_confidential_withheld_unpublished_or_private_thing(
    client_for, public_data, agreement_versions, planted, who
):
    """The markers: a confidential item's title and papers, a confidential decision, a draft agenda and minutes, a
    member's email, phone and notes, a withheld entry and a stranger's in the register of interests, a gift under
    the threshold (its giver and reason too), a draft of the Agreement. Those who may see some of them on the pages
    (the member, the secretariat) are given the public's answer all the same."""
    answers = every_answer(client_for(who))
    for marker in (SECRET, planted["marker"]):
        shown = {name: marker.lower() in text.lower() for name, text in answers.items()}
        assert shown == dict.fromkeys(shown, False), marker
    # Nor is a person's email address, or the job title the public pages do not show.
    assert not any("@example.org" in text for text in answers.values())
    assert not any("Inspector" in text for text in answers.values())


def test_the_markers_are_really_there_for_those_who_may_see_them(client_for, public_data, agreement_versions):
    """The negative case: the secretariat's pages do show them, so the test above can fail."""
    secretariat = client_for("secretariat")
    meeting = secretariat.get(reverse("meeting_detail", args=[public_data.held.pk])).content.decode()
    minutes = secretariat.get(reverse("meeting_minutes", args=[public_data.held.pk])).content.decode()
    versions = secretariat.get(reverse("agreement_versions")).content.decode()
    assert f"Sale of the depot {SECRET}" in meeting
    assert f"Legal advice {SECRET}" in meeting
    assert f"The depot is sold {SECRET}" in minutes
    assert f"Draft {SECRET}" in versions


def test_answers_kept_for_the_public_never_hold_what_a_reader_was_shown(client_for, public_data, agreement_versions):
    """The public cache: the secretariat reads every answer first; the public, twice, never sees a marker."""
    every_answer(client_for("secretariat"))
    anonymous = client_for("anonymous")
    for answers in (every_answer(anonymous), every_answer(anonymous)):
        assert not any(SECRET.lower() in text.lower() for text in answers.values())
