"""The signing page, the PDF address, the verify page and the secretariat's signing pages."""

import datetime
import hashlib
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from agreements import rendering, renditions
from agreements.models import Signatory, Signature, SigningEvent, SigningEventKind
from tests.agreements.factories import sign
from tests.factories import PASSWORD

MARKER_IP = "203.0.113.99"
MARKER_AGENT = "Marker-Agent/7f3a-never-public"


def sign_url(version):
    return reverse("agreement_sign", args=[version.pk])


def post_signature(client, version, organisation, password=PASSWORD, **extra):
    data = {"organisation": organisation.pk, "sha256": version.sha256, "consent": "on", "password": password}
    return client.post(sign_url(version), data, **extra)


def test_the_signing_page_shows_the_exact_version_its_hash_and_the_consent(cast, client_for, setting):
    version, police, _ = setting

    response = client_for("member").get(sign_url(version))

    assert response.status_code == 200
    page = response.content.decode()
    assert version.sha256 in page
    assert "Papers go out a week before the meeting." in page
    assert response.context["consent"] in page
    assert response.context["organisation"] == police


def test_a_wrong_password_is_refused_on_the_page_and_audited(cast, client_for, setting):
    version, police, _ = setting

    response = post_signature(client_for("member"), version, police, password="wrong-password")

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "password": ["The password is not right. Enter the password you sign in with."]
    }
    assert Signature.objects.count() == 0
    assert list(SigningEvent.objects.filter(user=cast.member).values_list("kind", flat=True)) == [
        SigningEventKind.REAUTH_REFUSED
    ]


def test_a_signatory_signs_and_the_address_is_remote_addr_not_x_forwarded_for(cast, client_for, setting):
    version, police, _ = setting
    client = client_for("member")

    response = post_signature(
        client,
        version,
        police,
        REMOTE_ADDR="203.0.113.7",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
        HTTP_USER_AGENT="Test browser",
    )

    assert response.status_code == 302
    assert response["Location"] == version.get_absolute_url()
    signature = Signature.objects.get()
    assert (signature.organisation, signature.ip_address, signature.user_agent) == (
        police,
        "203.0.113.7",
        "Test browser",
    )
    # Once signed, there is nothing left to sign: the page is gone, and a second post is refused.
    assert client.get(sign_url(version)).status_code == 404
    assert post_signature(client, version, police).status_code == 404
    assert Signature.objects.count() == 1


def test_behind_a_trusted_proxy_the_address_the_proxy_saw_is_recorded(cast, client_for, setting, settings):
    settings.AGREEMENT_TRUST_X_FORWARDED_FOR = True
    version, police, _ = setting

    post_signature(
        client_for("member"), version, police, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.1"
    )

    assert Signature.objects.get().ip_address == "198.51.100.1"


@pytest.mark.parametrize("who", ["secretariat", "chair", "other_member", "stranger"])
def test_someone_who_is_not_a_signatory_gets_a_404(cast, client_for, setting, who):
    version, police, _ = setting

    assert client_for(who).get(sign_url(version)).status_code == 404
    assert post_signature(client_for(who), version, police).status_code == 404
    assert Signature.objects.count() == 0


def test_a_signatory_cannot_sign_for_an_organisation_not_theirs(cast, client_for, setting):
    version, _, fire = setting

    response = post_signature(client_for("member"), version, fire)

    assert response.status_code == 400
    assert Signature.objects.count() == 0


def test_the_version_page_invites_a_signatory_to_sign(cast, client_for, setting):
    version, police, _ = setting

    page = client_for("member").get(version.get_absolute_url()).content.decode()
    assert f"Sign this version for {police.name}" in page
    assert "Sign this version" not in client_for("chair").get(version.get_absolute_url()).content.decode()


