"""The public data the API tests read, with a marker planted in everything the public must never be shown."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from bodies.models import BodyChange, ChangeKind
from declarations.models import GiftsSettings
from meetings.models import Attendance, Decision, MeetingStatus, Minutes, PaperVersion, RecordedVote, Vote, VoteWay
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    GiftFactory,
    InterestFactory,
    MeetingFactory,
    OrganisationFactory,
    PaperFactory,
)

# In every confidential, withheld, unpublished or private thing below; never in an answer of the API.
SECRET = "SECRET-API-91c4"


def at(day, hour=14):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.AGREEMENT_SEAL_CERT_FILE = ""
    settings.AGREEMENT_SEAL_KEY_FILE = ""


def published_minutes(meeting, signer):
    Minutes.objects.create(
        meeting=meeting,
        status="signed",
        signed_by=signer,
        signed_hash="a" * 64,
        signed_at=meeting.starts_at,
        published_at=meeting.starts_at,
    )
    meeting.status = MeetingStatus.MINUTES_PUBLISHED
    meeting.save(update_fields=["status"])


@pytest.fixture
def public_data(cast, planted):
    """A held meeting of the board with published minutes, public and confidential matter, and the registers.

    `planted` (tests/conftest.py) adds a member whose email, phone and notes carry its own marker.
    """
    police = planted["police"]
    cast.member.person.organisation = police
    cast.member.person.save(update_fields=["organisation"])
    old = BodyFactory(name="Old Forum", slug="old-forum", established_on=datetime.date(2008, 1, 1))
    BodyChange.objects.create(
        body=old, kind=ChangeKind.RENAMED_TO, on=datetime.date(2010, 2, 1), other_body=cast.forum, reason="A new name."
    )

    held = MeetingFactory(body=cast.board, starts_at=at(datetime.date(2010, 3, 4)), status=MeetingStatus.HELD)
    held.agenda_published_at = held.starts_at - datetime.timedelta(days=10)
    held.save(update_fields=["agenda_published_at"])
    budget = AgendaItemFactory(meeting=held, number=1, title="The budget for 2010", presenter="Chris Carter")
    secret_item = AgendaItemFactory(
        meeting=held,
        number=2,
        title=f"Sale of the depot {SECRET}",
        description=f"Terms {SECRET}",
        confidential=True,
        confidential_reason="Commercially sensitive",
    )
    report = PaperFactory(meeting=held, item=budget, title="Budget report", author="Fran Finance")
    PaperVersion.objects.create(paper=report, number=1, text="The budget.", sha256="b" * 64)
    version = PaperVersion(paper=report, number=2, filename="budget.pdf", size=9, content_type="application/pdf")
    version.sha256 = "c" * 64
    version.document.save("budget.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    version.save()
    PaperFactory(meeting=held, title=f"Legal advice {SECRET}", confidential=True, confidential_reason="Legal privilege")
    PaperFactory(meeting=held, item=secret_item, title=f"Depot valuation {SECRET}")
    agreed = Decision.objects.create(item=budget, number=1, text="The budget for 2010 is agreed.")
    sold = Decision.objects.create(item=secret_item, number=2, text=f"The depot is sold {SECRET}.")
    # The chair voted on both: the public reads the budget's vote, never the confidential item's.
    present = Attendance.objects.create(meeting=held, person=cast.chair.person, membership=cast.chair_membership)
    for decision, way in ((agreed, VoteWay.FOR), (sold, VoteWay.AGAINST)):
        recorded = RecordedVote.objects.create(decision=decision)
        Vote.objects.create(recorded_vote=recorded, attendance=present, membership=cast.chair_membership, way=way)
    published_minutes(held, cast.chair)

    # Coming, its agenda not yet published: the meeting is public, its items are not.
    coming = MeetingFactory(body=cast.forum)
    AgendaItemFactory(meeting=coming, number=1, title=f"Draft item {SECRET}")
    PaperFactory(meeting=coming, title=f"Draft paper {SECRET}")
    # Held, its minutes drafted and not published.
    drafted = MeetingFactory(body=cast.forum, starts_at=at(datetime.date(2010, 5, 6)), status=MeetingStatus.HELD)
    draft_item = AgendaItemFactory(meeting=drafted, number=1, title="Community safety")
    Decision.objects.create(item=draft_item, number=1, text=f"Not yet published {SECRET}.")
    Minutes.objects.create(meeting=drafted)

    # The registers: the member's entries (one withheld), a stranger's (no seat, no public register), gifts.
    InterestFactory(person=cast.member.person, description="Governor of Chester College", organisation=police)
    InterestFactory(
        person=cast.member.person,
        description=f"Private matter {SECRET}",
        matter=f"Matter {SECRET}",
        withheld=True,
        withheld_reason="Risk of violence or intimidation",
    )
    InterestFactory(person=cast.stranger.person, description=f"Stranger's entry {SECRET}")
    GiftsSettings.objects.create(publish_threshold=25)
    GiftFactory(person=cast.member.person, description="Dinner at the town hall", estimated_value=40)
    GiftFactory(
        person=cast.member.person,
        description=f"A pen {SECRET}",
        estimated_value=10,
        offered_by=f"Giver {SECRET}",
        reason=f"Reason {SECRET}",
    )
    OrganisationFactory(name="Chester Voluntary Action", slug="chester-voluntary-action")
    return SimpleNamespace(held=held, coming=coming, drafted=drafted, budget=budget, secret_item=secret_item, old=old)


@pytest.fixture
def agreement_versions(cast):
    """The Agreement adopted, and a draft whose label and summary carry the marker."""
    from agreements.actions import drafting
    from tests.agreements.factories import adopted_version

    adopted = adopted_version(cast)
    draft = drafting.start_draft(
        adopted.agreement, by=cast.secretariat, label=f"Draft {SECRET}", summary=f"Summary {SECRET}"
    )
    return adopted, draft
