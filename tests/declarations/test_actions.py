"""Every action of declarations is the outermost unit of work: called inside another transaction, it refuses."""

import inspect

import pytest
from django.db import transaction

from declarations.actions import gifts, interests, rulings

ACTIONS = [
    function
    for module in (gifts, interests, rulings)
    for name, function in inspect.getmembers(module, inspect.isfunction)
    if function.__module__ == module.__name__ and not name.startswith("_")
]


def test_the_actions_are_the_ones_the_views_call():
    assert sorted(f"{action.__module__.rpartition('.')[2]}.{action.__name__}" for action in ACTIONS) == [
        "gifts.answer_advice",
        "gifts.ask_for_advice",
        "gifts.change_gifts_settings",
        "gifts.declare_gift",
        "interests.close_interest",
        "interests.confirm_register",
        "interests.declare_interest",
        "interests.update_interest",
        "rulings.declare_interest",
        "rulings.designate_head_of_legal",
        "rulings.raise_dispute",
        "rulings.resolve_dispute",
        "rulings.rule_on_declaration",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS, ids=lambda action: f"{action.__module__}.{action.__name__}")
def test_an_action_refuses_to_run_inside_another_transaction(action):
    # The durable block refuses on entry, before the action reads its arguments.
    with pytest.raises(RuntimeError, match="durable atomic block cannot be nested"), transaction.atomic():
        action()
