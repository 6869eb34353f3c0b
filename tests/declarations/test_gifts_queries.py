"""The gifts registers make the same, exact number of queries for 1 entry as for 10 (no N+1)."""

import csv
import io

import pytest
from django.urls import reverse

from declarations.actions.gifts import ask_for_advice
from tests.factories import GiftFactory, MembershipFactory, PersonFactory

# They measure what rendering a page costs: the public cache would answer the second request.
pytestmark = pytest.mark.usefixtures("no_public_cache")


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


def _rows(response):
    """The entries a page lists: the gifts in its context, the requests waiting, or the rows of a download."""
    if response["Content-Type"].startswith("text/csv"):
        return len(list(csv.reader(io.StringIO(response.content.decode())))) - 1
    context = response.context
    return len(context["gifts"]) if "gifts" in context else len(context["waiting"])


@pytest.mark.parametrize("item_count", (1, 10))
@pytest.mark.parametrize(
    ("who", "url_name", "queries"),
    [
        ("anonymous", "gift_register", 4),
        # The central register is paged: a count of the entries, then the page.
        ("secretariat", "gift_register_manage", 7),
        ("secretariat", "gift_register_csv", 6),
        # Two paged lists, waiting and answered: a count and a page each.
        ("chair", "gift_advice_list", 7),
    ],
)
def test_a_register_makes_the_same_queries_for_one_entry_as_for_ten(
    cast, client_for, django_assert_num_queries, who, url_name, queries, item_count
):
    client = client_for(who)
    make_entries(cast, item_count)
    url = reverse(url_name)
    # The first request loads what the process caches (content types); the second is the page's own cost.
    client.get(url)
    with django_assert_num_queries(queries):
        response = client.get(url)
    assert response.status_code == 200, url
    assert _rows(response) == item_count


@pytest.mark.parametrize("item_count", (1, 10))
def test_a_members_own_entries_make_the_same_queries_for_one_as_for_ten(
    cast, client_for, django_assert_num_queries, item_count
):
    client = client_for("member")
    make_entries(cast, item_count, person=cast.member.person)
    url = reverse("gift_mine")
    client.get(url)
    # The entries and the requests for advice are paged: a count of each.
    with django_assert_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["gifts"]) == item_count
