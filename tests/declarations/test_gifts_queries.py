"""The registers make the same number of queries for 1 entry as for 10 (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from declarations.actions.gifts import ask_for_advice
from tests.factories import GiftFactory, MembershipFactory, PersonFactory


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def make_entries(cast, n, person=None):
    for _ in range(n):
        someone = person
        if someone is None:
            someone = PersonFactory()
            MembershipFactory(person=someone, body=cast.board)
        gift = GiftFactory(person=someone, estimated_value=100)
        advice = ask_for_advice(person=someone, by=cast.secretariat, body=cast.board, question="May I?")
        advice.gift = gift
        advice.save()


@pytest.mark.parametrize(
    ("who", "url_name"),
    [
        ("anonymous", "gift_register"),
        ("secretariat", "gift_register_manage"),
        ("secretariat", "gift_register_csv"),
        ("chair", "gift_advice_list"),
    ],
)
def test_a_register_makes_the_same_queries_for_one_entry_as_for_ten(cast, client_for, who, url_name):
    client = client_for(who)
    make_entries(cast, 1)
    one = count_queries(client, reverse(url_name))
    make_entries(cast, 9)
    assert count_queries(client, reverse(url_name)) == one


def test_a_members_own_entries_make_the_same_queries_for_one_as_for_ten(cast, client_for):
    client = client_for("member")
    make_entries(cast, 1, person=cast.member.person)
    one = count_queries(client, reverse("gift_mine"))
    make_entries(cast, 9, person=cast.member.person)
    assert count_queries(client, reverse("gift_mine")) == one
