"""The published minutes as a tagged PDF (issue 16): the public rendition only, whoever asks, and only once published.

Markers are planted in a confidential item's title, discussion, decision,
action and correction, and in an attendee's email address. The PDF's text,
read back with pypdf, must hold the public minutes and none of the markers;
the member's minutes page shows the same markers (the negative case, which
shows the test can fail).
"""

import datetime
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings import minutes_pdf
from meetings.actions import minutes as actions
from meetings.models import Meeting
from partnership import tagged_pdf
from tests.meetings.scenario import drafted, published, signed

pytestmark = pytest.mark.django_db

MARKER = "SECRET-9d2b"
EMAIL = f"tim.{MARKER.lower()}@example.org"
# The meeting with its body and minutes; the attendance; the items, their decisions, actions and owners; the rulings
# that take members out of an item's quorum; the corrections; the declarations.
QUERIES = 9


@pytest.fixture
def planted(scene):
    """The scene's minutes published, with markers in everything the public rendition withholds."""
    tim = scene.tim.person
    tim.email = EMAIL
    tim.save()
    drafted(scene)
    by = scene.cast.secretariat
    item = scene.items.confidential
    item.title = f"Budget for {MARKER}"
    item.save()
    actions.edit_discussion(item, by=by, discussion=f"Discussion of {MARKER}.")
    actions.add_decision(item, by=by, text=f"Decision on {MARKER}.")
    actions.add_action(item, by=by, text=f"Action about {MARKER}.", owners=[tim], due_on=datetime.date(2009, 6, 1))
    actions.add_decision(scene.items.constitution, by=by, text="The constitution was endorsed.")
    minutes = scene.meeting.minutes
    actions.approve_minutes(minutes, by=by, at_item=scene.following_items.previous)
    actions.sign_minutes(minutes, by=scene.cast.chair)
    actions.correct_minutes(
        minutes, by=by, item=item, new_discussion=f"Corrected discussion of {MARKER}.", reason=f"Reason {MARKER}."
    )
    actions.publish_minutes(minutes, by=by)
    return scene


def pdf_url(meeting):
    return reverse("meeting_minutes_pdf", args=[meeting.pk])


def reader_of(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def text_of(response) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader_of(response).pages))


@pytest.mark.parametrize("who", ["anonymous", "stranger", "member", "chair", "secretariat"])
def test_the_pdf_holds_the_public_minutes_and_nothing_withheld_whoever_asks(planted, client_for, who):
    text = text_of(client_for(who).get(pdf_url(planted.meeting)))

    assert MARKER.lower() not in text.lower()
    assert "@example.org" not in text
    assert "Minutes of the meeting of the Partnership Board" in text
    assert "30 April 2009, 2pm, Council Chamber, County Hall, Chester" in text
    assert "Item 3. Constitution of the partnership" in text
    assert "Decision 1: The constitution was endorsed." in text
    assert "Item 4. Confidential item" in text
    assert "This item is confidential and is withheld from the published minutes." in text
    assert "Commercially sensitive: tenders are open." in text
    assert "A correction to confidential item 4 was made on" in text
    assert "Tim Jackson" in text
    assert "Apologies Mel Morris, Member, Cheshire Constabulary" in text
    assert f"Fingerprint (SHA-256): {planted.meeting.minutes.signed_hash}" in text


def test_the_markers_are_really_there_for_a_member_of_the_body(planted, client_for):
    """The negative case: the member's minutes page shows what the PDF leaves out."""
    html = client_for("member").get(reverse("meeting_minutes", args=[planted.meeting.pk])).content.decode()

    assert f"Item 4. Budget for {MARKER}" in html
    assert f"Corrected discussion of {MARKER}." in html
    assert f"Decision on {MARKER}." in html
    assert f"Action about {MARKER}." in html
    assert f"Reason {MARKER}." in html


def _structure_tags(node, found, depth=0):
    """Every structure type (/S) under `node` in the structure tree."""
    if depth > 50:
        return
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        for child in node:
            _structure_tags(child, found, depth + 1)
        return
    if not hasattr(node, "get"):
        return
    if "/S" in node:
        found.add(str(node["/S"]))
    if "/K" in node:
        _structure_tags(node["/K"], found, depth + 1)


def test_the_pdf_is_tagged_pdf_ua_in_british_english_with_a_title(planted, client):
    reader = reader_of(client.get(pdf_url(planted.meeting)))
    catalog = reader.trailer["/Root"]

    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == "Minutes of the meeting of the Partnership Board, 30 April 2009, 2pm"
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp
    tags = set()
    _structure_tags(catalog["/StructTreeRoot"], tags)
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/L", "/LI", "/P"} <= tags


def test_the_pdf_is_a_download_with_the_meeting_in_its_name(planted, client):
    response = client.get(pdf_url(planted.meeting))

    assert response["Content-Disposition"] == 'attachment; filename="minutes-partnership-board-2009-04-30.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_there_is_no_pdf_until_the_minutes_are_published(scene, client_for):
    url = pdf_url(scene.meeting)
    everyone = ("anonymous", "member", "chair", "secretariat")
    answers = {"no minutes": {who: client_for(who).get(url).status_code for who in everyone}}
    drafted(scene)
    answers["draft"] = {who: client_for(who).get(url).status_code for who in everyone}
    answers["no meeting"] = client_for("anonymous").get(reverse("meeting_minutes_pdf", args=[999_999])).status_code

    assert answers == {
        "no minutes": dict.fromkeys(everyone, 404),
        "draft": dict.fromkeys(everyone, 404),
        "no meeting": 404,
    }


