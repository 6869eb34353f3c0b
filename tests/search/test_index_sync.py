"""The index follows every change in the same transaction as the change, and a rebuild gives the same index.

pytest-django never runs on-commit callbacks: whatever a test finds right after an action was written by
the action's own transaction. The same tests pass on SQLite (FTS5) and on PostgreSQL.
"""

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction

from agreements.actions import drafting as agreement_actions
from agreements.models import Clause
from bodies.actions import bodies as body_actions
from meetings.actions import agenda as agenda_actions
from meetings.models import AgendaItem, Paper, PaperVersion, VersionKind
from partnership.actions import save_person
from search import index
from search.models import Audience, Entry, Gate, Kind
from tests.agreements.factories import adopted_version
from tests.meetings.papers import checked
from tests.search.conftest import publish
from tests.search.support import docx, found, pdf, search

pytestmark = pytest.mark.usefixtures("media")


def entries_of(obj) -> set[tuple[str, str, str]]:
    """(kind, audience, gate) of every stored entry of a record."""
    return {
        (entry.kind, entry.audience, entry.gate)
        for entry in Entry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
    }


def snapshot() -> set[tuple]:
    """The index as (kind, object_id, audience, title) of each entry."""
    return set(Entry.objects.values_list("kind", "object_id", "audience", "title"))


def everything() -> dict[tuple, tuple]:
    """The index in full: each entry's place, and every field an entry is rebuilt with."""
    return {
        (entry.content_type_id, entry.object_id, entry.kind, entry.audience): tuple(
            getattr(entry, name) for name in index.FIELDS
        )
        for entry in Entry.objects.all()
    }


# Items and minutes


def test_an_item_made_confidential_after_its_minutes_are_published_leaves_what_the_public_finds(
    client_for, cast, minuted
):
    item = minuted.items.constitution
    paper = agenda_actions.add_paper(
        minuted.meeting, by=cast.secretariat, item=item, title="Draft constitution", author="Ann Author", text="Text."
    )
    publish(minuted)
    public, member = client_for("anonymous"), client_for("member")
    minute = [("minutes", "Constitution of the partnership")]
    assert found(public, "agreed") == minute
    assert found(public, '"draft constitution"') == [("paper", "Draft constitution")]

    # The agenda is settled once the minutes are approved: the action refuses, an administrator edits the row.
    with pytest.raises(ValidationError):
        agenda_actions.update_item(item, by=cast.secretariat, confidential=True, confidential_reason="Legal advice.")
    item = AgendaItem.objects.get(pk=item.pk)
    item.confidential = True
    item.confidential_reason = "Legal advice was given."
    item.save()

    assert found(public, "agreed") == []
    assert found(public, "constitution") == []
    # The paper on the item is withheld with it.
    assert found(public, '"draft constitution"') == []
    assert found(member, "agreed") == minute
    assert found(member, '"draft constitution"') == [("paper", "Draft constitution")]
    assert found(client_for("other_member"), "agreed") == []
    assert entries_of(item) == {
        (Kind.AGENDA, Audience.RESTRICTED, Gate.AGENDA_ITEM),
        (Kind.MINUTES, Audience.RESTRICTED, Gate.MINUTES_ITEM),
    }
    assert entries_of(paper) == {(Kind.PAPER, Audience.RESTRICTED, Gate.PAPER)}


def test_an_item_removed_from_the_agenda_is_no_longer_found(client_for, cast, minuted):
    item = agenda_actions.add_item(
        minuted.meeting, by=cast.secretariat, title="Allotments", description="The zephyrplum orchard."
    )
    assert found(client_for("anonymous"), "zephyrplum") == [("agenda", "Allotments")]

    agenda_actions.remove_item(item, by=cast.secretariat)

    assert found(client_for("anonymous"), "zephyrplum") == []
    assert found(client_for("secretariat"), "zephyrplum") == []
    assert Entry.objects.filter(object_id=item.pk, kind__in=[Kind.AGENDA, Kind.MINUTES]).count() == 0


def test_a_change_rolled_back_leaves_the_index_as_it_was(client, cast):
    """The index is written in the change's own transaction: it is there before the commit, and goes with a rollback."""

    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), transaction.atomic():
        cast.forum.terms_of_reference = "Residents discuss the osprey nest."
        cast.forum.save()
        assert found(client, "osprey") == [("body", "Chester Community Forum")]
        raise Abandoned

    assert found(client, "osprey") == []
    cast.forum.refresh_from_db()
    assert found(client, "forum") == [("body", "Chester Community Forum")]


