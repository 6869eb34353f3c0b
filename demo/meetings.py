"""Meetings for the demo partnership: the LSP of 30 April 2009, its next meeting, and one coming up.

`load_meetings()` is called by `demo.framework.load_demo()` at the end of the
demo load, inside the same transaction, so it runs exactly once.

The 30 April 2009 meeting follows the partnership's own minutes (seed 003):
who came, who sent apologies, the twelve items, the decisions and the actions.
Names, dates, titles and the substance of each decision are facts from those
minutes; every summary below is written afresh for the demo. The Commissioning
Board meeting a few days from the load date is invented, so that the demo
always has a published pack with papers, one of them late and one confidential.
So are the Board's two meetings before it, entered from the paper record through
the secretariat's actions: the earlier one's minutes are approved and wait for
the chair's signature, so that the demo chair can sign them.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.utils import timezone

from bodies.models import Body, Membership
from demo.forward_plan import load_forward_plan
from meetings.actions import agenda as actions_agenda
from meetings.actions import minutes as actions_minutes
from meetings.actions import votes as actions_votes
from meetings.actions.replies import reply_to_meeting
from meetings.minutes_text import canonical_text
from meetings.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Capacity,
    Decision,
    ItemKind,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Paper,
    PaperVersion,
    ReplyAnswer,
    StandingRole,
    VoteWay,
    canonical_hash,
)
from partnership import dates
from partnership.audit import validated_save

D = datetime.date

LSP_SLUG = "lsp"
BOARD_SLUG = "commissioning-board"
APRIL_MEETING = D(2009, 4, 30)
# 003 closes by fixing the next meeting for 2pm on Thursday 30 July 2009, venue to follow.
JULY_MEETING = D(2009, 7, 30)
# The coming Commissioning Board meeting: five days after the demo is loaded, so
# its circulation deadline (a week before, Agreement 10.4) has just passed and
# one paper sent out since then shows as late.
COMING_IN_DAYS = 5
PACK_DAYS_BEFORE = 8


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


# -- The LSP, 30 April 2009 (003) --------------------------------------------------


@dataclass(frozen=True)
class Present:
    person: str  # key in demo.framework.PEOPLE
    capacity: str = Capacity.MEMBER
    status: str = AttendanceStatus.PRESENT
    role: str = ""
    organisation: str = ""


# Role and organisation as the minutes print them (so "CHAWREC", "Job Centre Plus").
# The minutes also list NHS Western Cheshire, West Cheshire College and Cheshire
# Fire and Rescue Service as sending apologies, and the University of Chester, the
# Chamber of Commerce and GONW with no one present, but name no person for any of
# them: attendance is recorded per person, so those six lines have no row. No
# named reserve stood in for a member at this meeting.
APRIL_ATTENDANCE = [
    Present("mike-jones", role="Chair; Leader", organisation="Cheshire West and Chester Council"),
    Present("steve-robinson", role="Vice Chair; Chief Executive", organisation="Cheshire West and Chester Council"),
    Present("tim-jackson", organisation="Cheshire Constabulary"),
    Present("moira-chapman", organisation="Cheshire Police Authority"),
    Present("steve-jennings", organisation="Cheshire Housing Alliance"),
    Present("rita-waters", organisation="Chester Renaissance"),
    Present("john-davidson", organisation="Cheshire Probation Service"),
    Present("jackie-weaver", organisation="ChALC"),
    Present("alison-roylance-white", organisation="Cheshire Community Action"),
    Present("jane-staley", role="Environmental Sustainability Partnership Chair", organisation="Third Sector Assembly"),
    Present("chris-brown", organisation="Visit Chester and Cheshire"),
    Present("chris-koral", organisation="North West Development Agency"),
    Present("steve-hoy", organisation="Connexions"),
    Present("john-barber", organisation="Learning and Skills Council"),
    Present("eric-bowers", organisation="CHAWREC"),
    Present("charlie-seward", organisation="Cheshire West and Chester Council"),
    Present("mark-wilson", organisation="Job Centre Plus"),
    # The apologies name people only.
    *[
        Present(key, status=AttendanceStatus.APOLOGIES)
        for key in ("helen-bellairs", "john-church", "sara-mogel", "tim-wheeler", "mark-cashin")
    ],
    *[Present(key, Capacity.SUPPORT) for key in ("alistair-jeffs", "alison-armstrong", "robbie-taylor")],
    *[Present(key, Capacity.VISITOR) for key in ("evan-morris", "steve-kent", "clare-babbs")],
]


@dataclass(frozen=True)
class Act:
    text: str
    due_on: D
    owners: tuple = ()  # person keys, where the minutes name someone
    owner_note: str = ""
    status_note: str = ""


@dataclass(frozen=True)
class Item:
    title: str
    kind: str = ItemKind.DISCUSSION
    standing_role: str = ""
    presenter: str = ""
    description: str = ""
    discussion: str = ""
    decisions: tuple = ()
    actions: tuple = ()
    taken_with: int | None = None  # the number of the item this one was taken with
    paper: "Cover | None" = None  # its paper; a confidential paper makes the item confidential too


_NEXT = JULY_MEETING

APRIL_ITEMS = [
    Item(
        "Welcome, introductions and apologies",
        ItemKind.INFORMATION,
        StandingRole.APOLOGIES,
        presenter="Mike Jones",
        discussion="The chair greeted everyone in the Council Chamber; those present introduced themselves and the "
        "apologies above were recorded.",
    ),
    Item(
        "Minutes of previous meeting and matters arising",
        ItemKind.DECISION,
        StandingRole.PREVIOUS_MINUTES,
        discussion="Matters arising, community representation: the shadow LSP had asked how communities could have "
        "a stronger voice on the board, and a first paper of options proposed one route. ChALC already brings the "
        "rural view, so the open question is who speaks for the towns; one of the five Area Partnership Board "
        "chairs still to join might do so. The board wanted more detail before deciding.",
        decisions=("The minutes of the shadow LSP meeting of 24 February 2009 were approved as a correct record.",),
        actions=(
            Act(
                "Bring a fuller paper of options on community representation to the next meeting for a decision.",
                _NEXT,
                owner_note="Secretariat",
            ),
        ),
    ),
    Item(
        "Constitution of the Local Strategic Partnership",
        discussion="Items 3 and 4 were taken together: the Constitution and the Agreement and Protocols are companion "
        "documents for running the new partnership, and the main parts of each were outlined. The Agreement now "
        "reflects partners' first comments, with corrected membership lists and a new paragraph 16.4 committing "
        "every constituent body to an equality statement and an equality impact assessment. A section on the "
        "sub-regional and regional partnerships will follow once they are settled, and culture, though it sits "
        "with the Business, Enterprise and Culture theme, is to run through the whole framework.\n\n"
        "The draft Constitution returns for endorsement at the next meeting. Members noted section 3(iv) on named "
        "reserves and section 9 on the chair; Schedule 1 will list the area board chairs once known. A single "
        "partner wanting a special meeting asks the secretariat, which passes the request to the chair.",
        actions=(
            Act(
                "Consult more widely on the draft Constitution, then bring it with the Agreement and Protocols "
                "for endorsement at the next meeting.",
                _NEXT,
                owner_note="Secretariat",
            ),
            Act(
                "Confirm a named reserve for each partner organisation; a theme partnership would normally name its "
                "vice chair.",
                _NEXT,
                owner_note="All partners",
            ),
        ),
    ),
    Item(
        "Local Strategic Partnership Framework: Agreement and Protocols",
        taken_with=3,
        discussion="Taken with item 3, where the discussion and actions are recorded.",
    ),
    Item(
        "Thematic Partnerships: progress and work programme",
        ItemKind.INFORMATION,
        discussion="Each theme partnership gave a spoken update.\n\n"
        "Children and young people: the Trust Board has met twice and held a development session on its "
        "governance and its place beside the LSP; this year it works on its five LAA priorities, then on a "
        "commissioning framework.\n\n"
        "Environmental sustainability: its first meeting gave each of its LAA targets an owner, with delivery "
        "plans due by the end of May. It will concentrate where joint action adds most, such as climate change, "
        "and that choice and the new community strategy will settle its membership.\n\n"
        "Safer and stronger communities: the Crime and Disorder Reduction Partnership and the Safer and Stronger "
        "Communities Group meet together in full for the first time on 8 May, to settle officers, terms of "
        "reference, budget and the community safety strategic assessment. Several delivery plans already exist, "
        "written to trial the new performance framework.\n\n"
        "Business, enterprise and culture: Sara Mogel will chair, with Mark Wilson as vice chair. A planning "
        "workshop on its remit is being arranged, so that it has the right members and processes and can lead "
        "a joint answer to the downturn and the credit crunch.\n\n"
        "Health and wellbeing: the chair sent apologies.\n\n"
        "The Area Partnership Boards start meeting at the end of June, chaired by partner organisations to widen "
        "ownership; their links with the themes will be clearer once delivery plans set targets for each area. "
        "Membership lists will follow, the secretariat will support every layer, and the theme chairs' regular "
        "meetings will pick up issues that cut across themes.",
        actions=(
            Act(
                "Give the LSP a short spoken update from each theme partnership at every meeting.",
                _NEXT,
                owners=("jane-staley", "sara-mogel"),
                owner_note="and the chairs of the other theme partnerships",
            ),
        ),
    ),
    Item(
        "Local Strategic Partnership branding",
        discussion="A short paper offered three names, West Cheshire Together, West Cheshire People and West "
        "Cheshire Partnership, and a questionnaire to shape a logo was handed round. Partners wanted more time, "
        "and to try the names out in their own organisations first.",
        # 003 sets no date for either action: four weeks for replies is our assumption.
        actions=(
            Act(
                "Send a preferred name, or another suggestion, to Alison Armstrong or Robbie Taylor.",
                D(2009, 5, 29),
                owners=("alison-armstrong", "robbie-taylor"),
                owner_note="All partners, replying to the officers named",
                status_note="The partnership took the name West Cheshire Together.",
            ),
            Act(
                "Fill in the logo questionnaire and return it to the same officers.",
                D(2009, 5, 29),
                owners=("alison-armstrong", "robbie-taylor"),
                owner_note="All partners, replying to the officers named",
            ),
        ),
    ),
    Item(
        "Comprehensive Area Assessment (CAA): initial self assessment report",
        ItemKind.DECISION,
        discussion="The report described the first steps towards the Comprehensive Area Assessment. Each LSP is "
        "advised to assess itself first: are local needs becoming the right priorities, are the expected "
        "improvements being delivered, and which gaps must close before planning ahead? A gap analysis with the "
        "five theme partnerships will feed a State of the Borough report, and through it the five new area "
        "profiles and the evidence for the new community strategy.\n\n"
        "Early findings name seven fields for joint work: confidence, influence and engagement; performance "
        "management; sharing intelligence and good practice; equality and diversity; the partnership and "
        "commissioning framework; and, across everything, alcohol and the economic downturn. Partners liked the "
        "report's shape and asked it to record present successes, such as community cohesion and restorative "
        "justice, and to use newer figures, for example on prolific and priority offenders.",
        decisions=("A joint Area Assessment Action Group will be set up to take the work forward.",),
        # No dates in 003: a month for contributions, the autumn for the full assessment.
        actions=(
            Act(
                "Study the initial findings and add to the self-assessment as it develops.",
                D(2009, 6, 30),
                owner_note="Each theme partnership and partner",
            ),
            Act(
                "Complete a full self-assessment and share it with the Audit Commission for its view and advice.",
                D(2009, 9, 30),
                owner_note="Area Assessment Action Group",
            ),
        ),
    ),
    Item(
        "Local Area Agreement (LAA): performance management framework",
        ItemKind.DECISION,
        discussion="The report proposed a performance management framework for the LAA, for delivery planning, "
        "monitoring and timely reports to the LSP, the council and government: thorough without red tape, in "
        "nine plain stages. The first performance report comes in October, at the half-year; officers hope to "
        "bring an end of year one position to the July meeting, showing which indicators move and where data is "
        "missing. A joint group of performance managers would run the framework and help the themes.\n\n"
        "Officers are recording which partners the Local Government and Public Involvement in Health Act 2007 "
        "names as lead or contributing partners, to shape the delivery plans. A press release on the newly "
        "approved LAA is being prepared for the new LSP's first meeting.",
        decisions=("The performance management framework is to be put into practice.",),
        actions=(
            # No date in 003; the demo's Performance and Risk Managers Group begins on 1 June 2009.
            Act(
                "Set up a group of performance officers from the lead partners to run the framework.",
                D(2009, 6, 1),
                owner_note="Lead partners",
            ),
        ),
    ),
    Item(
        "West Cheshire Sustainable Community Strategy: development, timetable and consultation plan",
        ItemKind.DECISION,
        discussion="Officers walked through how the new community strategy will be drawn up and consulted on, "
        "using the diagram of its steps on page 5 of the report. The consultation keeps in step with the new "
        "Local Development Framework, the State of the Borough report and the area action plans, and the "
        "strategy should help partners line up their corporate plans and resources behind shared long-term "
        "priorities. Evidence will come from local, regional and national sources, each linked from the final "
        "document; the consultation will honour the Compact and include an LSP network event in the autumn.",
        decisions=(
            "The process in Appendix A of the report for producing the new Sustainable Community Strategy was agreed.",
            "The approvals needed in the early stages of the new strategy were delegated to the Thematic Leads.",
        ),
        actions=(
            # No date in 003; the demo's working group begins on 1 June 2009.
            Act(
                "Name officers for a Sustainable Community Strategy Working Group to gather evidence and run the "
                "consultation and engagement.",
                D(2009, 6, 1),
                owner_note="All partners",
            ),
        ),
    ),
    Item(
        "Migration Impact Fund bid",
        ItemKind.DECISION,
        discussion="A joint bid would let the Fire and Rescue Service take its free home safety assessments to legal "
        "migrant communities. If it succeeds it pays for two dedicated advocates in each unitary area taking part, "
        "presented as working for the LSP: £940k over two years from April 2010. The LSP will hear how it goes.",
        decisions=(
            "The LSP supported the joint bid to GONW for outside funding; the chair has since written to John Salt "
            "of Cheshire Fire and Rescue Service to confirm that support.",
        ),
    ),
    Item(
        "Local Safeguarding Children Board and CYP Trust Board",
        ItemKind.DECISION,
        discussion="An update on the Children's Trust Board and the Local Safeguarding Children Board. The decision "
        "paper proposed that the LSCB should, to begin with, report to the LSP and sit in the framework as the "
        "specialist theme partnership.",
        decisions=(
            "The LSP will oversee how the Children's Trust Board performs, as its block for children and young people.",
            "The LSP will have a formal link with the Local Safeguarding Children Board, so that the Board can bring "
            "its concerns to the partnership; the LSCB stays independent and statutory under the Children Act 2004.",
            "The functions and structure of the Children's Trust in paragraph 5.7 of the report were agreed; formal "
            "governance documents are being drafted for each partner agency on the Trust Board to approve.",
            "The board noted that the Children's Trust Board is not yet statutory: the Apprenticeships and Skills "
            "Bill will give it, from November 2009, a duty to prepare, publish, deliver and monitor the Children Plan.",
        ),
    ),
    Item(
        "Any other business",
        ItemKind.INFORMATION,
        StandingRole.OTHER_BUSINESS,
        discussion="The Third Sector Assembly's management group was about to meet and would report back. The Assembly "
        "has since chosen Arthur Neil as its chair and Tracy Fielding as vice chair. No decisions or actions.",
    ),
]
JULY_ITEMS = [
    Item("Welcome, introductions and apologies", ItemKind.INFORMATION, StandingRole.APOLOGIES),
    Item(
        "Minutes of the meeting of 30 April 2009 and matters arising", ItemKind.DECISION, StandingRole.PREVIOUS_MINUTES
    ),
    Item("Community representation on the LSP: options for decision", ItemKind.DECISION),
    Item("Partnership name and logo", ItemKind.DECISION),
    Item("Thematic Partnerships: progress reports", ItemKind.INFORMATION),
    Item("Local Area Agreement: position at the end of year one", ItemKind.INFORMATION),
    Item("Constitution and Agreement and Protocols: endorsement", ItemKind.DECISION),
    Item("Agreement and Protocols: further development", ItemKind.DECISION),
    Item("Any other business", ItemKind.INFORMATION, StandingRole.OTHER_BUSINESS),
]


# -- A Commissioning Board meeting a few days ahead (invented for the demo) -----------


@dataclass(frozen=True)
class Cover:
    """A paper's cover sheet and text. `late_reason` set: sent after the deadline."""

    title: str
    description: str
    purpose: str
    circulation: str
    action_required: str
    author: str
    text: str
    target_audience: str = "West Cheshire Together Commissioning Board"
    cross_reference: str = ""
    contact_details: str = "partnerships@example.org, 01632 960000"
    confidential_reason: str = ""
    late_reason: str = ""


