"""Search finds every kind of place by a word and by another form of it, phrases in order, and leaves words out.

The same tests pass on SQLite (FTS5) and on PostgreSQL (DATABASE_URL=postgres://...).
"""

import pytest
from django.urls import reverse

from meetings.actions import agenda as agenda_actions
from tests.factories import OrganisationFactory
from tests.meetings.papers import checked
from tests.search.support import docx, found, odt, pdf, search

pytestmark = pytest.mark.usefixtures("media")


def test_the_public_finds_a_published_minute_by_a_word_and_its_stem(client, published):
    expected = [("minutes", "Constitution of the partnership")]
    assert found(client, "agreed") == expected
    assert found(client, "agree") == expected
    # "partnerships" finds "Partnership"; the agenda item has the word in its title too.
    assert sorted(found(client, "partnerships constitution")) == [
        ("agenda", "Constitution of the partnership"),
        ("minutes", "Constitution of the partnership"),
    ]


def test_a_result_leads_to_the_exact_place(client, published):
    [entry] = search(client, "agreed").context["results"]
    assert entry.link == reverse("meeting_minutes", args=[published.meeting.pk]) + "#item-3"
    assert entry.body == published.meeting.body
    assert entry.date == published.meeting.starts_at.date()


def test_decisions_and_actions_are_found_in_the_minutes(client, published):
    assert found(client, "endorsed") == [("minutes", "Constitution of the partnership")]
    assert found(client, '"confirm a named reserve"') == [("minutes", "Constitution of the partnership")]
    # The apologies item records who attended as a named reserve: a phrase is found wherever it is.
    assert sorted(found(client, '"named reserve"')) == [
        ("minutes", "Constitution of the partnership"),
        ("minutes", "Welcome, introductions and apologies"),
    ]


def test_an_agenda_item_is_found_by_its_description_at_its_place_on_the_agenda(client, cast, published):
    item = published.following_items.constitution
    item.description = "To review the membership of the thematic groups."
    item.save()
    # The agenda of 28 May is a matter of record once the meeting has been held... not yet: it is only scheduled.
    assert found(client, "thematic") == []
    published.following.agenda_published_at = published.following.starts_at
    published.following.save()
    [entry] = search(client, "thematic").context["results"]
    assert (entry.kind, entry.link) == ("agenda", reverse("meeting_detail", args=[published.following.pk]) + "#item-3")


@pytest.mark.parametrize(
    ("name", "document", "word"),
    [
        ("paper.pdf", pdf("Housing strategy", "Appendix on affordable homes"), "affordable"),
        ("paper.docx", docx("The Transport Plan", "Cycle lanes along the canal towpath"), "towpath"),
        ("paper.odt", odt("Community safety", "Street lighting in the parks"), "lighting"),
    ],
)
def test_a_paper_is_found_by_the_text_of_its_uploaded_file(client, cast, minuted, name, document, word):
    paper = agenda_actions.add_paper(
        minuted.meeting, by=cast.secretariat, upload=checked(name, document), title="Annual report", author="Ann Author"
    )
    [entry] = search(client, word).context["results"]
    assert (entry.kind, entry.title, entry.link) == ("paper", "Annual report", paper.get_absolute_url())


def test_a_paper_is_found_by_its_cover_sheet_and_written_text(client, cast, minuted):
    agenda_actions.add_paper(
        minuted.meeting,
        by=cast.secretariat,
        title="Volunteering strategy",
        author="Ann Author",
        target_audience="Voluntary organisations",
        text="Volunteers gave forty thousand hours last year.",
    )
    assert found(client, "volunteering") == [("paper", "Volunteering strategy")]
    assert found(client, "organisation") == [("paper", "Volunteering strategy")]
    assert found(client, "hours") == [("paper", "Volunteering strategy")]


def test_a_body_is_found_by_its_terms_of_reference(client, cast):
    cast.forum.terms_of_reference = "Brings residents together to improve neighbourhoods."
    cast.forum.save()
    assert found(client, "neighbourhood") == [("body", "Chester Community Forum")]
    assert found(client, "forums") == [("body", "Chester Community Forum")]


def test_an_organisation_is_found_by_its_name(client, cast):
    OrganisationFactory(name="Cheshire Fire and Rescue Service", slug="fire")
    assert found(client, "rescue") == [("organisation", "Cheshire Fire and Rescue Service")]


def test_a_person_on_a_public_register_is_found_by_name(client, cast):
    assert found(client, "morris") == [("person", "Mel Morris")]
    # Stella sits on no body: she has no public page, and the public does not find her.
    assert found(client, "stella") == []


def test_the_public_registers_are_found(client, registers):
    assert found(client, "rowing") == [("interest", "Business interest of Mel Morris")]
    assert found(client, "regatta") == [("gift", "Hospitality offered to Mel Morris")]


def test_the_agreement_in_force_is_found_and_older_versions_on_request(client, agreement_history):
    revision, v5 = agreement_history.revision, agreement_history.v5
    [entry] = search(client, "reviewed").context["results"]
    assert (entry.kind, entry.title, entry.link) == (
        "clause",
        "3 Review",
        reverse("agreement_version", args=[revision.pk]) + "#clause-3",
    )
    older = search(client, "reviewed", older="1").context["results"]
    assert sorted((entry.context, entry.link) for entry in older) == [
        (
            "Agreement and Protocols, Revised February 2011",
            reverse("agreement_version", args=[revision.pk]) + "#clause-3",
        ),
        ("Agreement and Protocols, V5 2.4.09", reverse("agreement_version", args=[v5.pk]) + "#clause-3"),
    ]


def test_a_quoted_phrase_finds_its_words_only_in_that_order(client, cast):
    cast.board.terms_of_reference = "Agrees the circulation of papers to partners."
    cast.board.save()
    cast.forum.terms_of_reference = "Papers on circulation are kept by the forum."
    cast.forum.save()
    assert found(client, '"circulation of papers"') == [("body", "Partnership Board")]
    assert sorted(found(client, "circulation papers")) == [
        ("body", "Chester Community Forum"),
        ("body", "Partnership Board"),
    ]


def test_a_word_with_a_minus_sign_is_left_out_and_or_finds_either(client, cast):
    cast.board.terms_of_reference = "Housing and transport."
    cast.board.save()
    cast.forum.terms_of_reference = "Housing."
    cast.forum.save()
    assert found(client, "housing -transport") == [("body", "Chester Community Forum")]
    assert sorted(found(client, "transport OR forum")) == [
        ("body", "Chester Community Forum"),
        ("body", "Partnership Board"),
    ]


@pytest.mark.parametrize(
    "q",
    [
        "title:housing",
        "housing*",
        "NEAR(housing transport)",
        '"unclosed',
        "housing AND",
        "(housing",
        "^housing",
        "h\u00f6using",
    ],
)
def test_the_engines_syntax_typed_in_the_box_is_only_words(client, cast, q):
    cast.board.terms_of_reference = "Housing and transport."
    cast.board.save()
    response = search(client, q)
    assert response.context["searched"] is True
