"""The audit trail of a change made by an action: who made it, on every history row it writes.

django-simple-history takes the user from the request in a view; an action
may run outside one (a task, the demo, a test), so it stamps the record with
its keyword-only actor before saving.
"""


def stamp(obj, by):
    """Tell django-simple-history who makes the next change to `obj`; return `obj`."""
    obj._history_user = by
    return obj


def stamped_save(obj, by, **kwargs):
    """Save `obj` with `by` as the author of its history row; return `obj`."""
    stamp(obj, by).save(**kwargs)
    return obj


def stamped_delete(obj, by):
    """Delete `obj` with `by` as the author of its last history row."""
    stamp(obj, by).delete()


def validated_save(obj, by, **kwargs):
    """Check `obj` with full_clean(), then save it with `by` as the author; return `obj`.

    An action's write: a rule the model states (a constraint, clean()) refuses
    the change with a ValidationError before anything reaches the database.
    """
    obj.full_clean()
    return stamped_save(obj, by, **kwargs)
