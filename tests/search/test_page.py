"""The search page: its filters and order, its pages, its states, safe highlighting and what it costs.

The same tests pass on SQLite (FTS5) and on PostgreSQL (DATABASE_URL=postgres://...).
"""

import datetime
from html import unescape
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from meetings.actions import agenda as agenda_actions
from search.forms import MAX_QUERY
from search.views import PER_PAGE
from tests.factories import BodyFactory, InterestFactory, OrganisationFactory
from tests.search.support import search, titles

pytestmark = pytest.mark.usefixtures("media")


class _Page(HTMLParser):
    """What a test reads of the search page: the status, the error summary, and the results' markup."""

    def __init__(self, html):
        super().__init__(convert_charrefs=False)
        self.status: list[str] = []
        self.errors: list[str] = []
        # Every start tag inside the list of results, and the inner HTML of each result's title and extract.
        self.result_tags: list[tuple[str, dict]] = []
        self.result_titles: list[str] = []
        self.extracts: list[str] = []
        self._stack: list[tuple[str, str | None]] = []
        self._capture: list | None = None
        self._in_results = 0
        self.feed(html)
        self.close()

    def _role(self, tag, attrs):
        classes = (attrs.get("class") or "").split()
        if attrs.get("role") == "status":
            return "status"
        if "govuk-error-summary__list" in classes:
            return "errors"
        if "app-search-results" in classes:
            return "results"
        if "app-search-result__extract" in classes:
            return "extract"
        if tag == "a" and self._stack and self._stack[-1][1] == "result-title":
            return "title"
        if "app-search-result__title" in classes:
            return "result-title"
        return None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._in_results:
            self.result_tags.append((tag, attrs))
        if self._capture is not None:
            self._capture.append(self.get_starttag_text())
        role = self._role(tag, attrs)
        if role == "results":
            self._in_results += 1
        if role in ("status", "title", "extract"):
            self._capture = []
        self._stack.append((tag, role))

    def handle_endtag(self, tag):
        while self._stack:
            opened, role = self._stack.pop()
            if role == "results":
                self._in_results -= 1
            if role in ("status", "title", "extract") and self._capture is not None:
                html = "".join(self._capture).strip()
                {"status": self.status, "title": self.result_titles, "extract": self.extracts}[role].append(html)
                self._capture = None
            elif self._capture is not None and opened == tag:
                self._capture.append(f"</{tag}>")
            if opened == tag:
                break

    def handle_data(self, data):
        if self._capture is not None:
            self._capture.append(data)
        if self._stack and any(role == "errors" for _, role in self._stack) and data.strip():
            self.errors.append(data.strip())

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")


def page_of(response) -> _Page:
    return _Page(response.content.decode())


def status_text(response) -> str:
    """The text of the page's one role="status" element, as a screen reader announces it."""
    [status] = page_of(response).status
    return unescape(status)


# Filters


@pytest.fixture
def harbours(cast):
    """The word "harbour" in two bodies' terms of reference and in three organisations, joined years apart."""
    cast.board.terms_of_reference = "Oversees the harbour regeneration."
    cast.board.save()
    cast.forum.terms_of_reference = "Residents of the harbour estate meet here."
    cast.forum.save()
    for name, joined in [
        ("Harbour Trust", datetime.date(2008, 6, 1)),
        ("Harbour Housing", datetime.date(2010, 6, 1)),
        ("Harbour Ferries", datetime.date(2012, 6, 1)),
    ]:
        OrganisationFactory(name=name, joined_on=joined)


def test_the_kind_filter_keeps_one_kind(client, harbours):
    assert sorted(titles(search(client, "harbour"))) == [
        "Chester Community Forum",
        "Harbour Ferries",
        "Harbour Housing",
        "Harbour Trust",
        "Partnership Board",
    ]
    assert sorted(titles(search(client, "harbour", kind="organisation"))) == [
        "Harbour Ferries",
        "Harbour Housing",
        "Harbour Trust",
    ]
    assert sorted(titles(search(client, "harbour", kind="body"))) == ["Chester Community Forum", "Partnership Board"]


