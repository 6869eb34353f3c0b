"""Papers: what an upload is, versions, circulation, lateness and downloads."""

import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings.actions import agenda as actions
from meetings.models import PaperVersion, VersionKind
from meetings.uploads import DOC, DOCX, ODT, PDF, check_upload, detect_content_type
from tests.meetings.papers import (
    checked,
    make_doc,
    make_docx,
    make_odt,
    make_pdf,
    schedule,
    upload,
)

# What an upload is


@pytest.mark.parametrize(
    ("name", "data", "content_type", "filename"),
    [
        ("report.pdf", make_pdf("Hello"), PDF, "report.pdf"),
        ("report.docx", make_docx(), DOCX, "report.docx"),
        ("report.doc", make_doc(), DOC, "report.doc"),
        ("report.odt", make_odt(), ODT, "report.odt"),
        # The content decides, never the name: the download gets the right extension.
        ("minutes.txt", make_pdf("Hello"), PDF, "minutes.pdf"),
        ("C:\\Users\\sam\\budget", make_docx(), DOCX, "budget.docx"),
        ("line\nbreak\x00.odt", make_odt(), ODT, "linebreak.odt"),
    ],
)
def test_uploads_are_known_by_their_content(name, data, content_type, filename):
    result = checked(name, data)
    assert (result.content_type, result.filename, result.size) == (content_type, filename, len(data))
    assert result.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", b"Just some text pretending to be a PDF"),
        ("report.docx", make_odt("application/vnd.oasis.opendocument.spreadsheet")),
        ("report.odt", b"PK\x03\x04 not really a zip file at all"),
        ("report.html", b"<html><script>alert(1)</script></html>"),
        ("report.docx", make_odt().replace(b"mimetype", b"mimetypo")),
    ],
)
def test_anything_else_is_refused_whatever_its_name(name, data):
    with pytest.raises(ValidationError) as error:
        checked(name, data)
    assert error.value.messages == ["The file must be a PDF, Word or OpenDocument document"]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        checked("report.pdf", b"")
    assert error.value.messages == ["The selected file is empty"]


def test_a_file_over_the_limit_is_refused(settings):
    settings.PAPER_MAX_BYTES = 1024 * 1024
    data = make_pdf("Big") + b"%" * (1024 * 1024)
    with pytest.raises(ValidationError) as error:
        check_upload(upload("big.pdf", data))
    assert error.value.messages == ["The file must be smaller than 1 MB"]


def test_detection_leaves_the_file_at_its_start():
    file = upload("report.docx", make_docx())
    assert detect_content_type(file) == DOCX
    assert file.read(4) == b"PK\x03\x04"


# Adding papers and versions


def test_an_uploaded_paper_is_stored_with_its_hash_size_type_and_name(cast, media):
    meeting = schedule(cast)
    data = make_pdf("Strategy")
    paper = actions.add_paper(
        meeting, by=cast.secretariat, title="Strategy", author="Ann", upload=checked("Strategy 2010.pdf", data)
    )
    version = paper.versions.get()
    assert (version.number, version.kind, version.filename, version.content_type, version.size) == (
        1,
        VersionKind.ORIGINAL,
        "Strategy 2010.pdf",
        PDF,
        len(data),
    )
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert version.document.name == f"papers/{meeting.pk}/{paper.pk}/v1-{version.sha256[:12]}"
    assert (Path(media) / version.document.name).read_bytes() == data
    assert version.created_by == cast.secretariat
    assert paper.circulated_at is None


def test_a_paper_needs_a_document_or_its_text(cast):
    meeting = schedule(cast)
    with pytest.raises(ValidationError) as error:
        actions.add_paper(meeting, by=cast.secretariat, title="Empty", author="Ann", text="   ")
    assert error.value.message_dict == {"document": ["Upload the paper, or write its text in the box for it."]}
    assert meeting.papers.count() == 0


def test_a_paper_cannot_hang_off_another_meetings_item(cast):
    meeting, other = schedule(cast), schedule(cast, days=30)
    with pytest.raises(ValidationError) as error:
        actions.add_paper(
            meeting, by=cast.secretariat, title="A", author="Ann", text="x", item=other.items.get(number=1)
        )
    assert error.value.message_dict == {"item": ["Choose an item on this meeting's agenda."]}


