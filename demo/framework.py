"""The demo partnership: West Cheshire Together as its own papers show it, 2009-2011.

`load_demo()` builds the partner organisations, the framework of April 2009,
the people at the LSP meeting of 30 April 2009 and the reshaping of spring
2011, through the same actions the secretariat uses. It runs as one unit
(partnership.transactions.several_actions) and does nothing if the demo is
already there, so running it twice changes nothing. Its last step loads the meetings (`demo.meetings`):
the LSP of 30 April 2009 with its signed minutes, and a Board meeting a few days ahead.
Then it loads the registers of interests and of gifts and hospitality, declarations with
their rulings and a dispute in progress (`demo.declarations`).

Facts (names, dates, roles, clause numbers) come from the partnership's own
papers (the project's seed documents): 001 is the Agreement and Protocols V5 (2 April 2009), 002
the reshaping report of February 2011, 003 the minutes of 30 April 2009 and
004 the 2005 review of modes of working. Every description below is our own
summary, not the papers' text.

The demo is an app on top of the house (as Zulip's zilencer): it drives every
app through its actions, and nothing imports it.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password

from bodies.actions.bodies import (
    add_link,
    add_seat,
    end_body,
    end_link,
    establish_body,
    make_body_active,
    merge_bodies,
    rename_body,
    replace_body,
    save_body_details,
)
from bodies.actions.memberships import save_membership
from bodies.models import Body, BodyKind, BodyLink, Frequency, LinkKind, Membership, Mode, Role, Seat
from demo import declarations as demo_declarations
from demo import meetings as demo_meetings
from demo import risks as demo_risks
from partnership.actions import save_organisation, save_person
from partnership.dates import day_before
from partnership.models import SECRETARIAT_GROUP, Organisation, Person, Sector, User
from partnership.transactions import several_actions

D = datetime.date

# Demo only: printed by `manage.py loaddemo`; never load the demo on a live site.
DEMO_PASSWORD = "demo-partnership-2009"  # noqa: S105 - a published demo password, by design.

# The LSP board is the demo's marker: if it exists, the demo is loaded.
MARKER_SLUG = "lsp"

# Key dates.
SHADOW_LSP = D(2009, 2, 24)  # The earliest shadow LSP meeting the papers record (003 item 2).
# Cheshire West and Chester Council took over on 1 April 2009: in February 2009
# its councillors were still "shadow" (001, Appendix 1, Community Forums).
VESTING_DAY = D(2009, 4, 1)
LSP_MEETING = D(2009, 4, 30)  # 003.
# 003 item 5: the APBs were due to begin meeting in late June 2009.
AREAS_FROM = D(2009, 6, 1)
# 003 item 3 asked every partner to name its reserve; we take the next
# meeting (30 July 2009, end of 003) as the day they were confirmed.
RESERVES_FROM = D(2009, 7, 30)
# 002 (v): the shadow Health and Wellbeing Board runs from April 2011.
HWB_FROM = D(2011, 4, 1)
# 002 asked for the changes to go to the Steering Group on 14 April 2011, so
# that group still met that day: we read the other changes as taking effect
# the day after.
RESHAPED_FROM = D(2011, 4, 15)
HWB_STATUTORY_FROM = D(2013, 4, 1)  # 002 section 1(e).


# -- Organisations -------------------------------------------------------------
# The LSP membership list (001 Appendix 1), the signatories page (001 section 24)
# and two bodies whose people attended on 30 April 2009 (003). "Partner
# authority" follows the statutory list on the last page of 001. The council
# itself is the responsible authority that leads the duty, not one of the
# listed partner authorities.
# The papers give no joining dates: every partner joins on vesting day, when the
# partnership for the new borough began.


@dataclass(frozen=True)
class Org:
    slug: str
    name: str
    sector: str
    partner_authority: bool = False
    short_name: str = ""


ORGANISATIONS = [
    Org("cwac", "Cheshire West and Chester Council", Sector.PUBLIC, short_name="CW&C Council"),
    Org("cheshire-constabulary", "Cheshire Constabulary", Sector.PUBLIC, True),
    Org("cheshire-police-authority", "Cheshire Police Authority", Sector.PUBLIC, True),
    Org("cheshire-fire-rescue", "Cheshire Fire and Rescue Service", Sector.PUBLIC, True),
    Org("cheshire-fire-authority", "Cheshire Fire Authority", Sector.PUBLIC, True),
    Org("western-cheshire-pct", "Western Cheshire Primary Care Trust", Sector.PUBLIC, True, "NHS Western Cheshire"),
    Org("cheshire-probation", "Cheshire Probation Service", Sector.PUBLIC, True),
    Org("jobcentre-plus", "Jobcentre Plus", Sector.PUBLIC, True),
    Org("lsc", "Learning and Skills Council", Sector.PUBLIC, True, "LSC"),
    Org("nwda", "North West Development Agency", Sector.PUBLIC, True, "NWDA"),
    Org("gonw", "Government Office North West", Sector.PUBLIC, short_name="GONW"),
    Org("connexions", "Connexions", Sector.PUBLIC),
    Org("west-cheshire-college", "West Cheshire College", Sector.EDUCATION),
    Org("university-of-chester", "University of Chester", Sector.EDUCATION),
    Org("third-sector-assembly", "Third Sector Assembly", Sector.VOLUNTARY),
    Org("cheshire-community-action", "Cheshire Community Action", Sector.VOLUNTARY),
    Org("chawrec", "Cheshire and Warrington Racial Equality Council", Sector.VOLUNTARY, short_name="CHaWREC"),
    Org("chalc", "Cheshire Association of Local Councils", Sector.LOCAL_COUNCIL, short_name="ChALC"),
    Org("chamber-of-commerce", "Chamber of Commerce", Sector.PRIVATE),
    # An alliance of social landlords; the papers give it no sector.
    Org("cheshire-housing-alliance", "Cheshire Housing Alliance", Sector.OTHER),
    # Arm's-length companies (regeneration; tourism) whose people sat on the LSP in
    # 2009 (003); the papers do not place them in a sector.
    Org("chester-renaissance", "Chester Renaissance", Sector.OTHER),
    Org("visit-chester-cheshire", "Visit Chester and Cheshire", Sector.OTHER),
]


# -- People ----------------------------------------------------------------------
# Everyone named in 003's attendance list, apologies, support staff and
# visitors. Emails are invented on the reserved example.org domain.


@dataclass(frozen=True)
class Someone:
    key: str
    name: str
    org: str | None = None
    honorific: str = ""
    job_title: str = ""
    notes: str = ""

    @property
    def email(self):
        return self.name.lower().replace(" ", ".") + "@example.org"


_APOLOGIES = "Sent apologies to the LSP on 30 April 2009; the minutes do not say for which organisation."
_VISITOR = "Attended the LSP on 30 April 2009 as a visitor."

PEOPLE = [
    # Attending (003).
    Someone("mike-jones", "Mike Jones", "cwac", "Cllr", "Leader of the Council"),
    Someone("steve-robinson", "Steve Robinson", "cwac", job_title="Chief Executive"),
    Someone("tim-jackson", "Tim Jackson", "cheshire-constabulary"),
    Someone("moira-chapman", "Moira Chapman", "cheshire-police-authority"),
    Someone("steve-jennings", "Steve Jennings", "cheshire-housing-alliance"),
    Someone("rita-waters", "Rita Waters", "chester-renaissance"),
    Someone("john-davidson", "John Davidson", "cheshire-probation"),
    Someone("jackie-weaver", "Jackie Weaver", "chalc"),
    Someone("alison-roylance-white", "Alison Roylance-White", "cheshire-community-action"),
    Someone("jane-staley", "Jane Staley", "third-sector-assembly"),
    Someone("chris-brown", "Chris Brown", "visit-chester-cheshire"),
    Someone("chris-koral", "Chris Koral", "nwda"),
    Someone("steve-hoy", "Steve Hoy", "connexions"),
    Someone("john-barber", "John Barber", "lsc"),
    Someone("eric-bowers", "Eric Bowers", "chawrec"),
    Someone("charlie-seward", "Charlie Seward", "cwac"),
    Someone("mark-wilson", "Mark Wilson", "jobcentre-plus"),
    # Apologies (003). 003 item 5 spells her name "Sara Mogul"; we follow the apologies list.
    Someone("sara-mogel", "Sara Mogel", notes=_APOLOGIES),
    Someone("helen-bellairs", "Helen Bellairs", notes=_APOLOGIES),
    Someone("john-church", "John Church", notes=_APOLOGIES),
    Someone("tim-wheeler", "Tim Wheeler", notes=_APOLOGIES),
    Someone("mark-cashin", "Mark Cashin", notes=_APOLOGIES),
    # Support staff (003). The secretariat is the council's partnerships team
    # (001 11.3); 003 gives two of them council addresses.
    Someone("alistair-jeffs", "Alistair Jeffs", "cwac"),
    Someone("alison-armstrong", "Alison Armstrong", "cwac"),
    Someone("robbie-taylor", "Robbie Taylor", "cwac"),
    # Visitors (003): people on record, with no membership.
    Someone("evan-morris", "Evan Morris", notes=_VISITOR),
    Someone("steve-kent", "Steve Kent", notes=_VISITOR),
    Someone("clare-babbs", "Clare Babbs", "cwac", job_title="Partnership Manager", notes=_VISITOR),
    # Not in the seed papers: the constabulary's named reserve on the Commissioning Board, so that the demo
    # member can name a reserve when he replies to a meeting.
    Someone("jo-ellis", "Jo Ellis", "cheshire-constabulary", job_title="Superintendent"),
]


@dataclass(frozen=True)
class Login:
    person: str
    role: str


DEMO_LOGINS = [
    Login("alison-armstrong", "secretariat officer"),
    Login("mike-jones", "chair (LSP chair in 2009; Commissioning Board chair today)"),
    Login("tim-jackson", "member (LSP member in 2009; Commissioning Board member today)"),
]


# -- Bodies of the 2009 framework (001 section 2(iv), section 8, Appendix 1) --------

_THEME_CORE = (
    "Like every theme partnership it turns the community strategy into an action plan for its theme, "
    "delivers or commissions the services behind the agreed outcomes (including work from the area "
    "boards and community forums), commissions research and consultation where it needs evidence, and "
    "manages its own performance. It raises issues that cut across themes with the LSP and sends the "
    "LSP a progress report each year, plus an exception report when something goes off course."
)


def _theme(slug, name, short_name, focus, *, established_on=VESTING_DAY):
    return {
        "slug": slug,
        "name": name,
        "short_name": short_name,
        "kind": BodyKind.THEMATIC_PARTNERSHIP,
        # 001 Appendix 1 gives theme partnerships commissioning and delivery as their main job.
        "mode": Mode.COMMISSIONING,
        "summary": f"The theme partnership for {focus}.",
        "terms_of_reference": _THEME_CORE,
        "established_on": established_on,
    }


AREAS = [
    # (slug part, area name) per 001 Appendix 1.
    ("chester", "Chester"),
    ("ellesmere-port", "Ellesmere Port"),
    ("northwich-rural-north", "Northwich and Rural North"),
    ("winsford-rural-east", "Winsford and Rural East"),
    ("rural-west", "Rural West"),
]


def _area_board(part, area):
    return {
        "slug": f"apb-{part}",
        "name": f"{area} Area Partnership Board",
        "short_name": f"{area} APB",
        "kind": BodyKind.AREA_PARTNERSHIP_BOARD,
        "mode": Mode.COMMUNITY_EMPOWERMENT,
        "independently_chaired": True,
        "summary": f"A local version of the LSP for the {area} area, chaired from outside the council.",
        "terms_of_reference": (
            f"Works out what the {area} area needs from the evidence and from local people, and turns it "
            "into an area action plan that services are expected to follow. Keeps track of the LAA and "
            "national indicator targets that matter in the area and presses partners when delivery falls "
            "short; comments on borough-wide plans from the area's point of view.\n\n"
            "The chairs of the area's community forums sit on it, alongside public, private and third "
            "sector partners."
        ),
        "established_on": AREAS_FROM,
    }


def _community_forum(part, area):
    # The papers do not name the forums (their boundaries were still being drawn
    # in February 2009): the demo has one per area, named after it.
    return {
        "slug": f"forum-{part}",
        "name": f"{area} Community Forum",
        "kind": BodyKind.COMMUNITY_FORUM,
        "mode": Mode.COMMUNITY_EMPOWERMENT,
        "meeting_frequency": Frequency.FOUR_A_YEAR,
        "summary": f"The councillors' local forum for {area}, with a nominee from each town and parish council.",
        "terms_of_reference": (
            "Every ward councillor for the area takes part, with one person put forward by each town or "
            "parish council. The forum debates local topics, answers local petitions and spends a small "
            "delegated budget on local projects; anything needing wider attention goes up to the APB, "
            "or down to neighbourhoods."
        ),
        "established_on": AREAS_FROM,
    }


LSP = {
    "slug": MARKER_SLUG,
    "name": "Cheshire West and Chester Local Strategic Partnership",
    "short_name": "LSP",
    "kind": BodyKind.PARTNERSHIP_BOARD,
    # 004 paragraph 10: the county LSP worked mainly as an advisory partnership,
    # with no power of its own beyond its members'.
    "mode": Mode.ADVISORY,
    "meeting_frequency": Frequency.QUARTERLY,
    "summary": (
        "The borough-wide partnership board, later branded West Cheshire Together: partners agree shared "
        "priorities and keep the whole framework pulling the same way."
    ),
    "terms_of_reference": (
        "Brings the council together with the police, fire, health, probation, skills and employment "
        "agencies, colleges, housing, the voluntary and community sector and business, so that the main "
        "public services in the borough plan as one.\n\n"
        "Agrees the long-term vision for the area and approves the Sustainable Community Strategy before "
        "the council formally adopts it. Watches progress on the Local Area Agreement targets and "
        "prepares the partnership for the Comprehensive Area Assessment. Reviews the Agreement and "
        "Protocols once a year (Agreement 20).\n\n"
        "Meets once a quarter at venues around the borough. Between meetings the Thematic Leads run its "
        "programme of work; the theme partnerships and the area partnership boards report to it, and "
        "network events open its work to every partner.\n\n"
        "Seats are reviewed as the partnership settles in; some are held by caretakers until an "
        "organisation or constituency picks its representative, and each partner names a reserve."
    ),
}

BODIES_2009 = [
    {
        "slug": "thematic-leads",
        "name": "Thematic Leads",
        "kind": BodyKind.THEMATIC_LEADS,
        "mode": Mode.COMMISSIONING,
        "meeting_frequency": Frequency.MONTHLY,
        "summary": "Theme chairs and vice chairs with senior public-sector officers, running the LSP's work month by month.",
        "terms_of_reference": (
            "Runs the LSP's work programme between its quarterly meetings and oversees delivery of the "
            "community strategy and the LAA: tracks performance and the use of partners' resources, takes "
            "up issues that span several themes and clears obstacles to delivery.\n\n"
            "Its public-sector members use it to bring their own corporate and service plans into line "
            "with the shared priorities, to pool money where that helps and to push for changes in "
            "services. On 30 April 2009 the LSP passed it the early approvals for the new community strategy."
        ),
        "established_on": VESTING_DAY,
    },
    # 003 item 5: the community safety side was carried by the Crime and Disorder
    # Reduction Partnership meeting with this group. 002 (vii) calls the same
    # group the "Stronger Communities Group"; we read the two names as one body.
    _theme(
        "safer-stronger-communities",
        "Safer and Stronger Communities Partnership",
        "Safer and Stronger",
        "safer and stronger communities",
    ),
    _theme(
        "children-young-peoples-trust",
        "Children and Young People's Trust",
        "Children's Trust",
        "children and young people (the LSP's children's block, per 003 item 11)",
    ),
    _theme(
        "health-wellbeing-partnership",
        "Health and Wellbeing Partnership",
        "Health and Wellbeing",
        "health and wellbeing",
    ),
    _theme(
        "business-enterprise-culture",
        "Business, Enterprise and Culture Partnership",
        "Business, Enterprise and Culture",
        "the economy, enterprise and culture",
    ),
    _theme(
        "environmental-sustainability",
        "Environmental Sustainability Partnership",
        "Environmental Sustainability",
        "the environment and climate change",
    ),
    *[_area_board(part, area) for part, area in AREAS],
    *[_community_forum(part, area) for part, area in AREAS],
    {
        "slug": "lsp-network",
        "name": "LSP Network",
        "kind": BodyKind.NETWORK_EVENT,
        # 004 paragraph 10 counts a county conference as working in laboratory mode.
        "mode": Mode.LABORATORY,
        "meeting_frequency": Frequency.BIANNUAL,
        "summary": "Open events, up to two a year, where anyone with a stake in the community strategy can bring ideas.",
        "terms_of_reference": (
            "Keeps every partner, large or small, in touch with the partnership: people hear what the "
            "boards are doing, offer ideas and evidence, and help shape the community strategy."
        ),
        "established_on": VESTING_DAY,
    },
    # 003 item 8 set this group up after 30 April 2009 (then called a
    # performance managers group); 002 (iii) gives its later name, used here.
    {
        "slug": "performance-risk-managers",
        "name": "LSP Performance and Risk Managers Group",
        "short_name": "Performance and Risk Managers",
        "kind": BodyKind.SUPPORT_GROUP,
        "mode": Mode.ADVISORY,
        "summary": "Performance officers from the lead partners who run the LAA performance framework.",
        "terms_of_reference": (
            "Puts the LAA performance management framework into practice, helps the theme partnerships "
            "plan and report their delivery, and prepares the performance reports the LSP receives."
        ),
        "established_on": AREAS_FROM,
    },
    # 003 item 9: partners were to name officers for this group.
    {
        "slug": "scs-working-group",
        "name": "Sustainable Community Strategy Working Group",
        "short_name": "SCS Working Group",
        "kind": BodyKind.SUPPORT_GROUP,
        "mode": Mode.ADVISORY,
        "summary": "Officers from the partners gathering evidence and running consultation for the new community strategy.",
        "terms_of_reference": (
            "Collects local, regional and national evidence for the new Sustainable Community Strategy and "
            "runs the consultation and engagement on it, in step with the local development framework work."
        ),
        "established_on": AREAS_FROM,
    },
    # The CDRP and the LSCB are statutory bodies outside the framework proper
    # (002 appendix 1 note) but tied to it.
    {
        "slug": "cdrp",
        "name": "Crime and Disorder Reduction Partnership",
        "short_name": "CDRP",
        "kind": BodyKind.OTHER,
        "mode": Mode.COMMISSIONING,
        "summary": "The borough's statutory community safety partnership.",
        "terms_of_reference": (
            "Sets the community safety strategy from the yearly strategic assessment and funds the work "
            "that follows; in 2009 it carried the safety side of the safer and stronger theme."
        ),
        "established_on": VESTING_DAY,
    },
    {
        "slug": "lscb",
        "name": "Local Safeguarding Children Board",
        "short_name": "LSCB",
        "kind": BodyKind.OTHER,
        "mode": Mode.ADVISORY,
        "summary": "The independent statutory board for keeping children safe, with a formal line to the LSP.",
        "terms_of_reference": (
            "Stays independent of the partnership, but brings safeguarding concerns to the LSP through a "
            "formal link agreed on 30 April 2009 (003 item 11)."
        ),
        "established_on": VESTING_DAY,
    },
]

THEMES = [
    "safer-stronger-communities",
    "children-young-peoples-trust",
    "health-wellbeing-partnership",
    "business-enterprise-culture",
    "environmental-sustainability",
]


@dataclass(frozen=True)
class Link:
    from_slug: str
    to_slug: str
    kind: str
    note: str = ""
    start: datetime.date | None = None  # Default: when both bodies exist.


LINKS_2009 = [
    # 001 Appendix 1, core terms of reference (6).
    *[Link(t, MARKER_SLUG, LinkKind.REPORTS_TO, "annually and by exception") for t in THEMES],
    # 001 section 8.2: Thematic Leads are the chairs and vice chairs of the themes.
    *[Link(t, "thematic-leads", LinkKind.CHAIR_SITS_ON, "with the vice chair") for t in THEMES],
    Link("thematic-leads", MARKER_SLUG, LinkKind.FORMAL_LINK, "runs the LSP's work programme between meetings"),
    # 001 Appendix 1: APB chairs are LSP members unless already there for a partner.
    *[Link(f"apb-{p}", MARKER_SLUG, LinkKind.CHAIR_SITS_ON, "unless already a member for a partner") for p, _ in AREAS],
    # 001 section 8.4: the forum chair (or vice chair) sits on the APB.
    *[Link(f"forum-{p}", f"apb-{p}", LinkKind.CHAIR_SITS_ON, "or the vice chair") for p, _ in AREAS],
    Link("lsp-network", MARKER_SLUG, LinkKind.FORMAL_LINK, "open events for all partners"),
    Link("performance-risk-managers", "thematic-leads", LinkKind.REPORTS_TO),
    Link("scs-working-group", "thematic-leads", LinkKind.REPORTS_TO, "which holds the delegated approvals"),
    Link("lscb", MARKER_SLUG, LinkKind.FORMAL_LINK, "to raise safeguarding concerns"),
    Link("cdrp", "safer-stronger-communities", LinkKind.FORMAL_LINK, "meets with it on community safety"),
]


# -- Seats on the LSP board (001 Appendix 1, amended by the attendance in 003) ------


@dataclass(frozen=True)
class SeatSpec:
    key: str
    label: str
    org: str | None
    role: str = Role.MEMBER
    start: datetime.date = VESTING_DAY


LSP_SEATS = [
    SeatSpec("council-leader", "Cheshire West and Chester Council: Leader or executive member", "cwac"),
    SeatSpec("council-chief-executive", "Cheshire West and Chester Council: Chief Executive", "cwac"),
    SeatSpec("constabulary", "Cheshire Constabulary: area commander", "cheshire-constabulary"),
    SeatSpec("police-authority", "Cheshire Police Authority", "cheshire-police-authority"),
    SeatSpec("fire-rescue", "Cheshire Fire and Rescue Service: area commander", "cheshire-fire-rescue"),
    SeatSpec("fire-authority", "Cheshire Fire Authority", "cheshire-fire-authority"),
    SeatSpec("pct-chief-executive", "NHS Western Cheshire: Chief Executive", "western-cheshire-pct"),
    SeatSpec("pct-chair", "Western Cheshire Primary Care Trust: Chair", "western-cheshire-pct"),
    SeatSpec("third-sector", "Third Sector Assembly nominee", "third-sector-assembly"),
    SeatSpec("private-sector", "Private sector nominee (Chamber of Commerce)", "chamber-of-commerce"),
    SeatSpec("housing", "Cheshire Housing Alliance", "cheshire-housing-alliance"),
    SeatSpec("further-education", "Further education (West Cheshire College)", "west-cheshire-college"),
    SeatSpec("higher-education", "Higher education (University of Chester)", "university-of-chester"),
    SeatSpec("connexions", "Connexions", "connexions"),
    SeatSpec("lsc", "Learning and Skills Council", "lsc"),
    SeatSpec("probation", "Cheshire Probation Service", "cheshire-probation"),
    SeatSpec("jobcentre-plus", "Jobcentre Plus", "jobcentre-plus"),
    SeatSpec("chawrec", "CHaWREC", "chawrec"),
    SeatSpec("chalc", "ChALC (rural voice)", "chalc"),
    SeatSpec("community-action", "Cheshire Community Action", "cheshire-community-action"),
    SeatSpec("chester-renaissance", "Chester Renaissance", "chester-renaissance"),
    SeatSpec("visit-chester", "Visit Chester and Cheshire", "visit-chester-cheshire"),
    SeatSpec("gonw", "Government Office North West (co-opted)", "gonw", Role.CO_OPTED),
    SeatSpec("nwda", "North West Development Agency (co-opted)", "nwda", Role.CO_OPTED),
    SeatSpec("bec-chair", "Chair, Business, Enterprise and Culture Partnership", None),
    # 003 item 2: five places were waiting for the APB chairs.
    *[SeatSpec(f"apb-chair-{p}", f"Chair, {a} Area Partnership Board", None, start=AREAS_FROM) for p, a in AREAS],
]

# The papers name no members of the Commissioning Board; 002 7.1 says the
# council leads it with those who control major public spending. These seats and
# appointments are illustrative, so that the demo has a chair and members today.
BOARD_SEATS = [
    SeatSpec("council-leader", "Cheshire West and Chester Council: Leader", "cwac", start=RESHAPED_FROM),
    SeatSpec(
        "council-chief-executive", "Cheshire West and Chester Council: Chief Executive", "cwac", start=RESHAPED_FROM
    ),
    SeatSpec("constabulary", "Cheshire Constabulary", "cheshire-constabulary", start=RESHAPED_FROM),
    SeatSpec("fire-rescue", "Cheshire Fire and Rescue Service", "cheshire-fire-rescue", start=RESHAPED_FROM),
    SeatSpec("pct", "NHS Western Cheshire", "western-cheshire-pct", start=RESHAPED_FROM),
    SeatSpec("probation", "Cheshire Probation Service", "cheshire-probation", start=RESHAPED_FROM),
    SeatSpec("jobcentre-plus", "Jobcentre Plus", "jobcentre-plus", start=RESHAPED_FROM),
]


@dataclass(frozen=True)
class Sitting:
    person: str
    body: str
    role: str = Role.MEMBER
    seat: str | None = None
    org: str | None = "person"  # "person": the person's own organisation.
    start: datetime.date = VESTING_DAY
    reserve_for: str | None = None  # The person whose membership of the same body this reserve covers.


# On 30 April 2009 (003). Those who sent apologies are members too; the minutes
# do not pair their names with organisations, so they sit for none.
LSP_SITTINGS = [
    Sitting("mike-jones", MARKER_SLUG, Role.CHAIR, "council-leader"),
    Sitting("steve-robinson", MARKER_SLUG, Role.VICE_CHAIR, "council-chief-executive"),
    Sitting("tim-jackson", MARKER_SLUG, seat="constabulary"),
    Sitting("moira-chapman", MARKER_SLUG, seat="police-authority"),
    Sitting("steve-jennings", MARKER_SLUG, seat="housing"),
    Sitting("rita-waters", MARKER_SLUG, seat="chester-renaissance"),
    Sitting("john-davidson", MARKER_SLUG, seat="probation"),
    Sitting("jackie-weaver", MARKER_SLUG, seat="chalc"),
    Sitting("alison-roylance-white", MARKER_SLUG, seat="community-action"),
    Sitting("jane-staley", MARKER_SLUG, seat="third-sector"),
    Sitting("chris-brown", MARKER_SLUG, seat="visit-chester"),
    Sitting("chris-koral", MARKER_SLUG, Role.CO_OPTED, "nwda"),
    Sitting("steve-hoy", MARKER_SLUG, seat="connexions"),
    Sitting("john-barber", MARKER_SLUG, seat="lsc"),
    Sitting("eric-bowers", MARKER_SLUG, seat="chawrec"),
    # 003 lists him among those attending for the council, with no office.
    Sitting("charlie-seward", MARKER_SLUG),
    Sitting("mark-wilson", MARKER_SLUG, seat="jobcentre-plus"),
    # 003 item 5: chair of the Business, Enterprise and Culture Partnership by 30 April.
    Sitting("sara-mogel", MARKER_SLUG, seat="bec-chair", org=None, start=LSP_MEETING),
    Sitting("helen-bellairs", MARKER_SLUG, org=None),
    Sitting("john-church", MARKER_SLUG, org=None),
    Sitting("tim-wheeler", MARKER_SLUG, org=None),
    Sitting("mark-cashin", MARKER_SLUG, org=None),
    Sitting("alistair-jeffs", MARKER_SLUG, Role.SUPPORT),
    Sitting("alison-armstrong", MARKER_SLUG, Role.SUPPORT),
    Sitting("robbie-taylor", MARKER_SLUG, Role.SUPPORT),
    # 003 item 3: a theme partnership's reserve on the LSP is its vice chair.
    Sitting("mark-wilson", MARKER_SLUG, Role.NAMED_RESERVE, start=RESERVES_FROM, reserve_for="sara-mogel"),
    # Theme offices named in 003 (attendance list and item 5).
    Sitting("jane-staley", "environmental-sustainability", Role.CHAIR),
    Sitting("sara-mogel", "business-enterprise-culture", Role.CHAIR, org=None, start=LSP_MEETING),
    Sitting("mark-wilson", "business-enterprise-culture", Role.VICE_CHAIR, start=LSP_MEETING),
    # Thematic Leads are formed of the themes' chairs and vice chairs (001 8.2).
    Sitting("jane-staley", "thematic-leads"),
    Sitting("sara-mogel", "thematic-leads", org=None, start=LSP_MEETING),
    Sitting("mark-wilson", "thematic-leads", start=LSP_MEETING),
]

BOARD_SITTINGS = [
    Sitting("mike-jones", "commissioning-board", Role.CHAIR, "council-leader", start=RESHAPED_FROM),
    Sitting("steve-robinson", "commissioning-board", seat="council-chief-executive", start=RESHAPED_FROM),
    Sitting("tim-jackson", "commissioning-board", seat="constabulary", start=RESHAPED_FROM),
    Sitting("john-davidson", "commissioning-board", seat="probation", start=RESHAPED_FROM),
    Sitting("mark-wilson", "commissioning-board", seat="jobcentre-plus", start=RESHAPED_FROM),
    Sitting("jo-ellis", "commissioning-board", Role.NAMED_RESERVE, start=RESHAPED_FROM, reserve_for="tim-jackson"),
    Sitting("alison-armstrong", "commissioning-board", Role.SUPPORT, start=RESHAPED_FROM),
]


# -- The reshaping of 2011 (002 sections 3 and 7) ----------------------------------

COMMISSIONING_BOARD = {
    "slug": "commissioning-board",
    "name": "West Cheshire Together Commissioning Board",
    "short_name": "Commissioning Board",
    "kind": BodyKind.COMMISSIONING_BOARD,
    "mode": Mode.COMMISSIONING,
    "meeting_frequency": Frequency.QUARTERLY,
    "summary": (
        "The partnership's executive board, led by the council: it decides on joint action, commissions "
        "it and oversees public spending across West Cheshire."
    ),
    "terms_of_reference": (
        "Acts for the wider partnership with the aim of making public services in the borough work as "
        "one. Its members are the people who control the main streams of public money in West Cheshire.\n\n"
        "It sets a short list of clear goals and measures, decides what to do itself and what to "
        "commission, fund or encourage others to do, plans budgets jointly where that serves shared "
        "priorities, and tells partners plainly what it has decided. It backs new ways of delivering "
        "services and of working across organisations, and checks that equality, cohesion, "
        "sustainability and access shape all of its work.\n\n"
        "Meets quarterly and sets up task and finish groups to gather evidence or deliver pieces of work. "
        "Members are asked to attend in person and regularly, so that trust builds and views can be "
        "aired frankly."
    ),
}

HEALTH_AND_WELLBEING_BOARD = {
    "slug": "health-wellbeing-board",
    "name": "Health and Wellbeing Board",
    "short_name": "Health and Wellbeing Board",
    "kind": BodyKind.OTHER,
    "mode": Mode.COMMISSIONING,
    "summary": "The council and NHS board for health and wellbeing, working in shadow form until its statutory powers begin.",
    "terms_of_reference": (
        "Prepares to take on the joint duty, shared with the GP commissioning consortia, for the joint "
        "strategic needs assessment and a joint health and wellbeing strategy for the borough, building on "
        "the health partnership that went before it."
    ),
}

REASONS = {
    "merge": (
        "With the LAA and CAA gone, partners wanted a leaner structure: one smaller board, led by the "
        "council, to take and commission decisions for the partnership."
    ),
    "themes_end": (
        "The theme is now better handled at sub-regional level; task and finish groups may take up "
        "borough-wide questions as they arise."
    ),
    "health": "Succeeded by the shadow Health and Wellbeing Board as national health reforms take effect.",
    "big_society": (
        "Kept on under a new name and remit: fair community engagement, volunteering and diversity, "
        "through a big society action plan shared with communities."
    ),
    "performance": (
        "Kept on for now as a task and finish group, to build local performance arrangements after the "
        "end of the LAA and CAA."
    ),
}

BIG_SOCIETY = {
    "kind": BodyKind.SUPPORT_GROUP,
    "mode": Mode.COMMUNITY_EMPOWERMENT,
    "summary": "Coordinates fair community engagement, supports volunteering and promotes diversity across West Cheshire.",
    "terms_of_reference": (
        "Helps partners and communities write a big society action plan that they own together, "
        "coordinates it and keeps it going, gives partners a place to share knowledge and resources for "
        "it, tracks how it is doing, and tells the wider community about what has been achieved."
    ),
}

PERFORMANCE_TASK_GROUP = {
    "kind": BodyKind.TASK_AND_FINISH,
    "meeting_frequency": Frequency.AS_REQUIRED,
    "summary": "Kept on for a time to set up performance management now the LAA and CAA have ended.",
    "terms_of_reference": (
        "Designs and puts in place the partnership's own performance management arrangements, reporting "
        "to the Commissioning Board on progress and on anything blocking it."
    ),
}

LINKS_2011 = [
    Link(
        "lsp-network",
        "commissioning-board",
        LinkKind.FORMAL_LINK,
        "shares the Board's decisions and gathers views for it",
    ),
    Link("performance-and-risk-task-group", "commissioning-board", LinkKind.REPORTS_TO),
]


# -- Loading -----------------------------------------------------------------------


class DemoConflict(Exception):
    """The database holds some demo rows but not the demo itself."""


@dataclass
class Result:
    loaded: bool
    logins: list = field(default_factory=list)  # (email, password, role)
    counts: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)


def _counts():
    return {
        "organisations": Organisation.objects.count(),
        "bodies": Body.objects.count(),
        "people": Person.objects.count(),
        "memberships": Membership.objects.count(),
        **demo_meetings.counts(),
        **demo_declarations.counts(),
    }


def _logins():
    people = {s.key: s for s in PEOPLE}
    logins = [(people[login.person].email, DEMO_PASSWORD, login.role) for login in DEMO_LOGINS]
    return logins + demo_declarations.logins(DEMO_PASSWORD)


def _demo_slugs():
    slugs = {MARKER_SLUG, COMMISSIONING_BOARD["slug"], HEALTH_AND_WELLBEING_BOARD["slug"]}
    slugs |= {b["slug"] for b in BODIES_2009}
    return slugs | {"big-society-group", "performance-and-risk-task-group"}


def verify():
    """Describe what is missing from an already loaded demo (empty when all is well)."""
    problems = []
    missing = _demo_slugs() - set(Body.objects.filter(slug__in=_demo_slugs()).values_list("slug", flat=True))
    if missing:
        problems.append(f"Demo bodies missing: {', '.join(sorted(missing))}.")
    for email, _, role in _logins():
        if not Person.objects.filter(email__iexact=email, user__email__iexact=email).exists():
            problems.append(f"The demo login for the {role} ({email}) is missing or not linked to its person.")
    return problems + demo_meetings.verify() + demo_declarations.verify()


def load_demo():
    """Load the demo partnership, or leave the database alone if it is already there."""
    # All or nothing: the demo's actions, each durable, run as one unit.
    with several_actions():
        return _load()


def _load():
    if Body.objects.filter(slug=MARKER_SLUG).exists():
        return Result(loaded=False, logins=_logins(), counts=_counts(), problems=verify())
    clashes = Body.objects.filter(slug__in=_demo_slugs()).values_list("slug", flat=True)
    if clashes:
        raise DemoConflict(f"Bodies with demo slugs already exist ({', '.join(sorted(clashes))}); not loading.")

    people_by_key = {s.key: s for s in PEOPLE}
    officer = _user_for(people_by_key[DEMO_LOGINS[0].person])
    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    officer.groups.add(secretariat)

    orgs = {o.slug: _organisation(o, officer) for o in ORGANISATIONS}
    people = {s.key: _find_or_add_person(s, orgs, officer) for s in PEOPLE}
    for login in DEMO_LOGINS:
        person = people[login.person]
        user = officer if login.person == DEMO_LOGINS[0].person else _user_for(people_by_key[login.person])
        if person.user_id is None:
            person.user = user
            save_person(person, by=officer)

    bodies = _framework_2009(officer)
    _links(LINKS_2009, bodies, officer)
    lsp_seats = _seats(bodies[MARKER_SLUG], LSP_SEATS, orgs, officer)
    _sittings(LSP_SITTINGS, bodies, {MARKER_SLUG: lsp_seats}, people, orgs, officer)

    _reshape_2011(bodies, officer)
    _links(LINKS_2011, bodies, officer)
    board_seats = _seats(bodies["commissioning-board"], BOARD_SEATS, orgs, officer)
    _sittings(BOARD_SITTINGS, bodies, {"commissioning-board": board_seats}, people, orgs, officer)

    # The LSP of 30 April 2009 and its next meeting, and a Board meeting a few days ahead.
    demo_meetings.load_meetings(by=officer, people=people)
    # Registers of interests and gifts, declarations with rulings, and a dispute in progress.
    demo_declarations.load_declarations(by=officer, people=people, password=DEMO_PASSWORD)
    # A handful of risks of the Performance and Risk Task Group and the board, one escalated (issue 17).
    demo_risks.load_risks(by=officer, people=people)

    return Result(loaded=True, logins=_logins(), counts=_counts())


def _user_for(someone):
    user = User.objects.filter(email__iexact=someone.email).first()
    if user is None:
        validate_password(DEMO_PASSWORD)
        user = User.objects.create_user(someone.email, DEMO_PASSWORD)
    return user


def _organisation(org, by):
    existing = Organisation.objects.filter(slug=org.slug).first() or Organisation.objects.filter(name=org.name).first()
    if existing:
        return existing
    return save_organisation(
        Organisation(
            slug=org.slug,
            name=org.name,
            short_name=org.short_name,
            sector=org.sector,
            is_partner_authority=org.partner_authority,
            joined_on=VESTING_DAY,
        ),
        by=by,
    )


def _find_or_add_person(someone, orgs, by):
    """The demo's record of someone in the papers: found by email address, or added."""
    existing = Person.objects.filter(email__iexact=someone.email).first()
    if existing:
        return existing
    return save_person(
        Person(
            name=someone.name,
            honorific=someone.honorific,
            email=someone.email,
            job_title=someone.job_title,
            organisation=orgs[someone.org] if someone.org else None,
            notes=someone.notes,
        ),
        by=by,
    )


