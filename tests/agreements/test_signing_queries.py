"""The signing dashboard and the signing page make an exact number of queries, the same for 1 organisation as for 10."""

import datetime

import pytest
from django.urls import reverse

from agreements.models import SigningEvent, SigningEventKind
from tests.agreements.factories import designate, sign
from tests.factories import OrganisationFactory, PersonFactory, UserFactory


def add_organisations(cast, version, n):
    """`n` organisations, each with a signatory of its own; every other one has signed.

    The member may sign for every one of them too, so the signing page offers those not yet signed.
    """
    for i in range(n):
        organisation = OrganisationFactory(name=f"Partner {i:02}")
        user = UserFactory(email=f"signatory{i}@example.org")
        PersonFactory(name=f"Signatory {i}", user=user)
        designate(cast, user, organisation, start=datetime.date(2009, 1, 1))
        designate(cast, cast.member, organisation, start=datetime.date(2009, 1, 1))
        if i % 2:
            sign(version, user, organisation)


@pytest.mark.parametrize("item_count", (1, 10))
def test_the_signing_dashboard_makes_the_same_queries_for_any_number_of_organisations(
    cast, client_for, adopted, django_assert_num_queries, item_count
):
    add_organisations(cast, adopted, item_count)
    # The signing log is paged: a count of its entries, then the page (read when there is an entry).
    SigningEvent.objects.create(kind=SigningEventKind.REFUSED, version=adopted, user=cast.member, detail="A test.")
    client = client_for("secretariat")

    with django_assert_num_queries(11):
        response = client.get(reverse("agreement_signatures", args=[adopted.pk]))

    assert response.status_code == 200
    board = response.context["board"]
    assert (len(board.signed), len(board.outstanding)) == (item_count // 2, item_count - item_count // 2)


@pytest.mark.parametrize("item_count", (1, 10))
def test_the_signing_page_makes_the_same_queries_for_any_number_of_organisations(
    cast, client_for, adopted, django_assert_num_queries, item_count
):
    # Twice as many organisations: half have signed, so the member may sign for `item_count` of them.
    add_organisations(cast, adopted, 2 * item_count)
    client = client_for("member")

    # Seven, and two more since issue 18: whether the signatory has an authenticator app and whether a passkey,
    # whose proof is then asked.
    with django_assert_num_queries(9):
        response = client.get(reverse("agreement_sign", args=[adopted.pk]))

    assert response.status_code == 200
    assert 1 + len(response.context["others"]) == item_count