def test_versions_are_numbered_and_earlier_ones_kept(cast, media):
    meeting = schedule(cast)
    paper = actions.add_paper(meeting, by=cast.secretariat, title="Budget", author="Ann", text="First draft")
    actions.add_version(paper, by=cast.secretariat, kind=VersionKind.REVISED, text="Second draft", note="Figures")
    actions.add_version(
        paper, by=cast.secretariat, kind=VersionKind.SUPPLEMENTARY, upload=checked("annex.odt", make_odt())
    )
    rows = list(paper.versions.values_list("number", "kind", "text", "note", "content_type"))
    assert rows == [
        (3, "supplementary", "", "", ODT),
        (2, "revised", "Second draft", "Figures", ""),
        (1, "original", "First draft", "", ""),
    ]


def test_a_second_original_version_is_refused(cast):
    paper = actions.add_paper(schedule(cast), by=cast.secretariat, title="Budget", author="Ann", text="x")
    with pytest.raises(ValidationError) as error:
        actions.add_version(paper, by=cast.secretariat, kind=VersionKind.ORIGINAL, text="y")
    assert error.value.message_dict == {"kind": ["Choose whether this is a revised or a supplementary version."]}
    assert paper.versions.count() == 1


def test_removing_a_paper_that_has_not_gone_out_deletes_its_files_after_commit(
    cast, media, django_capture_on_commit_callbacks
):
    paper = actions.add_paper(
        schedule(cast), by=cast.secretariat, title="A", author="Ann", upload=checked("a.pdf", make_pdf("x"))
    )
    path = Path(media) / paper.versions.get().document.name
    with django_capture_on_commit_callbacks(execute=True):
        actions.remove_paper(paper, by=cast.secretariat)
    assert (path.exists(), PaperVersion.objects.count()) == (False, 0)


def test_a_paper_that_has_gone_out_cannot_be_removed(cast):
    meeting = schedule(cast)
    paper = actions.add_paper(meeting, by=cast.secretariat, title="Budget", author="Ann", text="x")
    actions.publish_pack(meeting, by=cast.secretariat)
    with pytest.raises(ValidationError) as error:
        actions.remove_paper(paper, by=cast.secretariat)
    assert error.value.messages == [
        f"“Budget” went out on {timezone.localdate():%-d %B %Y}, so it cannot be removed. Add a revised version instead."
    ]


# Circulation and lateness (Agreement 10.4)


def test_a_paper_added_after_publication_before_the_deadline_goes_out_at_once_and_on_time(cast):
    meeting = schedule(cast, days=21)
    actions.publish_pack(meeting, by=cast.secretariat)
    paper = actions.add_paper(meeting, by=cast.secretariat, title="Extra", author="Ann", text="x")
    assert paper.circulated_at is not None
    assert (paper.is_late(), paper.late_reason) == (False, "")


def test_a_paper_added_after_the_deadline_needs_a_reason_and_is_late(cast):
    meeting = schedule(cast, days=3)
    actions.publish_pack(meeting, by=cast.secretariat)
    deadline = f"{meeting.circulation_deadline():%-d %B %Y}"
    with pytest.raises(ValidationError) as error:
        actions.add_paper(meeting, by=cast.secretariat, title="Extra", author="Ann", text="x")
    assert error.value.message_dict == {
        "late_reason": [f"Papers for this meeting were due out by {deadline}: say why this paper is late."]
    }
    assert meeting.papers.count() == 0
    paper = actions.add_paper(
        meeting, by=cast.secretariat, title="Extra", author="Ann", text="x", late_reason="Figures came in late"
    )
    assert (paper.is_late(), paper.late_reason) == (True, "Figures came in late")


def test_a_revision_after_the_deadline_recirculates_the_paper_and_needs_a_reason(cast):
    meeting = schedule(cast, days=3)
    paper = actions.add_paper(meeting, by=cast.secretariat, title="Budget", author="Ann", text="x")
    actions.publish_pack(meeting, by=cast.secretariat, late_reason="Delayed by the audit")
    with pytest.raises(ValidationError) as error:
        actions.add_version(paper, by=cast.secretariat, kind=VersionKind.REVISED, text="y")
    assert list(error.value.message_dict) == ["late_reason"]
    assert paper.versions.count() == 1
    actions.add_version(paper, by=cast.secretariat, kind=VersionKind.REVISED, text="y", late_reason="Corrected total")
    paper.refresh_from_db()
    assert (paper.late_reason, paper.versions.count()) == ("Corrected total", 2)


