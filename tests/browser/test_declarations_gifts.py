"""The gifts journey: a member asks for advice, the chair answers, the member declares the refused offer,
and the public register shows it. Every page visited, and every form re-rendered with errors, is checked with axe."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from declarations.models import AdviceRequest, Gift
from tests.browser.pages import banner, error_summary, fill_date, follow, sign_out, texts, visit

pytestmark = pytest.mark.browser


def test_advice_then_a_refused_offer_reaches_the_public_register(page, axe, login, cast):
    offered_on = timezone.localdate() - datetime.timedelta(days=3)

    # Mel asks the board's chair for advice; the empty form first.
    login(page, cast.member)
    visit(page, axe, reverse("gift_mine"))
    follow(page, axe, page.get_by_role("link", name="Ask for advice"))
    follow(page, axe, page.get_by_role("button", name="Send the request"))
    assert error_summary(page) == [
        "Choose the body whose chair should advise you.",
        "Describe the offer and what you would like advice on.",
    ]
    page.get_by_label("Whose chair should advise you").select_option(label="Partnership Board")
    page.get_by_label("The offer and your question").fill("Acme Builders offer two tickets to the races. May I go?")
    follow(page, axe, page.get_by_role("button", name="Send the request"))
    expect(banner(page)).to_have_text("Your request was sent to the chair and vice chair of Partnership Board.")
    advice = AdviceRequest.objects.get()
    sign_out(page)

    # Chris, the chair, answers.
    login(page, cast.chair)
    visit(page, axe, reverse("gift_advice_list"))
    follow(
        page, axe, page.get_by_role("link", name=f"Mel Morris, Partnership Board, asked on {advice.asked_at:%-d %B %Y}")
    )
    follow(page, axe, page.get_by_role("link", name="Give advice"))
    follow(page, axe, page.get_by_role("button", name="Send your advice"))
    assert error_summary(page) == ["Enter your advice"]
    page.get_by_label("Your advice").fill("Refuse: Acme is bidding for the regeneration contract.")
    follow(page, axe, page.get_by_role("button", name="Send your advice"))
    expect(banner(page)).to_have_text("Your advice was sent to Mel Morris.")
    sign_out(page)

    # Mel reads the advice and declares the refused offer; an absurd value first.
    login(page, cast.member)
    visit(page, axe, reverse("gift_advice_detail", args=[advice.pk]))
    expect(page.locator("#advice-answer")).to_contain_text("Refuse: Acme is bidding for the regeneration contract.")
    follow(page, axe, page.get_by_role("link", name="Declare the offer"))
    page.get_by_label("Hospitality", exact=True).check()
    page.get_by_label("Who offered it").fill("Jo Bloggs, Acme Builders Ltd")
    page.get_by_label("What was offered").fill("Two tickets to Chester races")
    page.get_by_label("Estimated value (£)").fill("2000000")
    fill_date(page, "Date of the offer", offered_on)
    page.get_by_label("Refused", exact=True).check()
    page.get_by_label("Why you accepted or refused it").fill("Acme is bidding for a contract")
    page.get_by_label("Advice you asked for (optional)").select_option(index=1)
    follow(page, axe, page.get_by_role("button", name="Declare the offer"))
    assert error_summary(page) == ["The estimated value must be £1,000,000 or less. Check the figure you entered."]
    assert Gift.objects.count() == 0
    page.get_by_label("Estimated value (£)").fill("180")
    follow(page, axe, page.get_by_role("button", name="Declare the offer"))
    expect(banner(page)).to_have_text("Your hospitality entry was added to the register.")
    assert texts(page.locator("#my-gifts tbody td:nth-child(3)")) == ["Hospitality: Two tickets to Chester races"]
    gift = Gift.objects.get()
    assert (gift.decision, list(gift.advice.all())) == ("refused", [advice])
    sign_out(page)

    # The public register shows it, without the reason or the advice.
    visit(page, axe, reverse("gift_register"))
    assert texts(page.locator("#gift-register tbody tr")) == [
        f"Mel Morris\t{offered_on.day} {offered_on:%B %Y}\tHospitality: Two tickets to Chester races\t£180.00\tRefused"
    ]
    assert "Acme is bidding" not in page.content()

    # Mel's own page of the register, and the board's.
    follow(page, axe, page.get_by_role("link", name="Mel Morris"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mel Morris")
    assert texts(page.locator("#gift-register tbody tr")) == [
        f"{offered_on.day} {offered_on:%B %Y}\tHospitality: Two tickets to Chester races\t£180.00\tRefused"
    ]
    visit(page, axe, reverse("gift_register"))
    page.get_by_label("Body").select_option(label="Chester Community Forum")
    follow(page, axe, page.get_by_role("button", name="Show"))
    expect(page.locator("main")).to_contain_text("No published entry concerns a member of the Chester Community Forum.")
    visit(page, axe, reverse("gift_register") + "?body=no-such-body", status=400)
    assert error_summary(page) == ["Select a valid choice. That choice is not one of the available choices."]
