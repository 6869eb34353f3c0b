"""An adopted or superseded version never changes: the data layer refuses, whatever the pages offer."""

import pytest
from django.db.models import Value
from django.db.models.functions import Concat

from agreements.models import AgreementVersion, Clause, VersionLocked, VersionStatus
from tests.agreements.factories import ClauseFactory, VersionFactory, adopted_version


def clause_of(version, number):
    return Clause.objects.get(version=version, number=number)


def test_editing_a_clause_of_an_adopted_version_is_refused_by_the_model(adopted):
    clause = clause_of(adopted, "2.1")
    clause.text = "Papers go out a day before the meeting."

    with pytest.raises(VersionLocked):
        clause.save()

    assert clause_of(adopted, "2.1").text == "Papers go out a week before the meeting."


def test_deleting_a_clause_of_an_adopted_version_is_refused_by_the_model(adopted):
    with pytest.raises(VersionLocked):
        clause_of(adopted, "2.1").delete()

    assert Clause.objects.filter(version=adopted).count() == 5


def test_adding_a_clause_to_an_adopted_version_is_refused_by_the_model(adopted):
    with pytest.raises(VersionLocked):
        Clause.objects.create(version=adopted, number="4", heading="Added later", kind="section", position=9)

    assert Clause.objects.filter(version=adopted).count() == 5


def test_a_queryset_update_of_an_adopted_versions_clauses_is_refused(adopted):
    with pytest.raises(VersionLocked):
        Clause.objects.filter(version=adopted).update(text="Changed")

    assert sorted(Clause.objects.filter(version=adopted).values_list("text", flat=True))[-1] == (
        "The partners agree to work together."
    )


def test_a_queryset_update_with_an_expression_is_refused_too(adopted):
    with pytest.raises(VersionLocked):
        Clause.objects.filter(number="1").update(heading=Concat("heading", Value(" (amended)")))

    assert clause_of(adopted, "1").heading == "Introduction"


def test_a_queryset_delete_of_an_adopted_versions_clauses_is_refused(adopted):
    with pytest.raises(VersionLocked):
        Clause.objects.filter(version=adopted).delete()

    assert Clause.objects.filter(version=adopted).count() == 5


def test_bulk_creating_clauses_in_an_adopted_version_is_refused(adopted):
    with pytest.raises(VersionLocked):
        Clause.objects.bulk_create([Clause(version=adopted, number="9", kind="section", heading="Late")])

    assert Clause.objects.filter(version=adopted).count() == 5


def test_moving_a_clause_out_of_an_adopted_version_into_a_draft_is_refused(adopted):
    draft = VersionFactory(agreement=adopted.agreement)
    clause = clause_of(adopted, "3")
    clause.version = draft
    clause.number = "1"

    with pytest.raises(VersionLocked):
        clause.save()

    assert clause_of(adopted, "3").version_id == adopted.pk


def test_the_label_of_an_adopted_version_cannot_change(adopted):
    adopted.label = "V6"

    with pytest.raises(VersionLocked):
        adopted.save()
    with pytest.raises(VersionLocked):
        AgreementVersion.objects.filter(pk=adopted.pk).update(label="V6")

    assert AgreementVersion.objects.get(pk=adopted.pk).label == "V5 2.4.09"


def test_an_adopted_version_cannot_be_deleted(adopted):
    with pytest.raises(VersionLocked):
        adopted.delete()
    with pytest.raises(VersionLocked):
        AgreementVersion.objects.filter(pk=adopted.pk).delete()

    assert AgreementVersion.objects.filter(pk=adopted.pk).exists()


def test_an_adopted_version_can_only_move_on_to_superseded(adopted):
    adopted.status = VersionStatus.DRAFT

    with pytest.raises(VersionLocked):
        adopted.save()

    assert AgreementVersion.objects.get(pk=adopted.pk).status == VersionStatus.ADOPTED


def test_a_superseded_version_is_as_locked_as_an_adopted_one(cast, adopted):
    later = adopted_version(
        cast, label="Revised February 2011", agreement=adopted.agreement, day=adopted.takes_effect.replace(year=2011)
    )
    adopted.refresh_from_db()
    assert (adopted.status, later.status) == (VersionStatus.SUPERSEDED, VersionStatus.ADOPTED)

    with pytest.raises(VersionLocked):
        Clause.objects.filter(version=adopted).update(text="Changed")
    with pytest.raises(VersionLocked):
        clause_of(adopted, "1").delete()


def test_a_drafts_clauses_can_be_edited_and_deleted(cast):
    clause = ClauseFactory(text="Draft words.")
    Clause.objects.filter(pk=clause.pk).update(text="Better words.")
    clause.refresh_from_db()
    assert clause.text == "Better words."

    clause.delete()

    assert Clause.objects.filter(pk=clause.pk).exists() is False
