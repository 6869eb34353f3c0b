"""The demo Agreement: V5 of April 2009 (superseded), the February 2011 revision (in force), and a draft
out for consultation with two comments."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from agreements.canonical import current_hash, in_document_order
from agreements.compare import compare_versions, summary
from agreements.models import Agreement, AgreementVersion, Clause, Comment, CommentDecision
from notifications.models import Notification

D = datetime.date
REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"


def load():
    out = io.StringIO()
    call_command("loaddemo", "--quiet", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def counts():
    return [m.objects.count() for m in (Agreement, AgreementVersion, Clause, Comment, CommentDecision, Notification)]


def test_loaddemo_loads_the_three_versions_once(demo_output):
    first, _ = demo_output
    loaded = counts()
    second = load()

    versions = list(AgreementVersion.objects.order_by("pk"))
    assert [(v.label, v.status, v.takes_effect, v.superseded_on) for v in versions] == [
        ("V5 2.4.09", "superseded", D(2009, 7, 30), D(2011, 4, 15)),
        ("Revised February 2011", "adopted", D(2011, 4, 15), None),
        ("Draft for the 2012 review", "consultation", None, None),
    ]
    assert "Loaded the demo Agreement and Protocols: V5 2.4.09, Revised February 2011 and a draft." in first
    assert "The demo Agreement and Protocols is already loaded; nothing changed." in second
    assert counts() == loaded

    v5, revision, draft = versions
    assert [(c.number, c.heading) for c in in_document_order(v5) if c.kind == "section"][:6] == [
        ("1", "Current and Future Partnership Context"),
        ("2", "Introduction"),
        ("3", "Aims of the Cheshire West and Chester Partnership Framework"),
        ("4", "Objectives of the Cheshire West and Chester Partnership Framework"),
        ("5", "Partnership Principles"),
        ("6", "Membership"),
    ]
    assert len([c for c in in_document_order(v5) if c.kind == "section"]) == 24
    assert [(c.number, c.heading) for c in in_document_order(revision) if c.number.startswith("7.")][:5] == [
        ("7.1", "West Cheshire Together Commissioning Board"),
        ("7.2", "West Cheshire Together Network Event"),
        ("7.3", "Task and Finish Groups"),
        ("7.4", "Big Society Group"),
        ("7.5", "Area Partnership Boards (APB)"),
    ]
    assert [(c.number, c.heading) for c in in_document_order(draft) if c.kind == "annex"] == [
        ("A", "Equality Statement"),
        ("B", "Information Sharing Protocol"),
    ]
    assert (v5.sha256, revision.sha256) == (current_hash(v5), current_hash(revision))
    assert summary(compare_versions(v5, revision)) == {
        "added": 2,
        "removed": 2,
        "changed": 7,
        "moved": 1,
        "renumbered": 69,
    }
    assert (v5.adopted_at.body.slug, v5.adopted_at.starts_at.date()) == ("lsp", D(2009, 7, 30))
    assert (revision.adopted_at, revision.review_due) == (None, D(2012, 4, 15))


def _words(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def _runs(words, n=12):
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed papers are not on this machine")
def test_the_demo_clauses_are_in_the_demos_own_words(loaded):
    """Headings and numbers are facts from the papers; the text of every clause is the demo's own."""
    seeds = set()
    for path in sorted(SEEDS.glob("*.txt")):
        seeds |= _runs(_words(path.read_text(encoding="utf-8")))

    copied = set()
    for text in Clause.objects.values_list("text", flat=True):
        copied |= _runs(_words(text)) & seeds
    for summary_text in AgreementVersion.objects.values_list("summary", flat=True):
        copied |= _runs(_words(summary_text)) & seeds

    assert sorted(" ".join(run) for run in copied) == []


def test_loaddemo_puts_the_2012_draft_out_for_comment_with_one_comment_accepted_and_one_awaiting(demo_output):
    first, _ = demo_output
    load()

    draft = AgreementVersion.objects.get(label="Draft for the 2012 review")
    assert draft.is_open_for_comment()
    assert "Demo consultation: “Draft for the 2012 review” is open for comment until " in first
    comments = [
        (c.person.name, c.clause_number, getattr(c, "decision", None) and (c.decision.outcome, c.decision.applied))
        for c in Comment.objects.select_related("person", "decision").order_by("pk")
    ]
    assert comments == [("Tim Jackson", "A", ("accepted", True)), ("Mike Jones", "B", None)]
    accepted = Comment.objects.get(clause_number="A")
    assert accepted.decision.reason == "Agreed: the statement now covers services as well as meetings."
    assert Clause.objects.get(version=draft, number="A").text == accepted.proposed_text
    assert Notification.objects.filter(kind="agreement_comment_outcome").count() == 1


def test_the_demo_reminds_of_the_version_in_force_only(loaded):
    v5, revision, _ = AgreementVersion.objects.order_by("pk")
    waiting = Notification.objects.filter(status="pending")
    assert list(waiting.filter(key__startswith=f"agreement:{v5.pk}:")) == []
    reviews = Notification.objects.filter(kind="agreement_review").exclude(status="cancelled")
    assert {n.key.split(":")[1] for n in reviews} == {str(revision.pk)}
