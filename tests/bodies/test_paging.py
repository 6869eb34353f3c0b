"""The lists of people, organisations and their records that grow with the years are paged.

Each test makes a page and one row more, with the page size made small; test_the_page_sizes says the defaults.
"""

import datetime

from django.urls import reverse

from bodies.models import Membership
from bodies.views import manage
from partnership import pages
from tests.factories import BodyFactory, MembershipFactory, OrganisationFactory
from tests.paging import assert_a_full_page_and_a_next

START = datetime.date(2009, 4, 1)


def test_the_page_sizes():
    assert (manage.PER_PAGE, pages.HISTORY_PER_PAGE) == (50, 25)


def test_the_history_of_a_record_is_paged_the_newest_first(cast, client_for, monkeypatch):
    monkeypatch.setattr(pages, "HISTORY_PER_PAGE", 2)
    for i in range(3):
        cast.board.summary = f"Summary {i}"
        cast.board.save()
    client = client_for("secretariat")
    url = reverse("manage:history", args=["body", cast.board.slug])
    first = client.get(url)
    assert_a_full_page_and_a_next(first, first.context["entries"], 2)
    # The oldest change on the page is told against the version before it, on the next page.
    assert [entry["changes"] for entry in first.context["entries"]] == [
        [("summary", "Summary 1", "Summary 2")],
        [("summary", "Summary 0", "Summary 1")],
    ]
    last = client.get(url, {"page": 2})
    assert [entry["record"].history_type for entry in last.context["entries"]] == ["~", "+"]


def memberships_of(person, n):
    return [
        MembershipFactory(person=person, body=BodyFactory(), start=START + datetime.timedelta(days=i), end=None)
        for i in range(n)
    ]


def test_a_persons_memberships_are_paged_the_latest_first(cast, client_for, monkeypatch):
    monkeypatch.setattr(manage, "PER_PAGE", 2)
    made = memberships_of(cast.other_member.person, 2)
    client = client_for("secretariat")
    url = reverse("manage:person_detail", args=[cast.other_member.person.pk])
    first = client.get(url)
    assert first.context["memberships"] == [made[1], made[0]]
    assert_a_full_page_and_a_next(first, first.context["memberships"], 2)
    assert client.get(url, {"page": 2}).context["memberships"] == [cast.other_membership]


def test_the_memberships_due_for_review_are_paged(cast, client_for, monkeypatch):
    monkeypatch.setattr(manage, "PER_PAGE", 2)
    for _ in range(3):
        MembershipFactory(body=cast.forum, review_due_on=START)
    client = client_for("secretariat")
    first = client.get(reverse("manage:reviews_due"))
    assert_a_full_page_and_a_next(first, first.context["memberships"], 2)
    second = client.get(reverse("manage:reviews_due"), {"page": 2})
    assert len(second.context["memberships"]) == Membership.objects.due_for_review().count() - 2 == 1


def test_the_secretariats_organisations_are_paged_by_name(cast, client_for, monkeypatch):
    monkeypatch.setattr(manage, "PER_PAGE", 2)
    for name in ("Gamma", "Alpha", "Beta"):
        OrganisationFactory(name=name)
    client = client_for("secretariat")
    first = client.get(reverse("manage:organisation_list"))
    assert [o.name for o in first.context["organisations"]] == ["Alpha", "Beta"]
    assert_a_full_page_and_a_next(first, first.context["organisations"], 2)
    assert [o.name for o in client.get(reverse("manage:organisation_list"), {"page": 2}).context["organisations"]] == [
        "Gamma"
    ]


def test_a_members_past_memberships_are_paged_and_the_current_ones_shown_in_full(cast, client_for, monkeypatch):
    ended = [
        MembershipFactory(
            person=cast.member.person, body=BodyFactory(), start=START, end=START + datetime.timedelta(days=i)
        )
        for i in range(26)
    ]
    client = client_for("member")
    first = client.get(reverse("account"))
    assert first.context["current"] == [cast.member_membership]
    assert first.context["past"] == sorted(ended, key=lambda m: m.pk, reverse=True)[:25]
    assert_a_full_page_and_a_next(first, first.context["past"], 25, label="Past and future memberships: pages")
    second = client.get(reverse("account"), {"page": 2})
    assert (second.context["current"], second.context["past"]) == ([cast.member_membership], [ended[0]])


def test_the_people_are_paged_with_the_search_kept(cast, client_for, monkeypatch):
    monkeypatch.setattr(manage, "PER_PAGE", 2)
    client = client_for("secretariat")
    # Chris Carter, Mel Morris, Oscar Owen and Sam Shaw have an "r" in their name or address.
    first = client.get(reverse("manage:person_list"), {"q": "r"})
    assert_a_full_page_and_a_next(first, first.context["page_obj"], 2)
    assert 'href="?q=r&amp;page=2" rel="next"' in first.content.decode()