def _framework_2009(by):
    # The LSP ran in shadow form until the new council took over (003 item 2).
    lsp = establish_body(
        by=by,
        established_on=SHADOW_LSP,
        shadow=True,
        reason="Set up in shadow form to prepare the partnership for the new unitary council.",
        **LSP,
    )
    lsp = make_body_active(lsp, by=by, on=VESTING_DAY, reason="The new council took office and the LSP began in full.")
    bodies = {MARKER_SLUG: lsp}
    for spec in BODIES_2009:
        spec = dict(spec)
        established_on = spec.pop("established_on")
        bodies[spec["slug"]] = establish_body(
            by=by, established_on=established_on, reason="Part of the 2009 partnership framework.", **spec
        )
    return bodies


def _links(links, bodies, by):
    for link in links:
        source, target = bodies[link.from_slug], bodies[link.to_slug]
        start = link.start or max(source.established_on, target.established_on, VESTING_DAY)
        add_link(BodyLink(from_body=source, to_body=target, kind=link.kind, note=link.note, start=start), by=by)


def _seats(body, specs, orgs, by):
    return {
        s.key: add_seat(
            Seat(body=body, label=s.label, organisation=orgs[s.org] if s.org else None, role=s.role, start=s.start),
            by=by,
        )
        for s in specs
    }


