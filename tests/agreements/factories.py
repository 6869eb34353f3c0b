"""Factories for agreements, versions and clauses, and a helper that builds a small adopted text."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from agreements.actions import drafting as actions
from agreements.actions import signing as actions_signing
from agreements.models import Agreement, AgreementVersion, Clause, ClauseKind
from tests.factories import AgendaItemFactory, MeetingFactory


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = Agreement

    title = "Agreement and Protocols"
    slug = factory.Sequence(lambda n: f"agreement-{n}")


class VersionFactory(DjangoModelFactory):
    class Meta:
        model = AgreementVersion

    agreement = factory.SubFactory(AgreementFactory)
    label = factory.Sequence(lambda n: f"Draft {n}")


class ClauseFactory(DjangoModelFactory):
    class Meta:
        model = Clause

    version = factory.SubFactory(VersionFactory)
    kind = ClauseKind.SECTION
    number = factory.Sequence(lambda n: str(n + 1))
    heading = factory.Sequence(lambda n: f"Heading {n + 1}")
    position = factory.Sequence(lambda n: n)


def build(version, outline):
    """Create clauses from an outline: [(number, heading, text, [children...]), ...]. Returns them by number."""
    made = {}

    def create(spec, parent, position):
        number, heading, text, *rest = spec
        kind = ClauseKind.CLAUSE if parent else (ClauseKind.ANNEX if number.isalpha() else ClauseKind.SECTION)
        clause = Clause.objects.create(
            version=version, parent=parent, kind=kind, number=number, heading=heading, text=text, position=position
        )
        made[number] = clause
        for index, child in enumerate(rest[0] if rest else []):
            create(child, clause, index)

    for index, spec in enumerate(outline):
        create(spec, None, index)
    return made


SMALL = [
    ("1", "Introduction", "The partners agree to work together."),
    (
        "2",
        "Meetings",
        "",
        [
            ("2.1", "", "Papers go out a week before the meeting."),
            ("2.2", "", "Members declare their interests."),
        ],
    ),
    ("3", "Review", "The Agreement is reviewed every year."),
]


def board_meeting(body, day=datetime.date(2009, 4, 30)):
    """A meeting of `body` held on `day`, with an item and a decision to adopt by."""
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))
    meeting = MeetingFactory(body=body, starts_at=starts)
    item = AgendaItemFactory(meeting=meeting, number=1, title="The Agreement and Protocols")
    decision = item.decisions.create(number=1, text="The Agreement and Protocols is adopted.")
    return meeting, decision


def adopted_version(cast, *, label="V5 2.4.09", outline=SMALL, agreement=None, day=datetime.date(2009, 4, 30)):
    """A version with the outline's text, adopted at a board meeting on `day` and taking effect that day."""
    agreement = agreement or AgreementFactory()
    version = VersionFactory(agreement=agreement, label=label)
    build(version, outline)
    meeting, decision = board_meeting(cast.board, day)
    return actions.adopt_version(version, by=cast.secretariat, meeting=meeting, decision=decision, takes_effect=day)


# Signing

DEMO_IP = "192.0.2.10"
DEMO_AGENT = "pytest browser"


def designate(cast, user, organisation, start=datetime.date(2009, 4, 1)):
    """Make `user` (who has a Person) an authorised signatory for `organisation`."""
    return actions_signing.designate_signatory(
        by=cast.secretariat, organisation=organisation, person=user.person, start=start
    )


def sign(version, user, organisation, *, ip=DEMO_IP, agent=DEMO_AGENT, password=None):
    """Sign `version` for `organisation` as `user`, with the test password."""
    from tests.factories import PASSWORD

    return actions_signing.sign_version(
        version,
        by=user,
        organisation=organisation,
        password=PASSWORD if password is None else password,
        consented=True,
        read_sha256=version.sha256,
        ip_address=ip,
        user_agent=agent,
    )


# Consultation


def close_by_date(version):
    """The closing date passes: yesterday was the last day for comments."""
    AgreementVersion.objects.filter(pk=version.pk).update(
        consultation_closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    version.refresh_from_db()


# Privacy: a draft's label, summary and text carry it; no page but the secretariat's may show it.
DRAFT_MARKER = "DRAFT-ONLY-5b2e"