# Papers


@pytest.fixture
def saffron(cast, minuted):
    """A paper on the open item, uploaded as a PDF with a word in it."""
    return agenda_actions.add_paper(
        minuted.meeting,
        by=cast.secretariat,
        upload=checked("costs.pdf", pdf("The saffron market costs")),
        item=minuted.items.constitution,
        title="Market costs",
        author="Ann Author",
    )


def test_a_paper_removed_is_no_longer_found(client_for, cast, saffron):
    assert found(client_for("anonymous"), "saffron") == [("paper", "Market costs")]

    agenda_actions.remove_paper(saffron, by=cast.secretariat)

    assert found(client_for("anonymous"), "saffron") == []
    assert found(client_for("secretariat"), "saffron") == []
    assert Entry.objects.filter(kind=Kind.PAPER, object_id=saffron.pk).count() == 0


def test_a_paper_withdrawn_from_the_public_is_found_only_by_those_who_may_read_it(client_for, cast, saffron):
    agenda_actions.update_paper(
        saffron, by=cast.secretariat, confidential=True, confidential_reason="Commercially sensitive."
    )

    assert found(client_for("anonymous"), "saffron") == []
    assert found(client_for("other_member"), "saffron") == []
    assert found(client_for("member"), "saffron") == [("paper", "Market costs")]
    assert entries_of(saffron) == {(Kind.PAPER, Audience.RESTRICTED, Gate.PAPER)}


def test_a_revised_version_replaces_the_words_of_the_earlier_one(client, cast, saffron):
    agenda_actions.add_version(
        saffron, by=cast.secretariat, kind=VersionKind.REVISED, upload=checked("costs.docx", docx("Nutmeg costs"))
    )

    assert found(client, "saffron") == []
    assert found(client, "nutmeg") == [("paper", "Market costs")]


# Bodies and people


def test_a_body_whose_name_is_corrected_is_found_by_its_new_name_only(client, cast):
    body = cast.forum
    body.name = "Chester Neighbourhood Forum"
    body_actions.save_body_details(body, by=cast.secretariat)

    assert found(client, "neighbourhood") == [("body", "Chester Neighbourhood Forum")]
    assert found(client, '"chester community forum"') == []


def test_a_body_renamed_is_found_by_its_new_name_and_its_old_record_keeps_the_old(client, cast):
    """A renamed body is a new record (bodies.actions.rename_body): the old name leads only to the record it names."""
    old = cast.forum
    new = body_actions.rename_body(
        old, by=cast.secretariat, on=datetime.date(2010, 1, 1), reason="A wider remit.", name="Chester Residents Forum"
    )

    [entry] = search(client, "residents").context["results"]
    assert (entry.kind, entry.title, entry.link) == ("body", "Chester Residents Forum", new.get_absolute_url())
    [entry] = search(client, '"chester community forum"').context["results"]
    assert (entry.kind, entry.title, entry.link) == ("body", "Chester Community Forum", old.get_absolute_url())


def test_a_person_renamed_changes_the_titles_of_their_register_entries(client, cast, registers):
    mel = cast.member.person
    assert {title for (title,) in Entry.objects.filter(person=mel).values_list("title")} == {
        "Mel Morris",
        "Business interest of Mel Morris",
        "Hospitality offered to Mel Morris",
    }

    mel.name = "Mel Marsh"
    save_person(mel, by=cast.secretariat)

    assert {title for (title,) in Entry.objects.filter(person=mel).values_list("title")} == {
        "Mel Marsh",
        "Business interest of Mel Marsh",
        "Hospitality offered to Mel Marsh",
    }
    assert sorted(found(client, "marsh")) == [
        ("gift", "Hospitality offered to Mel Marsh"),
        ("interest", "Business interest of Mel Marsh"),
        ("person", "Mel Marsh"),
    ]
    assert found(client, "morris") == []


# The Agreement


@pytest.fixture
def draft(cast):
    """V5 adopted, and a draft revision of it."""
    adopted = adopted_version(cast)
    return agreement_actions.start_draft(adopted.agreement, by=cast.secretariat, label="Revised 2010")


