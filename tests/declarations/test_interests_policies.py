"""Each rule of the register of interests agrees with its queryset twin, for the whole cast."""

import pytest

from declarations.models import Interest
from declarations.policies.interests import (
    interests_changeable_by,
    meetings_all_conflicts_visible_to,
    meetings_conflicts_visible_to,
    registers_visible_to,
)
from meetings.models import Meeting
from partnership.models import Person
from partnership.policies import check

TWINS = [
    ("declarations.view_register", Person, registers_visible_to),
    ("declarations.change_interest", Interest, interests_changeable_by),
    ("declarations.view_conflicts", Meeting, meetings_conflicts_visible_to),
    ("declarations.view_all_conflicts", Meeting, meetings_all_conflicts_visible_to),
]


@pytest.mark.parametrize(("perm", "model", "twin"), TWINS, ids=[t[0] for t in TWINS])
def test_each_rule_agrees_with_its_queryset_twin(interests_world, perm, model, twin):
    for who, user in interests_world.items():
        by_rule = sorted(obj.pk for obj in model.objects.all() if check(user, perm, obj))
        by_query = sorted(twin(user).values_list("pk", flat=True))
        assert by_rule == by_query, who


def test_the_rules_answer_as_the_roles_say(cast, interests_world):
    board_meeting = Meeting.objects.get(body=cast.board)
    assert [
        who for who, user in interests_world.items() if check(user, "declarations.view_all_conflicts", board_meeting)
    ] == [
        "secretariat",
        "chair",
    ]
    assert [
        who for who, user in interests_world.items() if check(user, "declarations.view_conflicts", board_meeting)
    ] == [
        "secretariat",
        "chair",
        "member",
    ]
    mel = cast.member.person
    assert [who for who, user in interests_world.items() if check(user, "declarations.view_register", mel)] == [
        "secretariat",
        "member",
    ]
