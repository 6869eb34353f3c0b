"""Fixtures of the agreements tests; every one stores renditions in a folder of its own and seals with the development seal."""

import datetime

import pytest
from django.utils import timezone

from agreements import rendering, renditions
from agreements.actions import consultation as actions_consultation
from agreements.actions import drafting as actions
from agreements.models import Clause
from tests.agreements.factories import (
    DRAFT_MARKER,
    SMALL,
    AgreementFactory,
    adopted_version,
    board_meeting,
    close_by_date,
    designate,
    sign,
)
from tests.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def _rendition_storage(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AGREEMENT_SEAL_CERT_FILE = ""
    settings.AGREEMENT_SEAL_KEY_FILE = ""


# Drafting


@pytest.fixture
def agreement(db):
    return AgreementFactory()


@pytest.fixture
def adopted(cast):
    """The small text (tests.agreements.factories.SMALL), adopted and in force since 30 April 2009."""
    return adopted_version(cast)


@pytest.fixture
def draft(cast, adopted):
    """A draft started from the version in force."""
    return actions.start_draft(adopted.agreement, by=cast.secretariat, label="Revised 2010", summary="Annual review.")


@pytest.fixture
def history(cast):
    """V5 adopted in April 2009, superseded by the 2011 revision; a draft after that."""
    v5 = adopted_version(cast, outline=SMALL)
    revision = actions.start_draft(v5.agreement, by=cast.secretariat, label="Revised February 2011")
    actions.edit_clause(
        Clause.objects.get(version=revision, number="3"),
        by=cast.secretariat,
        heading="Review",
        text="The Agreement is reviewed every two years.",
    )
    meeting, decision = board_meeting(cast.board, datetime.date(2011, 2, 24))
    actions.adopt_version(
        revision, by=cast.secretariat, meeting=meeting, decision=decision, takes_effect=datetime.date(2011, 3, 1)
    )
    draft = actions.start_draft(v5.agreement, by=cast.secretariat, label="Draft 2012")
    v5.refresh_from_db()
    return v5, revision, draft


@pytest.fixture
def versions(cast):
    """The version in force and a revision of it with a clause edited, one removed, one added and one moved."""
    old = adopted_version(cast)
    new = actions.start_draft(old.agreement, by=cast.secretariat, label="Revised 2010")
    by = cast.secretariat
    actions.edit_clause(
        Clause.objects.get(version=new, number="2.1"),
        by=by,
        heading="",
        text="Papers go out ten days before the meeting.",
    )
    actions.remove_clause(Clause.objects.get(version=new, number="1"), by=by)
    actions.add_clause(new, by=by, heading="Signatories", text="Each partner signs.")
    # Members declare their interests (2.2, now 1.2) moves to the review section (now 2).
    actions.move_clause(
        Clause.objects.get(version=new, number="1.2"), by=by, inside=Clause.objects.get(version=new, number="2")
    )
    return old, new


@pytest.fixture
def planted(cast):
    """The version in force, and a draft whose label, summary and text carry DRAFT_MARKER."""
    adopted = adopted_version(cast)
    draft = actions.start_draft(
        adopted.agreement, by=cast.secretariat, label=f"Draft {DRAFT_MARKER}", summary=f"Summary {DRAFT_MARKER}"
    )
    clause = Clause.objects.get(version=draft, number="2.1")
    actions.edit_clause(clause, by=cast.secretariat, heading=f"Heading {DRAFT_MARKER}", text=f"Text {DRAFT_MARKER}")
    return adopted, draft


# Consultation


@pytest.fixture
def consultation(cast, draft):
    """The draft, out for consultation for two weeks from today."""
    closes_on = timezone.localdate() + datetime.timedelta(days=14)
    return actions_consultation.open_consultation(draft, by=cast.secretariat, closes_on=closes_on)


@pytest.fixture
def every_kind_of_version(cast, adopted):
    """The version in force, a plain draft, a draft open for comment, and one past its closing date."""
    closes_on = timezone.localdate() + datetime.timedelta(days=14)
    draft = actions.start_draft(adopted.agreement, by=cast.secretariat, label="A plain draft")
    open_one = actions.start_draft(adopted.agreement, by=cast.secretariat, label="Open for comment")
    actions_consultation.open_consultation(open_one, by=cast.secretariat, closes_on=closes_on)
    past = actions.start_draft(adopted.agreement, by=cast.secretariat, label="Past its closing date")
    actions_consultation.open_consultation(past, by=cast.secretariat, closes_on=closes_on)
    close_by_date(past)
    return [adopted, draft, open_one, past]


# Signing


@pytest.fixture
def setting(cast):
    """The version in force, the police (the member signs for it) and the fire authority (no signatory)."""
    version = adopted_version(cast)
    police = OrganisationFactory(name="Cheshire Police Authority")
    fire = OrganisationFactory(name="Cheshire Fire Authority")
    designate(cast, cast.member, police)
    return version, police, fire


@pytest.fixture
def signed(cast):
    """The version in force, signed by the police; the fire authority has not signed."""
    version = adopted_version(cast)
    police = OrganisationFactory(name="Cheshire Police Authority")
    OrganisationFactory(name="Cheshire Fire Authority")
    designate(cast, cast.member, police)
    signature = sign(version, cast.member, police)
    return version, signature


@pytest.fixture
def partners(cast):
    """The council (the chair signs for it) and the constabulary (the member signs for it)."""
    council = OrganisationFactory(name="Cheshire West and Chester Council")
    police = OrganisationFactory(name="Cheshire Constabulary")
    designate(cast, cast.chair, council)
    designate(cast, cast.member, police)
    return council, police


@pytest.fixture
def issued(cast):
    """A published version and the sealed PDF this site issued for it."""
    version = adopted_version(cast)
    rendition = renditions.request_rendition(version)
    rendering.render(rendition.pk)
    rendition.refresh_from_db()
    with rendition.file.open("rb") as handle:
        return rendition, handle.read()
