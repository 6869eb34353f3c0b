"""Registers and declarations for the demo partnership: interests, gifts and hospitality, rulings, a dispute.

`load_declarations()` is called by `demo.framework.load_demo()` as its last
step, inside the same transaction, so it runs exactly once. It writes rows
through the ORM (validated with `full_clean()`), not through the declarations
actions, so the demo does not depend on the screens being built beside it.

Everything here is invented for the demo: the 2009 minutes (seed 003) record
no declaration of interest, so the verbal declaration at that meeting is an
illustration of how one would be noted, not a fact from the papers.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.password_validation import validate_password
from django.utils import timezone
from guardian.shortcuts import assign_perm

from declarations.models import (
    AdviceRequest,
    Declaration,
    DeclarationWhen,
    Dispute,
    DisputeStatus,
    Gift,
    GiftDecision,
    GiftKind,
    GiftsSettings,
    Holder,
    Interest,
    InterestKind,
    Outcome,
    RegisterConfirmation,
    Ruling,
)
from demo import meetings as demo_meetings
from meetings.minutes_text import canonical_text
from meetings.models import AgendaItem, Meeting, Minutes, canonical_hash
from partnership import dates, public_cache
from partnership.actions import save_person
from partnership.audit import validated_save
from partnership.models import Organisation, Person, User

D = datetime.date

# The Head of Legal, whom the secretariat designates to advise on the open dispute (Agreement 11.1.5).
LEGAL_EMAIL = "legal@example.org"
LEGAL_NAME = "Rachel Okafor"
LEGAL_ROLE = "Head of Legal (consulted on the open dispute only)"

# The partnership's settings for the gifts register: publish from £25, declare within 28 days.
PUBLISH_THRESHOLD = Decimal("25")
DECLARE_WITHIN_DAYS = 28

# The 2009 item the illustrative verbal declaration is made on: the Migration Impact Fund bid (item 10).
APRIL_ITEM = 10
# The coming Board meeting's items (see demo_meetings.BOARD_ITEMS).
EARLY_HELP_ITEM = 3
PROCUREMENT_ITEM = 5


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _april_meeting():
    return Meeting.objects.get(body__slug=demo_meetings.LSP_SLUG, starts_at=_at(demo_meetings.APRIL_MEETING, 14))


def _coming_meeting():
    return Meeting.objects.filter(body__slug=demo_meetings.BOARD_SLUG).upcoming().order_by("starts_at").first()


# -- The register of interests ------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    person: str  # key in demo.framework.PEOPLE
    kind: str
    description: str
    start: D
    holder: str = Holder.MEMBER
    org: str = ""  # organisation slug
    matter: str = ""
    more_than_one_role: bool = False
    end: D | None = None
    withheld_reason: str = ""


INTERESTS = {
    "jones-fire": Entry(
        "mike-jones",
        InterestKind.ORGANISATIONAL,
        "Sits on the Cheshire Fire Authority as one of the council's appointed members, as well as leading "
        "the council: two roles that can meet on the same business.",
        D(2009, 6, 1),
        org="cheshire-fire-authority",
        more_than_one_role=True,
    ),
    "jones-renaissance": Entry(
        "mike-jones",
        InterestKind.PERSONAL,
        "His wife served, unpaid, on the advisory panel of Chester Renaissance until the company wound up "
        "its city centre programme.",
        D(2010, 1, 1),
        holder=Holder.HOUSEHOLD,
        org="chester-renaissance",
        end=D(2011, 3, 31),
    ),
    "jackson-bidder": Entry(
        "tim-jackson",
        InterestKind.PERSONAL,
        "His sister is a trustee of a voluntary organisation that has bid for the borough's domestic abuse "
        "support service.",
        D(2022, 5, 1),
        holder=Holder.CONNECTED,
        matter="Domestic abuse support service",
        withheld_reason=(
            "It would identify a bidder while the procurement is still open; it will be shown once the "
            "contract has been awarded."
        ),
    ),
    "jackson-early-help": Entry(
        "tim-jackson",
        InterestKind.PERSONAL,
        "His partner works as a family support worker for a charity the council pays to provide early help.",
        D(2019, 9, 1),
        holder=Holder.HOUSEHOLD,
        matter="Early help",
    ),
    "bowers-chawrec": Entry(
        "eric-bowers",
        InterestKind.ORGANISATIONAL,
        "A trustee of CHaWREC, which works with migrant communities and could be asked to help deliver work "
        "paid for by the Migration Impact Fund.",
        D(2007, 10, 1),
        org="chawrec",
    ),
    "staley-consultancy": Entry(
        "jane-staley",
        InterestKind.BUSINESS,
        "Owns a small consultancy that helps voluntary groups write funding bids; none of its present clients "
        "is a partner organisation.",
        D(2008, 3, 1),
        matter="Advice to voluntary groups on funding bids",
    ),
}

# Who has confirmed their register, and how many days before the load.
CONFIRMATIONS = {"mike-jones": 40, "tim-jackson": 200, "eric-bowers": 15}


# -- Gifts and hospitality ------------------------------------------------------------


@dataclass(frozen=True)
class Offer:
    person: str
    kind: str
    offered_by: str
    description: str
    value: str
    offered_days_ago: int
    declared_days_ago: int
    decision: str
    reason: str


GIFTS = {
    "jones-awards-dinner": Offer(
        "mike-jones",
        GiftKind.HOSPITALITY,
        "Organisers of the Cheshire Business Awards",
        "A place at the awards dinner, to present the partnership's community award.",
        "85.00",
        60,
        57,
        GiftDecision.ACCEPTED,
        "He went to present an award on the partnership's behalf; the dinner was part of that duty.",
    ),
    "jackson-whisky": Offer(
        "tim-jackson",
        GiftKind.GIFT,
        "A security systems supplier",
        "A bottle of single malt whisky sent at Christmas.",
        "40.00",
        30,
        29,
        GiftDecision.REFUSED,
        "The firm hopes to sell to partners; the bottle was sent back with a note, as advised.",
    ),
    "jackson-lunch": Offer(
        "tim-jackson",
        GiftKind.HOSPITALITY,
        "Cheshire Community Action",
        "A sandwich lunch at a volunteering fair where he spoke.",
        "8.00",
        20,
        18,
        GiftDecision.ACCEPTED,
        "Offered to every speaker; modest and of no influence.",
    ),
    "staley-notebook": Offer(
        "jane-staley",
        GiftKind.GIFT,
        "A conference organiser",
        "A branded notebook and pen handed to each delegate.",
        "6.00",
        45,
        40,
        GiftDecision.ACCEPTED,
        "Given to all delegates alike.",
    ),
    "jennings-racecourse": Offer(
        "steve-jennings",
        GiftKind.HOSPITALITY,
        "A building contractor",
        "Two seats in a private box at Chester Racecourse on a race day.",
        "180.00",
        12,
        10,
        GiftDecision.REFUSED,
        "The contractor works for housing partners and could seek more work; accepting could look like influence.",
    ),
    # Declared 50 days after the offer: late against the 28 days the partnership allows.
    "bowers-dinner": Offer(
        "eric-bowers",
        GiftKind.HOSPITALITY,
        "Host of a regional equality conference",
        "Dinner for speakers on the evening before the conference.",
        "45.00",
        100,
        50,
        GiftDecision.ACCEPTED,
        "He spoke at the conference for the partnership; the dinner was for all the speakers.",
    ),
}


# -- Loading ---------------------------------------------------------------------


def load_declarations(*, by, people, password):
    """Create the demo registers, declarations, rulings and the open dispute.

    `by` is the secretariat officer's user; `people` maps demo person keys to
    Person rows; `password` is the demo password for the Head of Legal's login.
    """
    today = dates.today()
    _gifts_settings(by)
    interests = {key: _interest(entry, people, by) for key, entry in INTERESTS.items()}
    for key, days in CONFIRMATIONS.items():
        validated_save(
            RegisterConfirmation(person=people[key], confirmed_at=_at(today - datetime.timedelta(days=days), 9)), by
        )
    gifts = {key: _gift(offer, people, by, today) for key, offer in GIFTS.items()}
    _advice(people, gifts, by, today)
    _april_declaration(people, interests, by)
    legal = _head_of_legal(password, by)
    _board_declarations(people, interests, legal, by)


def _gifts_settings(by):
    if not GiftsSettings.objects.exists():
        validated_save(GiftsSettings(publish_threshold=PUBLISH_THRESHOLD, declare_within_days=DECLARE_WITHIN_DAYS), by)


def _interest(entry, people, by):
    return validated_save(
        Interest(
            person=people[entry.person],
            kind=entry.kind,
            holder=entry.holder,
            description=entry.description,
            organisation=Organisation.objects.get(slug=entry.org) if entry.org else None,
            matter=entry.matter,
            more_than_one_role=entry.more_than_one_role,
            start=entry.start,
            end=entry.end,
            withheld=bool(entry.withheld_reason),
            withheld_reason=entry.withheld_reason,
            created_at=_at(entry.start, 10),
            created_by=by,
        ),
        by,
    )


def _gift(offer, people, by, today):
    person = people[offer.person]
    return validated_save(
        Gift(
            person=person,
            kind=offer.kind,
            offered_by=offer.offered_by,
            description=offer.description,
            estimated_value=Decimal(offer.value),
            offered_on=today - datetime.timedelta(days=offer.offered_days_ago),
            decision=offer.decision,
            reason=offer.reason,
            declared_at=_at(today - datetime.timedelta(days=offer.declared_days_ago), 11),
            recorded_by=person.user or by,
        ),
        by,
    )


def _advice(people, gifts, by, today):
    board = _coming_meeting().body
    whisky = gifts["jackson-whisky"]
    asked = _at(whisky.offered_on, 15)
    validated_save(
        AdviceRequest(
            person=people["tim-jackson"],
            body=board,
            question="A firm that sells security systems has sent me a bottle of whisky. May I keep it?",
            asked_at=asked,
            answer="Please send it back with a short thank-you note and register the offer as refused: the firm "
            "may bid for partners' work, so keeping it could be seen as influence.",
            answered_by=by,
            answered_at=asked + datetime.timedelta(hours=20),
            gift=whisky,
        ),
        by,
    )
    validated_save(
        AdviceRequest(
            person=people["mark-wilson"],
            body=board,
            question="A national employment charity has asked me to speak at its conference in Manchester and "
            "offers to pay my rail fare and a night in a hotel. Should I accept, and do I need to declare it?",
            asked_at=_at(today - datetime.timedelta(days=2), 16),
        ),
        by,
    )


def _april_declaration(people, interests, by):
    # Illustrative: the minutes of 30 April 2009 (003) record no declaration. Item 10
    # (the Migration Impact Fund bid) is one where a trustee of CHaWREC might well
    # have declared an interest aloud, so the demo notes one there.
    meeting = _april_meeting()
    item = AgendaItem.objects.get(meeting=meeting, number=APRIL_ITEM)
    declaration = validated_save(
        Declaration(
            item=item,
            person=people["eric-bowers"],
            interest=interests["bowers-chawrec"],
            kind=InterestKind.ORGANISATIONAL,
            description="Said that CHaWREC, of which he is a trustee, works with the communities the bid would "
            "reach and might be asked to help deliver it.",
            made=DeclarationWhen.IN_MEETING,
            recorded_by=by,
            recorded_at=_at(meeting.starts_at.date(), 15, 40),
        ),
        by,
    )
    chair = people["mike-jones"].user or by
    validated_save(
        Ruling(
            declaration=declaration,
            outcome=Outcome.NOTED,
            reasons="The LSP was only asked to support a bid made by the Fire and Rescue Service; no money or "
            "contract would pass to CHaWREC through this decision.",
            ruled_by=chair,
            ruled_at=_at(meeting.starts_at.date(), 15, 45),
        ),
        by,
    )
    # The declaration was made before the minutes were signed; if the minutes' canonical
    # text includes declarations, the signed hash must be the hash of that full record.
    minutes = Minutes.objects.get(meeting=meeting)
    current = canonical_hash(canonical_text(meeting))
    if minutes.signed_hash != current:
        Minutes.objects.filter(pk=minutes.pk).update(signed_hash=current)
        public_cache.changed(Minutes)


def _head_of_legal(password, by):
    user = User.objects.filter(email__iexact=LEGAL_EMAIL).first()
    if user is None:
        validate_password(password)
        user = User.objects.create_user(LEGAL_EMAIL, password)
    person = Person.objects.filter(email__iexact=LEGAL_EMAIL).first()
    if person is None:
        person = save_person(
            Person(
                name=LEGAL_NAME,
                email=LEGAL_EMAIL,
                job_title="Head of Legal",
                organisation=Organisation.objects.get(slug="cwac"),
                notes="Designated by the secretariat to advise the chair of the partnership board on disputed "
                "rulings (Agreement 11.1.5); a demo person.",
            ),
            by=by,
        )
    if person.user_id is None:
        person.user = user
        save_person(person, by=by)
    return person


def _board_declarations(people, interests, legal, by):
    meeting = _coming_meeting()
    items = {item.number: item for item in AgendaItem.objects.filter(meeting=meeting)}
    member = people["tim-jackson"]
    chair = people["mike-jones"].user or by
    # Declared while reading the pack, the day after it went out; ruled on the next morning.
    declared_on = timezone.localdate(meeting.agenda_published_at) + datetime.timedelta(days=1)
    ruled_on = declared_on + datetime.timedelta(days=1)

    withdraw = validated_save(
        Declaration(
            item=items[PROCUREMENT_ITEM],
            person=member,
            interest=interests["jackson-bidder"],
            kind=InterestKind.PERSONAL,
            description="My sister is a trustee of one of the organisations that bid for this contract.",
            made=DeclarationWhen.IN_ADVANCE,
            recorded_by=member.user or by,
            recorded_at=_at(declared_on, 9, 30),
        ),
        by,
    )
    validated_save(
        Ruling(
            declaration=withdraw,
            outcome=Outcome.WITHDRAW,
            reasons="A close relative governs one of the bidders, so any part he took in the award could be seen "
            "to favour it. He should leave the room for this item and see none of its papers.",
            ruled_by=chair,
            ruled_at=_at(ruled_on, 10),
        ),
        by,
    )

    speak = validated_save(
        Declaration(
            item=items[EARLY_HELP_ITEM],
            person=member,
            interest=interests["jackson-early-help"],
            kind=InterestKind.PERSONAL,
            description="My partner works for a charity that the council pays to provide early help for families.",
            made=DeclarationWhen.IN_ADVANCE,
            recorded_by=member.user or by,
            recorded_at=_at(declared_on, 9, 45),
        ),
        by,
    )
    ruling = validated_save(
        Ruling(
            declaration=speak,
            outcome=Outcome.SPEAK_NOT_VOTE,
            reasons="The choice of option could change who provides early help, including his partner's employer. "
            "His knowledge of policing families in crisis is valuable, so he may speak but should not vote.",
            ruled_by=chair,
            ruled_at=_at(ruled_on, 10, 15),
        ),
        by,
    )
    dispute = validated_save(
        Dispute(
            ruling=ruling,
            raised_by=member.user or by,
            grounds="None of the three options would hand work to my partner's employer over any other provider, "
            "and she has no say in whether it bids. I ask to be allowed to vote.",
            raised_at=_at(ruled_on, 16),
            status=DisputeStatus.OPEN,
            head_of_legal=legal,
        ),
        by,
    )
    assign_perm("declarations.consult_on_dispute", legal.user, dispute)


# -- Checks and counts -------------------------------------------------------------


def verify():
    """Describe what is missing from the loaded demo registers (empty when all is well)."""
    problems = []
    if not Interest.objects.filter(person__email__iexact="mike.jones@example.org").exists():
        problems.append("The demo register of interests is missing; load the demo into a fresh database.")
    if not Gift.objects.exists():
        problems.append("The demo gifts and hospitality register is missing.")
    dispute = Dispute.objects.filter(status=DisputeStatus.OPEN, head_of_legal__email__iexact=LEGAL_EMAIL).first()
    if dispute is None:
        problems.append("The demo's open dispute with its Head of Legal is missing.")
    else:
        user = User.objects.filter(email__iexact=LEGAL_EMAIL).first()
        if user is None or not user.has_perm("declarations.consult_on_dispute", dispute):
            problems.append(f"The Head of Legal ({LEGAL_EMAIL}) cannot consult on the demo's open dispute.")
    return problems


def logins(password):
    return [(LEGAL_EMAIL, password, LEGAL_ROLE)]


def counts():
    return {
        "interests": Interest.objects.count(),
        "gifts and hospitality entries": Gift.objects.count(),
        "declarations": Declaration.objects.count(),
    }
