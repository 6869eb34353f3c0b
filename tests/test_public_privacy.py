"""Public pages never show what is not public: contact details, notes, withdrawal notices.

Markers are planted in every private field; every public page is then read
by the anonymous public, and by a signed-in stranger, and must not contain them.
"""

import pytest
from django.urls import reverse

from tests.partnership.public_pages import stored_pages


def public_urls(cast, planted):
    return [
        reverse("home"),
        reverse("body_list"),
        reverse("body_detail", args=[cast.board.slug]),
        reverse("body_balance", args=[cast.board.slug]),
        reverse("framework"),
        reverse("framework") + "?on=2009-09-01",
        reverse("framework_svg"),
        reverse("organisation_list"),
        reverse("organisation_detail", args=[planted["police"].slug]),
        reverse("organisation_detail", args=[planted["leaving"].slug]),
        reverse("decision_register"),
        reverse("forward_plan"),
        reverse("performance_indicators"),
        reverse("performance_report", args=[2009]),
        reverse("healthz"),
    ]


@pytest.mark.parametrize("who", ["anonymous", "stranger"])
def test_no_public_page_shows_a_private_field(cast, planted, client_for, who):
    client = client_for(who)
    shown = {}
    for url in public_urls(cast, planted):
        response = client.get(url)
        assert response.status_code == 200, url
        shown[url] = planted["marker"].lower() in response.content.decode().lower()
    assert shown == dict.fromkeys(shown, False)


def test_the_marker_is_really_there_for_those_who_may_see_it(cast, planted, client_for):
    """The negative case: the same pages do show it to those allowed, so the test above can fail."""
    member_view = client_for("member").get(reverse("body_detail", args=[cast.board.slug])).content.decode()
    secretariat_view = (
        client_for("secretariat").get(reverse("organisation_detail", args=[planted["leaving"].slug])).content.decode()
    )
    assert f"{planted['marker'].lower()}@example.org" in member_view
    assert f"Funding {planted['marker']}" in secretariat_view


def test_pages_carry_a_strict_content_security_policy_and_no_framing(db, client):
    response = client.get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_forms_are_protected_against_cross_site_requests(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.secretariat)
    response = client.post(reverse("manage:organisation_create"), {"name": "Forged", "slug": "forged"})
    assert response.status_code == 403


def test_no_page_kept_for_the_public_shows_a_private_field(cast, planted, client_for):
    """The public cache: those who may see the markers read every page first; the public, twice, never sees them."""
    for who in ("secretariat", "member"):
        client = client_for(who)
        for url in public_urls(cast, planted):
            client.get(url)
    anonymous = client_for("anonymous")
    shown = {}
    for url in public_urls(cast, planted) * 2:
        shown[url] = shown.get(url, False) or planted["marker"].lower() in anonymous.get(url).content.decode().lower()
    assert shown == dict.fromkeys(shown, False)
    assert len(stored_pages()) == len(public_urls(cast, planted)) - 1  # all but the health check
    assert [page for page in stored_pages() if planted["marker"].lower().encode() in page.lower()] == []
