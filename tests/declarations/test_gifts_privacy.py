"""The public register shows only published entries, and of those never the reason nor any advice."""

import pytest
from django.urls import reverse

from tests.declarations.support import GIFTS_MARKER as MARKER


@pytest.mark.parametrize("who", ["anonymous", "stranger", "other_member", "member", "chair", "secretariat"])
def test_the_public_register_never_shows_a_marked_entry_reason_or_advice(cast, client_for, planted_gifts, who):
    response = client_for(who).get(reverse("gift_register"))
    page = response.content.decode()
    assert MARKER not in page
    assert [g.description for g in response.context["gifts"]] == ["Dinner for two"]


def test_the_public_register_pages_with_any_query_never_show_the_marker(cast, client_for, planted_gifts):
    for query in ({"page": "2"}, {"page": "x"}, {"threshold": "0"}):
        assert MARKER not in client_for("anonymous").get(reverse("gift_register"), query).content.decode()


def test_the_member_sees_their_entry_below_the_threshold_and_the_advice(cast, client_for, planted_gifts):
    _, _, advice = planted_gifts
    client = client_for("member")
    assert client.get(reverse("gift_mine")).content.decode().count(MARKER) == 1
    assert client.get(reverse("gift_advice_detail", args=[advice.pk])).content.decode().count(MARKER) == 2


def test_the_secretariat_sees_the_reason_in_the_central_register_and_export(cast, client_for, planted_gifts):
    client = client_for("secretariat")
    assert client.get(reverse("gift_register_manage")).content.decode().count(MARKER) == 2
    assert client.get(reverse("gift_register_csv")).content.decode().count(MARKER) == 2
