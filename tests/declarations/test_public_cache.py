"""A change to a register is seen by the public at the next request, though the registers' pages are kept
(partnership.public_cache): an entry published, then withheld; an offer of a gift declared; a new threshold."""

import datetime
from decimal import Decimal

from django.urls import reverse

from declarations.actions import gifts as gift_actions
from declarations.actions import interests as actions
from declarations.models import GiftDecision, GiftKind, InterestKind
from partnership.dates import today
from tests.partnership.public_pages import stored_pages


def test_an_entry_published_then_withheld_is_seen_so_at_once_on_the_public_register(cast, client):
    pages = [reverse("interests_public"), reverse("interests_public_person", args=[cast.member.person.pk])]
    assert ["Director of Chester Estates Ltd" in client.get(url).content.decode() for url in pages] == [False] * 2

    interest = actions.declare_interest(
        cast.member.person,
        by=cast.member,
        kind=InterestKind.BUSINESS,
        description="Director of Chester Estates Ltd",
        matter="Chester Estates Ltd",
        start=datetime.date(2009, 4, 1),
    )

    assert ["Director of Chester Estates Ltd" in client.get(url).content.decode() for url in pages] == [True] * 2

    actions.update_interest(interest, by=cast.secretariat, withheld=True, withheld_reason="A matter before the courts")

    shown = [client.get(url).content.decode() for url in pages]
    assert ["Director of Chester Estates Ltd" in page for page in shown] == [False] * 2
    assert ["withheld from the public register: A matter before the courts" in page for page in shown] == [True] * 2
    assert [page for page in stored_pages() if b"Director of Chester Estates Ltd" in page] == []


def test_an_offer_declared_and_a_new_threshold_are_seen_at_once_on_the_gifts_register(cast, client):
    url = reverse("gift_register")
    assert "Dinner at the Grosvenor" not in client.get(url).content.decode()

    gift_actions.declare_gift(
        person=cast.member.person,
        by=cast.member,
        kind=GiftKind.HOSPITALITY,
        offered_by="A supplier",
        description="Dinner at the Grosvenor",
        estimated_value=Decimal("60"),
        offered_on=today() - datetime.timedelta(days=3),
        decision=GiftDecision.ACCEPTED,
        reason="A working dinner.",
    )
    assert "Dinner at the Grosvenor" in client.get(url).content.decode()

    gift_actions.change_gifts_settings(by=cast.secretariat, publish_threshold=Decimal("100"), declare_within_days=28)

    assert "Dinner at the Grosvenor" not in client.get(url).content.decode()
