"""The public's pages: ask on the body's page, confirm from the link, stop with one click; none kept by the cache."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from bodies.actions import bodies as body_actions
from following import tokens
from following.models import Subscriber, Subscription
from tests.following.helpers import link_in, token_of
from tests.partnership.public_pages import stored_pages

ALICE = "alice@example.org"


def follow_url(body):
    return reverse("follow_body", args=[body.slug])


def test_the_bodys_page_links_to_its_own_page_and_holds_no_form(cast, client):
    html = client.get(reverse("body_detail", args=[cast.board.slug])).content.decode()

    assert f'<a class="govuk-link" href="{follow_url(cast.board)}">Get emails about this body</a>' in html
    assert "csrfmiddlewaretoken" not in html
    # The body's page is kept for the public; the page with the form is not.
    client.get(follow_url(cast.board))
    assert len(stored_pages()) == 1


def test_an_ended_body_offers_nothing_to_follow(cast, client):
    body_actions.end_body(cast.forum, by=cast.secretariat, last_day=datetime.date(2010, 3, 31), reason="Not needed.")

    body_page = client.get(reverse("body_detail", args=[cast.forum.slug])).content.decode()
    page = client.get(follow_url(cast.forum))
    refused = client.post(follow_url(cast.forum), {"email": ALICE})

    assert "Get emails about this body</a>" not in body_page
    assert "It no longer meets, so there is nothing to follow." in page.content.decode()
    assert 'name="email"' not in page.content.decode()
    assert refused.status_code == 400
    assert Subscriber.objects.count() == 0


def test_the_follow_page_asks_for_an_address(cast, client):
    response = client.get(follow_url(cast.board))

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Get emails about this body</h1>' in html
    assert 'type="email" name="email"' in html
    assert 'autocomplete="email"' in html
    assert 'spellcheck="false"' in html
    assert "no-store" in response["Cache-Control"]


def test_the_answer_is_the_same_whether_or_not_the_address_follows_the_body(cast, client, follow):
    follow(ALICE, cast.board)
    known = client.post(follow_url(cast.board), {"email": ALICE})
    unknown = client.post(follow_url(cast.board), {"email": "nobody@example.org"})

    def page(response, email):
        return response.content.decode().replace(email, "ADDRESS")

    assert (known.status_code, unknown.status_code) == (200, 200)
    assert page(known, ALICE) == page(unknown, "nobody@example.org")
    assert '<h1 class="govuk-heading-l">Check your email</h1>' in known.content.decode()


def test_asking_twice_in_an_hour_answers_the_same_and_sends_one_link(cast, client, sweep_now):
    first = client.post(follow_url(cast.board), {"email": ALICE})
    second = client.post(follow_url(cast.board), {"email": "  ALICE@example.org"})
    sweep_now()

    assert first.content == second.content
    assert [m.to for m in mail.outbox] == [[ALICE]]


@pytest.mark.parametrize(
    ("email", "error"),
    [
        ("", "Enter your email address"),
        ("alice at example.org", "Enter an email address in the correct format, like name@example.com"),
        ("nul\x00@example.org", "Enter an email address in the correct format, like name@example.com"),
        ("a" * 100_000 + "@example.org", "Email address must be 254 characters or fewer"),
    ],
)
def test_a_bad_address_is_the_forms_error(cast, client, email, error):
    response = client.post(follow_url(cast.board), {"email": email})

    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [error]
    assert "There is a problem" in response.content.decode()
    assert Subscriber.objects.count() == 0


def test_the_emailed_link_shows_what_it_confirms_and_its_button_confirms(cast, client, sweep_now):
    client.post(follow_url(cast.board), {"email": ALICE})
    client.post(reverse("follow_body", args=[cast.forum.slug]), {"email": ALICE})
    sweep_now()
    path = link_in(mail.outbox[0].body, "/follow/confirm/")

    page = client.get(path).content.decode()
    assert "Confirm that <strong>alice@example.org</strong> should get emails about the meetings of:" in page
    assert "<li>the Chester Community Forum</li><li>the Partnership Board</li>" in page
    assert Subscription.objects.confirmed().count() == 0  # opening the link (or a mail scanner) confirms nothing

    done = client.post(path).content.decode()
    assert '<h1 class="govuk-panel__title">Your emails are confirmed</h1>' in done
    assert Subscription.objects.confirmed().count() == 2

    again = client.get(path)
    assert again.status_code == 200
    assert '<h1 class="govuk-heading-l">This link no longer works</h1>' in again.content.decode()


def test_a_link_that_is_not_ours_is_not_found(cast, client):
    assert client.get(reverse("follow_confirm", args=["not-a-token"])).status_code == 404
    assert client.post(reverse("follow_confirm", args=["not-a-token"])).status_code == 404
    assert client.get(reverse("follow_unsubscribe", args=["not-a-token"])).status_code == 404
    assert client.post(reverse("follow_unsubscribe", args=["not-a-token"])).status_code == 404


def test_the_link_to_unsubscribe_explains_and_its_one_button_stops_the_emails(cast, client, follow):
    follow(ALICE, cast.board)
    path = reverse("follow_unsubscribe", args=[tokens.unsubscribe_token(Subscription.objects.get())])

    page = client.get(path).content.decode()
    assert '<h1 class="govuk-heading-l">Stop emails about the Partnership Board?</h1>' in page
    assert page.count('<form method="post">') == 1
    assert page.count("Stop these emails</button>") == 1
    assert Subscriber.objects.count() == 1

    done = client.post(path).content.decode()
    assert "You will get no more emails about the Partnership Board" in done
    assert Subscriber.objects.count() == 0
    # The link used again says the same, with nothing to press.
    assert "Stop these emails</button>" not in client.get(path).content.decode()
    assert client.post(path).status_code == 200


def test_a_mail_programs_one_click_needs_no_cookie(cast, follow, sweep_now, events):
    """RFC 8058: the mail program POSTs List-Unsubscribe=One-Click to the header's address, with no session."""
    from meetings.actions import agenda
    from tests.factories import MeetingFactory

    follow(ALICE, cast.board)
    events(agenda.publish_pack, MeetingFactory(body=cast.board), by=cast.secretariat)
    sweep_now()
    header = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")

    response = Client(enforce_csrf_checks=True).post(
        token_path(header), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert Subscriber.objects.count() == 0


def token_path(url):
    return reverse("follow_unsubscribe", args=[token_of(url)])


def test_the_follow_form_is_protected_against_cross_site_requests(cast):
    response = Client(enforce_csrf_checks=True).post(follow_url(cast.board), {"email": ALICE})

    assert response.status_code == 403
    assert Subscriber.objects.count() == 0


def test_no_page_shows_who_follows_a_body(cast, client_for, follow):
    follow(ALICE, cast.board)
    pages = [
        reverse("body_detail", args=[cast.board.slug]),
        follow_url(cast.board),
        reverse("meeting_list"),
        reverse("privacy_notice"),
    ]

    for who in ("anonymous", "member", "secretariat"):
        client = client_for(who)
        assert [path for path in pages if ALICE in client.get(path).content.decode()] == []