_CONFIDENTIAL = "Commercially sensitive: bidders' prices and scores from a procurement that is still open."

BOARD_ITEMS = [
    Item("Apologies", ItemKind.INFORMATION, StandingRole.APOLOGIES),
    Item("Minutes of the previous meeting and matters arising", ItemKind.DECISION, StandingRole.PREVIOUS_MINUTES),
    Item(
        "Early help for families: joint commissioning",
        ItemKind.DECISION,
        presenter="Head of Commissioning, Children and Families",
        paper=Cover(
            "Early help for families: options for joint commissioning",
            "Three ways the council, the NHS and the police could buy early help for families together from April "
            "2027, with what each would cost and risk.",
            "To ask the Board to choose one option so that detailed planning can start.",
            "Commissioning Board members; the Children's Trust",
            "Choose one of the options in section 3 and ask officers for a delivery plan at the next meeting.",
            "Head of Commissioning (Children and Families), Cheshire West and Chester Council",
            "1. Purpose\nThis paper asks the Board to decide how partners will commission early help for families "
            "from April 2027.\n\n2. Where we are\nThe council, the NHS and the police each buy early help on their "
            "own, with three sets of contracts, referral routes and reports. Families say they tell their story "
            "several times before anyone acts.\n\n3. Options\nOption A: keep separate contracts, with one referral "
            "form and shared outcome measures.\nOption B: the council commissions a single service for all three "
            "partners from a pooled budget under a section 75 agreement.\nOption C: jointly commissioned teams in "
            "each of the five areas, with staff seconded by each partner.\n\n4. Recommendation\nOption B removes "
            "duplication soonest and gives one point of accountability.\n\n5. Risks\nEach partner's own governance "
            "must agree its share of the pooled budget, and the timetable to April 2027 is tight.",
            cross_reference="Children and Young People's Plan",
        ),
    ),
    Item(
        "Partnership performance report: quarter two",
        ItemKind.INFORMATION,
        presenter="Chair of the Performance and Risk Task Group",
        paper=Cover(
            "Partnership performance report: July to September",
            "Progress on the partnership's shared outcome measures in the second quarter of the year.",
            "To show the Board which shared measures are on track and where partners need to act.",
            "Commissioning Board members; Performance and Risk Task Group",
            "Note the report and agree which measures rated red come back with a recovery plan.",
            "Performance and Risk Task Group",
            "Summary\nOf 18 shared measures, 11 are on track, 5 are a little behind and 2 are off track. (The "
            "figures in this demo paper are illustrative.)\n\nOff track\n- Young people not in education, "
            "employment or training: 5.9% against a target of 4.5%.\n- Children referred again to social care "
            "within a year: 24% against a target of 20%.\n\nData notes\nSeptember figures from two partners are "
            "provisional and will be confirmed in the next report.",
            late_reason=(
                "Two partners' figures for September arrived after the deadline; the report went out as soon as "
                "they had been checked."
            ),
        ),
    ),
    Item(
        "Domestic abuse support service: award of contract",
        ItemKind.DECISION,
        presenter="Head of Procurement",
        description="The outcome of the tender for the borough-wide service and the recommended award.",
        paper=Cover(
            "Domestic abuse support service: tender outcome and recommended award",
            "The evaluation of the three bids for the borough-wide domestic abuse support service, and the bidder "
            "recommended.",
            "To ask the Board to agree the award.",
            "Commissioning Board members only",
            "Agree to award the contract to Bidder B, subject to the standstill period.",
            "Head of Procurement, Cheshire West and Chester Council",
            "Evaluation (quality 70%, price 30%)\nBidder A: 74 (quality 55, price 19).\nBidder B: 82 (quality 62, "
            "price 20).\nBidder C: 69 (quality 45, price 24).\n\nBidder B offers the service for £1.18m a year "
            "over three years, with an option to extend by two. Its bid scored highest on safety planning for "
            "children in the household.\n\nNext steps\nIf the Board agrees, all three bidders are told the result "
            "and the standstill period begins; the contract would start on 1 April 2027.",
            confidential_reason=_CONFIDENTIAL,
        ),
    ),
    Item(
        "Partner matters",
        ItemKind.INFORMATION,
        StandingRole.PARTNER_MATTERS,
        paper=Cover(
            "Volunteering in West Cheshire: partner briefing",
            "A short update from the Big Society Group on the refreshed volunteering plan.",
            "For information: what the plan asks of partners.",
            "Commissioning Board members; all partners",
            "Note the briefing and name a volunteering contact in each partner organisation.",
            "Big Society Group",
            "The refreshed plan has three aims: make it easier to start volunteering, keep volunteers for longer, "
            "and recognise what they do. Partners are asked to offer staff volunteering days, to list their "
            "opportunities in the shared directory, and to name one contact each by the end of January.",
        ),
    ),
    Item("Any other business", ItemKind.INFORMATION, StandingRole.OTHER_BUSINESS),
    Item("Date of the next meeting", ItemKind.INFORMATION, StandingRole.NEXT_MEETING),
]


