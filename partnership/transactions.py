"""The unit of work: each action is one durable transaction, the outermost one.

An action (`<app>/actions/`) is declared `@transaction.atomic(durable=True)`:
called inside another transaction it raises, because its caller would then
decide whether its work is kept. A few callers really do run several actions
as one unit, all or nothing: the demo partnership's load, a data import. They
say so with `several_actions()`, the only place allowed to wrap actions.
"""

from django.db import transaction


def several_actions(using=None):
    """One transaction around several actions; their durable transactions run inside it.

    Django lets a durable block run inside a test case's own transaction only,
    which it knows by the `_from_testcase` mark on the block; this block takes
    the same mark, for the same reason: it is the outermost unit, not the action.
    """
    block = transaction.atomic(using=using)
    block._from_testcase = True
    return block
