"""Fixtures of the declarations tests: registers, gifts, declarations, rulings and disputes.

The cast (tests/conftest.py) plays the members; the Head of Legal and a
second counsel are extra logins for disputes.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from guardian.shortcuts import assign_perm

from bodies.models import Role
from declarations.actions import interests as interest_actions
from declarations.actions.gifts import answer_advice, ask_for_advice
from declarations.actions.rulings import declare_interest, rule_on_declaration
from declarations.models import (
    Declaration,
    DeclarationWhen,
    Disbarment,
    Dispute,
    DisputeStatus,
    GiftDecision,
    GiftKind,
    InterestKind,
    Outcome,
    RegisterConfirmation,
    Ruling,
)
from meetings.models import MeetingStatus, Minutes, MinutesStatus
from tests.conftest import CAST_KEYS
from tests.declarations.support import GIFTS_MARKER, INTERESTS_MARKER, RULINGS_MARKER, at
from tests.factories import (
    FIRST_DAY,
    AgendaItemFactory,
    AttendanceFactory,
    DeclarationFactory,
    GiftFactory,
    InterestFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)
from tests.meetings.scenario import build_scene, minute

# People beyond the cast


@pytest.fixture
def legal(db):
    """Lee Legal, a login the secretariat can designate Head of Legal for a dispute."""
    user = UserFactory(email="lee@example.org")
    PersonFactory(name="Lee Legal", user=user)
    return user


@pytest.fixture
def counsel(db):
    """Cass Counsel, a second login who can replace the Head of Legal."""
    user = UserFactory(email="cass@example.org")
    PersonFactory(name="Cass Counsel", user=user)
    return user


# The register of interests


@pytest.fixture
def interests_world(cast):
    """An interest for each member of the cast, a former vice chair of the forum, a meeting of each body."""
    MembershipFactory(body=cast.forum, role="vice_chair", person=cast.stranger.person, end="2010-01-01")
    for who in ("member", "chair", "other_member", "stranger"):
        InterestFactory(person=getattr(cast, who).person)
    MeetingFactory(body=cast.board)
    MeetingFactory(body=cast.forum)
    return {who: getattr(cast, who) or AnonymousUser() for who in CAST_KEYS}


@pytest.fixture
def withheld_interest(cast):
    """Mel's interest withheld from the public register, its description and matter marked."""
    return InterestFactory(
        person=cast.member.person,
        kind="personal",
        description=f"Household member in dispute with the council {INTERESTS_MARKER}",
        matter=f"Dispute {INTERESTS_MARKER}",
        withheld=True,
        withheld_reason="It concerns a family matter before the courts",
    )


@pytest.fixture
def changed_interest(cast):
    """Mel's entry, declared, changed by the secretariat and by Mel, then closed."""
    interest = interest_actions.declare_interest(
        cast.member.person,
        by=cast.member,
        kind="business",
        holder="member",
        description="Director of Dee Valley Lettings Ltd",
        organisation=None,
        matter="Dee Valley Lettings Ltd",
        more_than_one_role=False,
        start=datetime.date(2009, 4, 1),
        end=None,
        withheld=False,
        withheld_reason="",
    )
    police = OrganisationFactory(name="Cheshire Constabulary")
    interest_actions.update_interest(
        interest, by=cast.secretariat, description="Chair of Dee Valley Lettings Ltd", holder="household"
    )
    interest_actions.update_interest(interest, by=cast.member, organisation=police, more_than_one_role=True)
    interest_actions.close_interest(interest, by=cast.member, end=datetime.date(2010, 3, 31))
    return interest


@pytest.fixture
def meeting(cast):
    """A meeting of the Partnership Board."""
    return MeetingFactory(body=cast.board)


@pytest.fixture
def flagged(cast, meeting):
    """The board meeting with an item on Dee Valley, which Mel's and Chris's registers both name."""
    InterestFactory(person=cast.member.person, description="Tenant", matter="Dee Valley")
    InterestFactory(person=cast.chair.person, description="Director", matter="Dee Valley")
    AgendaItemFactory(meeting=meeting, number=1, title="Dee Valley regeneration")
    return meeting


@pytest.fixture
def published_agenda(flagged):
    """The flagged meeting with its agenda published."""
    flagged.agenda_published_at = timezone.now()
    flagged.save()
    return flagged


# Gifts and hospitality


