"""The agenda pack PDF: what it holds, in what order, and what the public never gets."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings.actions import agenda as actions
from meetings.models import VersionKind
from tests.meetings.papers import (
    checked,
    make_docx,
    make_pdf,
    schedule,
)

MARKER = "SECRET-c41e"


def pdf_pages(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


@pytest.fixture
def pack_meeting(cast, media):
    by = cast.secretariat
    meeting = schedule(cast, venue="Wyvern House, Winsford")
    budget = actions.add_item(meeting, by=by, title="Budget", presenter="Pat Finance")
    secret_item = actions.add_item(
        meeting, by=by, title=f"Leisure contract {MARKER}", confidential=True, confidential_reason="Tender under way"
    )
    actions.add_paper(
        meeting,
        by=by,
        item=budget,
        title="Budget report",
        author="Ann Author",
        purpose="To agree the budget",
        upload=checked("budget.pdf", make_pdf("Budget appendix page one", "Budget appendix page two")),
    )
    actions.add_paper(
        meeting, by=by, item=budget, title="Savings plan", author="Bo", text="We save by sharing offices."
    )
    actions.add_paper(
        meeting, by=by, item=budget, title="Strategy", author="Cy", upload=checked("Strategy 2011.docx", make_docx())
    )
    actions.add_paper(
        meeting,
        by=by,
        item=budget,
        title=f"Redundancy list {MARKER}",
        author="Di",
        text=f"Names {MARKER}",
        confidential=True,
        confidential_reason="Staff consultation",
    )
    actions.add_paper(
        meeting,
        by=by,
        item=secret_item,
        title="Bids received",
        author="Ed",
        upload=checked("bids.pdf", make_pdf(f"Bid prices {MARKER}")),
    )
    actions.add_paper(
        meeting,
        by=by,
        item=budget,
        title="Valuation",
        author="Fay",
        upload=checked("valuation.pdf", make_pdf(f"Valuation {MARKER}")),
        confidential=True,
        confidential_reason="Land sale",
    )
    actions.publish_pack(meeting, by=by)
    meeting.refresh_from_db()
    return meeting


def pack_as(client_for, who, meeting):
    return pdf_pages(client_for(who).get(reverse("meeting_pack", args=[meeting.pk])))


def test_the_public_pack_has_a_front_page_agenda_cover_sheets_and_bound_pdfs(pack_meeting, client_for):
    pages = pack_as(client_for, "anonymous", pack_meeting)
    assert "West Cheshire Together" in pages[0]
    assert "Partnership Board" in pages[0]
    assert "Agenda pack" in pages[0]
    assert "Wyvern House, Winsford" in pages[0]
    assert ", 2pm" in pages[0]
    agenda = pages[1]
    assert "3. Budget" in agenda
    assert "Item 4: confidential Tender under way" in agenda
    assert "A confidential paper is withheld: Staff consultation" in agenda
    # Cover sheets, one a page, each followed by its paper: the PDF's own pages come straight after its cover.
    assert "Budget report" in pages[2] and "To agree the budget" in pages[2]
    assert "The paper follows this cover sheet." in pages[2]
    assert pages[3].strip() == "Budget appendix page one"
    assert pages[4].strip() == "Budget appendix page two"
    assert "Savings plan" in pages[5] and "We save by sharing offices." in pages[5]
    assert "Supplied as a separate document: Strategy 2011.docx (Word document" in pages[6]
    assert len(pages) == 7


def test_nothing_confidential_reaches_the_public_pack(pack_meeting, client_for):
    for who in ("anonymous", "stranger", "other_member"):
        text = " ".join(pack_as(client_for, who, pack_meeting))
        assert (who, MARKER in text) == (who, False)
        assert (who, "Bids received" in text, "Redundancy list" in text) == (who, False, False)


def test_a_members_pack_includes_the_confidential_items_papers_and_pdfs(pack_meeting, client_for):
    pages = pack_as(client_for, "member", pack_meeting)
    text = " ".join(pages)
    assert f"4. Leisure contract {MARKER}" in text
    assert f"Redundancy list {MARKER}" in text
    assert f"Names {MARKER}" in text
    assert f"Bid prices {MARKER}" in text
    assert f"Valuation {MARKER}" in text
    assert len(pages) == 7 + 5


def test_the_pack_binds_the_latest_version_of_a_paper(pack_meeting, cast, client_for):
    paper = pack_meeting.papers.get(title="Budget report")
    actions.add_version(
        paper, by=cast.secretariat, kind=VersionKind.REVISED, upload=checked("budget-v2.pdf", make_pdf("Revised"))
    )
    pages = pack_as(client_for, "anonymous", pack_meeting)
    assert pages[3].strip() == "Revised"
    assert "Budget appendix page one" not in " ".join(pages)


def test_a_pdf_that_cannot_be_read_is_listed_not_bound(cast, media, client_for):
    meeting = schedule(cast)
    broken = make_pdf("Broken")[:40]
    actions.add_paper(meeting, by=cast.secretariat, title="Broken", author="Al", upload=checked("broken.pdf", broken))
    actions.publish_pack(meeting, by=cast.secretariat)
    pages = pack_as(client_for, "anonymous", meeting)
    assert "This PDF could not be bound into the pack. It is supplied as a separate document: broken.pdf." in pages[2]


def test_an_unpublished_pack_is_the_secretariats_alone(cast, client_for):
    meeting = schedule(cast)
    url = reverse("meeting_pack", args=[meeting.pk])
    assert client_for("member").get(url).status_code == 404
    assert pdf_pages(client_for("secretariat").get(url))[0].startswith("West Cheshire Together")