def test_the_pdf_address_says_it_is_being_prepared_then_serves_the_sealed_file(cast, client, setting):
    version, _, _ = setting
    url = reverse("agreement_version_pdf", args=[version.pk])

    waiting = client.get(url)
    assert waiting.status_code == 200
    assert "The PDF is being prepared" in waiting.content.decode()
    assert 'http-equiv="refresh"' not in waiting.content.decode()

    rendering.render(renditions.request_rendition(version).pk)
    ready = client.get(url)
    assert ready.status_code == 200
    assert ready["Content-Type"] == "application/pdf"
    body = b"".join(ready.streaming_content)
    assert body.startswith(b"%PDF-")
    assert hashlib.sha256(body).hexdigest() == version.renditions.get().file_sha256


def test_a_draft_has_no_pdf(cast, client_for, setting):
    from agreements.actions import drafting as actions

    version, _, _ = setting
    draft = actions.start_draft(version.agreement, by=cast.secretariat, label="Draft 2010")
    assert client_for("secretariat").get(reverse("agreement_version_pdf", args=[draft.pk])).status_code == 404


# The verify page


def verify(client, **data):
    return client.post(reverse("agreement_verify"), data)


def ready_pdf(version):
    rendition = renditions.request_rendition(version)
    rendering.render(rendition.pk)
    rendition.refresh_from_db()
    with rendition.file.open("rb") as handle:
        return handle.read()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Upload a PDF or enter a fingerprint"),
        ({"sha256": "not-a-hash"}, "Enter a fingerprint of 64 characters, using only 0 to 9 and a to f"),
        ({"sha256": "g" * 64}, "Enter a fingerprint of 64 characters, using only 0 to 9 and a to f"),
        ({"document": SimpleUploadedFile("a.txt", b"hello", "text/plain")}, "The file must be a PDF"),
        ({"document": SimpleUploadedFile("a.pdf", b"", "application/pdf")}, "The file you chose is empty"),
        ({"document": SimpleUploadedFile("a.pdf", b"%PDF-1.7\ngarbage", "application/pdf")}, None),
    ],
)
def test_bad_input_on_the_verify_page_is_a_clear_400(client, db, data, error):
    response = verify(client, **data)

    assert response.status_code == 400
    errors = [e for field in response.context["form"].errors.values() for e in field]
    assert errors == [error or "The file could not be read as a PDF"]


