"""The Agreement's public pages and its sealed PDF, kept for the public (partnership.public_cache): a new version
in force is seen at once, and the PDF answers 304 while the reader's copy is current."""

import datetime

from django.urls import reverse
from django.utils.http import http_date

from agreements import rendering, renditions
from agreements.actions import drafting as actions
from agreements.models import Clause
from tests.agreements.factories import DRAFT_MARKER, board_meeting, designate, sign
from tests.factories import OrganisationFactory
from tests.partnership.public_pages import stored_pages


def test_a_new_version_in_force_is_seen_at_once_on_every_page_of_the_agreement(cast, client, adopted):
    pages = [reverse("agreement"), reverse("agreement_versions")]
    assert ["Revised February 2011" in client.get(url).content.decode() for url in pages] == [False, False]
    revision = actions.start_draft(adopted.agreement, by=cast.secretariat, label="Revised February 2011")
    actions.edit_clause(
        Clause.objects.get(version=revision, number="2.1"),
        by=cast.secretariat,
        heading="",
        text="Papers go out ten days before the meeting.",
    )
    # A draft is no public page's business.
    assert ["Revised February 2011" in client.get(url).content.decode() for url in pages] == [False, False]
    comparing = {"from": adopted.pk, "to": revision.pk}
    assert client.get(reverse("agreement_compare"), comparing).status_code == 400

    meeting, decision = board_meeting(cast.board, datetime.date(2011, 2, 24))
    actions.adopt_version(
        revision, by=cast.secretariat, meeting=meeting, decision=decision, takes_effect=datetime.date(2011, 3, 1)
    )

    in_force, versions = (client.get(url).content.decode() for url in pages)
    assert "Revised February 2011: the version in force today" in in_force
    assert "Papers go out ten days before the meeting." in in_force
    assert "Revised February 2011" in versions
    compare = client.get(reverse("agreement_compare"), comparing)
    assert compare.status_code == 200
    assert "Revised February 2011" in compare.content.decode()


def test_a_draft_the_secretariat_reads_is_never_kept_for_the_public(cast, client, client_for, planted):
    _, draft = planted
    url = reverse("agreement_version", args=[draft.pk])

    assert DRAFT_MARKER in client_for("secretariat").get(url).content.decode()
    assert DRAFT_MARKER in client_for("secretariat").get(reverse("agreement_versions")).content.decode()
    assert client.get(url).status_code == 404
    assert DRAFT_MARKER not in client.get(reverse("agreement_versions")).content.decode()
    assert [page for page in stored_pages() if DRAFT_MARKER.encode() in page] == []


def test_the_sealed_pdf_is_served_once_the_worker_has_sealed_it_and_then_answers_304(cast, client, signed):
    version, _ = signed
    url = reverse("agreement_version_pdf", args=[version.pk])
    assert "The PDF is being prepared" in client.get(url).content.decode()

    # The worker seals it in a process of its own; the next request serves it.
    rendering.render(renditions.request_rendition(version).pk)
    ready = client.get(url)
    rendition = version.renditions.get()
    assert ready["Content-Type"] == "application/pdf"
    assert ready["ETag"] == f'"{rendition.file_sha256}"'
    assert ready["Last-Modified"] == http_date(rendition.finished_at.timestamp())
    assert b"".join(ready.streaming_content).startswith(b"%PDF-")

    assert client.get(url, HTTP_IF_NONE_MATCH=ready["ETag"]).status_code == 304
    unchanged = client.get(url, HTTP_IF_MODIFIED_SINCE=ready["Last-Modified"])
    assert (unchanged.status_code, unchanged["ETag"]) == (304, ready["ETag"])

    # A new signature is a new state of the document: the old copy is not current any more.
    council = OrganisationFactory(name="Cheshire West and Chester Council")
    designate(cast, cast.chair, council)
    sign(version, cast.chair, council)
    assert client.get(url, HTTP_IF_NONE_MATCH=ready["ETag"]).status_code == 200
