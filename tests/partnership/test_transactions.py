"""Actions are the outermost unit of work; only several_actions() may hold several."""

import pytest
from django.db import transaction

from partnership.transactions import several_actions

pytestmark = pytest.mark.django_db


@transaction.atomic(durable=True)
def an_action():
    return "done"


def test_an_action_inside_another_transaction_is_refused():
    with pytest.raises(RuntimeError, match="durable atomic block cannot be nested"), transaction.atomic():
        an_action()


def test_several_actions_run_as_one_unit():
    with several_actions():
        assert [an_action(), an_action()] == ["done", "done"]