def test_a_clause_edited_in_a_draft_is_found_by_its_new_words_only(client_for, cast, draft):
    secretariat, public = client_for("secretariat"), client_for("anonymous")
    clause = Clause.objects.get(version=draft, number="3")
    agreement_actions.edit_clause(clause, by=cast.secretariat, heading="Review", text="Reviewed every kestrel season.")

    [entry] = search(secretariat, "kestrel").context["results"]
    assert (entry.kind, entry.title, entry.context) == (
        "clause",
        "3 Review",
        "Agreement and Protocols, Revised 2010 (draft)",
    )
    assert found(public, "kestrel") == []

    agreement_actions.edit_clause(clause, by=cast.secretariat, heading="Revision", text="Reviewed every heron season.")

    assert found(secretariat, "kestrel") == []
    assert found(secretariat, "heron") == [("clause", "3 Revision")]
    # The version in force is untouched: its clause is found by its own words, and only it.
    [entry] = search(secretariat, '"reviewed every year"').context["results"]
    assert (entry.title, entry.context) == ("3 Review", "Agreement and Protocols, V5 2.4.09")


def test_a_clause_removed_from_a_draft_renumbers_the_clauses_found(client_for, cast, draft):
    secretariat = client_for("secretariat")
    agreement_actions.remove_clause(Clause.objects.get(version=draft, number="2.1"), by=cast.secretariat)

    results = search(secretariat, "declare").context["results"]
    assert sorted((entry.title, entry.link.rsplit("#", 1)[1], entry.context) for entry in results) == [
        ("Clause 2.1", "clause-2-1", "Agreement and Protocols, Revised 2010 (draft)"),
        ("Clause 2.2", "clause-2-2", "Agreement and Protocols, V5 2.4.09"),
    ]
    assert found(secretariat, '"papers go out"') == [("clause", "Clause 2.1")]
    assert found(client_for("anonymous"), "declare") == [("clause", "Clause 2.2")]


# Rebuilding


def test_a_rebuild_gives_the_index_the_changes_kept(client_for, cast, confidential_places, registers):
    before, full = snapshot(), everything()
    assert {kind for kind, *_ in before} == set(Kind.values)
    public, member = client_for("anonymous"), client_for("member")
    finds = {q: (found(public, q), found(member, q)) for q in ("constitution", "walruscumin", "rowing", "narwhalthyme")}

    Entry.objects.all().delete()
    assert found(public, "constitution") == []

    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)

    assert snapshot() == before
    assert everything() == full
    assert f"Built the search index: {len(before)} entries" in out.getvalue()
    # The words are searchable again (on SQLite, the FTS5 table is in step with the rows).
    assert {q: (found(public, q), found(member, q)) for q in finds} == finds

    # A rebuild over a full index starts again from nothing: the same entries, once each.
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert everything() == full


def test_extract_reads_the_text_of_papers_uploaded_before_it_was_read(client, cast, minuted):
    paper = agenda_actions.add_paper(
        minuted.meeting,
        by=cast.secretariat,
        upload=checked("scores.pdf", pdf("Scores of the ptarmigan bids")),
        title="Bid scores",
        author="Ann Author",
    )
    lost = agenda_actions.add_paper(
        minuted.meeting,
        by=cast.secretariat,
        upload=checked("lost.docx", docx("The capercaillie appendix")),
        title="Appendix",
        author="Ann Author",
    )
    written = agenda_actions.add_paper(
        minuted.meeting, by=cast.secretariat, title="Note", author="Ann Author", text="A grouse note."
    )
    # As uploaded before search: no text read, and one stored file gone since.
    PaperVersion.objects.filter(paper__in=[paper, lost]).update(extracted_text="")
    version = lost.versions.get()
    version.document.storage.delete(version.document.name)
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert found(client, "ptarmigan") == []
    assert found(client, "grouse") == [("paper", "Note")]

    out = io.StringIO()
    call_command("rebuild_search_index", "--extract", stdout=out)

    assert "Read the text of 1 uploaded documents." in out.getvalue()
    assert PaperVersion.objects.get(paper=paper).extracted_text == "Scores of the ptarmigan bids"
    assert PaperVersion.objects.get(paper=lost).extracted_text == ""
    assert PaperVersion.objects.get(paper=written).extracted_text == ""
    assert found(client, "ptarmigan") == [("paper", "Bid scores")]
    assert found(client, "capercaillie") == []
    assert Paper.objects.count() == 3
