"""The read-only public API: each list's fields, its paging and its filters, conditional GET, and the decisions CSV."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from tests.factories import MeetingFactory

from .conftest import at

LISTS = {
    "api_organisations": {
        "id",
        "slug",
        "name",
        "short_name",
        "sector",
        "is_partner_authority",
        "website",
        "joined_on",
        "left_on",
        "url",
    },
    "api_people": {"id", "name", "honorific", "organisation", "memberships"},
    "api_bodies": {
        "id",
        "slug",
        "name",
        "short_name",
        "kind",
        "mode",
        "summary",
        "terms_of_reference",
        "meeting_frequency",
        "independently_chaired",
        "established_on",
        "shadow_from",
        "active_from",
        "ended_on",
        "status",
        "changes",
        "url",
    },
    "api_memberships": {"id", "role", "start_date", "end_date", "person", "organization", "on_behalf_of"},
    "api_meetings": {
        "id",
        "body",
        "kind",
        "starts_at",
        "ends_at",
        "venue",
        "online_url",
        "status",
        "status_reason",
        "agenda_published_at",
        "entered_afterwards",
        "url",
    },
    "api_agenda_items": {
        "id",
        "meeting",
        "number",
        "withheld",
        "title",
        "kind",
        "presenter",
        "description",
        "confidential",
        "confidential_reason",
    },
    "api_papers": {
        "id",
        "meeting",
        "item_number",
        "title",
        "description",
        "purpose",
        "circulation",
        "action_required",
        "author",
        "contact_details",
        "publication_date",
        "target_audience",
        "cross_reference",
        "circulated_at",
        "late_reason",
        "versions",
        "url",
    },
    "api_decisions": {
        "id",
        "meeting",
        "item_number",
        "number",
        "withheld",
        "withheld_reason",
        "item_title",
        "text",
        "vote",
        "minutes_url",
    },
    "api_interests": {
        "id",
        "person",
        "withheld",
        "withheld_reason",
        "kind",
        "holder",
        "description",
        "organisation",
        "matter",
        "more_than_one_role",
        "start",
        "end",
    },
    "api_gifts": {"id", "person", "offered_on", "kind", "description", "estimated_value", "decision"},
    "api_agreement_versions": {
        "id",
        "agreement",
        "label",
        "status",
        "summary",
        "adopted_at",
        "takes_effect",
        "review_due",
        "superseded_on",
        "url",
    },
}


def get(client, name, **params):
    response = client.get(reverse(name), params)
    assert response.status_code == 200, (name, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.mark.parametrize("name", sorted(LISTS))
def test_each_list_gives_a_page_of_results_with_exactly_its_public_fields(
    client, public_data, agreement_versions, name
):
    page = get(client, name)
    assert set(page) == {"count", "next", "previous", "results"}
    assert page["count"] >= 1 and page["results"]
    assert {frozenset(row) for row in page["results"]} == {frozenset(LISTS[name])}


def test_a_person_is_a_name_title_organisation_and_places_never_contacts(client, public_data, cast):
    people = {row["name"]: row for row in get(client, "api_people")["results"]}
    mel = people["Mel Morris"]
    assert mel["organisation"]["slug"] == "cheshire-constabulary"
    assert [(m["role"], m["organization"]["slug"]) for m in mel["memberships"]] == [("member", "partnership-board")]
    # Sam Shaw (the secretariat) and Stella Stone hold no place: they are not among the public's people.
    assert "Sam Shaw" not in people and "Stella Stone" not in people


def test_memberships_use_popolo_names(client, public_data, cast):
    rows = get(client, "api_memberships", body="partnership-board")["results"]
    chair = next(row for row in rows if row["role"] == "chair")
    assert chair["person"]["name"] == "Chris Carter"
    assert chair["organization"]["slug"] == "partnership-board"
    assert chair["start_date"] == "2009-04-01" and chair["end_date"] is None
    leaving = next(row for row in rows if row["person"]["name"] == "Lee Leaving")
    assert leaving["on_behalf_of"]["slug"] == "departing-trust"
    assert leaving["end_date"] == "2010-03-31"


def test_memberships_held_in_a_date_range(client, public_data):
    names = {row["person"]["name"] for row in get(client, "api_memberships", **{"from": "2010-04-01"})["results"]}
    assert "Lee Leaving" not in names and "Mel Morris" in names
    before = get(client, "api_memberships", to="2009-03-31")
    assert before["count"] == 0


def test_bodies_carry_their_history(client, public_data):
    bodies = {row["slug"]: row for row in get(client, "api_bodies")["results"]}
    assert bodies["old-forum"]["changes"] == [
        {
            "kind": "renamed_to",
            "on": "2010-02-01",
            "other_body": {
                "id": public_data.old.changes.get().other_body_id,
                "slug": "chester-community-forum",
                "name": "Chester Community Forum",
            },
            "reason": "A new name.",
        }
    ]
    assert {row["slug"] for row in get(client, "api_bodies", on="2008-06-01")["results"]} == {"old-forum"}


def test_a_confidential_agenda_item_shows_its_number_and_reason_only(client, public_data):
    items = get(client, "api_agenda_items", body="partnership-board")["results"]
    assert [(row["number"], row["withheld"], row["title"]) for row in items] == [
        (1, False, "The budget for 2010"),
        (2, True, None),
    ]
    assert items[1]["confidential_reason"] == "Commercially sensitive"
    # The coming meeting's agenda is not yet published: none of its items is listed.
    assert public_data.coming.pk not in {row["meeting"]["id"] for row in get(client, "api_agenda_items")["results"]}


def test_papers_are_the_public_ones_with_the_download_address_of_each_file(client, public_data):
    papers = get(client, "api_papers")["results"]
    assert [paper["title"] for paper in papers] == ["Budget report"]
    versions = papers[0]["versions"]
    assert [v["number"] for v in versions] == [2, 1]
    assert versions[0]["download_url"].endswith(
        reverse("paper_download", args=[public_data.held.pk, papers[0]["id"], 2])
    )
    assert versions[1]["download_url"] is None
    download = client.get(versions[0]["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    download.close()


def test_decisions_of_published_minutes_with_the_confidential_one_withheld_and_why(client, public_data):
    rows = get(client, "api_decisions")["results"]
    assert [(row["number"], row["withheld"], row["text"], row["withheld_reason"]) for row in rows] == [
        (1, False, "The budget for 2010 is agreed.", None),
        (2, True, None, "Commercially sensitive"),
    ]
    assert rows[0]["minutes_url"].endswith(reverse("meeting_minutes", args=[public_data.held.pk]))
    # The recorded votes: the public decision's, worked out; the confidential one's withheld with it.
    assert (rows[0]["vote"]["result"], rows[0]["vote"]["voted_for"], rows[0]["vote"]["counts"]) == (
        "carried",
        ["Chris Carter"],
        {"for": 1, "against": 0, "abstained": 0},
    )
    assert rows[1]["vote"] is None


def test_the_registers_public_parts(client, public_data):
    interests = get(client, "api_interests")["results"]
    assert [(row["withheld"], row["description"], row["withheld_reason"]) for row in interests] == [
        (False, "Governor of Chester College", None),
        (True, None, "Risk of violence or intimidation"),
    ]
    gifts = get(client, "api_gifts")["results"]
    assert [(row["description"], row["estimated_value"]) for row in gifts] == [("Dinner at the town hall", "40.00")]
    assert get(client, "api_gifts", body="chester-community-forum")["count"] == 0
    assert get(client, "api_interests", body="chester-community-forum")["count"] == 0


def test_the_agreement_versions_the_public_pages_list(client, agreement_versions):
    adopted, _draft = agreement_versions
    rows = get(client, "api_agreement_versions")["results"]
    assert [(row["id"], row["status"], row["takes_effect"]) for row in rows] == [(adopted.pk, "adopted", "2009-04-30")]


def test_meetings_filtered_by_body_and_by_date_range(client, public_data, cast):
    board = get(client, "api_meetings", body=cast.board.slug)["results"]
    assert {row["body"]["slug"] for row in board} == {cast.board.slug}
    spring = get(client, "api_meetings", **{"from": "2010-03-01", "to": "2010-03-31"})["results"]
    assert [row["id"] for row in spring] == [public_data.held.pk]
    assert get(client, "api_decisions", to="2010-01-01")["count"] == 0


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"from": "2010-13-01"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"from": "2010-05-01", "to": "2010-04-01"}, "to"),
        ({"body": "no-such-body"}, "body"),
        ({"body": "not a slug"}, "body"),
    ],
)
def test_a_bad_filter_is_a_400_that_names_it(client, public_data, params, named):
    response = client.get(reverse("api_meetings"), params)
    assert response.status_code == 400
    assert named in response.json()


def test_paging_with_next_and_previous_links(client, cast):
    for day in range(1, 6):
        MeetingFactory(body=cast.board, starts_at=at(datetime.date(2010, 1, day)))
    first = get(client, "api_meetings", page_size=2)
    assert (first["count"], len(first["results"]), first["previous"]) == (5, 2, None)
    second = client.get(first["next"]).json()
    assert second["previous"] and second["next"]
    assert [r["id"] for r in second["results"]] != [r["id"] for r in first["results"]]
    last = client.get(second["next"]).json()
    assert (len(last["results"]), last["next"]) == (1, None)
    # At most 100 to a page; a page beyond the last is a 404 that says so.
    assert len(get(client, "api_meetings", page_size=1000)["results"]) == 5
    assert client.get(reverse("api_meetings"), {"page": 9}).status_code == 404
    assert client.get(reverse("api_meetings"), {"page": "x"}).status_code == 404


@pytest.mark.parametrize("cached", [True, False])
def test_an_unchanged_answer_is_304_not_modified(client, public_data, settings, cached):
    if not cached:
        settings.PUBLIC_CACHE_SECONDS = 0  # the ETag of ConditionalGetMiddleware alone
    url = reverse("api_decisions")
    first = client.get(url)
    etag = first["ETag"]
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    public_data.held.items.get(number=1).decisions.update(text="The budget for 2010 is agreed, amended.")
    from meetings.models import Decision
    from partnership import public_cache

    public_cache.changed(Decision)
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert b"amended" in changed.content


def test_a_signed_in_reader_gets_the_public_answer(client_for, public_data):
    anonymous = client_for("anonymous").get(reverse("api_agenda_items")).json()
    member = client_for("member").get(reverse("api_agenda_items")).json()
    assert member == anonymous


def test_only_get(client, db):
    response = client.post(reverse("api_meetings"), {})
    assert response.status_code == 405


def test_the_decisions_csv_takes_the_same_filters(client, public_data):
    response = client.get(reverse("api_decisions_csv"), {"body": "partnership-board"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Date of meeting", "Body", "Item", "Decision", "Text", "Minutes"]
    assert [row[4] for row in rows[1:]] == ["The budget for 2010 is agreed.", "Withheld: Commercially sensitive"]
    assert client.get(reverse("api_decisions_csv"), {"from": "nonsense"}).status_code == 400


def test_the_registers_csv_give_what_the_json_lists_give(client, cast, public_data):
    def rows(name, **params):
        response = client.get(reverse(name), params)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        return list(csv.reader(io.StringIO(response.content.decode())))

    interests = rows("api_interests_csv")
    assert interests[0][:4] == ["Member", "Kind", "Held by", "Description"]
    by_description = {row[3]: row for row in interests[1:]}
    assert set(by_description) == {"Governor of Chester College", ""}
    assert by_description["Governor of Chester College"][4] == "Cheshire Constabulary"
    # The withheld entry gives its member and reason only.
    assert by_description[""][0] == cast.member.person.full_name
    assert by_description[""][-1] == "Risk of violence or intimidation"
    assert len(interests) - 1 == client.get(reverse("api_interests")).json()["count"]

    gifts = rows("api_gifts_csv")
    assert gifts[0] == ["Member", "Offered on", "Kind", "Description", "Estimated value (£)", "Decision"]
    assert [row[3] for row in gifts[1:]] == ["Dinner at the town hall"]
    assert client.get(reverse("api_gifts_csv"), {"body": "no-such-body"}).status_code == 400
    assert client.get(reverse("api_gifts_csv"), {"from": "nonsense"}).status_code == 400
    assert client.get(reverse("api_interests_csv"), {"past": "maybe"}).status_code == 400


def test_the_api_page_lists_every_list_with_its_parameters_and_links_the_downloads(client, db):
    response = client.get(reverse("api_index"))
    assert response.status_code == 200
    page = response.content.decode()
    for name in LISTS:
        assert f"GET {reverse(name)}" in page
    for name in ("api_decisions_csv", "api_interests_csv", "api_gifts_csv"):
        assert reverse(name) in page
    assert reverse("api_schema") in page
    assert "<code>page_size</code>" in page and "<code>from</code>" in page
    assert "<script" not in page.split("</main>")[0].split("<main")[1]
    assert "style=" not in page


def test_the_schema_is_openapi_3(client, db):
    schema = client.get(reverse("api_schema")).json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {reverse(name) for name in LISTS}


def test_the_schema_served_is_the_one_the_page_and_the_conformance_test_read(client, db):
    from api import docs

    assert client.get(reverse("api_schema")).json() == json.loads(json.dumps(docs.schema()))
