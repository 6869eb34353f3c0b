"""The redline between two versions: words inserted and deleted, clauses added, removed and moved."""

from django.urls import reverse

from agreements.actions import drafting as actions
from agreements.compare import compare_versions, lines_diff, summary, word_diff
from agreements.models import Clause
from tests.agreements.factories import adopted_version


def test_a_word_diff_marks_the_deleted_and_inserted_words():
    segments = word_diff("Papers go out a week before the meeting.", "Papers go out ten days before the meeting.")

    assert [s.as_tuple() for s in segments] == [
        ("equal", "Papers go out"),
        ("delete", "a week"),
        ("insert", "ten days"),
        ("equal", "before the meeting."),
    ]


def test_a_line_diff_keeps_the_lines_apart():
    lines = lines_diff(["- one", "- two"], ["- one", "- three"])

    assert [[s.as_tuple() for s in line] for line in lines] == [
        [("equal", "- one")],
        [("equal", "-"), ("delete", "two"), ("insert", "three")],
    ]


def test_compare_follows_each_clause_across_versions(versions):
    old, new = versions

    diffs = compare_versions(old, new)

    assert [(d.status, d.old_number, d.number, d.moved) for d in diffs] == [
        ("removed", "", "1", False),
        ("unchanged", "2", "1", False),
        ("changed", "2.1", "1.1", False),
        ("unchanged", "3", "2", False),
        ("unchanged", "2.2", "2.1", True),
        ("added", "", "3", False),
    ]
    assert [s.as_tuple() for s in diffs[2].lines[0]] == [
        ("equal", "Papers go out"),
        ("delete", "a week"),
        ("insert", "ten days"),
        ("equal", "before the meeting."),
    ]
    assert summary(diffs) == {"added": 1, "removed": 1, "changed": 1, "moved": 1, "renumbered": 4}


def test_the_public_cannot_compare_with_a_draft(client, versions):
    old, new = versions

    response = client.get(reverse("agreement_compare"), {"from": old.pk, "to": new.pk})

    # The draft is the secretariat's: the public compares published versions only.
    assert response.status_code == 400
    assert response.context["form"].errors == {"to_version": ["Choose a version from the list"]}


def test_the_compare_page_marks_insertions_and_deletions_accessibly(client_for, versions):
    old, new = versions

    response = client_for("secretariat").get(reverse("agreement_compare"), {"from": old.pk, "to": new.pk})

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        'Papers go out <del><span class="govuk-visually-hidden">deleted: </span>a week</del> '
        '<ins><span class="govuk-visually-hidden">inserted: </span>ten days</ins> before the meeting.'
    ) in html
    assert (
        '<ins><span class="govuk-visually-hidden">inserted: </span>3</ins> <ins><span class="govuk-visually-hidden">inserted: </span>Signatories</ins>'
        in html
    )
    assert (
        '<del><span class="govuk-visually-hidden">deleted: </span>1</del> <del><span class="govuk-visually-hidden">deleted: </span>Introduction</del>'
        in html
    )
    assert "Was 2.2" in html


def test_a_clause_moved_within_its_section_is_shown_as_moved(cast):
    old = adopted_version(cast)
    new = actions.start_draft(old.agreement, by=cast.secretariat, label="Reordered")
    actions.move_clause(
        Clause.objects.get(version=new, number="2.2"),
        by=cast.secretariat,
        inside=Clause.objects.get(version=new, number="2"),
    )
    actions.move_clause(
        Clause.objects.get(version=new, number="2.1"),
        by=cast.secretariat,
        inside=Clause.objects.get(version=new, number="2"),
    )

    diffs = compare_versions(old, new)

    assert [(d.old_number, d.number, d.status, d.moved) for d in diffs] == [
        ("1", "1", "unchanged", False),
        ("2", "2", "unchanged", False),
        ("2.2", "2.1", "unchanged", False),
        ("2.1", "2.2", "unchanged", True),
        ("3", "3", "unchanged", False),
    ]


def test_the_redline_shows_subheadings_and_lists_as_the_version_page_does():
    from agreements.compare import ClauseDiff, lines_diff

    lines = lines_diff(
        ["### What next?", "- Share a vision.", "- Plan together."],
        ["### What next?", "- Share a vision.", "- Plan services together.", "Then review."],
    )
    blocks = ClauseDiff(status="changed", number="3", lines=lines).blocks
    assert [
        (
            kind,
            [[s.as_tuple() for s in item] for item in content] if kind == "list" else [s.as_tuple() for s in content],
        )
        for kind, content in blocks
    ] == [
        ("heading", [("equal", "What next?")]),
        ("list", [[("equal", "Share a vision.")], [("equal", "Plan"), ("insert", "services"), ("equal", "together.")]]),
        ("p", [("insert", "Then review.")]),
    ]
