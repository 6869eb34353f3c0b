"""The secretariat's comments list and a partner's comments page make an exact number of queries,
the same for 1 comment as for 10.

The list is checked under each filter, with `item_count` comments of each
kind: awaiting a decision, accepted and rejected.
"""

import pytest
from django.urls import reverse

from agreements.actions import consultation as actions_consultation
from agreements.models import Clause

OUTCOMES = (None, "accepted", "rejected")


def add_comments(cast, version, n):
    """`n` comments by the member on the clauses in turn: awaiting a decision, accepted, rejected, and again."""
    clauses = list(Clause.objects.filter(version=version))
    for i in range(n):
        comment = actions_consultation.add_comment(clauses[i % len(clauses)], by=cast.member, text=f"Comment {i}")
        if outcome := OUTCOMES[i % len(OUTCOMES)]:
            actions_consultation.decide_comment(comment, by=cast.secretariat, outcome=outcome, reason=f"Reason {i}")


@pytest.mark.parametrize("item_count", (1, 10))
@pytest.mark.parametrize(("show", "shown"), [("all", 3), ("open", 1), ("accepted", 1), ("rejected", 1)])
def test_the_comments_list_makes_the_same_queries_for_any_number_of_comments(
    cast, client_for, consultation, django_assert_num_queries, item_count, show, shown
):
    add_comments(cast, consultation, len(OUTCOMES) * item_count)
    client = client_for("secretariat")

    # The list is paged: a count of the comments, then the page.
    with django_assert_num_queries(6):
        response = client.get(reverse("agreement_comments", args=[consultation.pk]) + f"?show={show}")

    assert response.status_code == 200
    assert len(response.context["comments"]) == shown * item_count


@pytest.mark.parametrize("item_count", (1, 10))
def test_your_comments_page_makes_the_same_queries_for_any_number_of_comments(
    cast, client_for, consultation, django_assert_num_queries, item_count
):
    add_comments(cast, consultation, item_count)
    client = client_for("member")

    # The list is paged: a count of the comments, then the page.
    with django_assert_num_queries(5):
        response = client.get(reverse("agreement_my_comments"))

    assert response.status_code == 200
    assert len(response.context["comments"]) == item_count