@pytest.fixture
def advice_requests(cast):
    """Mel asks the Partnership Board; Oscar asks the Chester Community Forum."""
    board = ask_for_advice(person=cast.member.person, by=cast.member, body=cast.board, question="Tickets?")
    forum = ask_for_advice(person=cast.other_member.person, by=cast.other_member, body=cast.forum, question="Lunch?")
    return board, forum


@pytest.fixture
def gift_entries(cast):
    """Mel's refused dinner, declared late; Chris's accepted gift below the threshold, described as a formula."""
    today = timezone.localdate()
    now = timezone.now()
    return [
        GiftFactory(
            person=cast.member.person,
            kind=GiftKind.HOSPITALITY,
            description="Dinner",
            estimated_value=40,
            offered_on=today - datetime.timedelta(days=40),
            declared_at=now,
            decision=GiftDecision.REFUSED,
        ),
        GiftFactory(
            person=cast.chair.person,
            kind=GiftKind.GIFT,
            description="=HYPERLINK(bad)",
            estimated_value=10,
            offered_on=today - datetime.timedelta(days=2),
            declared_at=now,
            decision=GiftDecision.ACCEPTED,
            reason="A small token",
        ),
    ]


@pytest.fixture
def planted_gifts(cast):
    """An entry below the threshold, a published entry whose reason is private, and advice with the marker."""
    below = GiftFactory(
        person=cast.member.person, description=f"Box of chocolates {GIFTS_MARKER}", estimated_value=Decimal("24.99")
    )
    published = GiftFactory(
        person=cast.member.person,
        description="Dinner for two",
        estimated_value=Decimal("25"),
        reason=f"Why {GIFTS_MARKER}",
    )
    advice = ask_for_advice(person=cast.member.person, by=cast.member, body=cast.board, question=f"Ask {GIFTS_MARKER}")
    advice = answer_advice(advice, by=cast.chair, answer=f"Answer {GIFTS_MARKER}")
    advice.gift = published
    advice.save()
    return below, published, advice


@pytest.fixture
def offers(cast):
    """Offers to Mel, to Oscar on the forum, and to Nia before and after she joined the board."""
    joined = FIRST_DAY + datetime.timedelta(days=100)
    newcomer = PersonFactory(name="Nia Newcomer")
    MembershipFactory(person=newcomer, body=cast.board, role=Role.CO_OPTED, start=joined)
    return {
        "member": GiftFactory(person=cast.member.person, description="Board dinner", estimated_value=60),
        "forum": GiftFactory(person=cast.other_member.person, description="Forum lunch", estimated_value=30),
        "before joining": GiftFactory(
            person=newcomer, description="Before joining", offered_on=joined - datetime.timedelta(days=1)
        ),
        "after joining": GiftFactory(person=newcomer, description="After joining", offered_on=joined),
        "below": GiftFactory(person=cast.member.person, description="Pen", estimated_value=5),
    }


# Declarations, rulings and disputes


@pytest.fixture
def item(cast):
    """Item 2 of a board meeting, on the youth centre project."""
    return AgendaItemFactory(meeting=MeetingFactory(body=cast.board), number=2, title="Youth centre project grant")


@pytest.fixture
def grants_item(cast):
    """Item 3 of a board meeting, on grants."""
    return AgendaItemFactory(meeting=MeetingFactory(body=cast.board), number=3, title="Grants")


@pytest.fixture
def attended(cast, item):
    """The youth centre item, with the chair and Mel attending and a quorum of two."""
    cast.board.quorum = 2
    cast.board.save()
    for user, membership in ((cast.chair, cast.chair_membership), (cast.member, cast.member_membership)):
        AttendanceFactory(meeting=item.meeting, person=user.person, membership=membership)
    return item


@pytest.fixture
def ruling(cast):
    """Mel's declaration on an attended board item, ruled "must withdraw" by the chair."""
    cast.board.quorum = 2
    cast.board.save()
    item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board), number=1)
    for user, membership in ((cast.chair, cast.chair_membership), (cast.member, cast.member_membership)):
        AttendanceFactory(meeting=item.meeting, person=user.person, membership=membership)
    declaration = DeclarationFactory(item=item, person=cast.member.person, description="Sister is a trustee")
    return rule_on_declaration(declaration, by=cast.chair, outcome=Outcome.WITHDRAW, reasons="Close family.")


