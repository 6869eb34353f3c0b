"""Membership balance (Agreement 16.3): aggregate figures only, the small-number rule, and a member's own answer."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from bodies.balance import MIN_PEOPLE, SMALL, balance_of, gender_figures
from bodies.models import Role
from partnership.actions import state_gender
from partnership.models import Gender, Sector, StatedGender
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

W, M, A = Gender.WOMAN, Gender.MAN, Gender.ANOTHER_WAY


def shown(figures):
    return {figure.label: figure.shown for figure in figures}


def test_no_gender_figures_for_a_body_with_fewer_than_six_members():
    figures, reason = gender_figures([W, W, M, M, A])
    assert figures == [] and f"fewer than {MIN_PEOPLE}" in reason
    assert gender_figures([W, W, W, M, M, M])[0] != []


def test_no_gender_figures_when_everyone_gave_the_same_answer():
    figures, reason = gender_figures([W] * 8)
    assert figures == [] and "would reveal" in reason
    # One person not answering is enough for the figures to show, the lone answer hidden with the next smallest.
    figures, _ = gender_figures([W] * 7 + [None])
    assert shown(figures) == {
        "Woman": "7",
        "Man": "Not shown",
        "In another way": "Not shown",
        "Not stated": "Not shown",
    }


def test_counts_below_three_are_not_shown_nor_their_share():
    figures, _ = gender_figures([W] * 5 + [M] * 4 + [A] + [None] * 2)
    assert shown(figures) == {"Woman": "5", "Man": "4", "In another way": "Not shown", "Not stated": "Not shown"}
    by_label = {figure.label: figure for figure in figures}
    assert (by_label["Woman"].percent, by_label["Man"].percent) == (42, 33)


def test_a_lone_hidden_count_takes_the_next_smallest_with_it():
    """Otherwise the hidden count would be the total less the others."""
    figures, _ = gender_figures([W] * 4 + [M] * 3 + [A] + [None] * 5)
    assert shown(figures) == {"Woman": "4", "Man": "Not shown", "In another way": "Not shown", "Not stated": "5"}


def test_no_combination_of_six_to_nine_members_lets_a_lone_count_be_worked_out():
    """Exhaustively: a hidden count is never the only one hidden, and no stated answer is everyone's."""
    import itertools

    for size in range(MIN_PEOPLE, 10):
        for combo in itertools.combinations_with_replacement([W, M, A, None], size):
            figures, _ = gender_figures(list(combo))
            if not figures:
                continue
            hidden = [f for f in figures if f.hidden]
            assert len(hidden) != 1, combo
            assert not any(f.count == size and f.label != "Not stated" for f in figures), combo
            assert all(f.hidden for f in figures if f.count < SMALL), combo


def _seat(body, gender=None, organisation=None, role=Role.MEMBER):
    person = PersonFactory()
    MembershipFactory(person=person, body=body, role=role, organisation=organisation)
    if gender:
        StatedGender.objects.create(person=person, gender=gender)
    return person


@pytest.fixture
def balanced_forum(cast):
    """The forum with Oscar and 11 more in its seats, a named reserve and an observer who are not counted."""
    council = OrganisationFactory(sector=Sector.PUBLIC)
    charity = OrganisationFactory(sector=Sector.VOLUNTARY)
    for gender in [W] * 4 + [M] * 3:
        _seat(cast.forum, gender, council)
    for gender in [A, None, None, None]:
        _seat(cast.forum, gender, charity)
    _seat(cast.forum, A, charity, role=Role.OBSERVER)
    return cast.forum


def test_the_balance_counts_each_seated_person_once_by_sector_and_gender(balanced_forum):
    balance = balance_of(balanced_forum)
    assert balance.people == 12
    assert {f.label: f.count for f in balance.sectors} == {"Public": 7, "Voluntary": 4, "In their own right": 1}
    # Oscar states nothing: 4 not stated; "in another way" (1) is hidden, and so the next smallest (man, 3).
    assert shown(balance.genders) == {
        "Woman": "4",
        "Man": "Not shown",
        "In another way": "Not shown",
        "Not stated": "4",
    }