def test_a_file_too_large_is_refused(client, db, settings):
    settings.AGREEMENT_VERIFY_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("a.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024), "application/pdf")

    response = verify(client, document=big)

    assert response.status_code == 400
    assert response.context["form"].errors == {"document": ["The file must be smaller than 1 MB"]}


def test_a_genuine_copy_is_recognised_with_its_version_and_signatures(cast, client, setting):
    version, police, _ = setting
    signature = sign(version, cast.member, police)
    data = ready_pdf(version)

    response = verify(client, document=SimpleUploadedFile("copy.pdf", data, "application/pdf"))

    assert response.status_code == 200
    finding = response.context["finding"]
    assert finding.genuine and finding.issued_here and not finding.changed_after_sealing
    assert finding.version == version
    assert finding.signatures == [signature]
    page = response.content.decode()
    assert "This is a genuine copy" in page
    assert "development seal" in page


def test_a_copy_changed_by_one_byte_is_not_confirmed(cast, client, setting):
    version, _, _ = setting
    data = bytearray(ready_pdf(version))
    data[data.index(b"stream\n") + 40] ^= 0x01

    response = verify(client, document=SimpleUploadedFile("copy.pdf", bytes(data), "application/pdf"))

    assert response.status_code == 200
    finding = response.context["finding"]
    assert not finding.genuine
    assert not finding.issued_here
    assert "The sealed content has been altered" in response.content.decode()


def test_a_fingerprint_is_looked_up(cast, client, setting):
    version, _, _ = setting
    data = ready_pdf(version)

    by_text = verify(client, sha256=version.sha256.upper()).context["finding"]
    by_file = verify(client, sha256=hashlib.sha256(data).hexdigest()).context["finding"]
    unknown = verify(client, sha256="a" * 64).context["finding"]

    assert (by_text.version, by_text.version_fingerprint, by_text.genuine) == (version, True, True)
    assert (by_file.version, by_file.issued_here, by_file.genuine) == (version, True, True)
    assert (unknown.version, unknown.genuine) == (None, False)


# The secretariat's pages


def test_the_dashboard_shows_who_signed_and_who_is_outstanding(cast, client_for, setting):
    version, police, fire = setting
    signature = sign(version, cast.member, police, ip=MARKER_IP, agent=MARKER_AGENT)

    response = client_for("secretariat").get(reverse("agreement_signatures", args=[version.pk]))

    board = response.context["board"]
    assert [(p.organisation, p.signature) for p in board.signed] == [(police, signature)]
    assert [p.organisation for p in board.outstanding] == [fire]
    page = response.content.decode()
    assert signature.reference in page
    # The evidence is the secretariat's to see (the positive control for the privacy test).
    assert MARKER_IP in page
    assert MARKER_AGENT in page


def test_the_dashboard_gives_the_minute_of_each_signature_as_the_partnership_writes_times(cast, client_for, setting):
    version, police, _ = setting
    # 13:37 UTC is 2:37pm in London in June; the record keeps the minute, written the partnership's way.
    Signature.objects.create(
        version=version,
        organisation=police,
        person=cast.member.person,
        user=cast.member,
        signatory=Signatory.objects.get(organisation=police, person=cast.member.person),
        signed_at=datetime.datetime(2009, 6, 1, 13, 37, tzinfo=datetime.UTC),
        content_sha256=version.sha256,
        reference="S1-TIME",
        consent_text="I agree.",
    )

    response = client_for("secretariat").get(reverse("agreement_signatures", args=[version.pk]))

    cells = re.findall(r'<td class="govuk-table__cell">([^<]*)</td>', response.content.decode())
    assert "1 June 2009, 2:37pm" in cells
    assert not [cell for cell in cells if re.search(r"\b\d{2}:\d{2}\b", cell)]


def test_the_secretariat_designates_and_ends_a_signatory(cast, client_for, setting):
    version, police, fire = setting
    client = client_for("secretariat")

    response = client.post(
        reverse("agreement_signatory_add"),
        {"organisation": fire.pk, "person": cast.chair.person.pk, "start": "2009-05-01"},
    )
    assert response.status_code == 302
    designation = cast.chair.person.signatory_designations.get()
    assert (designation.organisation, designation.designated_by) == (fire, cast.secretariat)
    assert client.get(reverse("agreement_signatories")).status_code == 200

    response = client.post(reverse("agreement_signatory_end", args=[designation.pk]), {"end": "2009-04-01"})
    assert response.status_code == 400
    response = client.post(reverse("agreement_signatory_end", args=[designation.pk]), {"end": "2010-05-01"})
    assert response.status_code == 302
    designation.refresh_from_db()
    assert (designation.end.isoformat(), designation.ended_by) == ("2010-05-01", cast.secretariat)


# Privacy: a signatory's address and browser never appear publicly.


def test_public_pages_the_pdf_and_the_verify_page_never_show_a_signatorys_address_or_browser(cast, client_for, setting):
    version, police, _ = setting
    sign(version, cast.member, police, ip=MARKER_IP, agent=MARKER_AGENT)
    data = ready_pdf(version)
    pdf_text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert MARKER_IP not in pdf_text and MARKER_AGENT not in pdf_text
    assert MARKER_IP.encode() not in data and MARKER_AGENT.encode() not in data
    for who in ("anonymous", "stranger", "member"):
        client = client_for(who)
        pages = [
            client.get(reverse("agreement")),
            client.get(reverse("agreement_versions")),
            client.get(version.get_absolute_url()),
            client.get(reverse("agreement_verify")),
            verify(client, sha256=version.sha256),
            verify(client, document=SimpleUploadedFile("copy.pdf", data, "application/pdf")),
        ]
        for response in pages:
            body = response.content.decode()
            assert response.status_code == 200
            assert MARKER_IP not in body, who
            assert MARKER_AGENT not in body, who
