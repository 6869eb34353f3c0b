"""The stamped save: every history row an action writes names who made the change."""

import pytest
from django.core.exceptions import ValidationError

from partnership.audit import stamped_delete, stamped_save, validated_save
from partnership.models import Organisation, Sector
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_stamped_save_names_its_author_in_the_history(cast):
    organisation = OrganisationFactory(name="Cheshire Constabulary")
    organisation.short_name = "Police"

    stamped_save(organisation, cast.secretariat)

    assert organisation.history.first().history_user == cast.secretariat


def test_a_validated_save_checks_the_record_before_saving_it(cast):
    OrganisationFactory(name="Cheshire Constabulary", slug="police")

    with pytest.raises(ValidationError) as error:
        validated_save(
            Organisation(name="Cheshire Constabulary", slug="police-2", sector=Sector.PUBLIC), cast.secretariat
        )

    assert list(error.value.message_dict) == ["name"]
    assert Organisation.objects.count() == 1


def test_a_validated_save_saves_a_valid_record_with_its_author(cast):
    organisation = validated_save(
        Organisation(name="Jobcentre Plus", slug="jobcentre-plus", sector=Sector.PUBLIC), cast.secretariat
    )

    assert organisation.history.get().history_user == cast.secretariat


def test_a_stamped_delete_names_its_author_in_the_last_history_row(cast):
    organisation = OrganisationFactory()

    stamped_delete(organisation, cast.secretariat)

    assert Organisation.history.order_by("-history_id").values_list("history_type", "history_user")[0] == (
        "-",
        cast.secretariat.pk,
    )
