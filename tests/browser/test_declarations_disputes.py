"""The dispute journey: the chair disbars a member from the body; the member disputes; the secretariat
designates a Head of Legal, then replaces them; the chair of the partnership board resolves the dispute,
and the member is reinstated. Every page visited, and every form re-rendered with errors, is checked with axe."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from bodies.models import Membership
from declarations.actions.rulings import rule_on_declaration
from declarations.models import Dispute, DisputeStatus, Outcome
from tests.browser.pages import banner, error_summary, flat_texts, follow, heading, sign_out, visit
from tests.factories import AgendaItemFactory, DeclarationFactory, MeetingFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def disbarred(cast):
    item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board), number=4, title="Sale of the depot")
    declaration = DeclarationFactory(item=item, person=cast.member.person, description="I own the next plot.")
    return rule_on_declaration(
        declaration, by=cast.chair, outcome=Outcome.DISBARRED_BODY, reasons="A prejudicial interest in the sale."
    )


def _lawyer(email, name):
    user = UserFactory(email=email)
    PersonFactory(name=name, user=user)
    return user


def test_a_disbarment_disputed_and_overturned_reinstates_the_member(page, axe, login, cast, disbarred):
    lee = _lawyer("lee@example.org", "Lee Legal")
    cass = _lawyer("cass@example.org", "Cass Counsel")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    # Mel disputes the ruling; the empty form first.
    login(page, cast.member)
    visit(page, axe, reverse("declaration_detail", args=[disbarred.declaration_id]))
    follow(page, axe, page.get_by_role("link", name="Dispute the ruling"))
    follow(page, axe, page.get_by_role("button", name="Send the dispute"))
    assert error_summary(page) == ["Give the grounds for your dispute"]
    page.get_by_label("Why do you dispute the ruling?").fill("I sold the plot before the item was discussed.")
    follow(page, axe, page.get_by_role("button", name="Send the dispute"))
    expect(banner(page)).to_have_text("Your dispute is recorded. It goes to the chair of the partnership board.")
    dispute = Dispute.objects.get()
    sign_out(page)

    # The secretariat designates Lee, then replaces Lee with Cass.
    login(page, cast.secretariat)
    visit(page, axe, reverse("dispute_list"))
    follow(page, axe, page.get_by_role("link", name="dispute of the ruling on item 4"))
    follow(page, axe, page.get_by_role("link", name="Designate the Head of Legal"))
    follow(page, axe, page.get_by_role("button", name="Designate"))
    assert error_summary(page) == ["Choose the Head of Legal"]
    page.get_by_label("Head of Legal for this dispute").select_option(label="Lee Legal")
    follow(page, axe, page.get_by_role("button", name="Designate"))
    expect(banner(page)).to_have_text("Lee Legal is the Head of Legal for this dispute.")
    follow(page, axe, page.get_by_role("link", name="Replace the Head of Legal"))
    page.get_by_label("Head of Legal for this dispute").select_option(label="Cass Counsel")
    follow(page, axe, page.get_by_role("button", name="Replace"))
    expect(banner(page)).to_have_text("Cass Counsel is the Head of Legal for this dispute.")
    assert [row.split(" by ")[0] for row in flat_texts(page.locator("#designations li"))] == [
        "Lee Legal designated",
        "Cass Counsel replaced the previous Head of Legal",
    ]
    sign_out(page)

    # Lee no longer sees the dispute; Cass does, and cannot resolve it.
    login(page, lee)
    visit(page, axe, reverse("dispute_detail", args=[dispute.pk]), status=404)
    visit(page, axe, reverse("dispute_list"))
    expect(page.locator("main")).to_contain_text("No dispute is open.")
    sign_out(page)
    login(page, cass)
    visit(page, axe, reverse("dispute_detail", args=[dispute.pk]))
    expect(page.get_by_role("link", name="Record the resolution")).to_have_count(0)
    sign_out(page)

    # Chris, chair of the partnership board, resolves it: the member may take part after all.
    login(page, cast.chair)
    visit(page, axe, reverse("dispute_list"))
    follow(page, axe, page.get_by_role("link", name="dispute of the ruling on item 4"))
    follow(page, axe, page.get_by_role("link", name="Record the resolution"))
    page.get_by_label("Noted: may take part").check()
    page.get_by_label("Reasons").fill("The plot was sold before the meeting.")
    follow(page, axe, page.get_by_role("button", name="Record the resolution"))
    expect(banner(page)).to_have_text("The resolution is recorded. It stands over the original ruling.")
    expect(page.locator("#reinstated")).to_have_text(
        f"Mel Morris is reinstated on the Partnership Board as member from {tomorrow.day} {tomorrow:%B %Y}."
    )
    dispute.refresh_from_db()
    assert (dispute.status, dispute.head_of_legal.name) == (DisputeStatus.RESOLVED, "Cass Counsel")
    assert list(Membership.objects.on(tomorrow).filter(person=cast.member.person, body=cast.board)) == [
        dispute.reinstated_membership
    ]
    visit(page, axe, reverse("dispute_list"))
    expect(heading(page)).to_have_text("Disputes of rulings on declarations")
    expect(page.locator("#resolved-disputes tbody tr")).to_have_count(1)