# -- Loading ---------------------------------------------------------------------


def load_meetings(*, by, people):
    """Create the demo meetings; `people` maps demo person keys to Person rows."""
    lsp = Body.objects.get(slug=LSP_SLUG)
    april = _meeting(lsp, APRIL_MEETING, "Council Chamber, County Hall, Chester", MeetingStatus.MINUTES_PUBLISHED, by)
    _agenda(april, APRIL_ITEMS, people, by)
    _attendance(april, people, by)
    july = _meeting(lsp, JULY_MEETING, "", MeetingStatus.HELD, by)
    july_items = _agenda(july, JULY_ITEMS, people, by)
    # Mike Jones chaired and has a demo login; without one the officer would hold the signature.
    signer = people["mike-jones"].user or by
    validated_save(
        Minutes(
            meeting=april,
            status=MinutesStatus.SIGNED,
            drafted_at=_at(D(2009, 5, 7), 10),
            approved_at_item=july_items[1],
            approved_on=JULY_MEETING,
            signed_by=signer,
            signed_at=_at(JULY_MEETING, 16),
            signed_hash=canonical_hash(canonical_text(april)),
            published_at=_at(D(2009, 8, 4), 10),
        ),
        by,
    )
    coming = _coming_board_meeting(by)
    # The chair has said he will come; the demo member, Tim Jackson, has still to reply.
    if people["mike-jones"].user_id is not None:
        reply_to_meeting(
            coming, by=people["mike-jones"].user, answer=ReplyAnswer.ATTENDING, note="I may have to leave by 3.30pm."
        )
    _past_board_meetings(by, people)
    # What the bodies expect to decide next (issue 16).
    load_forward_plan(by=by, board_slug=BOARD_SLUG, lsp_slug=LSP_SLUG)


