"""The risk register is internal: nothing of a risk reaches a public page, the API, a feed or the search."""

import pytest
from django.urls import reverse

from tests.risks.helpers import make_risk

MARKER = "RISKMARK-51c9"


@pytest.fixture
def secret_risk(cast):
    return make_risk(
        cast,
        title=f"Title {MARKER}",
        description=f"Description {MARKER}",
        controls=f"Controls {MARKER}",
        likelihood=5,
        impact=5,
        residual_likelihood=4,
        residual_impact=4,
    )


def _public_urls(cast):
    return [
        reverse("home"),
        reverse("body_list"),
        reverse("body_detail", args=[cast.board.slug]),
        reverse("body_balance", args=[cast.board.slug]),
        reverse("framework"),
        reverse("decision_register"),
        reverse("forward_plan"),
        reverse("search") + "?q=Description+Controls",  # words of the risk, not the marker the page would echo
        reverse("minutes_feed"),
        reverse("api_bodies"),
        reverse("api_people"),
        reverse("api_decisions"),
    ]


@pytest.mark.parametrize("who", ["anonymous", "stranger", "member", "secretariat"])
def test_no_public_page_shows_a_risk(cast, secret_risk, client_for, who):
    client = client_for(who)
    for url in _public_urls(cast):
        response = client.get(url)
        assert response.status_code == 200, url
        assert MARKER.lower() not in response.content.decode().lower(), (who, url)


def test_the_public_is_sent_to_sign_in_from_every_risk_page(cast, secret_risk, client):
    for url in (
        reverse("risk_register"),
        reverse("risk_detail", args=[secret_risk.pk]),
        reverse("risk_history", args=[secret_risk.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
        assert MARKER not in response.content.decode()


def test_signed_in_people_read_the_risk(cast, secret_risk, client_for):
    """The negative case: the marker is there for those who may read the register, so the tests above can fail."""
    register = client_for("stranger").get(reverse("risk_register")).content.decode()
    detail = client_for("member").get(reverse("risk_detail", args=[secret_risk.pk])).content.decode()
    assert f"Title {MARKER}" in register
    assert f"Controls {MARKER}" in detail and "Escalated to the Partnership Board" in detail
