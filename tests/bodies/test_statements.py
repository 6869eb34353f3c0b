"""The accessibility statement and the privacy notice: public pages that name the secretariat's address."""

import re

import pytest
from django.urls import reverse

from bodies.views.statements import ACCESSIBILITY_PREPARED_ON, PRIVACY_UPDATED_ON

PAGES = {"accessibility_statement": "Accessibility statement", "privacy_notice": "Privacy notice"}


def headings(response, level):
    """The text of each heading of `level` in the page's main content, in order."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    found = re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", main, flags=re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip() for text in found]


def contents_targets(response):
    """The fragments the contents list links to, and the ids of the level-2 headings they should reach."""
    html = response.content.decode()
    nav = html[html.index('<nav class="app-contents"') : html.index("</nav>", html.index('<nav class="app-contents"'))]
    return re.findall(r'href="#([^"]+)"', nav), re.findall(r'<h2 class="govuk-heading-l" id="([^"]+)"', html)


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("who", ["anonymous", "stranger", "member", "secretariat"])
def test_the_statements_are_open_to_the_public_and_to_everyone_signed_in(client_for, who, name):
    response = client_for(who).get(reverse(name))

    assert response.status_code == 200
    assert headings(response, 1) == [PAGES[name]]
    assert f"<title>{PAGES[name]} – West Cheshire Together</title>" in response.content.decode()


def test_the_urls_are_the_ones_every_public_sector_site_uses():
    assert (reverse("accessibility_statement"), reverse("privacy_notice")) == ("/accessibility/", "/privacy/")


def test_the_accessibility_statement_has_the_sections_of_a_statement_in_order(client):
    response = client.get(reverse("accessibility_statement"))

    assert headings(response, 2) == [
        "Contents",
        "Using this website",
        "How accessible this website is",
        "What is not fully accessible",
        "How we test this website",
        "Asking for another format or reporting a problem",
        "If you are not happy with our answer",
        "When this statement was prepared",
    ]
    assert headings(response, 3) == [
        "Papers written by partner organisations",
        "The agenda pack",
        "The framework diagram",
        "The administration pages",
        "Documents the regulations do not require us to fix",
    ]


def test_the_privacy_notice_has_its_sections_in_order(client):
    response = client.get(reverse("privacy_notice"))

    assert headings(response, 2) == [
        "Contents",
        "Who is responsible for your information",
        "Why we keep it",
        "What we keep, who sees it and for how long",
        "Cookies",
        "Your rights",
        "Contact us or complain",
    ]
    assert headings(response, 3) == [
        "People in the partnership’s records",
        "Membership of the partnership’s bodies",
        "Registers of interests",
        "Register of gifts and hospitality",
        "Meetings, attendance and minutes",
        "The Agreement and its signatures",
        "Notifications and your email choices",
        "Your gender, for the bodies’ balance figures",
        "The risk register",
        "Emails about a body’s meetings",
        "Signing in",
        "The history of changes",
    ]


@pytest.mark.parametrize("name", PAGES)
def test_every_entry_of_the_contents_list_reaches_a_section(client, name):
    targets, sections = contents_targets(client.get(reverse(name)))

    assert targets == sections


# The statement gives the address once, where it says how to ask; the notice where it names the
# secretariat and where it says how to use your rights.
@pytest.mark.parametrize(("name", "times"), [("accessibility_statement", 1), ("privacy_notice", 2)])
def test_the_secretariat_is_reached_at_the_address_the_settings_give(client, settings, name, times):
    settings.SECRETARIAT_EMAIL = "lsp-team@cheshire.example"

    html = client.get(reverse(name)).content.decode()

    assert re.findall(r'href="mailto:([^"]+)">([^<]+)</a>', html) == [("lsp-team@cheshire.example",) * 2] * times
    assert "partnerships@example.org" not in html


def test_the_accessibility_statement_says_when_it_was_prepared(client):
    response = client.get(reverse("accessibility_statement"))

    assert ACCESSIBILITY_PREPARED_ON.isoformat() == "2026-12-04"
    assert "We prepared this statement on 4 December 2026," in response.content.decode()


def test_the_privacy_notice_says_when_it_was_last_updated(client):
    response = client.get(reverse("privacy_notice"))

    assert PRIVACY_UPDATED_ON.isoformat() == "2026-12-05"
    assert "This notice was last updated on 5 December 2026." in response.content.decode()


def test_the_accessibility_statement_points_to_the_framework_diagrams_text_equivalent(client):
    html = client.get(reverse("accessibility_statement")).content.decode()

    assert f'<a class="govuk-link" href="{reverse("framework")}">framework page</a>' in html


def test_the_privacy_notice_names_the_partnership_and_the_regulator(client, settings):
    settings.PARTNERSHIP_NAME = "Chester Together"

    html = client.get(reverse("privacy_notice")).content.decode()

    assert "Chester Together is a partnership of organisations, not a legal body of its own." in html
    assert '<a class="govuk-link" href="https://ico.org.uk/make-a-complaint/">' in html


def test_the_accessibility_statement_names_who_enforces_the_regulations(client):
    html = client.get(reverse("accessibility_statement")).content.decode()

    assert "Equality and Human Rights Commission (EHRC)" in html
    assert '<a class="govuk-link" href="https://www.equalityadvisoryservice.com/">' in html


@pytest.mark.parametrize("name", PAGES)
def test_the_statements_read_nothing_from_the_database(db, client, django_assert_num_queries, name):
    with django_assert_num_queries(0):
        response = client.get(reverse(name))

    assert response.status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_the_statements_are_kept_in_the_public_cache(client, name):
    first = client.get(reverse(name))

    again = client.get(reverse(name), HTTP_IF_NONE_MATCH=first["ETag"])

    assert (first.status_code, again.status_code) == (200, 304)


@pytest.mark.parametrize("name", PAGES)
def test_the_statements_refuse_a_post(client, name):
    assert client.post(reverse(name)).status_code == 405


def test_every_page_links_both_from_its_footer(client, db):
    for url in (reverse("home"), reverse("body_list"), reverse("accessibility_statement")):
        footer = client.get(url).content.decode().split('<footer class="govuk-footer">')[1]
        assert f'href="{reverse("accessibility_statement")}">Accessibility</a>' in footer
        assert f'href="{reverse("privacy_notice")}">Privacy</a>' in footer