def _meeting(body, day, venue, status, by, **more):
    # The pack goes out eight days ahead: a day inside the week Agreement 10.4 asks for.
    published = _at(day - datetime.timedelta(days=PACK_DAYS_BEFORE), 10)
    meeting = Meeting(body=body, starts_at=_at(day, 14), venue=venue, status=status, **more)
    meeting.agenda_published_at = published
    return validated_save(meeting, by)


def _agenda(meeting, specs, people, by):
    items = []
    decisions = 0
    for number, spec in enumerate(specs, start=1):
        reason = spec.paper.confidential_reason if spec.paper else ""
        item = validated_save(
            AgendaItem(
                meeting=meeting,
                number=number,
                title=spec.title,
                kind=spec.kind,
                standing_role=spec.standing_role,
                presenter=spec.presenter,
                description=spec.description,
                discussion=spec.discussion,
                taken_with=items[spec.taken_with - 1] if spec.taken_with else None,
                confidential=bool(reason),
                confidential_reason=reason,
            ),
            by,
        )
        items.append(item)
        for text in spec.decisions:
            decisions += 1  # Numbered through the meeting, not per item.
            validated_save(Decision(item=item, number=decisions, text=text), by)
        for act in spec.actions:
            action = validated_save(
                Action(item=item, status=ActionStatus.DONE, **{k: v for k, v in vars(act).items() if k != "owners"}), by
            )
            action.owners.set([people[key] for key in act.owners])
    return items


