"""`manage.py import_agreement`: a Markdown or plain-text agreement into a draft, numbers and headings kept."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from agreements.canonical import in_document_order
from agreements.importer import parse
from agreements.models import Agreement, AgreementVersion, VersionStatus

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "001_dcf6a8af34c98399.txt"

# The headings of sections 1-24 of the Agreement and Protocols V5 (2 April 2009), as the paper gives them.
SEED_SECTIONS = [
    ("1", "CURRENT AND FUTURE PARTNERSHIP CONTEXT"),
    ("2", "INTRODUCTION"),
    ("3", "AIMS OF THE CHESHIRE WEST AND CHESTER PARTNERSHIP FRAMEWORK"),
    ("4", "OBJECTIVES OF THE CHESHIRE WEST AND CHESTER PARTNERSHIP FRAMEWORK"),
    ("5", "PARTNERSHIP PRINCIPLES"),
    ("6", "MEMBERSHIP"),
    ("7", "SECTOR ROLES AND RESPONSIBILITIES"),
    ("8", "PRIMARY ROLES OF THE CONSTITUENT BODIES"),
    ("9", "CONDUCT – GENERAL PRINCIPLES"),
    ("10", "BEHAVIOUR IN MEETINGS"),
    ("11", "COMMON CONSTITUTIONAL ISSUES"),
    ("12", "OPERATIONAL ISSUES"),
    ("13", "FINANCIAL RESOURCES"),
    ("14", "OPERATING AGREEMENT"),
    ("15", "CONTRACTS"),
    ("16", "EQUALITY, DIVERSITY & SOCIAL INCLUSION"),
    ("17", "ACCOUNTABILITY"),
    ("18", "REVIEW & DISSOLUTION"),
    ("19", "SHARING INFORMATION"),
    ("20", "CHANGES AND ADDITIONS TO THIS AGREEMENT AND PROTOCOL"),
    ("21", "SECRETARIAT"),
    ("22", "EXPERT OFFICER SUPPORT"),
    (
        "23",
        "PARTNERSHIP AGREEMENTS AND CONSTITUTION FOR CONSTITUTIONAL BODIES OF THE CHESHIRE WEST AND CHESTER "
        "PARTNERSHIP FRAMEWORK",
    ),
    ("24", "SIGNATORIES TO THE AGREEMENT"),
]

needs_seed = pytest.mark.skipif(not SEED.exists(), reason=f"the seed paper is not on this machine ({SEED})")


def run(*args):
    out = io.StringIO()
    call_command("import_agreement", *args, stdout=out)
    return out.getvalue()


@needs_seed
def test_the_seed_agreement_comes_in_with_sections_1_to_24_and_their_headings(db):
    output = run(str(SEED))

    version = AgreementVersion.objects.get()
    sections = [(c.number, c.heading) for c in in_document_order(version) if c.kind == "section"]
    assert sections == SEED_SECTIONS
    assert (version.label, version.status, version.agreement.title) == (
        "V5 2.4.09",
        VersionStatus.DRAFT,
        "Agreement and Protocols",
    )
    assert output.startswith("Imported “V5 2.4.09” as a draft of Agreement and Protocols: 24 sections,")


@needs_seed
def test_the_seeds_numbered_clauses_sit_under_their_sections(db):
    run(str(SEED), "--label", "V5")

    clauses = {c.number: c for c in in_document_order(AgreementVersion.objects.get())}
    assert [n for n in clauses if n.startswith("11.")] == [
        "11.1", "11.1.1", "11.1.2", "11.1.3", "11.1.4", "11.1.5", "11.2", "11.3", "11.4",
        "11.4.1", "11.4.2", "11.4.3", "11.4.4", "11.4.5",
    ]  # fmt: skip
    assert (clauses["11.1.5"].parent.number, clauses["11.1"].heading, clauses["7.2"].heading) == (
        "11.1",
        "Declarations of Interest",
        "Voluntary Sector",
    )
    assert clauses["10.4"].heading == ""
    assert clauses["10.4"].text.startswith("Officers supporting the framework will ensure that meeting papers")
    # The paper numbers the clauses of section 15 as 14.1-14.4: they keep those numbers, under section 15.
    assert [(c.number, c.parent.number) for c in clauses.values() if c.number.startswith("14.")] == [
        ("14.1", "15"),
        ("14.2", "15"),
        ("14.3", "15"),
        ("14.4", "15"),
    ]


def test_markdown_headings_and_plain_numbered_lines_are_read():
    document = parse(
        "# The Agreement\n\nContents\n1. Introduction ..... 2\n\n"
        "## 1. Introduction\n\nWe agree.\n\n"
        "## 2 Meetings\n\n2.1 Papers\n\nThey go out a week before.\n\n- 2.2 Members declare interests.\n\n"
        "### A note\n\n"
        "3. REVIEW\n\n1. Reviewed yearly.\n\n"
        "## Annex A: Equality statement\n\nWe value diversity.\n"
    )

    def flat(nodes):
        for node in nodes:
            yield (node.kind, node.number, node.heading, node.text)
            yield from flat(node.children)

    assert list(flat(document.parts)) == [
        ("section", "1", "Introduction", "We agree."),
        ("section", "2", "Meetings", ""),
        ("clause", "2.1", "Papers", "They go out a week before."),
        ("clause", "2.2", "", "Members declare interests.\n\n### A note"),
        ("section", "3", "REVIEW", "1. Reviewed yearly."),
        ("annex", "A", "Equality statement", "We value diversity."),
    ]


def test_a_file_without_numbered_sections_is_refused_and_nothing_is_created(db, tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("Just some notes.\n", encoding="utf-8")

    with pytest.raises(CommandError) as error:
        run(str(path), "--label", "V1")

    assert str(error.value) == f"No numbered sections found in {path}: headings such as '1. Introduction' are needed."
    assert (Agreement.objects.count(), AgreementVersion.objects.count()) == (0, 0)


def test_a_file_without_a_label_needs_one_given(db, tmp_path):
    path = tmp_path / "agreement.txt"
    path.write_text("1. Introduction\n\nWe agree.\n", encoding="utf-8")

    with pytest.raises(CommandError) as error:
        run(str(path))
    run(str(path), "--label", "Draft for comment")

    assert str(error.value) == "The file gives no version label: pass one with --label."
    assert list(AgreementVersion.objects.values_list("label", flat=True)) == ["Draft for comment"]


def test_importing_the_same_label_twice_is_refused(db, tmp_path):
    path = tmp_path / "agreement.txt"
    path.write_text("1. Introduction\n\nWe agree.\n", encoding="utf-8")
    run(str(path), "--label", "V1")

    with pytest.raises(CommandError) as error:
        run(str(path), "--label", "V1")

    assert str(error.value) == "A version of this agreement already has that label."
    assert AgreementVersion.objects.count() == 1


def test_an_unknown_agreement_is_refused(db, tmp_path):
    path = tmp_path / "agreement.txt"
    path.write_text("1. Introduction\n\nWe agree.\n", encoding="utf-8")

    with pytest.raises(CommandError) as error:
        run(str(path), "--label", "V1", "--agreement", "no-such-agreement")

    assert str(error.value) == "No agreement with the slug 'no-such-agreement'."