def test_the_body_filter_keeps_one_body_named_by_its_slug(client, harbours):
    assert titles(search(client, "harbour", body="partnership-board")) == ["Partnership Board"]
    assert titles(search(client, "harbour", body="chester-community-forum")) == ["Chester Community Forum"]


def test_the_body_filter_keeps_the_meetings_of_that_body(client, published):
    expected = [("minutes", "Constitution of the partnership")]
    assert [(e.kind, e.title) for e in search(client, "agreed", body="partnership-board").context["results"]] == (
        expected
    )
    assert titles(search(client, "agreed", body="chester-community-forum")) == []


def test_the_date_range_leaves_out_what_is_outside_it(client, harbours):
    response = search(client, "harbour", kind="organisation", **{"from": "2009-01-01", "to": "2011-12-31"})
    assert titles(response) == ["Harbour Housing"]
    html = response.content.decode()
    assert "Harbour Trust" not in html
    assert "Harbour Ferries" not in html
    # Each end on its own, and both ends included.
    assert sorted(titles(search(client, "harbour", kind="organisation", **{"from": "2010-06-01"}))) == [
        "Harbour Ferries",
        "Harbour Housing",
    ]
    assert sorted(titles(search(client, "harbour", kind="organisation", to="2010-06-01"))) == [
        "Harbour Housing",
        "Harbour Trust",
    ]


def test_an_end_before_the_start_is_a_400_with_the_error_shown(client, harbours):
    response = search(client, "harbour", status=400, **{"from": "2011-01-01", "to": "2009-01-01"})
    message = "The end of the date range must not be before its start."
    assert page_of(response).errors == [message]
    # The date as a whole is at fault: the summary links to its first box.
    assert f'href="#{response.context["form"]["to"].auto_id}-day"' in response.content.decode()
    assert response.context.get("results") is None
    assert page_of(response).status == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "meeting"}, "Choose a kind from the list."),
        ({"kind": "<script>"}, "Choose a kind from the list."),
        ({"body": "no-such-body"}, "Choose a body from the list."),
        ({"body": "' OR 1=1 --"}, "Choose a body from the list."),
        ({"sort": "title"}, "Choose an order from the list."),
        ({"from": "yesterday"}, "Enter a valid date."),
        ({"to": "2009-02-30"}, "Enter a valid date."),
    ],
)
def test_an_unknown_filter_is_a_400_with_the_error_never_a_500(client, harbours, params, message):
    response = search(client, "harbour", status=400, **params)
    assert page_of(response).errors == [message]
    assert response.context.get("results") is None


def test_a_query_longer_than_the_limit_is_a_400(client, harbours):
    assert MAX_QUERY == 200
    longest = ("harbour " * 25)[:MAX_QUERY]
    assert titles(search(client, longest))
    response = search(client, longest + "x", status=400)
    assert page_of(response).errors == [f"Enter at most {MAX_QUERY} characters."]
    assert response.context.get("results") is None


# Order


@pytest.fixture
def lighthouses(cast):
    """Two organisations named for lighthouses (one with no joining date), and a newer body that mentions one."""
    OrganisationFactory(name="Lighthouse Keepers Association", joined_on=datetime.date(2001, 1, 1))
    OrganisationFactory(name="Lighthouse Trust", joined_on=None)
    BodyFactory(
        name="Coastal Communities Partnership",
        slug="coastal-communities-partnership",
        established_on=datetime.date(2015, 6, 1),
        terms_of_reference=(
            "Brings together the coastal towns, their councils, their businesses and their residents to plan "
            "the future of the coast: its paths, its beaches, its harbours and, at the point, the old lighthouse."
        ),
    )


def test_the_best_match_comes_first_by_default(client, lighthouses):
    for params in ({}, {"sort": "relevance"}):
        found = titles(search(client, "lighthouse", **params))
        # The word in a title counts more than once in a long text, whatever the dates.
        assert sorted(found[:2]) == ["Lighthouse Keepers Association", "Lighthouse Trust"]
        assert found[2:] == ["Coastal Communities Partnership"]


