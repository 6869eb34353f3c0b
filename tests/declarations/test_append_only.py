"""Declarations, disbarments and register confirmations are kept as they were recorded (Agreement 11.1).

The model refuses a second save and any delete, its queryset refuses update
and delete, and on PostgreSQL a trigger refuses raw SQL too. Rulings and
disputes are not here: a disbarment from the body records on the ruling the
membership it ended, and a dispute moves from open to resolved.
"""

import pytest
from django.db import IntegrityError, connection, transaction

from declarations.models import Declaration, Disbarment, RegisterConfirmation
from partnership.append_only import AppendOnly

MODELS = [Declaration, Disbarment, RegisterConfirmation]


def _as_stored(model):
    return list(model.objects.values())


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_a_second_save_and_a_delete_are_refused_by_the_model(recorded, model):
    before = _as_stored(model)
    record = model.objects.get()
    with pytest.raises(AppendOnly):
        record.save()
    with pytest.raises(AppendOnly):
        record.delete()
    assert _as_stored(model) == before


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_a_queryset_update_or_delete_is_refused(recorded, model):
    before = _as_stored(model)
    with pytest.raises(AppendOnly):
        model.objects.update(pk=9999)
    with pytest.raises(AppendOnly):
        model.objects.all().delete()
    assert _as_stored(model) == before


def test_a_declarations_words_cannot_be_changed(recorded):
    declaration = recorded[Declaration]
    declaration.description = "Nothing to declare"
    with pytest.raises(AppendOnly):
        declaration.save()
    assert Declaration.objects.get().description == "Sister bids"


# The raw SQL an intruder might run: (update, delete), each on one row.
RAW = {
    Declaration: (
        "UPDATE declarations_declaration SET description = 'Changed' WHERE id = %s",
        "DELETE FROM declarations_declaration WHERE id = %s",
    ),
    Disbarment: (
        "UPDATE declarations_disbarment SET project = 'Changed' WHERE id = %s",
        "DELETE FROM declarations_disbarment WHERE id = %s",
    ),
    RegisterConfirmation: (
        "UPDATE declarations_registerconfirmation SET confirmed_at = confirmed_at WHERE id = %s",
        "DELETE FROM declarations_registerconfirmation WHERE id = %s",
    ),
}


def _raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's only")
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_raw_sql_cannot_change_or_delete_a_record_on_postgresql(recorded, model):
    update, delete = RAW[model]
    pk = recorded[model].pk
    before = _as_stored(model)
    with pytest.raises(IntegrityError):
        _raw(update, [pk])
    with pytest.raises(IntegrityError):
        _raw(delete, [pk])
    assert _as_stored(model) == before
