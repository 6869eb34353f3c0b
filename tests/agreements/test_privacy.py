"""A draft is the secretariat's: its label, summary and text appear on no page anyone else can reach."""

import pytest
from django.urls import reverse

from tests.agreements.factories import DRAFT_MARKER


def urls(adopted, draft):
    compare = reverse("agreement_compare")
    return [
        reverse("agreement"),
        reverse("agreement") + "?on=2009-05-01",
        reverse("agreement_versions"),
        reverse("agreement_version", args=[adopted.pk]),
        reverse("agreement_version", args=[draft.pk]),
        compare,
        f"{compare}?from={adopted.pk}&to={draft.pk}",
        f"{compare}?from={draft.pk}&to={adopted.pk}",
    ]


@pytest.mark.parametrize("who", ["anonymous", "stranger", "other_member", "member", "chair"])
def test_no_page_shows_a_draft_to_anyone_but_the_secretariat(planted, client_for, who):
    client = client_for(who)

    shown = {url: DRAFT_MARKER in client.get(url).content.decode() for url in urls(*planted)}

    assert shown == dict.fromkeys(shown, False)


def test_the_secretariat_does_see_the_draft_on_those_pages(planted, client_for):
    """The negative case: the marker is there for the secretariat, so the test above can fail."""
    client = client_for("secretariat")
    adopted, draft = planted

    shown = [url for url in urls(adopted, draft) if DRAFT_MARKER in client.get(url).content.decode()]

    assert shown == [
        reverse("agreement_versions"),
        reverse("agreement_version", args=[draft.pk]),
        reverse("agreement_compare"),
        f"{reverse('agreement_compare')}?from={adopted.pk}&to={draft.pk}",
        f"{reverse('agreement_compare')}?from={draft.pk}&to={adopted.pk}",
    ]
