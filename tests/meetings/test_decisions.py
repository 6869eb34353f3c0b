"""The public decisions register (/decisions/) and each decision's permanent page (issue 16)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Decision, Minutes
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory
from tests.paging import assert_a_full_page_and_a_next

MARKER = "Zanzibarquartz"
REASON = "Commercial terms of a contract still being negotiated."


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 14))


def held(body, when, *, published=True):
    meeting = MeetingFactory(body=body, starts_at=when)
    Minutes.objects.create(meeting=meeting, published_at=timezone.now() if published else None)
    return meeting


def decide(meeting, number, text, *, item_number=None, title="Community safety plan", confidential=False):
    item = AgendaItemFactory(
        meeting=meeting,
        number=item_number or number,
        title=title,
        confidential=confidential,
        confidential_reason=REASON if confidential else "",
    )
    return Decision.objects.create(item=item, number=number, text=text)


@pytest.fixture
def register(cast):
    board_old = held(cast.board, at(2009, 4, 30))
    board_new = held(cast.board, at(2009, 9, 10))
    forum = held(cast.forum, at(2009, 6, 15))
    draft = held(cast.board, at(2009, 11, 5), published=False)
    return {
        "old": decide(board_old, 1, "The terms of reference were adopted.", title="Terms of reference"),
        "new": decide(board_new, 1, "The housing strategy was endorsed.", title="Housing strategy"),
        "secret": decide(
            board_new,
            2,
            f"Award the {MARKER} contract.",
            item_number=2,
            title=f"{MARKER} procurement",
            confidential=True,
        ),
        "forum": decide(forum, 1, "The forum will meet in Upton from now on.", title="Venues"),
        "draft": decide(draft, 1, "Not yet published: the draft decision.", title="Draft business"),
    }


def text_of(response):
    return response.content.decode()


def test_the_register_lists_decisions_of_published_minutes_newest_first(client, register):
    page = text_of(client.get(reverse("decision_register")))
    assert "Not yet published" not in page
    new, forum, old = (
        page.index(words)
        for words in ("housing strategy was endorsed", "meet in Upton", "terms of reference were adopted")
    )
    assert new < forum < old
    minutes = reverse("meeting_minutes", args=[register["new"].item.meeting_id])
    assert f'href="{minutes}#item-1"' in page
    assert f'href="{reverse("decision_detail", args=[register["new"].pk])}"' in page
    assert "4 decisions" in page


def test_a_confidential_decision_is_withheld_exactly_as_in_the_public_minutes(client, register, client_for):
    secret = register["secret"]
    minutes_page = text_of(client.get(reverse("meeting_minutes", args=[secret.item.meeting_id])))
    assert MARKER not in minutes_page and REASON in minutes_page
    urls = [
        reverse("decision_register"),
        reverse("decision_register") + "?q=contract",
        reverse("decision_register") + f"?body={secret.item.meeting.body.slug}",
        reverse("decision_detail", args=[secret.pk]),
        reverse("decision_detail", args=[register["new"].pk]),
        reverse("forward_plan"),
    ]
    for who in ("anonymous", "stranger", "member", "secretariat"):
        reader = client_for(who)
        for url in urls:
            response = reader.get(url)
            assert response.status_code == 200, url
            assert MARKER.lower() not in text_of(response).lower(), (who, url)
    listed = text_of(client.get(reverse("decision_register")))
    assert "Item 2. Confidential item" in listed
    assert f"Withheld from the published minutes: {REASON}" in listed
    detail = text_of(client.get(reverse("decision_detail", args=[secret.pk])))
    assert "Decision 2, item 2: Confidential item" in detail
    assert "This item is confidential and is withheld from the published minutes." in detail and REASON in detail
    # Words of a withheld decision find nothing: a search would otherwise tell what it says.
    assert "No decisions match" in text_of(client.get(reverse("decision_register"), {"q": MARKER}))
    assert "No decisions match" in text_of(client.get(reverse("decision_register") + "?q=contract"))


def test_the_marker_is_really_there_for_those_who_may_see_it(client_for, register):
    """The negative case: the full minutes show the secretariat the planted words, so the test above can fail."""
    secret = register["secret"]
    full = text_of(client_for("secretariat").get(reverse("meeting_minutes", args=[secret.item.meeting_id])))
    assert MARKER in full


def test_a_decision_has_a_permanent_page_once_its_minutes_are_published(client, register):
    response = client.get(reverse("decision_detail", args=[register["new"].pk]))
    page = text_of(response)
    assert response.status_code == 200
    assert "Decision 1, item 1: Housing strategy" in page
    assert "The housing strategy was endorsed." in page
    assert "Partnership Board, meeting of 10 September 2009" in page
    assert client.get(reverse("decision_detail", args=[register["draft"].pk])).status_code == 404
    assert client.get(reverse("decision_detail", args=[999999])).status_code == 404


def test_the_register_is_filtered_by_body_dates_and_words(client, register, cast):
    url = reverse("decision_register")
    by_body = text_of(client.get(url, {"body": cast.forum.slug}))
    assert "meet in Upton" in by_body and "housing strategy" not in by_body
    assert "Decisions register: Chester Community Forum" in by_body
    by_dates = text_of(
        client.get(
            url,
            {
                "from-day": "1",
                "from-month": "6",
                "from-year": "2009",
                "to-day": "30",
                "to-month": "6",
                "to-year": "2009",
            },
        )
    )
    assert "meet in Upton" in by_dates and "housing strategy" not in by_dates and "terms of reference" not in by_dates
    # The plain date in the address works as well as the three boxes.
    since = text_of(client.get(url, {"from": "2009-07-01"}))
    assert "housing strategy" in since and "meet in Upton" not in since
    by_words = text_of(client.get(url, {"q": "HOUSING"}))
    assert "housing strategy was endorsed" in by_words and "meet in Upton" not in by_words
    by_title = text_of(client.get(url, {"q": "venues"}))
    assert "meet in Upton" in by_title and "housing" not in by_title


def test_bad_filters_are_the_forms_errors_above_the_whole_register(client, register):
    url = reverse("decision_register")
    response = client.get(url, {"from": "2009-09-01", "to": "2009-08-01"})
    assert response.status_code == 400
    assert "The end of the date range must not be before its start." in text_of(response)
    assert "housing strategy" in text_of(response)
    response = client.get(url, {"body": "no-such-body"})
    assert response.status_code == 400
    assert "Choose a body from the list." in text_of(response)
    response = client.get(url, {"from-day": "31", "from-month": "2", "from-year": "2009"})
    assert response.status_code == 400
    assert "The start of the date range must be a real date" in text_of(response)
    assert client.get(url, {"q": "x" * 201}).status_code == 400


def test_the_register_pages_fifty_at_a_time(client, cast):
    meeting = held(cast.board, at(2009, 4, 30))
    item = AgendaItemFactory(meeting=meeting, number=1, title="Many decisions")
    Decision.objects.bulk_create(Decision(item=item, number=n, text=f"Decision text {n}") for n in range(1, 52))
    response = client.get(reverse("decision_register"))
    assert_a_full_page_and_a_next(response, response.context["page_obj"].object_list, 50, label="Decisions: pages")
    last = text_of(client.get(reverse("decision_register"), {"page": "2"}))
    assert "Decision text 51" in last and "Decision text 50<" not in last


def make_decisions(n):
    for i in range(n):
        meeting = held(BodyFactory(), at(2009, 1, 1) + datetime.timedelta(days=i))
        decide(meeting, 1, f"Decided {i}", confidential=i % 2 == 1)


@pytest.mark.usefixtures("no_public_cache")
@pytest.mark.parametrize("n", [1, 10])
@pytest.mark.parametrize("query", [{}, {"q": "Decided", "from": "2008-01-01"}])
def test_the_register_makes_the_same_queries_for_1_and_10_decisions(client, cast, django_assert_num_queries, n, query):
    make_decisions(n)
    # The count, the page's rows with their items, meetings and bodies, and the bodies of the filter.
    with django_assert_num_queries(3):
        response = client.get(reverse("decision_register"), query)
    assert len(response.context["page_obj"].object_list) == (n if not query else (n + 1) // 2)


@pytest.mark.usefixtures("no_public_cache")
@pytest.mark.parametrize("confidential", [False, True])
def test_a_decisions_page_makes_one_query(client, cast, django_assert_num_queries, confidential):
    decision = decide(held(cast.board, at(2009, 4, 30)), 1, "Decided", confidential=confidential)
    with django_assert_num_queries(1):
        assert client.get(reverse("decision_detail", args=[decision.pk])).status_code == 200


def test_the_meetings_list_and_the_footer_link_to_the_register(client, cast):
    page = text_of(client.get(reverse("meeting_list")))
    assert page.count(f'href="{reverse("decision_register")}"') == 2
    assert f'href="{reverse("forward_plan")}"' in page