def test_latest_first_orders_by_date_with_the_undated_last(client, lighthouses):
    assert titles(search(client, "lighthouse", sort="date")) == [
        "Coastal Communities Partnership",
        "Lighthouse Keepers Association",
        "Lighthouse Trust",
    ]


# Pages


@pytest.fixture
def rowans(cast):
    """More organisations with one word than a page holds, all equally good matches."""
    names = [f"Rowan Trust {n:02}" for n in range(PER_PAGE + 5)]
    for name in names:
        OrganisationFactory(name=name)
    return names


def test_more_results_than_a_page_holds_are_paged_without_overlap(client, rowans):
    assert PER_PAGE == 20
    first = search(client, "rowan")
    second = search(client, "rowan", page="2")
    assert len(titles(first)) == PER_PAGE
    assert len(titles(second)) == 5
    assert set(titles(first)).isdisjoint(titles(second))
    assert sorted(titles(first) + titles(second)) == sorted(rowans)
    # Each page says how many there are in all, and links to the other, keeping the words.
    assert status_text(first) == f"{PER_PAGE + 5} results for “rowan”"
    assert status_text(second) == f"{PER_PAGE + 5} results for “rowan”"
    assert 'href="?q=rowan&amp;page=2"' in first.content.decode()
    assert 'href="?q=rowan&amp;page=1"' in second.content.decode()


def test_results_are_counted_up_to_the_limit_and_paged_that_far(client, rowans, monkeypatch):
    """A common word is counted no further than the limit: the page says "more than", the pages stop there."""
    monkeypatch.setattr("search.queries.COUNT_LIMIT", PER_PAGE + 2)
    first = search(client, "rowan")
    assert status_text(first) == f"More than {PER_PAGE + 2} results for “rowan”"
    last = search(client, "rowan", page="2")
    assert len(titles(last)) == 2
    assert set(titles(first)).isdisjoint(titles(last))
    # Past the last page counted, the last page again (partnership.pages.page_of).
    assert titles(search(client, "rowan", page="3")) == titles(last)
    monkeypatch.setattr("search.queries.COUNT_LIMIT", PER_PAGE + 5)
    assert status_text(search(client, "rowan")) == f"{PER_PAGE + 5} results for “rowan”"


def test_pages_keep_their_order_when_asked_again(client, rowans):
    assert titles(search(client, "rowan", page="2")) == titles(search(client, "rowan", page="2"))
    assert titles(search(client, "rowan", sort="date")) == titles(search(client, "rowan", sort="date"))


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        # As partnership.pages.page_of: the first page for a missing or bad number, the last past the end.
        ("", 1),
        ("abc", 1),
        ("1.5", 1),
        ("2e3", 1),
        ("3", 2),
        ("0", 2),
        ("-1", 2),
        ("99999999999999999999999999", 2),
    ],
)
def test_a_page_number_out_of_range_or_garbage_is_never_an_error(client, rowans, page, shown):
    expected = titles(search(client, "rowan", page=str(shown)))
    response = search(client, "rowan", page=page)
    assert response.context["page_obj"].number == shown
    assert titles(response) == expected


def test_a_page_number_without_results_shows_the_no_result_state(client, cast):
    response = search(client, "nothingmatchesthis", page="7")
    assert status_text(response) == "No results for “nothingmatchesthis”"


# The states of the page


def test_the_empty_state_invites_a_search(client, cast):
    for params in ({}, {"q": ""}, {"q": "   "}, {"page": "2"}):
        response = client.get(reverse("search"), params)
        assert response.status_code == 200
        assert response.context["searched"] is False
        assert page_of(response).status == []
        assert "Type some words above and press Search." in response.content.decode()


def test_only_stop_words_is_the_no_words_state(client, harbours):
    response = search(client, "the of and")
    assert response.context["no_words"] is True
    assert titles(response) == []
    assert status_text(response) == "No words to search for in “the of and”"
    assert "are left out of searches" in response.content.decode()


def test_words_found_nowhere_are_the_no_result_state(client, harbours):
    response = search(client, "submarine")
    assert titles(response) == []
    assert status_text(response) == "No results for “submarine”"
    assert "check the spelling" in response.content.decode()


