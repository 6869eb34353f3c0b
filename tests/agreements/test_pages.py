"""The Agreement's pages: the text in force, the versions, a comparison, and the secretariat's drafting pages."""

import datetime
import re

import pytest
from django.urls import reverse

from agreements.models import AgreementVersion, Clause, VersionStatus
from agreements.policies import can_edit_version, can_view_version, versions_editable_by, versions_visible_to
from tests.agreements.factories import board_meeting

D = datetime.date


def contents(response):
    return re.findall(r'<li><a class="govuk-link" href="(#[^"]+)">([^<]+)</a></li>', response.content.decode())


def test_the_agreement_page_shows_the_version_in_force_with_contents_and_anchors(client, history):
    _, revision, _ = history

    response = client.get(reverse("agreement"))

    assert response.status_code == 200
    assert response.context["version"] == revision
    assert contents(response) == [
        ("#clause-1", "1 Introduction"),
        ("#clause-2", "2 Meetings"),
        ("#clause-3", "3 Review"),
    ]
    html = response.content.decode()
    assert '<div class="app-clause" id="clause-2-1">' in html
    assert "The Agreement is reviewed every two years." in html


def test_the_text_in_force_on_a_date(client, history):
    v5, _, _ = history

    response = client.get(reverse("agreement"), {"on": "2010-06-01"})

    assert (response.status_code, response.context["version"]) == (200, v5)
    assert "V5 2.4.09: the version in force on 1 June 2010" in response.content.decode()


def test_before_the_first_version_no_text_was_in_force(client, history):
    response = client.get(reverse("agreement"), {"on": "2008-01-01"})

    assert (response.status_code, response.context.get("version")) == (200, None)
    assert "No version of the Agreement was in force on 1 January 2008." in response.content.decode()


@pytest.mark.parametrize("value", ["yesterday", "2010-13-01", "99999-01-01"])
def test_a_bad_date_is_a_clear_form_error(client, history, value):
    response = client.get(reverse("agreement"), {"on": value})

    assert response.status_code == 400
    assert response.context["form"].errors == {"on": ["Enter a real date, for example 2010-06-01"]}


def test_the_public_sees_the_adopted_versions_and_the_secretariat_the_drafts_too(client_for, history):
    v5, revision, draft = history

    public = client_for("member").get(reverse("agreement_versions"))
    secretariat = client_for("secretariat").get(reverse("agreement_versions"))

    assert list(public.context["versions"]) == [revision, v5]
    assert list(secretariat.context["versions"]) == [draft, revision, v5]


@pytest.mark.parametrize("who", ["anonymous", "stranger", "member", "chair"])
def test_a_draft_is_the_same_404_as_no_version(client_for, history, who):
    _, _, draft = history
    client = client_for(who)

    assert client.get(reverse("agreement_version", args=[draft.pk])).status_code == 404
    assert client.get(reverse("agreement_version", args=[draft.pk + 1000])).status_code == 404


def test_the_secretariat_reads_a_draft_with_its_live_fingerprint(client_for, history):
    _, _, draft = history

    response = client_for("secretariat").get(reverse("agreement_version", args=[draft.pk]))

    assert response.status_code == 200
    assert "Of the draft as it stands now" in response.content.decode()


def test_a_version_page_shows_its_adoption_and_stored_fingerprint(client, history):
    v5, _, _ = history

    response = client.get(reverse("agreement_version", args=[v5.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert v5.sha256 in html
    assert "29 February 2011" not in html and "28 February 2011" in html  # in force until the day before


# Comparing: bad input is a clear 400


def compare(client, **params):
    return client.get(reverse("agreement_compare"), params)


def test_compare_without_ids_offers_the_form(client, history):
    response = compare(client)

    assert (response.status_code, response.context.get("diffs")) == (200, None)


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"from": "1"}, {"to_version": ["Choose the version to compare to"]}),
        ({"to": "1"}, {"from_version": ["Choose the version to compare from"]}),
        ({"from": "abc", "to": "1"}, {"from_version": ["Choose a version from the list"]}),
        ({"from": "99999999999999999999999", "to": "1"}, {"from_version": ["Choose a version from the list"]}),
        ({"from": "-1", "to": "1"}, {"from_version": ["Choose a version from the list"]}),
    ],
)
def test_compare_with_missing_or_bad_ids_is_a_clear_400(client, history, params, errors):
    v5, _, _ = history
    params = {key: str(v5.pk) if value == "1" else value for key, value in params.items()}

    response = compare(client, **params)

    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert "There is a problem" in response.content.decode()


def test_compare_a_version_with_itself_is_refused(client, history):
    v5, _, _ = history

    response = compare(client, **{"from": v5.pk, "to": v5.pk})

    assert (response.status_code, response.context["form"].errors) == (
        400,
        {"to_version": ["Choose two different versions"]},
    )


def test_compare_two_published_versions(client, history):
    v5, revision, _ = history

    response = compare(client, **{"from": v5.pk, "to": revision.pk})

    assert response.status_code == 200
    assert [(d.number, d.status) for d in response.context["diffs"] if d.status != "unchanged"] == [("3", "changed")]
    assert (
        'The Agreement is reviewed every <del><span class="govuk-visually-hidden">deleted: </span>year.</del> '
        '<ins><span class="govuk-visually-hidden">inserted: </span>two years.</ins>'
    ) in response.content.decode()


