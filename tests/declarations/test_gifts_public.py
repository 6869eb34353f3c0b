"""The public register of gifts and hospitality per body and per person: only published entries, and of
those only the name, date, description, value and decision."""

import pytest
from django.urls import reverse

from tests.declarations.support import GIFTS_MARKER as MARKER
from tests.factories import GiftFactory, MembershipFactory, PersonFactory


def _descriptions(response):
    return sorted(g.description for g in response.context["gifts"])


def test_the_register_of_a_body_shows_offers_made_to_its_members_while_they_sat(cast, client_for, offers):
    response = client_for("anonymous").get(reverse("gift_register"), {"body": cast.board.slug})
    assert response.status_code == 200
    assert _descriptions(response) == ["After joining", "Board dinner"]
    forum = client_for("anonymous").get(reverse("gift_register"), {"body": cast.forum.slug})
    assert _descriptions(forum) == ["Forum lunch"]


def test_an_unknown_body_is_a_clear_error_not_an_empty_register(cast, client_for, offers):
    response = client_for("anonymous").get(reverse("gift_register"), {"body": "no-such-body"})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["body"]
    assert "There is a problem" in response.content.decode()


def test_a_persons_page_lists_their_published_entries_and_their_seats(cast, client_for, offers):
    response = client_for("anonymous").get(reverse("gift_register_person", args=[cast.member.person.pk]))
    assert response.status_code == 200
    assert _descriptions(response) == ["Board dinner"]
    assert [m.body for m in response.context["memberships"]] == [cast.board]
    assert "Pen" not in response.content.decode()


def test_the_public_register_links_each_name_to_the_persons_entries(cast, client_for, offers):
    page = client_for("anonymous").get(reverse("gift_register")).content.decode()
    url = reverse("gift_register_person", args=[cast.member.person.pk])
    assert f'<a class="govuk-link" href="{url}">Mel Morris</a>' in page


def test_someone_with_no_published_entry_and_no_seat_has_no_page(cast, client_for):
    nobody = PersonFactory(name="Vera Visitor")
    GiftFactory(person=nobody, estimated_value=1)
    assert client_for("anonymous").get(reverse("gift_register_person", args=[nobody.pk])).status_code == 404
    assert client_for("anonymous").get(reverse("gift_register_person", args=[999999])).status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "member", "secretariat"])
def test_the_body_and_person_pages_never_show_a_marked_entry_reason_or_advice(cast, client_for, planted_gifts, who):
    client = client_for(who)
    for response in (
        client.get(reverse("gift_register"), {"body": cast.board.slug}),
        client.get(reverse("gift_register_person", args=[cast.member.person.pk])),
    ):
        assert response.status_code == 200
        assert MARKER not in response.content.decode()
        assert _descriptions(response) == ["Dinner for two"]


def _entries(person, n):
    for number in range(n):
        GiftFactory(person=person, description=f"Entry {number}", estimated_value=100)


@pytest.mark.usefixtures("no_public_cache")
@pytest.mark.parametrize("item_count", (1, 10))
def test_a_persons_page_makes_the_same_queries_for_one_entry_as_for_ten(
    cast, client_for, django_assert_num_queries, item_count
):
    client = client_for("anonymous")
    url = reverse("gift_register_person", args=[cast.member.person.pk])
    _entries(cast.member.person, item_count)
    # The first request loads what the process caches (content types); the second is the page's own cost.
    client.get(url)
    # The entries are paged: a count of them, then the page.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["gifts"]) == item_count


@pytest.mark.usefixtures("no_public_cache")
@pytest.mark.parametrize("item_count", (1, 10))
def test_a_bodys_register_makes_the_same_queries_for_one_member_as_for_ten(
    cast, client_for, django_assert_num_queries, item_count
):
    client = client_for("anonymous")
    url = reverse("gift_register") + f"?body={cast.board.slug}"
    _entries(cast.member.person, 1)
    for _ in range(item_count - 1):
        person = PersonFactory()
        MembershipFactory(person=person, body=cast.board)
        _entries(person, 1)
    client.get(url)
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["gifts"]) == item_count
