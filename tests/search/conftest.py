"""Fixtures of the search tests: minutes taken through the actions, words in every kind of record, and
markers planted in every place the public must never find.

The meeting is the minutes tests' scene (tests/meetings/scenario.py): the Partnership Board on
30 April 2009, with an open item ("Constitution of the partnership") and a confidential one
("Commissioning budget").
"""

import datetime
from types import SimpleNamespace

import pytest

from agreements.actions import drafting as agreement_actions
from agreements.models import Clause
from bodies.models import Role
from declarations.models import GiftDecision, GiftsSettings
from meetings.actions import agenda as agenda_actions
from meetings.actions import minutes as minutes_actions
from meetings.actions.forward_plan import save_forward_plan_entry
from tests.agreements.factories import adopted_version, board_meeting
from tests.factories import (
    AgendaItemFactory,
    GiftFactory,
    InterestFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)
from tests.meetings.papers import checked, temporary_media
from tests.meetings.scenario import at, build_scene, minute
from tests.search.support import pdf


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to a temporary MEDIA_ROOT, never var/media."""
    return temporary_media(settings, tmp_path)


@pytest.fixture(autouse=True)
def _agreement_storage(settings, tmp_path):
    # Adopting a version plans its sealed PDF: no seal in the tests.
    settings.AGREEMENT_SEAL_CERT_FILE = ""
    settings.AGREEMENT_SEAL_KEY_FILE = ""


@pytest.fixture
def minuted(cast):
    """The board's meeting of 30 April 2009 with its minutes drafted: a decision and an action on item 3."""
    scene = minute(build_scene(cast))
    minutes_actions.edit_discussion(
        scene.items.constitution,
        by=cast.secretariat,
        discussion="The partners agreed the constitution of the Local Strategic Partnership.",
    )
    scene.minutes = scene.meeting.minutes
    return scene


def publish(scene):
    """Approve the scene's minutes at the next meeting, the chair signs them, the secretariat publishes them."""
    cast = scene.cast
    minutes = minutes_actions.approve_minutes(
        scene.meeting.minutes, by=cast.secretariat, at_item=scene.following_items.previous
    )
    minutes = minutes_actions.sign_minutes(minutes, by=cast.chair)
    scene.minutes = minutes_actions.publish_minutes(minutes, by=cast.secretariat)
    return scene


@pytest.fixture
def published(minuted):
    return publish(minuted)


# Markers in every place the public must never find, and who may find each (the cast's keys).
EVERYONE_IN = ("secretariat",)
BOARD = ("member", "chair", "secretariat")
MEL = ("member", "secretariat")
MARKERS = {
    "zebraquill": ("a confidential item's title", BOARD),
    "yakfennel": ("a confidential item's description", BOARD),
    "walruscumin": ("a confidential item's discussion", BOARD),
    "vicunabasil": ("a confidential item's decision", BOARD),
    "umbrellafig": ("a confidential item's action", BOARD),
    "oryxdill": ("a confidential paper's title", BOARD),
    "toucanmace": ("a confidential paper's cover sheet", BOARD),
    "gazellesage": ("the text of a confidential paper's uploaded file", BOARD),
    "pelicanchive": ("a paper on a confidential item", BOARD),
    "tapirsorrel": ("an item of an agenda not yet published", EVERYONE_IN),
    "sealionmint": ("draft minutes", BOARD),
    "narwhalthyme": ("an entry withheld from the public register", MEL),
    "koalaginger": ("who offered a published gift", MEL),
    "lemurpaprika": ("why a published gift was refused", MEL),
    "quetzalnutmeg": ("a gift below the publishing threshold", MEL),
    "ibisoregano": ("a clause of a draft of the Agreement", EVERYONE_IN),
    "jackalclove": ("a member's job title", EVERYONE_IN),
    "marmotchive": ("a confidential entry of the forward plan", EVERYONE_IN),
}


