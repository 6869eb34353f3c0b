"""Every list of the registers that grows with the years is paged, its filters kept from page to page.

Each test makes a page and one row more, with the page size made small where the rows are costly to make;
test_the_page_sizes says what each list shows by default.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bodies.models import Role
from declarations.actions.gifts import answer_advice, ask_for_advice
from declarations.actions.interests import update_interest
from declarations.actions.rulings import designate_head_of_legal, raise_dispute, resolve_dispute, rule_on_declaration
from declarations.models import Outcome
from declarations.views import gifts, interests, rulings
from tests.factories import (
    AgendaItemFactory,
    DeclarationFactory,
    GiftFactory,
    InterestFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)
from tests.paging import assert_a_full_page_and_a_next

CLOSED = datetime.date(2010, 3, 31)


def test_the_page_sizes():
    assert (interests.PUBLIC_PER_PAGE, interests.PERSON_PER_PAGE) == (50, 50)
    assert (interests.MANAGE_PER_PAGE, interests.CLOSED_PER_PAGE) == (50, 25)
    assert (gifts.PER_PAGE, rulings.PER_PAGE) == (50, 50)


# The public register of interests


def members(cast, n, body=None, prefix="Member"):
    """`n` members of the board (or `body`), in name order, each with an entry held today and one closed."""
    made = []
    for i in range(n):
        person = PersonFactory(name=f"{prefix} {i:02}")
        MembershipFactory(body=body or cast.board, person=person)
        InterestFactory(person=person, description=f"Held by {person.name}")
        InterestFactory(person=person, description=f"Ended for {person.name}", end=CLOSED)
        made.append(person)
    return made


def listed(response):
    return [(body.name, [m.person.name for m in rows]) for body, rows in response.context["groups"]]


def test_the_public_register_shows_fifty_members_to_a_page_body_by_body(cast, client):
    forum = members(cast, 49, body=cast.forum, prefix="Forum")
    response = client.get(reverse("interests_public"))
    # The forum's 50 members (Oscar Owen among them) fill the first page; the board's follow.
    assert listed(response) == [("Chester Community Forum", [p.name for p in forum] + ["Oscar Owen"])]
    assert_a_full_page_and_a_next(response, response.context["page_obj"], 50)
    second = client.get(reverse("interests_public"), {"page": 2})
    assert listed(second) == [("Partnership Board", ["Chris Carter", "Mel Morris"])]


def test_the_public_register_keeps_its_filters_from_page_to_page(cast, client, monkeypatch):
    monkeypatch.setattr(interests, "PUBLIC_PER_PAGE", 2)
    members(cast, 3)
    query = {"body": cast.board.slug, "q": "member", "past": "on"}
    first = client.get(reverse("interests_public"), query)
    assert listed(first) == [("Partnership Board", ["Member 00", "Member 01"])]
    assert_a_full_page_and_a_next(first, first.context["page_obj"], 2)
    assert 'href="?body=partnership-board&amp;q=member&amp;past=on&amp;page=2" rel="next"' in first.content.decode()
    second = client.get(reverse("interests_public"), {**query, "page": 2})
    assert listed(second) == [("Partnership Board", ["Member 02"])]


def test_the_public_register_finds_members_by_name(cast, client):
    members(cast, 2)
    response = client.get(reverse("interests_public"), {"q": "  MEL "})
    assert response.status_code == 200
    assert listed(response) == [("Partnership Board", ["Mel Morris"])]
    nobody = client.get(reverse("interests_public"), {"q": "Zebedee", "body": cast.forum.slug})
    assert listed(nobody) == []
    assert "No member of Chester Community Forum has a name with “Zebedee” in it." in nobody.content.decode()


def test_the_public_register_shows_past_entries_only_when_asked(cast, client):
    [person] = members(cast, 1)
    now = client.get(reverse("interests_public"), {"q": person.name})
    [(_, [membership])] = now.context["groups"]
    assert [i.description for i in membership.interests] == [f"Held by {person.name}"]
    assert f"Ended for {person.name}" not in now.content.decode()
    past = client.get(reverse("interests_public"), {"q": person.name, "past": "on"})
    [(_, [membership])] = past.context["groups"]
    assert [i.description for i in membership.interests] == [f"Held by {person.name}", f"Ended for {person.name}"]
    assert f"Ended for {person.name} (Company" in past.content.decode()
    assert "to 31 March 2010" in past.content.decode()


def test_a_withheld_past_entry_stays_withheld(cast, client):
    InterestFactory(
        person=cast.member.person,
        description="PAST-WITHHELD-7f3",
        withheld=True,
        withheld_reason="A family matter",
        end=CLOSED,
    )
    content = client.get(reverse("interests_public"), {"past": "on"}).content.decode()
    assert "An interest is withheld from the public register: A family matter" in content
    assert "PAST-WITHHELD-7f3" not in content


@pytest.mark.parametrize("page", ["0", "-3", "last", "99999", "9" * 40])
def test_a_bad_page_of_the_public_register_falls_back_to_a_page_that_exists(cast, client, page):
    response = client.get(reverse("interests_public"), {"page": page})
    assert response.status_code == 200
    assert listed(response) == [
        ("Chester Community Forum", ["Oscar Owen"]),
        ("Partnership Board", ["Chris Carter", "Mel Morris"]),
    ]


def test_a_members_public_register_is_paged_and_shows_past_entries_when_asked(cast, client, monkeypatch):
    monkeypatch.setattr(interests, "PERSON_PER_PAGE", 2)
    for i in range(3):
        InterestFactory(person=cast.member.person, description=f"Now {i}", start=datetime.date(2009, 4, 1 + i))
    InterestFactory(person=cast.member.person, description="Before", start=datetime.date(2009, 1, 1), end=CLOSED)
    url = reverse("interests_public_person", args=[cast.member.person.pk])
    first = client.get(url)
    assert [i.description for i in first.context["interests"]] == ["Now 2", "Now 1"]
    assert_a_full_page_and_a_next(first, first.context["interests"], 2)
    assert [i.description for i in client.get(url, {"page": 2}).context["interests"]] == ["Now 0"]
    past = client.get(url, {"past": "on", "page": 2})
    assert [i.description for i in past.context["interests"]] == ["Now 0", "Before"]


# The secretariat's registers and a member's own


def test_the_secretariats_register_is_paged_with_its_filters_and_its_download_is_whole(cast, client_for, monkeypatch):
    monkeypatch.setattr(interests, "MANAGE_PER_PAGE", 2)
    members(cast, 3)
    client = client_for("secretariat")
    query = {"q": "member", "status": "all"}
    first = client.get(reverse("interests_manage"), query)
    assert_a_full_page_and_a_next(first, first.context["interests"], 2)
    content = first.content.decode()
    assert "6 entries, 1 to 2 shown" in content
    assert 'href="?q=member&amp;status=all&amp;page=2" rel="next"' in content
    third = client.get(reverse("interests_manage"), {**query, "page": 3})
    assert [(i.person.name, i.description) for i in third.context["interests"]] == [
        ("Member 02", "Held by Member 02"),
        ("Member 02", "Ended for Member 02"),
    ]
    # The download has every entry the filters pick, whichever page it is asked from.
    assert 'href="/manage/registers/interests.csv?q=member&amp;status=all"' in third.content.decode()
    assert client.get(reverse("interests_csv"), query).content.decode().count("\r\n") == 1 + 6


def test_a_members_closed_entries_are_paged(cast, client_for, monkeypatch):
    monkeypatch.setattr(interests, "CLOSED_PER_PAGE", 2)
    InterestFactory(person=cast.member.person, description="Held")
    for i in range(3):
        InterestFactory(
            person=cast.member.person, description=f"Closed {i}", start=datetime.date(2009, 4, 1 + i), end=CLOSED
        )
    client = client_for("member")
    first = client.get(reverse("interests_mine"))
    assert [i.description for i in first.context["current"]] == ["Held"]
    assert [i.description for i in first.context["closed"]] == ["Closed 2", "Closed 1"]
    assert_a_full_page_and_a_next(first, first.context["closed"], 2, label="Closed entries: pages")
    second = client.get(reverse("interests_mine"), {"page": 2})
    assert [i.description for i in second.context["closed"]] == ["Closed 0"]
    assert [i.description for i in second.context["current"]] == ["Held"]


def test_the_history_of_an_entry_is_paged_and_each_version_says_what_it_changed(cast, client_for, monkeypatch):
    monkeypatch.setattr("partnership.pages.HISTORY_PER_PAGE", 2)
    interest = InterestFactory(person=cast.member.person, description="Version 0", created_by=cast.member)
    for i in range(1, 3):
        data = {
            "kind": interest.kind,
            "holder": interest.holder,
            "description": f"Version {i}",
            "organisation": None,
            "matter": interest.matter,
            "more_than_one_role": False,
            "start": interest.start,
            "withheld": False,
            "withheld_reason": "",
        }
        interest = update_interest(interest, by=cast.member, **data)
    client = client_for("member")
    url = reverse("interest_history", args=[interest.pk])
    first = client.get(url)
    assert_a_full_page_and_a_next(first, first.context["entries"], 2)
    # The last version of the page is told against the one before it, on the next page.
    assert [entry["changes"] for entry in first.context["entries"]] == [
        [("description", "Version 1", "Version 2")],
        [("description", "Version 0", "Version 1")],
    ]
    second = client.get(url, {"page": 2})
    assert [entry["changes"] for entry in second.context["entries"]] == [[]]


# The registers of gifts


def test_the_public_register_of_gifts_is_paged_and_finds_people_by_name(cast, client, monkeypatch):
    monkeypatch.setattr(gifts, "PER_PAGE", 2)
    for day in range(1, 4):
        GiftFactory(person=cast.member.person, estimated_value=100, offered_on=datetime.date(2010, 1, day))
    GiftFactory(person=cast.chair.person, estimated_value=100, offered_on=datetime.date(2010, 2, 1))
    first = client.get(reverse("gift_register"), {"q": "mel"})
    assert [(g.person.name, g.offered_on.day) for g in first.context["gifts"]] == [("Mel Morris", 3), ("Mel Morris", 2)]
    assert_a_full_page_and_a_next(first, first.context["gifts"], 2)
    assert 'href="?q=mel&amp;page=2" rel="next"' in first.content.decode()
    assert [
        g.offered_on.day for g in client.get(reverse("gift_register"), {"q": "mel", "page": 2}).context["gifts"]
    ] == [1]
    person = client.get(reverse("gift_register_person", args=[cast.member.person.pk]))
    assert_a_full_page_and_a_next(person, person.context["gifts"], 2)


def test_the_central_register_of_gifts_is_paged_counts_every_entry_and_finds_the_late_in_sql(
    cast, client_for, monkeypatch
):
    monkeypatch.setattr(gifts, "PER_PAGE", 2)
    today = timezone.localdate()
    for days in (28, 29, 30, 31):
        GiftFactory(person=cast.member.person, offered_on=today - datetime.timedelta(days=days), description=f"{days}")
    client = client_for("secretariat")
    first = client.get(reverse("gift_register_manage"))
    assert_a_full_page_and_a_next(first, first.context["gifts"], 2)
    assert first.context["total"] == 4
    late = client.get(reverse("gift_register_manage"), {"late": "on"})
    assert ([g.description for g in late.context["gifts"]], late.context["total"]) == (["29", "30"], 3)
    assert [g.late for g in late.context["gifts"]] == [True, True]
    assert 'href="?late=on&amp;page=2" rel="next"' in late.content.decode()
    assert [
        g.description for g in client.get(reverse("gift_register_manage"), {"late": "on", "page": 2}).context["gifts"]
    ] == ["31"]
    # The download is every entry the filters pick, not the page.
    assert 'href="/manage/registers/gifts.csv?late=on"' in late.content.decode()
    download = client.get(reverse("gift_register_csv"), {"late": "on", "page": 2}).content.decode()
    assert download.count("\r\n") == 1 + 3


def test_a_members_gifts_and_requests_for_advice_are_paged_apart(cast, client_for, monkeypatch):
    monkeypatch.setattr(gifts, "PER_PAGE", 2)
    for day in range(1, 4):
        GiftFactory(person=cast.member.person, offered_on=datetime.date(2010, 1, day))
    for _ in range(3):
        ask_for_advice(person=cast.member.person, by=cast.member, body=cast.board, question="May I?")
    client = client_for("member")
    first = client.get(reverse("gift_mine"))
    assert_a_full_page_and_a_next(first, first.context["gifts"], 2, label="Your entries: pages")
    assert_a_full_page_and_a_next(
        first, first.context["advice_requests"], 2, param="advice", label="Your requests for advice: pages"
    )
    other = client.get(reverse("gift_mine"), {"advice": 2})
    assert (len(other.context["gifts"]), len(other.context["advice_requests"])) == (2, 1)


def test_the_requests_for_advice_waiting_and_answered_are_paged_apart(cast, client_for, monkeypatch):
    monkeypatch.setattr(gifts, "PER_PAGE", 2)
    asked = [
        ask_for_advice(person=cast.member.person, by=cast.member, body=cast.board, question=f"Question {i}")
        for i in range(6)
    ]
    for advice in asked[:3]:
        answer_advice(advice, by=cast.chair, answer="Refuse it.")
    client = client_for("chair")
    first = client.get(reverse("gift_advice_list"))
    assert [a.question for a in first.context["waiting"]] == ["Question 5", "Question 4"]
    assert [a.question for a in first.context["answered"]] == ["Question 2", "Question 1"]
    assert_a_full_page_and_a_next(
        first, first.context["waiting"], 2, param="waiting", label="Waiting for advice: pages"
    )
    assert_a_full_page_and_a_next(first, first.context["answered"], 2, label="Answered: pages")
    later = client.get(reverse("gift_advice_list"), {"waiting": 2, "page": 2})
    assert ([a.question for a in later.context["waiting"]], [a.question for a in later.context["answered"]]) == (
        ["Question 3"],
        ["Question 0"],
    )


# Rulings and disputes


def declarations(cast, n):
    meeting = MeetingFactory(body=cast.board)
    return [
        DeclarationFactory(item=AgendaItemFactory(meeting=meeting, number=number), person=cast.member.person)
        for number in range(1, n + 1)
    ]


def test_the_declarations_awaiting_a_ruling_are_paged_oldest_first(cast, client_for, monkeypatch):
    monkeypatch.setattr(rulings, "PER_PAGE", 2)
    waiting = declarations(cast, 3)
    client = client_for("chair")
    first = client.get(reverse("declarations_awaiting_ruling"))
    assert first.context["declarations"] == waiting[:2]
    assert_a_full_page_and_a_next(first, first.context["declarations"], 2)
    assert "3 declarations, 1 to 2 shown, the oldest meeting first" in first.content.decode()
    assert client.get(reverse("declarations_awaiting_ruling"), {"page": 2}).context["declarations"] == waiting[2:]


def test_the_disputes_are_paged_the_open_ones_first(cast, legal, client_for, monkeypatch):
    monkeypatch.setattr(rulings, "PER_PAGE", 2)
    disputes = []
    for declaration in declarations(cast, 3):
        ruling = rule_on_declaration(declaration, by=cast.chair, outcome=Outcome.WITHDRAW, reasons="Direct.")
        disputes.append(raise_dispute(ruling, by=cast.member, grounds="Remote."))
    designate_head_of_legal(disputes[0], by=cast.secretariat, person=legal.person)
    resolve_dispute(disputes[0], by=cast.chair, outcome=Outcome.NOTED, reasons="Remote after all.")
    client = client_for("secretariat")
    first = client.get(reverse("dispute_list"))
    assert (first.context["open"], first.context["resolved"]) == ([disputes[2], disputes[1]], [])
    assert_a_full_page_and_a_next(first, first.context["open"], 2)
    content = first.content.decode()
    assert "Open disputes" in content
    # The resolved ones are on the next page, and this page does not say there are none.
    assert "Resolved disputes" not in content
    second = client.get(reverse("dispute_list"), {"page": 2})
    assert (second.context["open"], second.context["resolved"]) == ([], [disputes[0]])
    assert "Open disputes" not in second.content.decode()


def test_a_named_reserve_of_a_body_filtered_by_name_is_on_the_public_register(cast, client):
    MembershipFactory(
        body=cast.board,
        role=Role.NAMED_RESERVE,
        reserve_for=cast.member_membership,
        person=PersonFactory(name="Rita Reserve"),
    )
    response = client.get(reverse("interests_public"), {"q": "rita"})
    assert listed(response) == [("Partnership Board", ["Rita Reserve"])]