def test_the_number_of_results_is_in_the_status_element(client, harbours):
    assert status_text(search(client, "harbour")) == "5 results for “harbour”"
    assert status_text(search(client, "harbour", kind="body", body="chester-community-forum")) == (
        "1 result for “harbour”"
    )


def test_the_words_typed_are_shown_escaped(client, harbours):
    response = search(client, "<script>alert(9)</script>")
    assert status_text(response) == "No results for “<script>alert(9)</script>”"
    assert "“&lt;script&gt;alert(9)&lt;/script&gt;”" in response.content.decode()
    assert "<script>alert(9)" not in response.content.decode()


# Highlighting


HOSTILE = "<script>alert(1)</script>"


def test_a_title_with_markup_is_shown_escaped_with_only_marks_added(client, cast, minuted):
    OrganisationFactory(name=f"{HOSTILE} Harbour Trust", slug="harbour-trust")
    agenda_actions.add_item(
        minuted.meeting,
        by=cast.secretariat,
        title=f"{HOSTILE} Harbour wall",
        description='Repairs to the <img src=x onerror="alert(2)"> harbour wall & <b>quay</b>.',
    )
    response = search(client, "harbour")
    page = page_of(response)
    assert sorted(titles(response)) == [f"{HOSTILE} Harbour Trust", f"{HOSTILE} Harbour wall"]
    # Nothing in the results but the page's own elements and the marks.
    assert {tag for tag, _ in page.result_tags} <= {"li", "strong", "h2", "a", "p", "span", "mark"}
    assert [attrs for tag, attrs in page.result_tags if tag == "mark"] == [{}] * len(
        [tag for tag, _ in page.result_tags if tag == "mark"]
    )
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>quay" not in html
    assert sorted(page.result_titles) == [
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Harbour</mark> Trust",
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Harbour</mark> wall",
    ]
    [extract] = [extract for extract in page.extracts if "wall" in extract]
    assert "<mark>harbour</mark>" in extract
    assert extract.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    # FTS5's snippet() keeps the text as written, escaped; PostgreSQL's ts_headline() leaves out what its
    # parser reads as HTML tags. Either way the markup is never live.
    if "onerror" in extract:
        assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in extract
        assert "&lt;b&gt;quay&lt;/b&gt;" in extract
    else:
        assert "quay" in extract


# What a search costs


def _rows(cast, n):
    """`n` places with the word "marigold", of three kinds: bodies, organisations and the member's interests."""
    mel = cast.member.person
    for i in range(n):
        if i % 3 == 0:
            BodyFactory(name=f"Marigold Group {i}", terms_of_reference="Looks after the marigold beds.")
        elif i % 3 == 1:
            OrganisationFactory(name=f"Marigold Trust {i}")
        else:
            InterestFactory(person=mel, description=f"Trustee of the Marigold Gardens {i}", matter=f"Gardens {i}")


# Exactly what a search costs, whatever the number of results.
QUERIES = {
    # The count, the page, the titles and extracts marked, the bodies of the filter.
    "anonymous": 4,
    # As the public, after the session, the login, its groups, its person, memberships and grants the gates read.
    "member": 11,
}


@pytest.mark.parametrize("n", (1, 15))
@pytest.mark.parametrize("who", ("anonymous", "member"))
def test_a_search_makes_the_same_queries_for_one_result_as_for_fifteen(
    cast, client_for, django_assert_num_queries, who, n
):
    _rows(cast, n)
    client = client_for(who)
    path = reverse("search") + "?q=marigold"
    # Once unmeasured, so that caches kept for the process (content types) do not count.
    client.get(path)

    with django_assert_num_queries(QUERIES[who]):
        response = client.get(path)

    assert response.status_code == 200
    assert len(titles(response)) == n
    assert status_text(response) == f"{n} result{'s' if n > 1 else ''} for “marigold”"


# Caching


def test_what_a_signed_in_reader_finds_is_never_kept_by_a_shared_cache(client_for, harbours):
    response = search(client_for("member"), "harbour")
    assert "private" in response["Cache-Control"]
    anonymous = search(client_for("anonymous"), "harbour")
    assert "private" not in anonymous.get("Cache-Control", "")