def test_a_revision_before_publication_does_not_circulate_the_paper(cast):
    paper = actions.add_paper(schedule(cast), by=cast.secretariat, title="Budget", author="Ann", text="x")
    actions.add_version(paper, by=cast.secretariat, kind=VersionKind.REVISED, text="y")
    paper.refresh_from_db()
    assert paper.circulated_at is None


def test_on_time_share_counts_the_bodys_circulated_papers(cast):
    on_time_meeting = schedule(cast, days=21)
    late_meeting = schedule(cast, days=2)
    other_body = schedule(cast, days=2, body=cast.forum)
    for meeting in (on_time_meeting, late_meeting, other_body):
        actions.add_paper(meeting, by=cast.secretariat, title="A", author="Ann", text="x")
        actions.add_paper(meeting, by=cast.secretariat, title="B", author="Ann", text="x")
    actions.add_paper(schedule(cast, days=50), by=cast.secretariat, title="Not yet out", author="Ann", text="x")
    actions.publish_pack(on_time_meeting, by=cast.secretariat)
    actions.publish_pack(late_meeting, by=cast.secretariat, late_reason="Snow")
    actions.publish_pack(other_body, by=cast.secretariat, late_reason="Snow")
    assert actions.on_time_share(cast.board) == (2, 4)
    assert actions.on_time_share(cast.forum) == (0, 2)


# Downloads


@pytest.fixture
def published_papers(cast, media):
    meeting = schedule(cast)
    open_paper = actions.add_paper(
        meeting, by=cast.secretariat, title="Strategy", author="Ann", upload=checked("Strategy.docx", make_docx())
    )
    secret = actions.add_paper(
        meeting,
        by=cast.secretariat,
        title="Tender",
        author="Ann",
        upload=checked("tender.pdf", make_pdf("Prices")),
        confidential=True,
        confidential_reason="Commercial",
    )
    actions.add_version(open_paper, by=cast.secretariat, kind=VersionKind.REVISED, text="Now in plain words.")
    actions.publish_pack(meeting, by=cast.secretariat)
    return meeting, open_paper, secret


def download(client, paper, number):
    return client.get(reverse("paper_download", args=[paper.meeting_id, paper.pk, number]))


def test_a_download_has_the_detected_type_and_the_original_name(published_papers, client_for):
    _, open_paper, _ = published_papers
    response = download(client_for("anonymous"), open_paper, 1)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"] == 'attachment; filename="Strategy.docx"'
    assert b"".join(response.streaming_content) == make_docx()


def test_a_text_version_downloads_as_plain_text(published_papers, client_for):
    _, open_paper, _ = published_papers
    response = download(client_for("anonymous"), open_paper, 2)
    assert (response.status_code, response["Content-Type"]) == (200, "text/plain; charset=utf-8")
    assert response["Content-Disposition"] == 'attachment; filename="strategy-version-2.txt"'
    assert response.content == b"Now in plain words."


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("stranger", 404),
        ("other_member", 404),
        ("member", 200),
        ("chair", 200),
        ("secretariat", 200),
    ],
)
def test_a_confidential_paper_downloads_only_for_the_bodys_members(published_papers, client_for, who, status):
    _, _, secret = published_papers
    response = download(client_for(who), secret, 1)
    assert response.status_code == status
    if status == 200:
        assert (response["Content-Type"], b"".join(response.streaming_content)) == (PDF, make_pdf("Prices"))


def test_a_missing_version_is_a_404(published_papers, client_for):
    _, open_paper, _ = published_papers
    assert download(client_for("secretariat"), open_paper, 9).status_code == 404


def test_papers_of_an_unpublished_agenda_are_hidden_from_all_but_the_secretariat(cast, client_for, media):
    paper = actions.add_paper(schedule(cast), by=cast.secretariat, title="Draft", author="Ann", text="x")
    statuses = {who: download(client_for(who), paper, 1).status_code for who in ("anonymous", "member", "secretariat")}
    assert statuses == {"anonymous": 404, "member": 404, "secretariat": 200}
