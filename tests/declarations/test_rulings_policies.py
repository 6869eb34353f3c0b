"""Each rule of this area agrees with its queryset twin, for the whole cast and the Head of Legal."""

import pytest
from guardian.shortcuts import assign_perm

from bodies.models import Role
from declarations.models import Declaration, Dispute, DisputeStatus, Outcome, Ruling
from declarations.policies.rulings import (
    declarations_rulable_by,
    declarations_visible_to,
    disputes_resolvable_by,
    disputes_visible_to,
    items_declarable_by,
    rulings_disputable_by,
)
from meetings.models import AgendaItem, MinutesStatus
from tests.factories import (
    AgendaItemFactory,
    DeclarationFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
)

WHO = ["anonymous", "stranger", "other_member", "member", "chair", "secretariat", "legal", "vice"]


@pytest.fixture
def world(cast):
    from django.contrib.auth.models import AnonymousUser

    from meetings.models import Minutes

    board_meeting = MeetingFactory(body=cast.board)
    approved = MeetingFactory(body=cast.board)
    Minutes.objects.create(meeting=approved, status=MinutesStatus.APPROVED)
    forum_meeting = MeetingFactory(body=cast.forum)
    items = [AgendaItemFactory(meeting=m, number=n) for m in (board_meeting, approved, forum_meeting) for n in (1, 2)]
    declarations = [
        DeclarationFactory(item=items[0], person=cast.member.person),
        DeclarationFactory(item=items[1], person=cast.chair.person),
        DeclarationFactory(item=items[2], person=cast.member.person),
        DeclarationFactory(item=items[4], person=cast.other_member.person),
    ]
    rulings = [
        Ruling.objects.create(declaration=d, outcome=Outcome.NOTED, reasons="x", ruled_by=cast.secretariat)
        for d in declarations[1:]
    ]
    disputes = [
        Dispute.objects.create(ruling=rulings[1], raised_by=cast.member, grounds="g"),
        Dispute.objects.create(ruling=rulings[2], raised_by=cast.other_member, grounds="g"),
        Dispute.objects.create(
            ruling=rulings[0],
            raised_by=cast.chair,
            grounds="g",
            status=DisputeStatus.RESOLVED,
            resolution_outcome=Outcome.NOTED,
            resolution_reasons="r",
            resolved_at=board_meeting.starts_at,
        ),
    ]
    legal = UserFactory(email="lee@example.org")
    PersonFactory(name="Lee Legal", user=legal)
    assign_perm("declarations.consult_on_dispute", legal, disputes[0])
    vice = UserFactory(email="vera@example.org")
    MembershipFactory(person=PersonFactory(name="Vera Vane", user=vice), body=cast.board, role=Role.VICE_CHAIR)
    users = {who: getattr(cast, who, None) for who in WHO}
    users.update(anonymous=AnonymousUser(), legal=legal, vice=vice)
    return users


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
def test_rule_and_queryset_twin_agree(world, perm, everything, twin, who):
    user = world[who]
    by_rule = sorted(obj.pk for obj in everything() if user.has_perm(perm, obj))
    by_query = sorted(twin(user, everything()).values_list("pk", flat=True))
    assert by_rule == by_query


def test_head_of_legal_sees_exactly_the_one_dispute(world):
    assert list(disputes_visible_to(world["legal"]).values_list("ruling__declaration__item__number", flat=True)) == [1]