@pytest.fixture
def confidential_places(cast, media):
    """Every marker of MARKERS planted where it belongs, through the actions where there is one."""
    scene = minute(build_scene(cast))
    by = cast.secretariat
    item = scene.items.confidential
    item.title = "Commissioning budget zebraquill"
    item.description = "Tenders for yakfennel services."
    item.save()
    minutes_actions.edit_discussion(item, by=by, discussion="The board discussed the walruscumin bids.")
    minutes_actions.add_decision(item, by=by, text="The vicunabasil tender is accepted.")
    minutes_actions.add_action(item, by=by, text="Write to the umbrellafig bidders.", owner_note="The secretariat")
    agenda_actions.add_paper(
        scene.meeting,
        by=by,
        upload=checked("scores.pdf", pdf("Scores of the gazellesage bids")),
        item=scene.items.constitution,
        title="Bid evaluation oryxdill",
        description="How the toucanmace panel scored the bids.",
        author="Alex Author",
        confidential=True,
        confidential_reason="Commercially sensitive.",
    )
    agenda_actions.add_paper(
        scene.meeting, by=by, item=item, title="Appendix", author="Alex Author", text="The pelicanchive appendix."
    )
    publish(scene)
    # An agenda the secretariat is still drafting.
    upcoming = agenda_actions.schedule_meeting(cast.board, by=by, starts_at=at(2099, 1, 7))
    agenda_actions.add_item(upcoming, by=by, title="Regeneration of the tapirsorrel estate")
    save_forward_plan_entry(
        None,
        by=by,
        body=cast.board,
        title="Sale of the marmotchive depot",
        summary="",
        decision_maker="",
        expected_meeting=upcoming,
        confidential=True,
        confidential_reason="Commercially sensitive.",
    )
    # Minutes still a draft.
    june = MeetingFactory(body=cast.board, starts_at=at(2009, 6, 25))
    june_item = AgendaItemFactory(meeting=june, number=1, title="Transport plan")
    minutes_actions.draft_minutes(june, by=by)
    minutes_actions.edit_discussion(june_item, by=by, discussion="The sealionmint route was discussed.")
    # Mel's registers.
    mel = cast.member.person
    InterestFactory(
        person=mel, description="Shares in narwhalthyme plc", withheld=True, withheld_reason="Family safety."
    )
    GiftsSettings.objects.create(publish_threshold=25)
    GiftFactory(
        person=mel,
        offered_by="Koalaginger Ltd",
        description="Dinner",
        estimated_value=60,
        decision=GiftDecision.REFUSED,
        reason="A lemurpaprika contract was out to tender.",
    )
    GiftFactory(person=mel, description="A quetzalnutmeg hamper", estimated_value=5)
    mel.job_title = "Head of jackalclove"
    mel.save()
    # A draft of the Agreement.
    adopted = adopted_version(cast)
    draft = agreement_actions.start_draft(adopted.agreement, by=by, label="Revised 2010")
    agreement_actions.edit_clause(
        Clause.objects.get(version=draft, number="1"),
        by=by,
        heading="Introduction",
        text="The partners agree to work together on ibisoregano.",
    )
    return SimpleNamespace(scene=scene, upcoming=upcoming, june=june, adopted=adopted, draft=draft)


@pytest.fixture
def registers(cast):
    """Registers the public can read: Mel's interest and a published gift; a former member's interest."""
    GiftsSettings.objects.create(publish_threshold=25)
    mel = cast.member.person
    interest = InterestFactory(person=mel, description="Trustee of the Chester Rowing Club", matter="Rowing club")
    gift = GiftFactory(person=mel, description="Tickets to the Chester Regatta", estimated_value=40)
    former = PersonFactory(name="Fiona Former")
    MembershipFactory(person=former, body=cast.board, role=Role.MEMBER, end=datetime.date(2010, 3, 31))
    InterestFactory(person=former, description="Director of Rowing Supplies Ltd", matter="Rowing supplies")
    return SimpleNamespace(interest=interest, gift=gift, former=former)


@pytest.fixture
def agreement_history(cast):
    """V5 (superseded), its 2011 revision (in force) and a draft: tests/agreements' `history`."""
    v5 = adopted_version(cast)
    revision = agreement_actions.start_draft(v5.agreement, by=cast.secretariat, label="Revised February 2011")
    agreement_actions.edit_clause(
        Clause.objects.get(version=revision, number="3"),
        by=cast.secretariat,
        heading="Review",
        text="The Agreement is reviewed every two years.",
    )
    meeting, decision = board_meeting(cast.board, datetime.date(2011, 2, 24))
    agreement_actions.adopt_version(
        revision, by=cast.secretariat, meeting=meeting, decision=decision, takes_effect=datetime.date(2011, 3, 1)
    )
    v5.refresh_from_db()
    return SimpleNamespace(v5=v5, revision=revision)
