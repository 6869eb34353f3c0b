"""Confidential matters stay in the meeting (Agreement 11.2): no public page, download or pack shows them.

A marker is planted in every confidential field of an agenda; every public
output of the agenda is then fetched by the public, a stranger and a member
of another body, and must not contain it. The negative case: the body's
member does see it, so the test can fail.
"""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from meetings.actions import agenda as actions
from meetings.models import Action, VersionKind
from tests.factories import AgendaItemFactory, MeetingFactory
from tests.meetings.papers import (
    checked,
    future,
    make_pdf,
    schedule,
)

MARKER = "CONFIDENTIAL-9b2d"


@pytest.fixture
def planted(cast, media):
    by = cast.secretariat
    meeting = schedule(cast)
    business = actions.add_item(meeting, by=by, title="Community safety", presenter="Inspector Jones")
    secret_item = actions.add_item(
        meeting,
        by=by,
        title=f"Item title {MARKER}",
        presenter=f"Presenter {MARKER}",
        description=f"Description {MARKER}",
        confidential=True,
        confidential_reason="Legal advice",
    )
    public_paper = actions.add_paper(
        meeting, by=by, item=business, title="Crime figures", author="Ann", upload=checked("f.pdf", make_pdf("Crime"))
    )
    actions.add_version(public_paper, by=by, kind=VersionKind.SUPPLEMENTARY, text="More figures")
    actions.add_paper(
        meeting,
        by=by,
        item=business,
        title=f"Paper title {MARKER}",
        description=f"Summary {MARKER}",
        author=f"Author {MARKER}",
        text=f"Paper text {MARKER}",
        confidential=True,
        confidential_reason="Named individuals",
    )
    actions.add_paper(
        meeting,
        by=by,
        item=business,
        title=f"Upload title {MARKER}",
        author="Ann",
        upload=checked("secret.pdf", make_pdf(f"Uploaded text {MARKER}")),
        confidential=True,
        confidential_reason="Named individuals",
    )
    actions.add_paper(
        meeting, by=by, item=secret_item, title=f"Under the item {MARKER}", author="Bo", text=f"Item paper {MARKER}"
    )
    earlier = AgendaItemFactory(
        meeting=MeetingFactory(body=cast.board, starts_at=future(-40), status="held"),
        number=2,
        confidential=True,
        confidential_reason="Legal advice",
    )
    Action.objects.create(item=earlier, text=f"Action {MARKER}")
    actions.publish_pack(meeting, by=by)
    return meeting, public_paper


def public_outputs(client, meeting, paper):
    """Every public output of the agenda, as text."""
    texts = {}
    for name, url in [
        ("meeting page", reverse("meeting_detail", args=[meeting.pk])),
        ("paper page", paper.get_absolute_url()),
        ("paper page, version 1", paper.get_absolute_url() + "?version=1"),
        ("download 1", reverse("paper_download", args=[meeting.pk, paper.pk, 1])),
        ("download 2", reverse("paper_download", args=[meeting.pk, paper.pk, 2])),
    ]:
        response = client.get(url)
        assert response.status_code == 200, name
        body = b"".join(response.streaming_content) if response.streaming else response.content
        texts[name] = body.decode("latin-1")
    pack = client.get(reverse("meeting_pack", args=[meeting.pk]))
    texts["pack"] = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pack.content)).pages)
    return texts


@pytest.mark.parametrize("who", ["anonymous", "stranger", "other_member"])
def test_no_public_output_of_the_agenda_shows_confidential_matter(planted, client_for, who):
    meeting, paper = planted
    texts = public_outputs(client_for(who), meeting, paper)
    shown = {name: MARKER in text for name, text in texts.items()}
    assert shown == dict.fromkeys(texts, False)


def test_the_bodys_member_does_see_the_confidential_matter(planted, client_for):
    meeting, paper = planted
    texts = public_outputs(client_for("member"), meeting, paper)
    page, pack = texts["meeting page"], texts["pack"]
    for planted_text in ("Item title", "Presenter", "Description", "Paper title", "Upload title", "Under the item"):
        assert f"{planted_text} {MARKER}" in page
    assert f"Action {MARKER}" in page
    for planted_text in ("Item title", "Paper text", "Uploaded text", "Item paper", "Action"):
        assert f"{planted_text} {MARKER}" in pack