@pytest.fixture
def held(cast):
    """A held board meeting whose minutes are published, with Mel's declaration on item 2 ruled "must withdraw"."""
    cast.board.quorum = 2
    cast.board.save()
    meeting = MeetingFactory(
        body=cast.board,
        starts_at=at(2009, 4, 30),
        status=MeetingStatus.MINUTES_PUBLISHED,
        agenda_published_at=at(2009, 4, 20),
    )
    AgendaItemFactory(meeting=meeting, number=1, title="Apologies")
    item = AgendaItemFactory(meeting=meeting, number=2, title="Youth centre grant")
    for user, membership in ((cast.chair, cast.chair_membership), (cast.member, cast.member_membership)):
        AttendanceFactory(meeting=meeting, person=user.person, membership=membership)
    declaration = DeclarationFactory(
        item=item,
        person=cast.member.person,
        description=f"Brother runs the bidder {RULINGS_MARKER}",
        recorded_by=cast.member,
    )
    Ruling.objects.create(
        declaration=declaration, outcome=Outcome.WITHDRAW, reasons=f"Close family {RULINGS_MARKER}", ruled_by=cast.chair
    )
    Minutes.objects.create(meeting=meeting, status=MinutesStatus.DRAFT, published_at=timezone.now())
    return meeting


@pytest.fixture
def rulings_world(cast):
    """Declarations on board and forum items (one meeting's minutes approved), rulings, disputes, and two logins:
    Lee Legal, consulted on one dispute, and Vera Vane, vice chair of the board."""
    board_meeting = MeetingFactory(body=cast.board)
    approved = MeetingFactory(body=cast.board)
    Minutes.objects.create(meeting=approved, status=MinutesStatus.APPROVED)
    forum_meeting = MeetingFactory(body=cast.forum)
    items = [AgendaItemFactory(meeting=m, number=n) for m in (board_meeting, approved, forum_meeting) for n in (1, 2)]
    declarations = [
        DeclarationFactory(item=items[0], person=cast.member.person),
        DeclarationFactory(item=items[1], person=cast.chair.person),
        DeclarationFactory(item=items[2], person=cast.member.person),
        DeclarationFactory(item=items[4], person=cast.other_member.person),
    ]
    rulings = [
        Ruling.objects.create(declaration=d, outcome=Outcome.NOTED, reasons="x", ruled_by=cast.secretariat)
        for d in declarations[1:]
    ]
    disputes = [
        Dispute.objects.create(ruling=rulings[1], raised_by=cast.member, grounds="g"),
        Dispute.objects.create(ruling=rulings[2], raised_by=cast.other_member, grounds="g"),
        Dispute.objects.create(
            ruling=rulings[0],
            raised_by=cast.chair,
            grounds="g",
            status=DisputeStatus.RESOLVED,
            resolution_outcome=Outcome.NOTED,
            resolution_reasons="r",
            resolved_at=board_meeting.starts_at,
        ),
    ]
    legal = UserFactory(email="lee@example.org")
    PersonFactory(name="Lee Legal", user=legal)
    assign_perm("declarations.consult_on_dispute", legal, disputes[0])
    vice = UserFactory(email="vera@example.org")
    MembershipFactory(person=PersonFactory(name="Vera Vane", user=vice), body=cast.board, role=Role.VICE_CHAIR)
    users = {who: getattr(cast, who) for who in CAST_KEYS}
    users.update(anonymous=AnonymousUser(), legal=legal, vice=vice)
    return users


@pytest.fixture
def recorded(cast):
    """Mel's declaration, ruled a disbarment from a project, and Mel's confirmed register: one of each
    append-only record, by model."""
    item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board), number=1, title="Youth centre")
    declaration = DeclarationFactory(item=item, person=cast.member.person, description="Sister bids")
    rule_on_declaration(
        declaration, by=cast.chair, outcome=Outcome.DISBARRED_PROJECT, reasons="Bidder.", project="Youth centre"
    )
    interest_actions.confirm_register(cast.member.person, by=cast.member)
    return {
        Declaration: declaration,
        Disbarment: Disbarment.objects.get(),
        RegisterConfirmation: RegisterConfirmation.objects.get(),
    }


# Declarations in the minutes


@pytest.fixture
def minuted(cast):
    """The meetings tests' scene with its minutes drafted and filled in; its canonical text is scenario.EXPECTED."""
    return minute(build_scene(cast))


@pytest.fixture
def declared(minuted):
    """The minuted scene, with Tim's business interest in the constitution item noted as declared in the meeting."""
    minuted.declaration = declare_interest(
        minuted.items.constitution,
        by=minuted.cast.secretariat,
        person=minuted.tim.person,
        kind=InterestKind.BUSINESS,
        description="Director of a firm bidding for the contract  \r\nA second line.",
        made=DeclarationWhen.IN_MEETING,
    )
    return minuted
