"""On PostgreSQL a trigger refuses, in the database itself, SQL that would change an adopted version.

SQLite (the default for tests) has no such trigger; there the model and
queryset guards (test_immutability.py) are the protection, so these tests skip.
"""

import pytest
from django.db import IntegrityError, connection, transaction

from agreements.models import AgreementVersion, Clause, VersionStatus
from tests.agreements.factories import adopted_version

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's only")


def raw(sql, params):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_raw_sql_cannot_change_or_delete_an_adopted_clause(cast):
    version = adopted_version(cast)

    with pytest.raises(IntegrityError):
        raw("UPDATE agreements_clause SET text = 'Changed' WHERE version_id = %s", [version.pk])
    with pytest.raises(IntegrityError):
        raw("DELETE FROM agreements_clause WHERE version_id = %s", [version.pk])

    assert Clause.objects.filter(version=version, text="Changed").count() == 0
    assert Clause.objects.filter(version=version).count() == 5


def test_raw_sql_can_supersede_an_adopted_version_and_nothing_else(cast):
    version = adopted_version(cast)

    with pytest.raises(IntegrityError):
        raw("UPDATE agreements_agreementversion SET label = 'V6' WHERE id = %s", [version.pk])
    raw(
        "UPDATE agreements_agreementversion SET status = 'superseded', superseded_on = '2011-04-15' WHERE id = %s",
        [version.pk],
    )

    version.refresh_from_db()
    assert (version.label, version.status) == ("V5 2.4.09", VersionStatus.SUPERSEDED)
    with pytest.raises(IntegrityError):
        raw("DELETE FROM agreements_agreementversion WHERE id = %s", [version.pk])
    assert AgreementVersion.objects.filter(pk=version.pk).exists()


def test_raw_sql_cannot_change_or_delete_a_signature_or_the_signing_log(cast):
    from agreements.models import Signature, SigningEvent
    from tests.agreements.factories import designate, sign
    from tests.factories import OrganisationFactory

    version = adopted_version(cast)
    organisation = OrganisationFactory()
    designate(cast, cast.member, organisation)
    signature = sign(version, cast.member, organisation)

    with pytest.raises(IntegrityError):
        raw("UPDATE agreements_signature SET user_agent = 'changed' WHERE id = %s", [signature.pk])
    with pytest.raises(IntegrityError):
        raw("DELETE FROM agreements_signature WHERE id = %s", [signature.pk])
    with pytest.raises(IntegrityError):
        raw("UPDATE agreements_signingevent SET detail = 'changed'", [])
    with pytest.raises(IntegrityError):
        raw("DELETE FROM agreements_signingevent", [])

    assert Signature.objects.filter(user_agent="changed").count() == 0
    assert SigningEvent.objects.filter(detail="changed").count() == 0
