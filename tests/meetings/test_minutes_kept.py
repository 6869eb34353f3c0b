"""What is kept as it was written: a correction to the minutes, in the model, its queryset and the database.

On PostgreSQL a trigger (migration 0004) refuses UPDATE and DELETE of a
correction in the database itself; SQLite has no trigger, and those tests skip.
Each action is the outermost unit of work: run inside another transaction it refuses.
"""

import pytest
from django.db import IntegrityError, connection, transaction

from meetings.actions import minutes as actions
from meetings.models import Correction
from partnership.append_only import AppendOnly
from tests.meetings.scenario import approved, signed

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's only")


@pytest.fixture
def correction(scene):
    minutes = signed(scene)
    return actions.correct_minutes(
        minutes, by=scene.cast.secretariat, item=scene.items.constitution, new_discussion="Endorsed.", reason="Omitted."
    )


def raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_correction_cannot_be_saved_again_or_deleted(correction):
    correction.reason = "Changed."
    with pytest.raises(AppendOnly):
        correction.save()
    with pytest.raises(AppendOnly):
        correction.delete()

    correction.refresh_from_db()
    assert (correction.reason, Correction.objects.count()) == ("Omitted.", 1)


def test_corrections_cannot_be_updated_or_deleted_in_bulk(correction):
    with pytest.raises(AppendOnly):
        Correction.objects.filter(pk=correction.pk).update(reason="Changed.")
    with pytest.raises(AppendOnly):
        Correction.objects.all().delete()

    assert list(Correction.objects.values_list("reason", flat=True)) == ["Omitted."]


@on_postgresql
def test_raw_sql_cannot_change_or_delete_a_correction(correction):
    with pytest.raises(IntegrityError):
        raw("UPDATE meetings_correction SET reason = 'Changed.' WHERE id = %s", [correction.pk])
    with pytest.raises(IntegrityError):
        raw("DELETE FROM meetings_correction WHERE id = %s", [correction.pk])

    assert list(Correction.objects.values_list("reason", flat=True)) == ["Omitted."]


def test_a_later_correction_corrects_an_earlier_one(scene, correction):
    second = actions.correct_minutes(
        correction.minutes,
        by=scene.cast.secretariat,
        item=scene.items.constitution,
        new_discussion="Endorsed unanimously.",
        reason="The vote was unanimous.",
    )

    assert list(Correction.objects.order_by("pk").values_list("before", "after")) == [
        ("", "Endorsed."),
        ("Endorsed.", "Endorsed unanimously."),
    ]
    assert second.previous_hash == correction.new_hash


def test_an_action_refuses_to_run_inside_another_transaction(scene):
    minutes = approved(scene)

    with pytest.raises(RuntimeError, match="durable atomic block cannot be nested"), transaction.atomic():
        actions.sign_minutes(minutes, by=scene.cast.chair)

    minutes.refresh_from_db()
    assert minutes.signed_hash == ""