# The secretariat's pages


def test_the_secretariat_starts_a_draft_from_the_version_in_force(client_for, history):
    _, revision, _ = history
    client = client_for("secretariat")

    response = client.post(
        reverse("agreement_new_draft", args=[revision.agreement_id]), {"label": "Draft 2013", "summary": "Tidied."}
    )

    draft = AgreementVersion.objects.get(label="Draft 2013")
    assert response["Location"] == reverse("agreement_version_manage", args=[draft.pk])
    assert (draft.based_on, draft.status, draft.clauses.count()) == (revision, VersionStatus.DRAFT, 5)


def test_the_secretariat_adds_moves_and_removes_clauses(client_for, history):
    _, _, draft = history
    client = client_for("secretariat")
    after = Clause.objects.get(version=draft, number="1")

    client.post(
        reverse("agreement_clause_add", args=[draft.pk]) + f"?after={after.pk}",
        {"heading": "Aims", "text": "To work well."},
    )
    moved = Clause.objects.get(version=draft, heading="Review")
    client.post(reverse("agreement_clause_move", args=[moved.pk]), {"destination": "start"})
    client.post(reverse("agreement_clause_remove", args=[Clause.objects.get(version=draft, heading="Aims").pk]))

    assert [(c.number, c.heading) for c in Clause.objects.filter(version=draft, parent=None).order_by("position")] == [
        ("1", "Review"),
        ("2", "Introduction"),
        ("3", "Meetings"),
    ]


def test_the_secretariat_records_an_adoption(client_for, history, cast):
    _, revision, draft = history
    meeting, decision = board_meeting(cast.board, D(2012, 3, 1))

    response = client_for("secretariat").post(
        reverse("agreement_version_adopt", args=[draft.pk]),
        {"meeting": meeting.pk, "decision": decision.pk, "takes_effect": "2012-04-01"},
    )

    draft.refresh_from_db()
    revision.refresh_from_db()
    assert response["Location"] == reverse("agreement_version", args=[draft.pk])
    assert (draft.status, draft.review_due, revision.status) == (VersionStatus.ADOPTED, D(2013, 4, 1), "superseded")


def test_a_bad_adoption_is_refused_with_the_reason_and_changes_nothing(client_for, history, cast):
    _, revision, draft = history
    forum_meeting, _ = board_meeting(cast.forum, D(2012, 3, 1))

    response = client_for("secretariat").post(
        reverse("agreement_version_adopt", args=[draft.pk]), {"meeting": forum_meeting.pk, "takes_effect": "2012-04-01"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"meeting": ["Choose a meeting of the partnership board"]}
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_the_edit_view_refuses_to_change_an_adopted_clause(client_for, history):
    v5, _, _ = history
    clause = Clause.objects.get(version=v5, number="2.1")
    client = client_for("secretariat")

    posted = client.post(reverse("agreement_clause_edit", args=[clause.pk]), {"heading": "", "text": "Changed."})
    shown = client.get(reverse("agreement_clause_edit", args=[clause.pk]), follow=True)

    assert posted.status_code == 400
    assert posted.context["form"].non_field_errors() == [
        "“V5 2.4.09” was adopted and cannot be changed. Start a new draft from it instead."
    ]
    assert [str(m) for m in shown.context["messages"]] == [
        "“V5 2.4.09” was adopted and cannot be changed. Start a new draft from it instead."
    ]
    assert shown.redirect_chain == [(reverse("agreement_version_manage", args=[v5.pk]), 302)]
    clause.refresh_from_db()
    assert clause.text == "Papers go out a week before the meeting."


@pytest.mark.parametrize("name", ["agreement_clause_move", "agreement_clause_remove"])
def test_moving_or_removing_an_adopted_clause_is_refused(client_for, history, name):
    v5, _, _ = history
    clause = Clause.objects.get(version=v5, number="2.1")

    response = client_for("secretariat").post(reverse(name, args=[clause.pk]), {"destination": "start"})

    assert response.status_code == 400
    assert Clause.objects.filter(version=v5).count() == 5
    assert Clause.objects.get(pk=clause.pk).number == "2.1"


def test_an_empty_clause_is_refused_with_a_message(client_for, history):
    _, _, draft = history

    response = client_for("secretariat").post(
        reverse("agreement_clause_add", args=[draft.pk]), {"heading": "", "text": ""}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"heading": ["Give the clause a heading, some text, or both"]}
    assert draft.clauses.count() == 5


# Policies: the predicates and their queryset twins agree


@pytest.mark.parametrize("who", ["anonymous", "stranger", "other_member", "member", "chair", "secretariat"])
def test_the_visibility_rule_and_its_queryset_agree(cast, history, who):
    user = getattr(cast, who)
    versions = AgreementVersion.objects.all()

    assert {v.pk for v in versions if can_view_version(user, v)} == set(
        versions_visible_to(user).values_list("pk", flat=True)
    )
    assert {v.pk for v in versions if can_edit_version(user, v)} == set(
        versions_editable_by(user).values_list("pk", flat=True)
    )
