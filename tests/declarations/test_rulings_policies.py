"""Each rule of this area agrees with its queryset twin, for the whole cast and the Head of Legal."""

import pytest

from declarations.models import Declaration, Dispute, Ruling
from declarations.policies.rulings import (
    declarations_rulable_by,
    declarations_visible_to,
    disputes_resolvable_by,
    disputes_visible_to,
    items_declarable_by,
    rulings_disputable_by,
)
from meetings.models import AgendaItem

WHO = ["anonymous", "stranger", "other_member", "member", "chair", "secretariat", "legal", "vice"]


CASES = [
    ("declarations.declare_on_item", lambda: AgendaItem.objects.all(), items_declarable_by),
    ("declarations.view_declaration", lambda: Declaration.objects.all(), declarations_visible_to),
    ("declarations.rule_on_declaration", lambda: Declaration.objects.all(), declarations_rulable_by),
    ("declarations.dispute_ruling", lambda: Ruling.objects.all(), rulings_disputable_by),
    ("declarations.view_dispute", lambda: Dispute.objects.all(), disputes_visible_to),
    ("declarations.resolve_dispute", lambda: Dispute.objects.all(), disputes_resolvable_by),
]


@pytest.mark.parametrize(("perm", "everything", "twin"), CASES, ids=[case[0] for case in CASES])
@pytest.mark.parametrize("who", WHO)
def test_rule_and_queryset_twin_agree(rulings_world, perm, everything, twin, who):
    user = rulings_world[who]
    by_rule = sorted(obj.pk for obj in everything() if user.has_perm(perm, obj))
    by_query = sorted(twin(user, everything()).values_list("pk", flat=True))
    assert by_rule == by_query


def test_head_of_legal_sees_exactly_the_one_dispute(rulings_world):
    assert list(
        disputes_visible_to(rulings_world["legal"]).values_list("ruling__declaration__item__number", flat=True)
    ) == [1]