def test_the_balance_page_shows_totals_and_no_person(balanced_forum, client):
    content = client.get(reverse("body_balance", args=[balanced_forum.slug])).content.decode()
    assert "<caption" in content and 'scope="row"' in content
    assert "Not shown" in content and "33%" in content  # 4 of 12 women
    assert "Public" in content and "58%" in content  # 7 of 12
    for membership in balanced_forum.memberships.select_related("person"):
        assert membership.person.name not in content


def _answer_marker_pages(cast, person):
    """Every page that shows a person, as those who may read each."""
    return [
        ("anonymous", reverse("body_detail", args=[cast.board.slug])),
        ("member", reverse("body_detail", args=[cast.board.slug])),
        ("secretariat", reverse("body_detail", args=[cast.board.slug])),
        ("secretariat", reverse("manage:person_detail", args=[person.pk])),
        ("secretariat", reverse("manage:history", args=["person", person.pk])),
        ("secretariat", reverse("manage:person_list")),
        ("anonymous", reverse("api_people")),
        ("anonymous", reverse("api_memberships")),
        ("chair", reverse("account")),
        ("secretariat", reverse("account")),
    ]


def test_a_stated_gender_never_shows_next_to_a_person(cast, client_for):
    """Mel states "in another way": no page shows that answer to anyone but Mel, and Mel sees it on her form."""
    state_gender(cast.member.person, by=cast.member, gender=A)
    for who, url in _answer_marker_pages(cast, cast.member.person):
        response = client_for(who).get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert "another_way" not in content and "In another way" not in content, (who, url)
    # Another member's form has "prefer not to say" chosen; Mel's own has her answer chosen (the negative case).
    other = client_for("chair").get(reverse("stated_gender")).content.decode()
    assert re.findall(r'<input[^>]*value="([^"]*)"[^>]*checked', other) == [""]  # prefer not to say
    own = client_for("member").get(reverse("stated_gender")).content.decode()
    assert re.search(r'value="another_way"[^>]*checked', own)


def test_a_member_states_changes_and_withdraws_their_answer(cast, client_for):
    client = client_for("member")
    assert client.post(reverse("stated_gender"), {"gender": "woman"}).status_code == 302
    assert StatedGender.objects.get(person=cast.member.person).gender == "woman"
    assert client.post(reverse("stated_gender"), {"gender": "man"}).status_code == 302
    assert StatedGender.objects.get(person=cast.member.person).gender == "man"
    # Prefer not to say: nothing is kept.
    assert client.post(reverse("stated_gender"), {"gender": ""}).status_code == 302
    assert not StatedGender.objects.filter(person=cast.member.person).exists()
    response = client.post(reverse("stated_gender"), {"gender": "robot"})
    assert response.status_code == 400
    assert "Choose one of the answers" in response.content.decode()


def test_only_the_member_can_state_their_gender(cast):
    with pytest.raises(PermissionDenied):
        state_gender(cast.member.person, by=cast.secretariat, gender=W)
    with pytest.raises(PermissionDenied):
        state_gender(PersonFactory(), by=UserFactory(), gender=W)
    assert not StatedGender.objects.exists()


def test_a_changed_answer_keeps_no_earlier_version(cast):
    state_gender(cast.member.person, by=cast.member, gender=W)
    state_gender(cast.member.person, by=cast.member, gender=M)
    assert not hasattr(StatedGender, "history")
    assert list(StatedGender.objects.values_list("gender", flat=True)) == ["man"]


def test_the_privacy_notice_says_what_is_kept_and_who_sees_it(client, db):
    content = client.get(reverse("privacy_notice")).content.decode()
    assert 'id="balance"' in content
    assert "Only you can see your answer" in content
    assert "a count below 3 is not shown" in content


def _women(content):
    return re.search(r"Woman</th>\s*<td[^>]*>([^<]*)</td>", content).group(1)


def test_a_new_answer_shows_at_once_on_the_kept_public_page(balanced_forum, cast, client):
    """The public cache keeps the page; a member's answer (the partners scope) starts it afresh."""
    url = reverse("body_balance", args=[balanced_forum.slug])
    assert _women(client.get(url).content.decode()) == "4"
    state_gender(cast.other_member.person, by=cast.other_member, gender=W)
    assert _women(client.get(url).content.decode()) == "5"
