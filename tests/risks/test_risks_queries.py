"""The risk register costs as many queries for ten risks as for one, and pages its list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from risks.models import Risk
from risks.views import RISKS_PER_PAGE
from tests.paging import assert_a_full_page_and_a_next
from tests.risks.helpers import make_risk

# They measure what rendering a page costs: the reader cache would answer the second request.
pytestmark = pytest.mark.usefixtures("no_public_cache")


def _risks(cast, n):
    for i in range(n):
        body = cast.board if i % 2 else cast.forum
        owner = cast.chair.person if i % 2 else cast.other_member.person
        # Every third risk is escalated to the board.
        high = i % 3 == 0
        make_risk(
            cast,
            body=body,
            owner=owner,
            title=f"Risk {i}",
            likelihood=5,
            impact=5,
            residual_likelihood=4 if high else 2,
            residual_impact=4 if high else 2,
        )


def _count(cast, client_for, n, who, params):
    _risks(cast, n)
    client = client_for(who)
    url = reverse("risk_register")
    client.get(url, params)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    body = response.content.decode().split('<tbody class="govuk-table__body">')[-1].split("</tbody>")[0]
    return len(captured), body.count("<tr")


@pytest.mark.parametrize("who", ["member", "chair", "secretariat"])
@pytest.mark.parametrize("params", [{}, {"body": "partnership-board"}, {"status": "all", "category": "operational"}])
def test_the_register_costs_the_same_for_one_risk_as_for_ten(cast, client_for, who, params):
    one, one_rows = _count(cast, client_for, 1, who, params)
    Risk.objects.all().delete()
    ten, ten_rows = _count(cast, client_for, 10, who, params)
    assert one_rows == 1 and ten_rows >= 5
    assert one == ten


def test_the_register_pages_its_risks(cast, client_for):
    _risks(cast, RISKS_PER_PAGE + 1)
    response = client_for("member").get(reverse("risk_register"))
    rows = response.content.decode().split('<tbody class="govuk-table__body">')[-1].split("</tbody>")[0]
    assert_a_full_page_and_a_next(response, rows.split("<tr")[1:], RISKS_PER_PAGE, label="Risks: pages")