def test_signed_but_unpublished_minutes_have_no_pdf(scene, client_for):
    signed(scene)

    assert client_for("chair").get(pdf_url(scene.meeting)).status_code == 404


def test_only_get_and_head(scene, client):
    published(scene)
    url = pdf_url(scene.meeting)

    head = client.head(url)

    assert (head.status_code, head.content, head["Content-Type"]) == (200, b"", "application/pdf")
    assert client.post(url).status_code == 405


def test_a_reader_whose_copy_is_current_gets_304_and_a_correction_a_new_pdf(planted, client):
    url = pdf_url(planted.meeting)
    first = client.get(url)
    etag = first["ETag"]

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert (again.status_code, again.content) == (304, b"")

    minutes = Meeting.objects.get(pk=planted.meeting.pk).minutes
    actions.correct_minutes(
        minutes,
        by=planted.cast.secretariat,
        item=planted.items.constitution,
        new_discussion="The constitution was endorsed after a vote.",
        reason="The vote was left out.",
    )
    after = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert after.status_code == 200
    assert after["ETag"] != etag
    assert "The constitution was endorsed after a vote." in text_of(after)
    assert "The vote was left out." in text_of(after)


def test_the_public_keeps_the_pdf_and_answers_it_again_without_a_query(planted, client, django_assert_num_queries):
    url = pdf_url(planted.meeting)
    first = client.get(url)

    with django_assert_num_queries(0):
        second = client.get(url)

    assert (second.status_code, second.content) == (200, first.content)
    assert second["Content-Disposition"] == first["Content-Disposition"]


def test_a_pdf_is_printed_once_for_the_same_minutes_and_afresh_when_they_change(planted, client_for, monkeypatch):
    """Signed-in readers are never answered from the public cache: the printed PDF is kept by its HTML's hash."""
    printed = []
    real = tagged_pdf.print_pdf

    def counting(document):
        printed.append(document.fingerprint)
        return real(document)

    monkeypatch.setattr(tagged_pdf, "print_pdf", counting)
    url = pdf_url(planted.meeting)
    member, secretariat = client_for("member"), client_for("secretariat")

    bodies = [member.get(url).content, secretariat.get(url).content, member.get(url).content]
    assert len(printed) == 1
    assert bodies[0] == bodies[1] == bodies[2]

    planted.cast.board.name = "Partnership Board of West Cheshire"
    planted.cast.board.save()
    renamed = member.get(url)

    assert len(printed) == 2
    assert "Minutes of the meeting of the Partnership Board of West Cheshire" in text_of(renamed)


def test_the_same_html_prints_the_same_bytes(planted):
    """So that the ETag of a page printed again (another process, an evicted entry) still matches the reader's copy."""
    from meetings.views.minutes import _header

    meeting = Meeting.objects.select_related("body", "minutes").get(pk=planted.meeting.pk)
    document = minutes_pdf.public_document(meeting, meeting.minutes, header=_header(meeting.minutes))

    assert tagged_pdf.print_pdf(document) == tagged_pdf.print_pdf(document)


def test_the_public_minutes_page_links_to_the_pdf_once_published(scene, client_for):
    drafted(scene)
    page = reverse("meeting_minutes", args=[scene.meeting.pk])
    link = f'href="{pdf_url(scene.meeting)}"'

    assert link not in client_for("member").get(page).content.decode()

    published_minutes = Meeting.objects.get(pk=scene.meeting.pk).minutes
    actions.approve_minutes(published_minutes, by=scene.cast.secretariat, at_item=scene.following_items.previous)
    actions.sign_minutes(published_minutes, by=scene.cast.chair)
    actions.publish_minutes(published_minutes, by=scene.cast.secretariat)
    public = client_for("anonymous").get(page).content.decode()
    member = client_for("member").get(page).content.decode()

    assert f'<a class="govuk-link" {link} download>Download the minutes (PDF)</a></p>' in public
    assert (
        f"{link} download>Download the minutes (PDF)</a> (the published record, with confidential items withheld)"
        in member
    )


def test_the_pdf_is_served_when_the_cache_cannot_be_reached(planted, client, settings):
    settings.CACHES = {"default": {"BACKEND": "tests.partnership.public_pages.UnreachableCache"}}

    assert "Item 4. Confidential item" in text_of(client.get(pdf_url(planted.meeting)))


def _published_meeting_with_items(cast, count):
    from django.utils import timezone

    from meetings.models import Action, Decision, Minutes
    from tests.factories import AgendaItemFactory, MeetingFactory

    meeting = MeetingFactory(body=cast.board, starts_at=timezone.now() - datetime.timedelta(days=30))
    for number in range(1, count + 1):
        item = AgendaItemFactory(meeting=meeting, number=number, title=f"Item {number}", discussion="Discussed.")
        Decision.objects.create(item=item, number=1, text="Agreed.")
        Action.objects.create(item=item, text="Report back.", owner_note="All partners")
    AgendaItemFactory(meeting=meeting, number=count + 1, title="Closed", confidential=True, confidential_reason="Why.")
    Minutes.objects.create(
        meeting=meeting,
        status="signed",
        signed_by=cast.chair,
        signed_at=timezone.now(),
        signed_hash="a" * 64,
        published_at=timezone.now(),
    )
    return meeting


@pytest.mark.usefixtures("no_public_cache")
@pytest.mark.parametrize("count", [1, 10])
def test_the_pdf_costs_the_same_queries_whatever_the_number_of_items(cast, client, count, django_assert_num_queries):
    meeting = _published_meeting_with_items(cast, count)

    with django_assert_num_queries(QUERIES):
        response = client.get(pdf_url(meeting))

    assert f"Item {count}" in text_of(response)
