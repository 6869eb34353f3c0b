"""A signatory signs the Agreement in a real browser (a wrong password first), then reads the signature in the PDF.

Every page visited is checked with axe-core.
"""

import io

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from agreements import rendering
from agreements.models import Signature, SigningEvent, SigningEventKind
from tests.agreements.factories import adopted_version, designate
from tests.browser.pages import error_summary, follow, heading, visit
from tests.factories import PASSWORD, OrganisationFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AGREEMENT_SEAL_CERT_FILE = ""
    settings.AGREEMENT_SEAL_KEY_FILE = ""


@pytest.fixture
def synchronous_renders(monkeypatch):
    """No worker in the test: the queued render runs at once, as the worker would run it."""
    monkeypatch.setattr("agreements.tasks.render_rendition.delay", rendering.render)


def test_a_signatory_signs_in_the_browser_and_the_sealed_pdf_shows_the_signature(
    page, axe, login, cast, media, synchronous_renders
):
    version = adopted_version(cast)
    police = OrganisationFactory(name="Cheshire Police Authority")
    OrganisationFactory(name="Cheshire Fire Authority")
    designate(cast, cast.member, police)
    login(page, cast.member)

    visit(page, axe, version.get_absolute_url())
    follow(page, axe, page.get_by_role("link", name="Sign this version for Cheshire Police Authority"))
    expect(heading(page)).to_have_text("Sign V5 2.4.09 for Cheshire Police Authority")
    expect(page.locator("#consent-statement")).to_contain_text(version.sha256)

    page.get_by_label("I agree to the statement above").check()
    page.get_by_label("Your password").fill("not-my-password")
    follow(page, axe, page.get_by_role("button", name="Sign for Cheshire Police Authority"))
    assert error_summary(page) == ["The password is not right. Enter the password you sign in with."]
    assert SigningEvent.objects.filter(kind=SigningEventKind.REAUTH_REFUSED, user=cast.member).count() == 1
    assert Signature.objects.count() == 0

    page.get_by_label("I agree to the statement above").check()
    page.get_by_label("Your password").fill(PASSWORD)
    follow(page, axe, page.get_by_role("button", name="Sign for Cheshire Police Authority"))
    signature = Signature.objects.get()
    expect(page.locator(".govuk-notification-banner__heading")).to_contain_text(signature.reference)
    assert signature.ip_address == "127.0.0.1"

    # The PDF: the first request queues the render (run at once here) and says it is being prepared.
    pdf_url = reverse("agreement_version_pdf", args=[version.pk])
    visit(page, axe, pdf_url)
    expect(heading(page)).to_have_text("The PDF is being prepared")
    expect(page.get_by_role("link", name="Check again")).to_have_attribute("href", pdf_url)
    response = page.request.get(pdf_url)
    assert (response.status, response.headers["content-type"]) == (200, "application/pdf")
    reader = PdfReader(io.BytesIO(response.body()))
    last = reader.pages[-1].extract_text()
    assert "Signed: Mel Morris" in last
    assert f"Signature reference {signature.reference}" in last
    assert "for Cheshire Fire Authority" in last

    visit(page, axe, reverse("agreement_verify"))
    page.get_by_label("Or enter a SHA-256 fingerprint").fill(version.sha256)
    follow(page, axe, page.get_by_role("button", name="Check"))
    expect(page.locator("#finding h2")).to_have_text("This fingerprint is on record")
    expect(page.locator("#finding table")).to_contain_text(signature.reference)
