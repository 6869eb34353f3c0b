"""The list of a person's signed-in sessions makes the same, exact number of queries for 1 session as for 10."""

import pytest
from django.urls import reverse

from partnership.models import SignInSession
from tests.paging import assert_a_full_page_and_a_next

pytestmark = pytest.mark.usefixtures("no_public_cache")


def _sessions_elsewhere(user, n):
    for i in range(n):
        SignInSession.objects.create(
            user=user, key_digest=SignInSession.digest_of(f"elsewhere {i}"), device="Firefox on Windows"
        )


@pytest.mark.parametrize("item_count", (1, 10))
def test_the_sessions_page_makes_the_same_queries_for_one_session_as_for_ten(
    cast, client_for, django_assert_num_queries, item_count
):
    client = client_for("member")
    # The one this client signed in with is one of them.
    _sessions_elsewhere(cast.member, item_count - 1)
    url = reverse("account_sessions")
    client.get(url)

    # The session, the login, whether it is the secretariat's (the navigation), a count of the sessions, the page.
    with django_assert_num_queries(5):
        response = client.get(url)

    assert response.status_code == 200
    assert len(response.context["sign_ins"]) == item_count


def test_the_sessions_page_is_paged(cast, client_for):
    from partnership.session_views import PER_PAGE

    client = client_for("member")
    _sessions_elsewhere(cast.member, PER_PAGE)

    response = client.get(reverse("account_sessions"))

    assert_a_full_page_and_a_next(
        response, response.context["sign_ins"], PER_PAGE, label="Your signed-in sessions: pages"
    )
