"""The secretariat's comments list and a partner's comments page make as many queries for 10 comments as for 1.

The list is checked under each filter: with 2 comments, 1 awaits a decision
and 1 is accepted; with 20, 10 await one, 5 are accepted and 5 rejected.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agreements.actions import consultation as actions_consultation
from agreements.actions import drafting as actions
from agreements.models import Clause
from tests.agreements.factories import adopted_version


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.fixture
def consultation(cast):
    adopted = adopted_version(cast)
    draft = actions.start_draft(adopted.agreement, by=cast.secretariat, label="Revised 2010")
    return actions_consultation.open_consultation(
        draft, by=cast.secretariat, closes_on=timezone.localdate() + datetime.timedelta(days=14)
    )


def add_comments(cast, version, n):
    """`n` comments by the member, every other one decided (accepted or rejected in turn)."""
    clauses = list(Clause.objects.filter(version=version))
    for i in range(n):
        comment = actions_consultation.add_comment(clauses[i % len(clauses)], by=cast.member, text=f"Comment {i}")
        if i % 2:
            outcome = "accepted" if i % 4 == 1 else "rejected"
            actions_consultation.decide_comment(comment, by=cast.secretariat, outcome=outcome, reason=f"Reason {i}")


@pytest.mark.parametrize("show", ["all", "open", "accepted", "rejected"])
def test_the_comments_list_makes_as_many_queries_for_ten_comments_as_for_one(cast, client_for, consultation, show):
    client = client_for("secretariat")
    url = reverse("agreement_comments", args=[consultation.pk]) + f"?show={show}"
    add_comments(cast, consultation, 2)
    one = count_queries(client, url)
    add_comments(cast, consultation, 18)
    ten = count_queries(client, url)
    assert ten == one


def test_your_comments_page_makes_as_many_queries_for_ten_comments_as_for_one(cast, client_for, consultation):
    client = client_for("member")
    url = reverse("agreement_my_comments")
    add_comments(cast, consultation, 1)
    one = count_queries(client, url)
    add_comments(cast, consultation, 9)
    ten = count_queries(client, url)
    assert ten == one