def _attendance(meeting, people, by):
    day = timezone.localdate(meeting.starts_at)
    for spec in APRIL_ATTENDANCE:
        person = people[spec.person]
        membership = None
        if spec.capacity != Capacity.VISITOR:
            # The seat the person held that day; a reserve place is not the one they came in.
            membership = (
                Membership.objects.on(day)
                .filter(body=meeting.body, person=person)
                .exclude(role="named_reserve")
                .order_by("pk")
                .first()
            )
        validated_save(
            Attendance(
                meeting=meeting,
                person=person,
                capacity=spec.capacity,
                membership=membership,
                role_shown=spec.role,
                organisation_shown=spec.organisation,
                status=spec.status,
            ),
            by,
        )


def _coming_board_meeting(by):
    board = Body.objects.get(slug=BOARD_SLUG)
    today = dates.today()
    day = today + datetime.timedelta(days=COMING_IN_DAYS)
    meeting = _meeting(
        board,
        day,
        "Committee Room 1, Council HQ, Chester",
        MeetingStatus.AGENDA_PUBLISHED,
        by,
        ends_at=_at(day, 16),
        online_url="https://meet.example.org/commissioning-board",
    )
    # Sent after the deadline (a week before the meeting), yet before today.
    late = _at(today - datetime.timedelta(days=1), 16)
    for item in _agenda(meeting, BOARD_ITEMS, {}, by):
        cover = BOARD_ITEMS[item.number - 1].paper
        if cover:
            _paper(item, cover, late if cover.late_reason else meeting.agenda_published_at, by)
    return meeting