def _sittings(sittings, bodies, seats, people, orgs, by):
    held = {}
    for s in sittings:
        person = people[s.person]
        organisation = person.organisation if s.org == "person" else (orgs[s.org] if s.org else None)
        membership = Membership(
            person=person,
            body=bodies[s.body],
            organisation=organisation,
            role=s.role,
            seat=seats.get(s.body, {}).get(s.seat) if s.seat else None,
            reserve_for=held[(s.reserve_for, s.body)] if s.reserve_for else None,
            start=s.start,
        )
        save_membership(membership, by=by)
        # The first role listed for a person on a body is the one a reserve covers.
        held.setdefault((s.person, s.body), membership)


def _reshape_2011(bodies, by):
    # 002 (v): replaced, with the new board in shadow form from April 2011.
    bodies[HEALTH_AND_WELLBEING_BOARD["slug"]] = replace_body(
        bodies["health-wellbeing-partnership"],
        by=by,
        on=HWB_FROM,
        reason=REASONS["health"],
        new_body=HEALTH_AND_WELLBEING_BOARD,
        shadow=True,
    )
    # 002 (iv): both themes end.
    last_day = day_before(RESHAPED_FROM)
    for slug in ("business-enterprise-culture", "environmental-sustainability"):
        end_body(bodies[slug], by=by, last_day=last_day, reason=REASONS["themes_end"])
    # 002 keeps community safety (vi) and stronger communities (vii) apart, so
    # the link between the CDRP and the group ends before the group is renamed.
    for link in BodyLink.objects.filter(
        from_body=bodies["cdrp"], to_body=bodies["safer-stronger-communities"], end=None
    ):
        end_link(link, by=by, last_day=last_day)
    # 002 (i): the Steering Group is the LSP board under its later name, and the
    # "Joint Thematic Leads/APB Chairs" meeting is Thematic Leads with the APB
    # chairs invited. Both end; the new board's members are appointed afresh.
    bodies[COMMISSIONING_BOARD["slug"]] = merge_bodies(
        [bodies[MARKER_SLUG], bodies["thematic-leads"]],
        by=by,
        on=RESHAPED_FROM,
        reason=REASONS["merge"],
        new_body=COMMISSIONING_BOARD,
    )
    # 002 section 1(e): the boards gain statutory powers from April 2013.
    make_body_active(
        bodies[HEALTH_AND_WELLBEING_BOARD["slug"]],
        by=by,
        on=HWB_STATUTORY_FROM,
        reason="Took on its statutory powers and duties.",
    )
    # 002 (vii) and (iii): retained under a new name and a new remit. rename_body
    # keeps every field of the old body, so the new kind and remit are set after.
    bodies["big-society-group"] = _retain_as(
        bodies["safer-stronger-communities"], "Big Society Group", "", BIG_SOCIETY, REASONS["big_society"], by
    )
    bodies["performance-and-risk-task-group"] = _retain_as(
        bodies["performance-risk-managers"],
        "Performance and Risk Managers Task and Finish Group",
        "Performance and Risk Task Group",
        PERFORMANCE_TASK_GROUP,
        REASONS["performance"],
        by,
    )
    # The other bodies carry on: the Children's Trust (viii, under review), the
    # CDRP (vi), the APBs (ix, terms to be reviewed) and the network (ii).
    # 002 (i) names nobody for the new board; see BOARD_SITTINGS.


def _retain_as(body, name, short_name, changes, reason, by):
    successor = rename_body(body, by=by, on=RESHAPED_FROM, reason=reason, name=name, short_name=short_name)
    for attr, value in changes.items():
        setattr(successor, attr, value)
    return save_body_details(successor, by=by)
