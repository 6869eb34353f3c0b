"""The public register shows only published entries, and of those never the reason nor any advice."""

from decimal import Decimal

import pytest
from django.urls import reverse

from declarations.actions.gifts import answer_advice, ask_for_advice
from tests.factories import GiftFactory

MARKER = "ZEBRA-CROSSING-7731"


@pytest.fixture
def planted(cast):
    """An entry below the threshold, a published entry whose reason is private, and advice with the marker."""
    below = GiftFactory(
        person=cast.member.person, description=f"Box of chocolates {MARKER}", estimated_value=Decimal("24.99")
    )
    published = GiftFactory(
        person=cast.member.person, description="Dinner for two", estimated_value=Decimal("25"), reason=f"Why {MARKER}"
    )
    advice = ask_for_advice(person=cast.member.person, by=cast.member, body=cast.board, question=f"Ask {MARKER}")
    advice = answer_advice(advice, by=cast.chair, answer=f"Answer {MARKER}")
    advice.gift = published
    advice.save()
    return below, published, advice


@pytest.mark.parametrize("who", ["anonymous", "stranger", "other_member", "member", "chair", "secretariat"])
def test_the_public_register_never_shows_a_marked_entry_reason_or_advice(cast, client_for, planted, who):
    response = client_for(who).get(reverse("gift_register"))
    page = response.content.decode()
    assert MARKER not in page
    assert [g.description for g in response.context["gifts"]] == ["Dinner for two"]


def test_the_public_register_pages_with_any_query_never_show_the_marker(cast, client_for, planted):
    for query in ({"page": "2"}, {"page": "x"}, {"threshold": "0"}):
        assert MARKER not in client_for("anonymous").get(reverse("gift_register"), query).content.decode()


def test_the_member_sees_their_entry_below_the_threshold_and_the_advice(cast, client_for, planted):
    _, _, advice = planted
    client = client_for("member")
    assert client.get(reverse("gift_mine")).content.decode().count(MARKER) == 1
    assert client.get(reverse("gift_advice_detail", args=[advice.pk])).content.decode().count(MARKER) == 2


def test_the_secretariat_sees_the_reason_in_the_central_register_and_export(cast, client_for, planted):
    client = client_for("secretariat")
    assert client.get(reverse("gift_register_manage")).content.decode().count(MARKER) == 2
    assert client.get(reverse("gift_register_csv")).content.decode().count(MARKER) == 2