def _past_board_meetings(by, people):
    """The Board's last two meetings, entered from the paper record through the secretariat's own actions.

    The earlier one's minutes were approved at the later one but the paper copy
    was never signed: they wait for the chair's signature online.
    """
    today = dates.today()
    venue = "Committee Room 1, Council HQ, Chester"
    board = Body.objects.get(slug=BOARD_SLUG)
    coming = Meeting.objects.filter(body=board).upcoming().first()
    meetings = []
    for spec in PAST_BOARD_MEETINGS:
        day = today - datetime.timedelta(days=spec.days_ago)
        meeting = actions_agenda.record_past_meeting(
            board,
            by=by,
            starts_at=_at(day, 14),
            ends_at=_at(day, 16),
            venue=venue,
            business=[title for title, _ in spec.business],
        )
        meetings.append((meeting, spec))
    minutes = []
    for meeting, spec in meetings:
        actions_minutes.prepare_attendance(meeting, by=by)
        rows = {row.person_id: row for row in meeting.attendance.all()}
        away = people[spec.apologies].pk
        changes = [
            (row, AttendanceStatus.APOLOGIES if pk == away else AttendanceStatus.PRESENT, None, None)
            for pk, row in rows.items()
        ]
        actions_minutes.record_attendance(meeting, by=by, changes=changes)
        actions_minutes.add_attendee(meeting, by=by, capacity=Capacity.SUPPORT, person=people["alison-armstrong"])
        minutes.append(actions_minutes.draft_minutes(meeting, by=by))
        day = timezone.localdate(meeting.starts_at)
        items = {item.title: item for item in meeting.items.all()}
        by_role = {item.standing_role: item for item in items.values() if item.standing_role}
        for role, text in spec.standing:
            actions_minutes.edit_discussion(by_role[role], by=by, discussion=text)
        for title, business in spec.business:
            item = items[title]
            actions_minutes.edit_discussion(item, by=by, discussion=business.discussion)
            for text in business.decisions:
                actions_minutes.add_decision(item, by=by, text=text)
            for todo in business.actions:
                # An action open until the coming meeting is due on its day; the others were done.
                if todo.days is None:
                    due, status = timezone.localdate(coming.starts_at), ActionStatus.OPEN
                else:
                    due, status = day + datetime.timedelta(days=todo.days), ActionStatus.DONE
                actions_minutes.add_action(
                    item,
                    by=by,
                    text=todo.text,
                    owners=[people[key] for key in todo.owners],
                    owner_note=todo.owner_note,
                    due_on=due,
                    status=status,
                )
    (earlier, _), (later, _) = meetings
    _recorded_vote(earlier, by)
    at_item = later.items.get(standing_role=StandingRole.PREVIOUS_MINUTES)
    actions_minutes.approve_minutes(minutes[0], by=by, at_item=at_item)
    return earlier, later


# The decision the demo records a vote on (issue 16), while its minutes are a draft.
VOTED_ON = "Domestic abuse support service: approval to tender"


def _recorded_vote(meeting, by):
    """Every seat present for the tender item voted: all for it but one, who abstained."""
    decision = Decision.objects.get(item__meeting=meeting, item__title=VOTED_ON)
    voters = actions_votes.voters(decision).eligible
    ways = {row.pk: VoteWay.FOR for row in voters}
    ways[voters[-1].pk] = VoteWay.ABSTAIN
    actions_votes.record_votes(decision, by=by, ways=ways)


@dataclass(frozen=True)
class Todo:
    """An action given at a past Board meeting: done `days` after it, or (None) open until the coming meeting."""

    text: str
    days: int | None
    owners: tuple = ()  # person keys
    owner_note: str = ""


@dataclass(frozen=True)
class Business:
    discussion: str
    decisions: tuple = ()
    actions: tuple = ()


@dataclass(frozen=True)
class PastMeeting:
    days_ago: int
    apologies: str  # person key
    standing: tuple  # (standing role, discussion)
    business: tuple  # (title, Business)


_NONE_RAISED = (
    (StandingRole.PARTNER_MATTERS, "No partner matters were raised."),
    (StandingRole.OTHER_BUSINESS, "There was no other business."),
)

# Invented for the demo, as the coming meeting is: a quarterly Board, about 24 and 11 weeks before the load.
PAST_BOARD_MEETINGS = [
    PastMeeting(
        days_ago=168,
        apologies="john-davidson",
        standing=(
            (
                StandingRole.PREVIOUS_MINUTES,
                "The minutes of the Board's previous meeting were agreed as an accurate record. They are kept on "
                "paper by the partnerships team.",
            ),
            *_NONE_RAISED,
        ),
        business=(
            (
                "Domestic abuse support service: approval to tender",
                Business(
                    "Three separate support contracts end next spring. Officers proposed one service for the whole "
                    "borough in their place, bought through an open tender. Members asked for the safety of children "
                    "in the household to carry real weight in the quality score, and for people who have used the "
                    "current services to help write the specification.",
                    decisions=(
                        "The Board agreed to tender for a single borough-wide domestic abuse support service for "
                        "three years, with an option to extend by two, weighting quality at 70% and price at 30%.",
                    ),
                    actions=(
                        Todo(
                            "Run the tender and bring the evaluation and a recommended award to the Board.",
                            None,
                            owner_note="Head of Procurement",
                        ),
                    ),
                ),
            ),
            (
                "Early help for families: the case for commissioning together",
                Business(
                    "Partners described families being passed between three early help services, each with its own "
                    "referral form and its own reports. The Board accepted that buying early help together should "
                    "work better for families, but wanted costed models before choosing one.",
                    actions=(
                        Todo(
                            "Set out the possible models for commissioning early help together, with an outline of "
                            "costs and risks, for the next meeting.",
                            56,
                            owner_note="Head of Commissioning, Children and Families",
                        ),
                    ),
                ),
            ),
            (
                "Partnership performance report: January to March",
                Business(
                    "Most shared measures finished the year on track. The Board asked for the two furthest behind, "
                    "young people not in education, employment or training and repeat referrals to children's "
                    "social care, to come back with what partners are doing about each.",
                    actions=(
                        Todo(
                            "Report what each partner is doing on the two measures furthest behind.",
                            84,
                            owners=("tim-jackson",),
                            owner_note="Performance and Risk Task Group",
                        ),
                    ),
                ),
            ),
        ),
    ),
    PastMeeting(
        days_ago=77,
        apologies="mark-wilson",
        standing=_NONE_RAISED,
        business=(
            (
                "Early help for families: possible models",
                Business(
                    "Officers outlined three models: separate contracts with shared measures, one service bought "
                    "by the council from a pooled budget, or joint teams in each area. Members leaned towards a "
                    "pooled budget but asked each partner's finance lead to confirm what they could put in.",
                    decisions=("A full options paper with costs will come to the next meeting for a decision.",),
                ),
            ),
            (
                "Partnership performance report: April to June",
                Business(
                    "Ten of the eighteen shared measures were on track at the end of June. Partners set out their "
                    "work on the two measures the Board had asked about; the figures for young people not in "
                    "education, employment or training are expected to improve after the autumn enrolments.",
                ),
            ),
        ),
    ),
]


def _paper(item, cover, circulated_at, by):
    sheet = {name: value for name, value in vars(cover).items() if name != "text"}
    paper = Paper(
        meeting=item.meeting,
        item=item,
        confidential=bool(cover.confidential_reason),
        publication_date=timezone.localdate(circulated_at),
        created_at=circulated_at - datetime.timedelta(hours=2),
        **sheet,
    )
    paper.circulated_at = circulated_at
    validated_save(paper, by)
    text = cover.text.encode("utf-8")
    version = PaperVersion(paper=paper, number=1, text=cover.text, sha256=hashlib.sha256(text).hexdigest())
    version.created_at, version.created_by = paper.created_at, by
    validated_save(version, by)
    return paper


def verify():
    """Describe what is missing from the loaded demo meetings (empty when all is well)."""
    problems = []
    if not Meeting.objects.filter(body__slug=LSP_SLUG, starts_at=_at(APRIL_MEETING, 14)).exists():
        problems.append("The demo LSP meeting of 30 April 2009 is missing.")
    if not Meeting.objects.filter(body__slug=BOARD_SLUG).upcoming().exists():
        problems.append(
            "The demo Commissioning Board meeting has passed; load the demo into a fresh database for a coming one."
        )
    return problems


def counts():
    return {"meetings": Meeting.objects.count(), "papers": Paper.objects.count()}
