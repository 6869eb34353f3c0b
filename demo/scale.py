"""The scale data set: twenty years of a large partnership, built with bulk inserts for measuring (issue 13).

`build(scale=1, seed=...)` fills an empty database with the partnership the
users measured: at 1x, 50 bodies over 20 years (some ended, merged, replaced
or renamed), 150 organisations, 2,000 people, their memberships (chairs one at
a time, vice chairs, members, named reserves, support staff), 5,000 meetings
with about 15 agenda items each, papers with cover sheets and written text,
attendance, minutes (published ones signed with the hash of their canonical
text, as meetings.minutes_text computes it), decisions and actions (some open,
some overdue), 50,000 declarations of interest on items with the body's
rulings, 2,000 entries in the register of interests, 3,000 gifts and offers of
hospitality, the notifications members were sent, and the Agreement with its
versions. `manage.py make_scale_data` runs it.

Unlike the demo (demo.framework), the rows are written with bulk_create,
bypassing the actions: this is a data set for measuring, and the actions
would take hours. What the actions would enforce is kept by construction:
every row satisfies the models' constraints and the domain's rules (memberships
and meetings within their body's life, one chair at a time, minutes approved at
the body's next meeting under its previous-minutes item and signed by the chair
of that day, declarations on items of meetings their authors attended, rulings
by the chair or vice chair, and so on). The Agreement, a few records, goes
through the actions. Nothing keeps the django-simple-history rows the actions
would have written.

A scale `s` grows the partnership's size (bodies) and its age (years) each by
the square root of `s`, so that everything counted in people, meetings and
records grows as `s`, and so do the pages of one body or one person: 0.1x is
16 bodies over 6.3 years, 200 people and 500 meetings. The three demo logins
(demo.framework.DEMO_LOGINS, with the demo's password) are there: the
secretariat officer, the chair of the partnership board, and a member who has
sat on four bodies since they began and is on the agenda of a 20-item meeting
of the board five days ahead.

The same seed, scale and day give the same data; the dates are counted back
from the day it is built, so that the calendar always has meetings to come.
"""

import datetime
import math
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from agreements.actions import drafting as agreement_actions
from agreements.actions import signing as signing_actions
from agreements.models import Agreement
from bodies.models import (
    SEATED_ROLES,
    Body,
    BodyChange,
    BodyKind,
    BodyLink,
    ChangeKind,
    Frequency,
    LinkKind,
    Membership,
    Mode,
    Role,
)
from declarations.models import (
    AdviceRequest,
    Declaration,
    DeclarationWhen,
    Disbarment,
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
from demo.agreements import V5
from demo.agreements import _build as build_clauses
from demo.framework import DEMO_LOGINS, DEMO_PASSWORD, PEOPLE
from meetings.actions.minutes import approval_decision_text
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
    MeetingKind,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Paper,
    PaperVersion,
    StandingRole,
    VersionKind,
    canonical_hash,
)
from notifications.models import Delivery, Notification, NotificationStatus
from partnership.dates import british_date, british_datetime
from partnership.models import SECRETARIAT_GROUP, Organisation, Person, Sector, User, Withdrawal
from partnership.transactions import several_actions

D = datetime.date
DAY = datetime.timedelta(days=1)

# The scale data set's board: if it exists, the database holds a scale data set.
MARKER_SLUG = "westmere-partnership-board"
BOROUGH = "Westmere"
EMAIL_DOMAIN = "scale.example.org"
AGREEMENT_SLUG = "westmere-agreement-and-protocols"
BATCH = 2000
# A person without a login of their own: a chair signs online, so chairs and vice chairs have logins
# that nobody can sign in with.
NO_PASSWORD = "!scale-data-set-no-password"  # noqa: S105 - an unusable password, by Django's convention.

# At 1x; each grows as the scale (people, records) or as its square root (bodies, years).
AT_1X = {
    "bodies": 50,
    "years": 20,
    "organisations": 150,
    "people": 2000,
    "meetings": 5000,
    "declarations": 50000,
    "interests": 2000,
    "gifts": 3000,
    "advice": 40,
}
# The smallest partnership that still has every kind of record.
FLOORS = {"bodies": 3, "years": 1, "organisations": 6, "people": 40, "meetings": 6}
# The board's meetings have one shape: the kinds of its ten items of business in turn, and papers on these items
# (the member's meeting of twenty items has more), so that its pages compare across scales.
BOARD_KINDS = [ItemKind.DECISION, ItemKind.DISCUSSION, ItemKind.INFORMATION, ItemKind.DISCUSSION, ItemKind.DECISION]
BOARD_PAPERS = {3, 5, 8, 10, 12}
MEMBER_MEETING_PAPERS = {3, 4, 5, 6, 8, 9, 11, 13, 15, 17}
# Meetings that took place (an Agreement is adopted at one of the board's).
HELD_STATUSES = (
    MeetingStatus.HELD,
    MeetingStatus.MINUTES_DRAFTED,
    MeetingStatus.MINUTES_APPROVED,
    MeetingStatus.MINUTES_PUBLISHED,
)
# A member's meeting page is measured on this many items (issue 13).
MEMBER_MEETING_ITEMS = 20
MEMBER_MEETING_IN_DAYS = 5


@dataclass(frozen=True)
class Sizes:
    bodies: int
    years: float
    organisations: int
    people: int
    meetings: int
    declarations: int
    interests: int
    gifts: int
    advice: int


def sizes_for(scale: float) -> Sizes:
    """What `scale` means in bodies, years, people and records."""
    if not scale > 0:
        raise ValueError("The scale must be a positive number.")
    root = math.sqrt(scale)
    return Sizes(
        bodies=max(FLOORS["bodies"], round(AT_1X["bodies"] * root)),
        years=max(FLOORS["years"], AT_1X["years"] * root),
        organisations=max(FLOORS["organisations"], round(AT_1X["organisations"] * scale)),
        people=max(FLOORS["people"], round(AT_1X["people"] * scale)),
        meetings=max(FLOORS["meetings"], round(AT_1X["meetings"] * scale)),
        declarations=round(AT_1X["declarations"] * scale),
        interests=round(AT_1X["interests"] * scale),
        gifts=round(AT_1X["gifts"] * scale),
        advice=round(AT_1X["advice"] * scale),
    )


def is_scale_data_set() -> bool:
    return Body.objects.filter(slug=MARKER_SLUG).exists()


LOGIN_ROLES = {
    "alison-armstrong": "secretariat officer",
    "mike-jones": "chair of the Partnership Board",
    "tim-jackson": "member of four bodies since they began",
}


def login_roles() -> list[tuple[str, str]]:
    """(email, role) of the demo's three logins in the scale data set; the password is the demo's."""
    by_key = {s.key: s for s in PEOPLE}
    return [(by_key[login.person].email, LOGIN_ROLES[login.person]) for login in DEMO_LOGINS]


# -- Words ------------------------------------------------------------------------


def _words(text):
    return text.split()


FIRST_NAMES = _words(
    "Aisha Alan Alice Amir Amy Andrew Angela Anna Ben Beth Brian Carl Caroline Chloe Chris Claire Colin "
    "Dan David Debbie Dev Diane Ed Eleanor Emma Fatima Fiona Gareth Gemma Graham Hannah Harry Helen Ian "
    "Imran Jack Jane Jason Jenny Joe Josh Julie Karen Kate Keith Kieran Laura Leon Lisa Liz Lucy Mark "
    "Martin Mary Megan Mo Nadia Neil Nicola Nigel Olivia Owen Paul Pauline Peter Priya Rachel Raj Rebecca "
    "Richard Rob Rosie Ruth Sam Sandra Sarah Sean Shona Simon Sophie Stella Steve Sue Tariq Tom Tony "
    "Tracy Vicky Wendy Will Yusuf Zoe"
)
LAST_NAMES = _words(
    "Adams Ahmed Ali Allen Armitage Bailey Baker Barnes Bell Bennett Bibi Booth Bradley Brooks Burton "
    "Butler Campbell Carter Chapman Clarke Cole Collins Cooper Cox Davies Dixon Edwards Ellis Evans "
    "Fisher Fletcher Ford Foster Fox Gibson Graham Grant Gray Green Griffiths Hall Harris Hart Hill "
    "Holmes Hughes Hunt Hussain Jackson James Jenkins Johnson Jones Kaur Kelly Khan King Knight Lee Lewis "
    "Lloyd Marshall Martin Mason Mills Mitchell Moore Morgan Morris Murphy Murray Owen Palmer Parker "
    "Patel Pearson Phillips Powell Price Reid Richards Roberts Robinson Rogers Rose Russell Scott Shaw "
    "Simpson Singh Smith Stevens Stewart Taylor Thomas Thompson Turner Walker Ward Watson Webb White "
    "Wilkinson Williams Wilson Wood Wright Young"
)
HONORIFICS = ["Cllr"] * 4 + ["Dr"] * 2 + ["Rev"]
JOB_TITLES = [
    "Chief Executive",
    "Director of Public Health",
    "Head of Service",
    "Area Commander",
    "Partnership Manager",
    "Chair of Trustees",
    "Policy Officer",
    "Development Worker",
    "Principal",
    "Locality Manager",
    "Service Manager",
    "Community Engagement Lead",
]
PLACES = _words(
    "Ashby Brampton Castleton Dunmore Eastbridge Elmwood Farley Greystoke Hartwell Ivybridge Kingsley "
    "Langley Marston Newbold Northmere Oakham Pendle Queensbury Redhill Southholme Stanton Thornbury "
    "Upton Westford Wickham"
)
ORGANISATION_KINDS = [
    ("Town Council", Sector.LOCAL_COUNCIL),
    ("Parish Council", Sector.LOCAL_COUNCIL),
    ("Housing Trust", Sector.OTHER),
    ("Community Action", Sector.VOLUNTARY),
    ("Volunteer Centre", Sector.VOLUNTARY),
    ("Chamber of Trade", Sector.PRIVATE),
    ("Business Improvement District", Sector.PRIVATE),
    ("Community College", Sector.EDUCATION),
    ("Faith Forum", Sector.COMMUNITY_FAITH),
    ("Youth Network", Sector.VOLUNTARY),
    ("Residents' Association", Sector.COMMUNITY_FAITH),
    ("Credit Union", Sector.VOLUNTARY),
    ("Arts Centre", Sector.VOLUNTARY),
    ("Food Bank", Sector.COMMUNITY_FAITH),
]
# The partner authorities come first; the council is the secretariat's.
FIXED_ORGANISATIONS = [
    (f"{BOROUGH} Borough Council", Sector.PUBLIC, False, f"{BOROUGH} Council"),
    (f"{BOROUGH} Constabulary", Sector.PUBLIC, True, ""),
    (f"{BOROUGH} Fire and Rescue Service", Sector.PUBLIC, True, ""),
    (f"{BOROUGH} Health and Care Trust", Sector.PUBLIC, True, f"{BOROUGH} Health"),
    (f"{BOROUGH} Probation Service", Sector.PUBLIC, True, ""),
    ("Jobcentre Plus", Sector.PUBLIC, True, ""),
]
THEMES = [
    "Health and Wellbeing",
    "Children and Young People",
    "Community Safety",
    "Economy and Skills",
    "Housing",
    "Environment",
    "Transport",
    "Culture and Leisure",
    "Older People",
    "Climate Action",
    "Financial Inclusion",
    "Mental Health",
    "Digital Inclusion",
    "Employment",
    "Food Security",
    "Neighbourhood Renewal",
]
TASKS = [
    "Town Centre Recovery",
    "Flood Resilience",
    "Winter Pressures",
    "Performance Framework",
    "Youth Offer",
    "Welfare Reform",
    "Volunteering Strategy",
    "Equality Review",
    "Community Asset Transfer",
    "Rural Broadband",
    "Apprenticeships",
    "Air Quality",
    "Loneliness",
    "Community Grants",
    "Cost of Living",
    "Census Response",
    "Domestic Abuse",
    "Homelessness Prevention",
]
SUPPORT_GROUPS = ["Performance Officers", "Communications", "Funding Advisers", "Research and Intelligence"]
SUBJECTS = [
    "annual report",
    "progress against the action plan",
    "budget and commissioning plan",
    "performance scorecard",
    "consultation findings",
    "risk register",
    "equality impact assessment",
    "strategy refresh",
    "funding bids",
    "partner update",
    "evaluation of the pilot",
    "terms of reference review",
    "workshop outcomes",
    "quarterly monitoring",
    "needs assessment",
    "communications plan",
]
VERBS = [
    "reviewed",
    "welcomed",
    "questioned",
    "noted",
    "discussed at length",
    "asked for more detail on",
    "agreed the direction of",
    "challenged the figures in",
]
CONCERNS = [
    "the gap between the areas",
    "the pressure on front-line services",
    "the timetable for delivery",
    "how residents had been involved",
    "the share of the budget for prevention",
    "the data behind the targets",
    "the risks if funding ends",
    "how partners would share the work",
]
VENUES = [
    f"Council Chamber, {BOROUGH} Town Hall",
    "Committee Room 2, Civic Centre",
    "Community Hall, Marston",
    "Fire Station Training Room, Eastbridge",
    "Conference Room, Health and Care Trust HQ",
    "The Library, Castleton",
    "Village Hall, Thornbury",
]
CONFIDENTIAL_REASONS = [
    "Commercially sensitive information about a contract (Agreement 11.2).",
    "Information about named individuals (Agreement 11.2).",
    "Legal advice to the partnership (Agreement 11.2).",
]
GIVERS = [
    "Acme Consulting Ltd",
    "Northern Facilities plc",
    "Brightway Training",
    "The Regional Business Awards",
    "Civic Software Ltd",
    "Greystoke Golf Club",
    "Westford Builders Ltd",
    "A housing developer",
    "The Chamber of Trade",
    "Marston Arts Festival",
]
GIFTS = [
    ("gift", "A bottle of wine at Christmas"),
    ("gift", "A pen and notebook set"),
    ("gift", "Tickets to a local match"),
    ("gift", "A hamper"),
    ("hospitality", "Lunch after a site visit"),
    ("hospitality", "Dinner at an awards evening"),
    ("hospitality", "A place at a conference with an overnight stay"),
    ("hospitality", "Drinks reception"),
]


def _sentence(rng, subject):
    return f"Members {rng.choice(VERBS)} the {subject}, raising {rng.choice(CONCERNS)}."


def _paragraph(rng, subject, sentences=3):
    return " ".join(_sentence(rng, subject) for _ in range(sentences))


# -- The plan of the framework -------------------------------------------------------


@dataclass
class BodyPlan:
    """One body record; a lineage is the records a rename joins (a renamed body is a new record)."""

    index: int
    name: str
    short_name: str
    kind: str
    mode: str
    established_on: D
    lineage: "Lineage"
    ended_on: D | None = None
    shadow_from: D | None = None
    active_from: D | None = None
    # (kind, on, other plan or None, reason) in the body's life.
    changes: list = field(default_factory=list)
    end_reason: str = ""
    pk: int | None = None
    obj: Body | None = None

    def open_on(self, day):
        return self.established_on <= day and (self.ended_on is None or day <= self.ended_on)


@dataclass
class Lineage:
    index: int
    kind: str
    seats: int
    interval: float = 90.0
    records: list = field(default_factory=list)
    protected: bool = False

    @property
    def start(self):
        return self.records[0].established_on

    @property
    def end(self):
        return self.records[-1].ended_on

    def record_on(self, day):
        for record in self.records:
            if record.open_on(day):
                return record
        return None


@dataclass
class Tenure:
    """A person's place on a lineage, from `start` to `end` (None: still held), split later over its records."""

    person: int
    role: str
    start: D
    end: D | None
    end_reason: str = ""
    reserve_for: "Tenure | None" = None
    pieces: dict = field(default_factory=dict)  # record index -> Membership


# Seats by kind of body: the board has fifty members, as the users' large body does.
SEATS = {
    BodyKind.PARTNERSHIP_BOARD: (50, 50),
    BodyKind.THEMATIC_LEADS: (12, 18),
    BodyKind.THEMATIC_PARTNERSHIP: (16, 28),
    BodyKind.AREA_PARTNERSHIP_BOARD: (14, 24),
    BodyKind.COMMUNITY_FORUM: (18, 32),
    BodyKind.SUPPORT_GROUP: (8, 14),
    BodyKind.TASK_AND_FINISH: (6, 12),
    BodyKind.COMMISSIONING_BOARD: (12, 18),
}
# Days between meetings before the set is fitted to its number of meetings.
INTERVALS = {
    BodyKind.PARTNERSHIP_BOARD: 91,
    BodyKind.THEMATIC_LEADS: 30,
    BodyKind.THEMATIC_PARTNERSHIP: 61,
    BodyKind.AREA_PARTNERSHIP_BOARD: 75,
    BodyKind.COMMUNITY_FORUM: 91,
    BodyKind.SUPPORT_GROUP: 61,
    BodyKind.TASK_AND_FINISH: 42,
    BodyKind.COMMISSIONING_BOARD: 61,
}
MODES = {
    BodyKind.PARTNERSHIP_BOARD: Mode.ADVISORY,
    BodyKind.THEMATIC_LEADS: Mode.COMMISSIONING,
    BodyKind.THEMATIC_PARTNERSHIP: Mode.COMMISSIONING,
    BodyKind.AREA_PARTNERSHIP_BOARD: Mode.COMMUNITY_EMPOWERMENT,
    BodyKind.COMMUNITY_FORUM: Mode.COMMUNITY_EMPOWERMENT,
    BodyKind.SUPPORT_GROUP: Mode.ADVISORY,
    BodyKind.TASK_AND_FINISH: Mode.LABORATORY,
    BodyKind.COMMISSIONING_BOARD: Mode.COMMISSIONING,
}


def _frequency(interval):
    for limit, frequency in (
        (35, Frequency.MONTHLY),
        (50, Frequency.SIX_WEEKLY),
        (70, Frequency.BIMONTHLY),
        (100, Frequency.QUARTERLY),
        (200, Frequency.BIANNUAL),
    ):
        if interval <= limit:
            return frequency
    return Frequency.ANNUAL


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _years(days):
    return datetime.timedelta(days=round(days * 365.25))


def _batched(model, rows, batch=BATCH):
    """bulk_create in batches; the rows get their primary keys."""
    for i in range(0, len(rows), batch):
        model.objects.bulk_create(rows[i : i + batch])
    return rows


class Builder:
    """Build the scale data set; each step keeps what the next ones need."""

    def __init__(self, scale: float, seed: int, today: D, say=None):
        self.scale = scale
        self.seed = seed
        self.sizes = sizes_for(scale)
        self.rng = random.Random(f"{seed}:{scale}")
        self.today = today
        # Everything recorded as done happened before the day the set is built began.
        self.now = _at(today, 0)
        self.start = today - _years(self.sizes.years)
        self.say = say or (lambda message: None)
        self.counts = {}

    # -- Organisations and people -----------------------------------------------------

    def organisations(self):
        rng = self.rng
        n = self.sizes.organisations
        names = [f"{place} {kind}" for place in PLACES for kind, _ in ORGANISATION_KINDS]
        rng.shuffle(names)
        sectors = {f"{place} {kind}": sector for place in PLACES for kind, sector in ORGANISATION_KINDS}
        rows = []
        used_slugs = set(Organisation.objects.values_list("slug", flat=True))
        taken_names = set(Organisation.objects.values_list("name", flat=True))
        specs = [(name, sector, authority, short) for name, sector, authority, short in FIXED_ORGANISATIONS]
        specs += [(name, sectors[name], False, "") for name in names if name not in taken_names]
        for name, sector, authority, short in specs[:n]:
            slug = slugify(name)[:70]
            while slug in used_slugs:
                slug = f"{slug}-x"
            used_slugs.add(slug)
            joined = (
                self.start
                if rng.random() < 0.8
                else self.start + DAY * rng.randint(30, (self.today - self.start).days // 2)
            )
            rows.append(
                Organisation(
                    name=name,
                    short_name=short,
                    slug=slug,
                    sector=sector,
                    is_partner_authority=authority,
                    website=f"https://{slug}.example.org/",
                    joined_on=joined,
                )
            )
        self.orgs = _batched(Organisation, rows)
        self.council = self.orgs[0]
        self.police = self.orgs[1]
        self.left_on = {}
        self.counts["organisations"] = len(self.orgs)

    def withdrawals(self, officer):
        """A few partners withdrew, with written notice of their committed funding (Agreement 18.3)."""
        rng = self.rng
        candidates = self.orgs[len(FIXED_ORGANISATIONS) :]
        rows = []
        for org in rng.sample(candidates, k=min(len(candidates), max(1, len(candidates) // 30))):
            joined = org.joined_on or self.start
            span = (self.today - joined).days
            if span < 800:
                continue
            effective = joined + DAY * rng.randint(400, span - 200)
            org.left_on = effective
            self.left_on[org.pk] = effective
            rows.append(
                Withdrawal(
                    organisation=org,
                    notice_received_on=effective - DAY * rng.randint(30, 120),
                    effective_on=effective,
                    notice=f"{org.name} gives notice that it will leave the partnership.",
                    funding_arrangements="The funding committed to the current projects is paid in full until they end.",
                    recorded_by=officer,
                    recorded_at=_at(effective, 10) if effective < self.today else self.now - DAY,
                )
            )
        Organisation.objects.bulk_update([r.organisation for r in rows], ["left_on"])
        _batched(Withdrawal, rows)
        self.counts["withdrawals"] = len(rows)

    def people(self):
        rng = self.rng
        n = self.sizes.people
        existing = {p.email.lower(): p for p in Person.objects.filter(email__in=[s.email for s in PEOPLE])}
        # The three demo logins, as loaddemo gives them.
        by_key = {s.key: s for s in PEOPLE}
        self.login_people = {}
        rows = []
        org_for = {"alison-armstrong": self.council, "mike-jones": self.council, "tim-jackson": self.police}
        for login in DEMO_LOGINS:
            someone = by_key[login.person]
            person = existing.get(someone.email.lower())
            if person is None:
                person = Person(
                    name=someone.name,
                    honorific=someone.honorific,
                    email=someone.email,
                    job_title=someone.job_title,
                    organisation=org_for[someone.key],
                )
                rows.append(person)
            self.login_people[someone.key] = person
        # The secretariat's partnerships team: the officer and three colleagues at the council.
        self.secretariat_people = [self.login_people["alison-armstrong"]]
        for i in range(3):
            person = Person(
                name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                email=f"partnerships.{i + 1}@{EMAIL_DOMAIN}",
                job_title="Partnerships Officer",
                organisation=self.council,
            )
            rows.append(person)
            self.secretariat_people.append(person)
        weights = [6 if i < len(FIXED_ORGANISATIONS) else 1 for i in range(len(self.orgs))]
        for i in range(n - len(rows)):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            honorific = rng.choice(HONORIFICS) if rng.random() < 0.12 else ""
            rows.append(
                Person(
                    name=f"{first} {last}",
                    honorific=honorific,
                    email=f"{first.lower()}.{last.lower()}.{i + 1}@{EMAIL_DOMAIN}",
                    phone=f"01632 {rng.randint(100000, 999999)}",
                    job_title=rng.choice(JOB_TITLES),
                    organisation=rng.choices(self.orgs, weights=weights)[0] if rng.random() < 0.92 else None,
                    notes="" if rng.random() < 0.9 else "Prefers papers by post.",
                )
            )
        _batched(Person, rows)
        self.persons = rows
        self.person_by_pk = {p.pk: p for p in self.persons}
        for person in self.login_people.values():
            self.person_by_pk[person.pk] = person
        self.counts["people"] = len(rows)

    def officer(self):
        """The secretariat officer's login (the demo's), in the secretariat group."""
        person = self.login_people["alison-armstrong"]
        user = User.objects.filter(email__iexact=person.email).first()
        if user is None:
            user = User.objects.create_user(person.email, DEMO_PASSWORD)
        group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
        user.groups.add(group)
        if person.user_id != user.pk:
            person.user = user
            person.save(update_fields=["user"])
        self.officer_user = user
        return user

    # -- Bodies ------------------------------------------------------------------------

    def plan_framework(self):
        rng = self.rng
        n = self.sizes.bodies
        self.plans, self.lineages = [], []
        themes, tasks, places, groups = list(THEMES), list(TASKS), list(PLACES), list(SUPPORT_GROUPS)
        for pool in (themes, tasks, places, groups):
            rng.shuffle(pool)

        def name_for(kind):
            if kind == BodyKind.PARTNERSHIP_BOARD:
                return f"{BOROUGH} Partnership Board", "Partnership Board"
            if kind == BodyKind.THEMATIC_LEADS:
                return "Thematic Leads", ""
            if kind == BodyKind.THEMATIC_PARTNERSHIP:
                theme = themes.pop() if themes else f"Theme {len(self.plans)}"
                return f"{theme} Partnership", theme
            if kind == BodyKind.AREA_PARTNERSHIP_BOARD:
                place = places.pop() if places else f"Area {len(self.plans)}"
                return f"{place} Area Partnership Board", f"{place} APB"
            if kind == BodyKind.COMMUNITY_FORUM:
                place = rng.choice(PLACES)
                return f"{place} Community Forum", ""
            if kind == BodyKind.SUPPORT_GROUP:
                group = groups.pop() if groups else f"Support {len(self.plans)}"
                return f"{group} Group", ""
            if kind == BodyKind.COMMISSIONING_BOARD:
                return f"{BOROUGH} Commissioning Board", "Commissioning Board"
            task = tasks.pop() if tasks else f"Project {len(self.plans)}"
            return f"{task} Task and Finish Group", ""

        def new_lineage(kind, on, *, name=None, shadow=False):
            low, high = SEATS[kind]
            lineage = Lineage(index=len(self.lineages), kind=kind, seats=rng.randint(low, high))
            self.lineages.append(lineage)
            name, short = name or name_for(kind)
            return new_record(lineage, on, name, short, shadow=shadow)

        def new_record(lineage, on, name, short, *, shadow=False, reason="Established."):
            plan = BodyPlan(
                index=len(self.plans),
                name=name,
                short_name=short,
                kind=lineage.kind,
                mode=MODES[lineage.kind],
                established_on=on,
                lineage=lineage,
            )
            plan.changes.append((ChangeKind.ESTABLISHED, on, None, reason))
            if shadow:
                plan.shadow_from = on
                plan.changes.append((ChangeKind.SHADOW, on, None, "Works in shadow form at first."))
                active = on + DAY * rng.randint(90, 240)
                if active < self.today:
                    plan.active_from = active
                    plan.changes.append((ChangeKind.ACTIVE, active, None, "Took on its full remit."))
            else:
                plan.active_from = on
            self.plans.append(plan)
            lineage.records.append(plan)
            return plan

        def close(plan, last_day, kind, other, reason):
            plan.ended_on = last_day
            if plan.active_from and plan.active_from > last_day:
                plan.active_from = None
                plan.changes = [c for c in plan.changes if c[0] != ChangeKind.ACTIVE]
            on = last_day if kind == ChangeKind.ENDED else last_day + DAY
            plan.changes.append((kind, on, other, reason))
            plan.end_reason = {
                ChangeKind.ENDED: f"{plan.name} ended: {reason}",
                ChangeKind.MERGED_INTO: f"{plan.name} merged into {other.name if other else ''}",
                ChangeKind.REPLACED_BY: f"{plan.name} replaced by {other.name if other else ''}",
                ChangeKind.RENAMED_TO: f"{plan.name} renamed {other.name if other else ''}",
            }[kind]

        self.board = new_lineage(BodyKind.PARTNERSHIP_BOARD, self.start)
        self.board.lineage.protected = True
        initial = max(2, round(n * 0.55))
        mix = (
            [BodyKind.THEMATIC_PARTNERSHIP] * 8
            + [BodyKind.AREA_PARTNERSHIP_BOARD] * 4
            + [BodyKind.COMMUNITY_FORUM] * 3
            + [BodyKind.SUPPORT_GROUP] * 2
            + [BodyKind.TASK_AND_FINISH] * 3
        )
        kinds = [BodyKind.THEMATIC_LEADS] + [rng.choice(mix) for _ in range(initial - 2)]
        for kind in kinds[: initial - 1]:
            new_lineage(kind, self.start + DAY * rng.randint(0, 60))
        # The demo member sits on the board and on three other bodies that last.
        for plan in [p for p in self.plans if p.kind != BodyKind.TASK_AND_FINISH][1:4]:
            plan.lineage.protected = True
        span = (self.today - self.start).days
        first, last = self.start + DAY * min(400, span // 3), self.today - DAY * min(120, span // 6)
        events = n - len(self.plans)
        days = sorted(first + DAY * rng.randint(0, max(0, (last - first).days)) for _ in range(events))
        later_mix = [BodyKind.TASK_AND_FINISH] * 5 + [BodyKind.THEMATIC_PARTNERSHIP] * 2 + [BodyKind.SUPPORT_GROUP]
        for day in days:
            candidates = [
                p
                for p in self.plans
                if p.open_on(day)
                and p is not self.board
                and p.established_on <= day - DAY * 365
                and p.kind != BodyKind.TASK_AND_FINISH
            ]
            unprotected = [p for p in candidates if not p.lineage.protected]
            roll = rng.random()
            if roll < 0.25 and candidates:
                old = rng.choice(candidates)
                base = old.name.split(" (")[0]
                renamed = f"{base.replace(' Partnership', ' Board')}" if "Partnership" in base else f"New {base}"
                if renamed == old.name or any(p.name == renamed for p in self.plans):
                    renamed = f"{base} ({day.year})"
                new = new_record(
                    old.lineage,
                    day,
                    renamed,
                    "",
                    reason=f"Renamed from {old.name}. Retained with a new name and remit.",
                )
                close(old, day - DAY, ChangeKind.RENAMED_TO, new, "Retained with a new name and remit.")
            elif roll < 0.45 and len(unprotected) >= 2:
                merged = rng.sample(unprotected, 2)
                kind = BodyKind.COMMISSIONING_BOARD if rng.random() < 0.3 else merged[0].kind
                name = None
                if kind != BodyKind.COMMISSIONING_BOARD:
                    parts = [m.short_name or m.name.replace(" Partnership", "") for m in merged]
                    name = (f"{parts[0]} and {parts[1]} Partnership", "")
                new = new_lineage(kind, day, name=name)
                for old in merged:
                    close(old, day - DAY, ChangeKind.MERGED_INTO, new, "Merged for a leaner framework.")
            elif roll < 0.55 and unprotected:
                old = rng.choice(unprotected)
                new = new_lineage(old.kind, day, shadow=True)
                close(old, day - DAY, ChangeKind.REPLACED_BY, new, "Succeeded as national reforms took effect.")
            else:
                new_lineage(rng.choice(later_mix), day)
        # Task and finish groups end when their task is done; a few other bodies end with no successor.
        for plan in self.plans:
            if plan.ended_on or plan.lineage.protected:
                continue
            if plan.kind == BodyKind.TASK_AND_FINISH:
                last_day = plan.established_on + DAY * rng.randint(300, 1100)
            elif rng.random() < 0.08:
                last_day = plan.established_on + DAY * rng.randint(800, 3000)
            else:
                continue
            if last_day < self.today - DAY * 30:
                close(plan, last_day, ChangeKind.ENDED, None, "Its work is done.")
        self._fit_meetings()

    def _fit_meetings(self):
        """Set each lineage's days between meetings so that the whole set has the number of meetings asked for."""
        horizon = self.today + DAY * 90
        nominal = 0.0
        for lineage in self.lineages:
            end = min(lineage.end or horizon, horizon)
            lineage.span = max(0, (end - lineage.start).days - 14)
            nominal += lineage.span / INTERVALS[lineage.kind]
        factor = nominal / self.sizes.meetings if self.sizes.meetings else 1
        for lineage in self.lineages:
            lineage.interval = max(14.0, INTERVALS[lineage.kind] * factor)

    def bodies(self, officer):
        rng = self.rng
        used = set(Body.objects.values_list("slug", flat=True))
        rows = []
        for plan in self.plans:
            slug = MARKER_SLUG if plan is self.board else slugify(plan.name)[:70]
            while slug in used:
                slug = f"{slug}-{plan.index}"
            used.add(slug)
            seats = plan.lineage.seats
            plan.obj = Body(
                name=plan.name,
                short_name=plan.short_name,
                slug=slug,
                kind=plan.kind,
                mode=plan.mode,
                summary=f"The {plan.name} of the {BOROUGH} partnership.",
                terms_of_reference=_paragraph(rng, "work programme", 4)
                + "\n\n"
                + "Reports to the Partnership Board once a year and by exception.",
                meeting_frequency=_frequency(plan.lineage.interval),
                independently_chaired=plan.kind == BodyKind.AREA_PARTNERSHIP_BOARD,
                equality_statement_adopted_on=plan.established_on + DAY * 60 if rng.random() < 0.7 else None,
                impact_assessment_adopted_on=plan.established_on + DAY * 90 if rng.random() < 0.5 else None,
                quorum=max(3, seats // 3) if plan.kind != BodyKind.COMMUNITY_FORUM else None,
                established_on=plan.established_on,
                shadow_from=plan.shadow_from,
                active_from=plan.active_from,
                ended_on=plan.ended_on,
            )
            rows.append(plan.obj)
        _batched(Body, rows)
        for plan in self.plans:
            plan.pk = plan.obj.pk
        changes = []
        for plan in self.plans:
            for kind, on, other, reason in plan.changes:
                changes.append(
                    BodyChange(
                        body=plan.obj,
                        kind=kind,
                        on=on,
                        other_body=other.obj if other else None,
                        reason=reason,
                        recorded_by=officer,
                        recorded_at=min(_at(on, 9), self.now - DAY),
                    )
                )
        _batched(BodyChange, changes)
        # Every body reports to the board; a forum's chair sits on an area board of its day.
        links = []
        board = self.board.obj
        for plan in self.plans:
            if plan.lineage is self.board.lineage:
                continue
            start = max(plan.established_on, self.board.established_on)
            links.append(
                BodyLink(
                    from_body=plan.obj,
                    to_body=board,
                    kind=LinkKind.REPORTS_TO,
                    note="annually and by exception",
                    start=start,
                    end=plan.ended_on,
                )
            )
            if plan.kind == BodyKind.COMMUNITY_FORUM:
                apbs = [
                    p
                    for p in self.plans
                    if p.kind == BodyKind.AREA_PARTNERSHIP_BOARD and p.open_on(plan.established_on)
                ]
                if apbs:
                    apb = rng.choice(apbs)
                    ends = [d for d in (plan.ended_on, apb.ended_on) if d]
                    links.append(
                        BodyLink(
                            from_body=plan.obj,
                            to_body=apb.obj,
                            kind=LinkKind.CHAIR_SITS_ON,
                            start=max(plan.established_on, apb.established_on),
                            end=min(ends) if ends else None,
                        )
                    )
        _batched(BodyLink, links)
        self.counts["bodies"] = len(rows)
        self.counts["body changes"] = len(changes)
        self.counts["links"] = len(links)

    # -- Memberships -----------------------------------------------------------------

    def _left(self, person_pk):
        """The last day of the person's organisation as a partner, if it withdrew."""
        return self.left_on.get(self.person_by_pk[person_pk].organisation_id)

    def memberships(self):
        rng = self.rng
        staff = {p.pk for p in self.secretariat_people} | {p.pk for p in self.login_people.values()}
        members = [p for p in self.persons if p.pk not in staff]
        self.tenures = []
        self.busy = defaultdict(list)  # (lineage, person) -> [(start, end)]
        horizon = self.today + DAY * 3650
        mike = self.login_people["mike-jones"].pk
        tim = self.login_people["tim-jackson"].pk
        board = self.board.lineage
        others = [lineage for lineage in self.lineages if lineage.protected and lineage is not board]
        mike_sits_on = others[-1] if others else None

        def free(lineage, person, start, end):
            end = end or horizon
            return all(e < start or s > end for s, e in self.busy[(lineage.index, person)])

        def take(lineage, person, start, end):
            self.busy[(lineage.index, person)].append((start, end or horizon))

        def pick(lineage, start, end, pool):
            for _ in range(40):
                person = rng.choice(pool)
                gone = self._left(person.pk)
                if gone is not None and gone <= start + DAY * 30:
                    continue
                if free(lineage, person.pk, start, end):
                    return person.pk
            return None

        for lineage in self.lineages:
            last = lineage.end  # None: the body lives on
            # A small partnership cannot fill the board's fifty seats.
            seats = min(lineage.seats, max(4, len(members) // 3))
            for seat in range(seats):
                role = (
                    Role.CHAIR
                    if seat == 0
                    else Role.VICE_CHAIR
                    if seat == 1
                    else rng.choices(
                        [Role.MEMBER, Role.CO_OPTED, Role.CARETAKER, Role.OBSERVER], weights=[85, 8, 4, 3]
                    )[0]
                )
                # The demo member has sat on the protected bodies since they began; the demo chair has chaired
                # the board for the last five years and sat on another body for eight.
                forced, forced_from = None, None
                if lineage.protected and seat == 2:
                    role, forced = Role.MEMBER, tim
                elif lineage is board and seat == 0:
                    forced, forced_from = mike, self.today - _years(5)
                elif lineage is mike_sits_on and seat == 3:
                    role, forced, forced_from = Role.MEMBER, mike, self.today - _years(8)
                chairing = role in (Role.CHAIR, Role.VICE_CHAIR)
                start = lineage.start if chairing else lineage.start + DAY * rng.randint(0, 45)
                while start <= (last or self.today):
                    person = forced if forced and (forced_from is None or start >= forced_from) else None
                    end = None if person else start + DAY * rng.randint(700, 2500)
                    if end is not None and end >= self.today and last is None and rng.random() < 0.7:
                        end = None
                    if last is not None and (end is None or end >= last):
                        end = last
                    person = person or pick(lineage, start, end, members)
                    if person is None:
                        if chairing:
                            raise RuntimeError(f"No one is free to chair lineage {lineage.index} from {start}.")
                        if end is None:
                            break
                        start = end + DAY
                        continue
                    gone = self._left(person)
                    reason = "Term ended."
                    if gone is not None and (end is None or end > gone):
                        end, reason = gone, "Their organisation left the partnership."
                    tenure = Tenure(person=person, role=role, start=start, end=end, end_reason=reason)
                    take(lineage, person, start, end)
                    self.tenures.append((lineage, tenure))
                    if role == Role.MEMBER and rng.random() < 0.35:
                        self._reserve(lineage, tenure, pick, take, staff)
                    if end is None or end == last:
                        break
                    start = end + DAY if chairing else end + DAY * rng.randint(1, 60)
            # The secretariat supports every body; the officer supports the board.
            support = self.secretariat_people[0] if lineage is board else self.secretariat_people[1 + lineage.index % 3]
            self.tenures.append((lineage, Tenure(person=support.pk, role=Role.SUPPORT, start=lineage.start, end=last)))
        self._split_and_save()

    def _reserve(self, lineage, member, pick, take, staff):
        """Name a reserve for `member` (minutes of 30 April 2009, item 3): a colleague, for part of the term."""
        start = member.start + DAY * self.rng.randint(0, 90)
        if (member.end is not None and start > member.end) or start > self.today:
            return
        person = self.person_by_pk[member.person]
        pool = [p for p in self.persons if p.organisation_id == person.organisation_id and p.pk not in staff]
        if len(pool) < 4:
            pool = [p for p in self.persons if p.pk not in staff]
        reserve = pick(lineage, start, member.end, pool)
        if reserve is None:
            return
        end, reason = member.end, f"The member they stood in for left: {member.end_reason}"
        gone = self._left(reserve)
        if gone is not None and (end is None or end > gone):
            end, reason = gone, "Their organisation left the partnership."
        if end is not None and end < start:
            return
        take(lineage, reserve, start, end)
        self.tenures.append(
            (
                lineage,
                Tenure(
                    person=reserve, role=Role.NAMED_RESERVE, start=start, end=end, end_reason=reason, reserve_for=member
                ),
            )
        )

    def _split_and_save(self):
        """Cut each tenure at its lineage's renames into the memberships of each record, and save them."""
        rng = self.rng
        review_from = self.today - DAY * 45

        def pieces_of(lineage, tenure):
            for record in lineage.records:
                start = max(tenure.start, record.established_on)
                ends = [d for d in (tenure.end, record.ended_on) if d is not None]
                end = min(ends) if ends else None
                if end is not None and end < start:
                    continue
                if record.ended_on is not None and start > record.ended_on:
                    continue
                if end is None:
                    reason = ""
                elif end == record.ended_on and (tenure.end is None or tenure.end >= record.ended_on):
                    reason = record.end_reason
                else:
                    reason = tenure.end_reason
                yield record, start, end, reason

        first, second = [], []
        for lineage, tenure in self.tenures:
            for record, start, end, reason in pieces_of(lineage, tenure):
                review = None
                if end is None:
                    review = review_from + DAY * rng.randint(0, 400)
                membership = Membership(
                    person_id=tenure.person,
                    body_id=record.pk,
                    organisation_id=self.person_by_pk[tenure.person].organisation_id,
                    role=tenure.role,
                    start=start,
                    end=end,
                    end_reason=reason if end is not None else "",
                    review_due_on=review,
                )
                tenure.pieces[record.index] = membership
                (second if tenure.reserve_for else first).append((tenure, record, membership))
        _batched(Membership, [m for _, _, m in first])
        # A reserve stands in for the member's place on the same record.
        second = [row for row in second if row[0].reserve_for.pieces.get(row[1].index) is not None]
        for tenure, record, membership in second:
            membership.reserve_for_id = tenure.reserve_for.pieces[record.index].pk
        _batched(Membership, [m for _, _, m in second])
        self.memberships_by_body = defaultdict(list)
        for tenure, record, membership in first + second:
            membership.tenure = tenure
            self.memberships_by_body[record.pk].append(membership)
        self.counts["memberships"] = len(first) + len(second)

    def users(self):
        """Logins for the demo's three and for everyone who has chaired or vice-chaired (they sign minutes online)."""
        chairs = {
            m.person_id
            for ms in self.memberships_by_body.values()
            for m in ms
            if m.role in (Role.CHAIR, Role.VICE_CHAIR)
        }
        logins = {p.pk for p in self.login_people.values()}
        existing = {u.email.lower(): u for u in User.objects.all()}
        demo_hash = make_password(DEMO_PASSWORD)
        rows, people = [], []
        for pk in sorted(chairs | logins):
            person = self.person_by_pk[pk]
            if person.user_id:
                continue
            user = existing.get(person.email.lower())
            if user is None:
                user = User(
                    email=person.email.lower(),
                    password=demo_hash if pk in logins else NO_PASSWORD,
                    date_joined=_at(self.start, 9),
                )
                rows.append(user)
            person.user = user
            people.append(person)
        _batched(User, rows)
        for person in people:
            person.user_id = person.user.pk
        Person.objects.bulk_update(people, ["user"], batch_size=BATCH)
        self.user_of = {p.pk: p.user_id for p in self.person_by_pk.values() if p.user_id}
        self.counts["logins"] = len(rows)

    # -- Meetings --------------------------------------------------------------------

    def meetings(self):
        rng = self.rng
        horizon = self.today + DAY * 90
        rows = []
        for lineage in self.lineages:
            end = min(lineage.end or horizon, horizon)
            if lineage is self.board.lineage:
                anchor = self.today + DAY * MEMBER_MEETING_IN_DAYS
            else:
                anchor = self.today + DAY * rng.randint(1, max(1, int(lineage.interval)))
            days = []
            day = anchor
            while day > end:
                day -= DAY * max(1, round(lineage.interval))
            while day >= lineage.start + DAY * 14:
                days.append(day)
                day -= DAY * max(7, round(lineage.interval * rng.uniform(0.85, 1.15)))
            day = anchor + DAY * round(lineage.interval)
            while day <= end:
                days.append(day)
                day += DAY * round(lineage.interval)
            hour = rng.choice([10, 14, 18])
            for day in sorted(set(days)):
                if day == self.today:
                    continue
                record = lineage.record_on(day)
                if record is None:
                    continue
                rows.append(self._meeting(record, day, hour, member_meeting=record is self.board and day == anchor))
        rows.sort(key=lambda m: m.starts_at)
        _batched(Meeting, rows)
        self.meeting_rows = rows
        self.counts["meetings"] = len(rows)

    def _meeting(self, record, day, hour, *, member_meeting=False):
        rng = self.rng
        starts = _at(day, hour, 30 if hour == 18 else 0)
        meeting = Meeting(
            body=record.obj,
            kind=MeetingKind.SPECIAL if rng.random() < 0.03 else MeetingKind.ORDINARY,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            venue=rng.choice(VENUES),
            online_url="https://meet.example.org/westmere" if day.year >= 2020 and rng.random() < 0.5 else "",
        )
        published = _at(day - DAY * rng.randint(8, 10), 9, 30)
        past = day < self.today
        roll = 1.0 if member_meeting else rng.random()
        if roll < 0.02:
            meeting.status = MeetingStatus.CANCELLED
            meeting.status_reason = "Not enough business to hold the meeting."
        elif roll < 0.03 and past:
            meeting.status = MeetingStatus.POSTPONED
            meeting.status_reason = "Postponed: the venue was unavailable."
        elif past:
            meeting.status = MeetingStatus.HELD  # moved on by the minutes below
            meeting.agenda_published_at = published
        elif published < self.now:
            meeting.status = MeetingStatus.AGENDA_PUBLISHED
            meeting.agenda_published_at = published
        meeting.plan = record
        return meeting

    def items(self):
        rng = self.rng
        items = []
        self.member_meeting = None
        for meeting in self.meeting_rows:
            record = meeting.plan
            # The board's meetings all have one shape, so that its pages compare across scales.
            fixed = record.lineage is self.board.lineage
            business = 10 if fixed else rng.randint(8, 12)
            if (
                record is self.board
                and self.member_meeting is None
                and meeting.starts_at.date() == self.today + DAY * MEMBER_MEETING_IN_DAYS
            ):
                business = MEMBER_MEETING_ITEMS - 5
                self.member_meeting = meeting
            held = meeting.status == MeetingStatus.HELD
            rows = [
                (StandingRole.APOLOGIES, StandingRole.APOLOGIES.label, ItemKind.INFORMATION),
                (StandingRole.PREVIOUS_MINUTES, StandingRole.PREVIOUS_MINUTES.label, ItemKind.DECISION),
            ]
            topics = THEMES + TASKS
            for n in range(business):
                subject = rng.choice(SUBJECTS)
                if fixed:
                    kind = BOARD_KINDS[n % len(BOARD_KINDS)]
                else:
                    kind = rng.choices([ItemKind.DECISION, ItemKind.DISCUSSION, ItemKind.INFORMATION], [35, 40, 25])[0]
                rows.append(("", f"{rng.choice(topics)}: {subject}", kind))
            rows += [
                (StandingRole.PARTNER_MATTERS, StandingRole.PARTNER_MATTERS.label, ItemKind.INFORMATION),
                (StandingRole.OTHER_BUSINESS, StandingRole.OTHER_BUSINESS.label, ItemKind.DISCUSSION),
                (StandingRole.NEXT_MEETING, StandingRole.NEXT_MEETING.label, ItemKind.INFORMATION),
            ]
            meeting.agenda = []
            for number, (role, title, kind) in enumerate(rows, start=1):
                if meeting is self.member_meeting:
                    confidential = number in (6, 11)
                else:
                    confidential = not role and (number == 7 if fixed else rng.random() < 0.03)
                subject = title.split(": ")[-1]
                item = AgendaItem(
                    meeting=meeting,
                    number=number,
                    title=title,
                    kind=kind,
                    standing_role=role,
                    presenter="" if role else f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    description="" if role else f"To consider the {subject} and agree the next steps.",
                    confidential=confidential,
                    confidential_reason=rng.choice(CONFIDENTIAL_REASONS) if confidential else "",
                    discussion=_paragraph(rng, subject, 3 if fixed else rng.randint(2, 4)) if held and not role else "",
                )
                meeting.agenda.append(item)
                items.append(item)
        _batched(AgendaItem, items)
        self.counts["agenda items"] = len(items)

    def papers(self):
        rng = self.rng
        papers, versions = [], []
        for meeting in self.meeting_rows:
            if meeting.status == MeetingStatus.CANCELLED:
                continue
            fixed = meeting.plan.lineage is self.board.lineage
            numbers = MEMBER_MEETING_PAPERS if meeting is self.member_meeting else BOARD_PAPERS
            deadline = meeting.starts_at.date() - DAY * meeting.body.circulation_days
            for item in meeting.agenda:
                if item.standing_role or (item.number not in numbers if fixed else rng.random() > 0.3):
                    continue
                author = item.presenter
                circulated = meeting.agenda_published_at
                late_reason = ""
                if circulated is not None and not fixed and rng.random() < 0.04:
                    late_day = deadline + DAY * rng.randint(1, 5)
                    if _at(late_day, 16) < self.now:
                        circulated, late_reason = _at(late_day, 16), "The figures were not final until this week."
                paper = Paper(
                    meeting=meeting,
                    item=item,
                    title=item.title,
                    description=item.description,
                    purpose=item.get_kind_display(),
                    circulation=f"Members of the {meeting.body.name}",
                    action_required="To agree the recommendations." if item.kind == ItemKind.DECISION else "To note.",
                    author=author,
                    contact_details=f"{author}, {author.lower().replace(' ', '.')}@{EMAIL_DOMAIN}",
                    publication_date=circulated.date() if circulated else None,
                    target_audience="Partners and the public" if not item.confidential else "Members only",
                    cross_reference="Agreement and Protocols, section 10",
                    confidential=item.confidential,
                    confidential_reason=item.confidential_reason,
                    circulated_at=circulated,
                    late_reason=late_reason,
                    created_at=(circulated or self.now) - DAY * 2,
                )
                papers.append(paper)
        _batched(Paper, papers)
        for paper in papers:
            text = (
                f"{paper.title}\n\nSummary\n\n{_paragraph(rng, paper.title.split(': ')[-1], 3)}\n\n"
                f"Recommendations\n\n{paper.action_required}"
            )
            versions.append(self._version(paper, 1, VersionKind.ORIGINAL, text))
            if paper.meeting.plan.lineage is not self.board.lineage and rng.random() < 0.05:
                versions.append(
                    self._version(paper, 2, VersionKind.REVISED, text + "\n\nRevised figures.", "Figures corrected.")
                )
        _batched(PaperVersion, versions)
        self.counts["papers"] = len(papers)
        self.counts["paper versions"] = len(versions)

    def _version(self, paper, number, kind, text, note=""):
        return PaperVersion(
            paper=paper,
            number=number,
            kind=kind,
            sha256=canonical_hash(text),
            size=len(text.encode()),
            text=text,
            note=note,
            created_at=paper.created_at + DAY * (number - 1),
            created_by=self.officer_user,
        )

    def attendance(self):
        """Who was expected at each meeting held, and who came; a named reserve sits in for a member away."""
        rng = self.rng
        rows = []
        tim = self.login_people["tim-jackson"].pk
        for meeting in self.meeting_rows:
            meeting.roster = []
            meeting.present = []
            if meeting.status != MeetingStatus.HELD:
                continue
            day = meeting.starts_at.date()
            held = [
                m
                for m in self.memberships_by_body[meeting.plan.pk]
                if m.start <= day and (m.end is None or m.end >= day)
            ]
            reserves = defaultdict(list)
            for m in held:
                if m.role == Role.NAMED_RESERVE:
                    reserves[m.reserve_for_id].append(m)
            seen = set()
            business = [i for i in meeting.agenda if not i.standing_role]
            for m in sorted(held, key=lambda m: m.pk):
                if m.role not in SEATED_ROLES or m.person_id in seen:
                    continue
                seen.add(m.person_id)
                roll = rng.random()
                if m.person_id == tim:
                    roll *= 0.5
                status = (
                    AttendanceStatus.PRESENT
                    if roll < 0.82
                    else AttendanceStatus.APOLOGIES
                    if roll < 0.94
                    else AttendanceStatus.ABSENT
                )
                row = Attendance(
                    meeting=meeting,
                    person_id=m.person_id,
                    capacity=Capacity.MEMBER,
                    membership_id=m.pk,
                    role_shown=m.get_role_display() if m.role in (Role.CHAIR, Role.VICE_CHAIR) else "",
                    organisation_shown=self._org_name(m.organisation_id),
                    status=status,
                )
                if status == AttendanceStatus.PRESENT and business and rng.random() < 0.03:
                    row.left_after_item = business[-1]
                rows.append(row)
                meeting.roster.append(m.person_id)
                if status == AttendanceStatus.PRESENT:
                    meeting.present.append(m.person_id)
                elif status == AttendanceStatus.APOLOGIES and reserves.get(m.pk):
                    reserve = reserves[m.pk][0]
                    if reserve.person_id in seen:
                        continue
                    seen.add(reserve.person_id)
                    rows.append(
                        Attendance(
                            meeting=meeting,
                            person_id=reserve.person_id,
                            capacity=Capacity.RESERVE,
                            membership_id=m.pk,
                            role_shown=f"Named reserve for {self.person_by_pk[m.person_id].full_name}",
                            organisation_shown=self._org_name(m.organisation_id),
                            status=AttendanceStatus.PRESENT,
                        )
                    )
                    meeting.roster.append(reserve.person_id)
                    meeting.present.append(reserve.person_id)
            for m in held:
                if m.role == Role.SUPPORT and m.person_id not in seen:
                    seen.add(m.person_id)
                    rows.append(
                        Attendance(
                            meeting=meeting,
                            person_id=m.person_id,
                            capacity=Capacity.SUPPORT,
                            role_shown="Partnerships Officer",
                            organisation_shown=self._org_name(m.organisation_id),
                            status=AttendanceStatus.PRESENT,
                        )
                    )
            if rng.random() < 0.1:
                visitor = rng.choice(self.persons)
                if visitor.pk not in seen:
                    rows.append(
                        Attendance(
                            meeting=meeting,
                            person_id=visitor.pk,
                            capacity=Capacity.VISITOR,
                            organisation_shown=self._org_name(visitor.organisation_id),
                            status=AttendanceStatus.PRESENT,
                        )
                    )
        _batched(Attendance, rows)
        self.counts["attendance"] = len(rows)

    def _org_name(self, pk):
        if not hasattr(self, "_org_names"):
            self._org_names = {o.pk: o.name for o in self.orgs}
        return self._org_names.get(pk, "")

    # -- Minutes, decisions and actions ------------------------------------------------

    def minutes_plan(self):
        """Decide each held meeting's minutes: approved at the body's next meeting, signed there, published after."""
        by_body = defaultdict(list)
        for meeting in self.meeting_rows:
            if meeting.status == MeetingStatus.HELD:
                by_body[meeting.plan.pk].append(meeting)
        for meetings in by_body.values():
            for i, meeting in enumerate(meetings):
                later = meetings[i + 1] if i + 1 < len(meetings) else None
                meeting.approved_at = later
                meeting.approves = meetings[i - 1] if i > 0 else None
                drafted = meeting.ends_at + DAY * 3
                if later is None:
                    meeting.minutes_state = MinutesStatus.DRAFT if drafted < self.now else None
                else:
                    meeting.minutes_state = MinutesStatus.SIGNED
                meeting.drafted_at = min(drafted, self.now - DAY)

    def decisions_and_actions(self):
        rng = self.rng
        decisions, actions, owners = [], [], []
        tim = self.login_people["tim-jackson"].pk
        for meeting in self.meeting_rows:
            if meeting.status != MeetingStatus.HELD or meeting.minutes_state is None:
                continue
            fixed = meeting.plan.lineage is self.board.lineage
            number = 0
            for item in meeting.agenda:
                texts = []
                if item.standing_role == StandingRole.PREVIOUS_MINUTES and meeting.approves is not None:
                    earlier = meeting.approves
                    earlier.minutes_obj = Minutes(meeting=earlier)
                    texts.append(approval_decision_text(earlier.minutes_obj))
                elif item.kind == ItemKind.DECISION and not item.standing_role:
                    subject = item.title.split(": ")[-1]
                    texts.append(f"The {subject} was agreed, subject to the comments made.")
                    if not fixed and rng.random() < 0.3:
                        texts.append(f"Partners were asked to take the {subject} to their own boards.")
                for text in texts:
                    number += 1
                    decisions.append(Decision(item=item, number=number, text=text))
            business = [i for i in meeting.agenda if not i.standing_role]
            for n in range(2 if fixed else rng.choice([1, 2, 2, 3])):
                item = business[n * 5] if fixed else rng.choice(business)
                due = meeting.starts_at.date() + DAY * rng.randint(28, 120)
                age = (self.today - due).days
                if age > 90:
                    status = rng.choices(
                        [ActionStatus.DONE, ActionStatus.DROPPED, ActionStatus.OPEN, ActionStatus.IN_PROGRESS],
                        [80, 8, 6, 6],
                    )[0]
                else:
                    status = rng.choices(
                        [ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE], [60, 25, 15]
                    )[0]
                action = Action(
                    item=item,
                    text=f"Report back on the {item.title.split(': ')[-1]} to the next meeting.",
                    due_on=due,
                    status=status,
                    status_note="Completed." if status == ActionStatus.DONE else "",
                )
                present = [p for p in meeting.present if p != self.secretariat_people[0].pk]
                named = []
                if (not fixed and rng.random() < 0.15) or not present:
                    action.owner_note = rng.choice(["All partners", "Secretariat"])
                else:
                    if tim in present and rng.random() < 0.3:
                        named.append(tim)
                    named += rng.sample(present, k=min(len(present), rng.choice([1, 1, 2])))
                actions.append(action)
                owners.append(sorted(set(named)))
        _batched(Decision, decisions)
        _batched(Action, actions)
        through = Action.owners.through
        _batched(
            through,
            [through(action_id=a.pk, person_id=p) for a, people in zip(actions, owners, strict=True) for p in people],
        )
        self.counts["decisions"] = len(decisions)
        self.counts["actions"] = len(actions)

    # -- Registers and declarations ----------------------------------------------------

    def interests(self):
        rng = self.rng
        officer = self.officer_user
        registered = defaultdict(list)
        for memberships in self.memberships_by_body.values():
            for m in memberships:
                if m.role in (*SEATED_ROLES, Role.NAMED_RESERVE):
                    registered[m.person_id].append(m)
        people = sorted(registered)
        tim = self.login_people["tim-jackson"].pk
        rows = []
        target = self.sizes.interests
        chosen = [tim] * 6 + [rng.choice(people) for _ in range(max(0, target - 6))]
        for pk in chosen:
            first = min(min(m.start for m in registered[pk]), self.today - DAY * 2)
            span = max(1, (self.today - first).days)
            start = first + DAY * rng.randint(0, span - 1)
            end = None
            if rng.random() < 0.35 and (self.today - start).days > 60:
                end = start + DAY * rng.randint(30, (self.today - start).days - 1)
            withheld = rng.random() < 0.04
            org = rng.choice(self.orgs) if rng.random() < 0.7 else None
            kind = rng.choice(InterestKind.values)
            rows.append(
                Interest(
                    person_id=pk,
                    kind=kind,
                    holder=rng.choices(Holder.values, [80, 12, 8])[0],
                    description=f"{InterestKind(kind).label} interest: "
                    + rng.choice(["trustee", "employee", "shareholder", "volunteer", "board member", "tenant"])
                    + (f" of {org.name}" if org else ""),
                    organisation=org,
                    matter="" if org else rng.choice(SUBJECTS),
                    more_than_one_role=rng.random() < 0.1,
                    start=start,
                    end=end,
                    withheld=withheld,
                    withheld_reason="Disclosure would put the member at risk." if withheld else "",
                    created_at=min(_at(start, 11), self.now - DAY),
                    created_by=officer,
                )
            )
        _batched(Interest, rows)
        self.interests_of = defaultdict(list)
        for interest in rows:
            self.interests_of[interest.person_id].append(interest)
        current = {m.person_id for ms in registered.values() for m in ms if m.end is None}
        confirmations = [
            RegisterConfirmation(
                person_id=pk, confirmed_at=self.now - DAY * rng.randint(2, 420) + datetime.timedelta(hours=10)
            )
            for pk in sorted(current)
            if rng.random() < 0.75
        ]
        _batched(RegisterConfirmation, confirmations)
        self.counts["interests"] = len(rows)
        self.counts["register confirmations"] = len(confirmations)

    def declarations(self):
        rng = self.rng
        officer = self.officer_user
        held = [m for m in self.meeting_rows if m.status == MeetingStatus.HELD and m.present]
        target = self.sizes.declarations
        per = target / len(held) if held else 0
        rows = []
        tim = self.login_people["tim-jackson"].pk
        for index, meeting in enumerate(held):
            want = int(per * (index + 1)) - int(per * index)
            business = [i for i in meeting.agenda if not i.standing_role]
            people = [p for p in meeting.present if p not in {s.pk for s in self.secretariat_people}]
            members = set(meeting.roster)
            people = [p for p in people if p in members]
            if not business or not people:
                continue
            pairs = set()
            if tim in people and rng.random() < 0.5:
                pairs.add((rng.choice(business).pk, tim))
            tries = 0
            while len(pairs) < want and tries < want * 5:
                tries += 1
                pairs.add((rng.choice(business).pk, rng.choice(people)))
            day = meeting.starts_at.date()
            for item_pk, person in sorted(pairs):
                in_advance = rng.random() < 0.45
                recorded = (
                    meeting.starts_at - DAY * rng.randint(1, 6)
                    if in_advance
                    else meeting.starts_at + datetime.timedelta(minutes=rng.randint(10, 100))
                )
                interest = None
                held_then = [
                    i for i in self.interests_of.get(person, ()) if i.start <= day and (i.end is None or i.end >= day)
                ]
                if held_then and rng.random() < 0.6:
                    interest = rng.choice(held_then)
                kind = interest.kind if interest else rng.choice(InterestKind.values)
                declaration = Declaration(
                    item_id=item_pk,
                    person_id=person,
                    interest=interest,
                    kind=kind,
                    description=interest.description
                    if interest
                    else f"{InterestKind(kind).label} interest: a relative works for a provider named in the paper.",
                    made=DeclarationWhen.IN_ADVANCE if in_advance else DeclarationWhen.IN_MEETING,
                    recorded_by=officer,
                    recorded_at=recorded,
                )
                declaration.meeting = meeting
                rows.append(declaration)
        _batched(Declaration, rows)
        self.declaration_rows = rows
        self.counts["declarations"] = len(rows)

    def _chairs_by_body(self):
        """{body pk: its chairs' and vice chairs' memberships}, over the body's whole life."""
        chairs = defaultdict(list)
        for pk, memberships in self.memberships_by_body.items():
            for m in memberships:
                if m.role in (Role.CHAIR, Role.VICE_CHAIR):
                    chairs[pk].append(m)
        return chairs

    def rulings(self):
        """The body rules on each declaration (Agreement 11.1.4); the latest meetings' wait for a ruling."""
        rng = self.rng
        chairs = self._chairs_by_body()
        rulings, disbarments = [], []
        for declaration in self.declaration_rows:
            meeting = declaration.meeting
            if meeting.minutes_state != MinutesStatus.SIGNED and rng.random() < 0.7:
                continue
            day = meeting.starts_at.date()
            by = None
            for m in sorted(chairs[meeting.plan.pk], key=lambda m: m.role != Role.CHAIR):
                if m.start <= day and (m.end is None or m.end >= day) and m.person_id != declaration.person_id:
                    by = self.user_of.get(m.person_id)
                    if by:
                        break
            outcome = rng.choices(
                [Outcome.NOTED, Outcome.SPEAK_NOT_VOTE, Outcome.WITHDRAW, Outcome.DISBARRED_PROJECT],
                [78, 10, 11.7, 0.3],
            )[0]
            project = (
                f"The {declaration.description.split(' of ')[-1]} contract"
                if outcome == Outcome.DISBARRED_PROJECT
                else ""
            )
            ruling = Ruling(
                declaration=declaration,
                outcome=outcome,
                reasons={
                    Outcome.NOTED: "The interest is not prejudicial; the member may take part.",
                    Outcome.SPEAK_NOT_VOTE: "The member may give information but takes no part in the decision.",
                    Outcome.WITHDRAW: "A prejudicial interest: the member leaves the room for the item.",
                    Outcome.DISBARRED_PROJECT: "A continuing prejudicial interest in the project.",
                }[outcome],
                project=project,
                ruled_by_id=by or self.officer_user.pk,
                ruled_at=max(declaration.recorded_at, meeting.starts_at) + datetime.timedelta(minutes=5),
            )
            rulings.append(ruling)
            if outcome == Outcome.DISBARRED_PROJECT:
                disbarments.append((ruling, declaration))
        _batched(Ruling, rulings)
        _batched(
            Disbarment,
            [
                Disbarment(
                    person_id=d.person_id,
                    body_id=d.meeting.plan.pk,
                    project=r.project,
                    ruling=r,
                    start=d.meeting.starts_at.date(),
                )
                for r, d in disbarments
            ],
        )
        self.counts["rulings"] = len(rulings)
        self.counts["disbarments"] = len(disbarments)

    def gifts(self):
        rng = self.rng
        officer = self.officer_user
        if not GiftsSettings.objects.exists():
            GiftsSettings.objects.create()
        spans = [
            (m.person_id, m.start, m.end or self.today - DAY, m.body_id)
            for ms in self.memberships_by_body.values()
            for m in ms
            if m.role in SEATED_ROLES
        ]
        spans = [s for s in spans if s[2] > s[1]]
        tim = self.login_people["tim-jackson"].pk
        tims = [s for s in spans if s[0] == tim]
        rows = []
        for i in range(self.sizes.gifts):
            person, first, last, _ = rng.choice(tims) if i < 8 and tims else rng.choice(spans)
            offered = first + DAY * rng.randint(0, (last - first).days)
            kind, description = rng.choice(GIFTS)
            value = Decimal(str(round(math.exp(rng.uniform(math.log(5), math.log(600))), 2)))
            refused = value > 150 and rng.random() < 0.7 or rng.random() < 0.1
            declared = offered + DAY * rng.choices([rng.randint(1, 28), rng.randint(29, 60)], [90, 10])[0]
            rows.append(
                Gift(
                    person_id=person,
                    kind=GiftKind.GIFT if kind == "gift" else GiftKind.HOSPITALITY,
                    offered_by=rng.choice(GIVERS),
                    description=description,
                    estimated_value=value,
                    offered_on=offered,
                    decision=GiftDecision.REFUSED if refused else GiftDecision.ACCEPTED,
                    reason="It could be seen to influence a decision." if refused else "Modest and customary.",
                    declared_at=min(_at(declared, 12), self.now - DAY),
                    recorded_by=officer,
                )
            )
        rows = [g for g in rows if g.declared_at.date() >= g.offered_on]
        _batched(Gift, rows)
        advice = []
        for _ in range(self.sizes.advice):
            person, first, last, body = rng.choice(spans)
            asked = first + DAY * rng.randint(0, (last - first).days)
            answered = rng.random() < 0.8
            advice.append(
                AdviceRequest(
                    person_id=person,
                    body_id=body,
                    question="I have been offered tickets by a supplier. May I accept them?",
                    asked_at=min(_at(asked, 10), self.now - DAY * 2),
                    answer="Please decline: the supplier is bidding for work." if answered else "",
                    answered_by=officer if answered else None,
                    answered_at=min(_at(asked + DAY * 2, 10), self.now - DAY) if answered else None,
                )
            )
        _batched(AdviceRequest, advice)
        self.counts["gifts"] = len(rows)
        self.counts["advice requests"] = len(advice)

    # -- Signed minutes ------------------------------------------------------------------

    def minutes(self):
        """Write the minutes: the signed ones carry the SHA-256 of their canonical text, as the chair's signing does."""
        rng = self.rng
        chairs = self._chairs_by_body()
        rows, statuses = [], []
        for meeting in self.meeting_rows:
            state = getattr(meeting, "minutes_state", None)
            if meeting.status != MeetingStatus.HELD or state is None:
                continue
            minutes = Minutes(meeting=meeting, status=state, drafted_at=meeting.drafted_at)
            meeting.status = MeetingStatus.MINUTES_DRAFTED
            if state == MinutesStatus.SIGNED:
                later = meeting.approved_at
                approval_item = next(i for i in later.agenda if i.standing_role == StandingRole.PREVIOUS_MINUTES)
                day = later.starts_at.date()
                minutes.approved_at_item = approval_item
                minutes.approved_on = day
                signer = None
                for m in sorted(chairs[meeting.plan.pk], key=lambda m: m.role != Role.CHAIR):
                    if m.start <= day and (m.end is None or m.end >= day) and self.user_of.get(m.person_id):
                        signer = self.user_of[m.person_id]
                        break
                minutes.signed_by_id = signer
                minutes.signed_at = later.ends_at + datetime.timedelta(minutes=rng.randint(5, 600))
                if minutes.signed_at >= self.now:
                    minutes.signed_at = self.now - datetime.timedelta(minutes=rng.randint(5, 600))
                minutes.signed_hash = canonical_hash(canonical_text(meeting))
                published = minutes.signed_at + DAY * rng.randint(1, 5)
                meeting.status = MeetingStatus.MINUTES_APPROVED
                if published < self.now:
                    minutes.published_at = published
                    meeting.status = MeetingStatus.MINUTES_PUBLISHED
            rows.append(minutes)
            statuses.append(meeting)
        _batched(Minutes, rows)
        Meeting.objects.bulk_update(statuses, ["status"], batch_size=BATCH)
        self.counts["minutes"] = len(rows)
        self.counts["minutes published"] = sum(1 for m in rows if m.published_at)

    def analyze(self):
        """Bring PostgreSQL's planner statistics up to date, as autovacuum would after so many inserts.

        Without them the planner takes the freshly filled tables for empty ones and scans them whole.
        """
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    # -- History -------------------------------------------------------------------------

    def history(self):
        """One saved version of each record the secretariat's history pages show, dated when it began."""
        memberships = [m for ms in self.memberships_by_body.values() for m in ms]
        records = [
            (Organisation, self.orgs, lambda o: o.joined_on or self.start),
            (Person, self.persons, lambda p: self.start),
            (Body, [p.obj for p in self.plans], lambda b: b.established_on),
            (BodyLink, list(BodyLink.objects.filter(from_body__in=[p.pk for p in self.plans])), lambda x: x.start),
            (Membership, memberships, lambda m: m.start),
        ]
        count = 0
        for model, rows, began in records:
            for row in rows:
                row._history_date = min(_at(began(row), 9), self.now - DAY)
            model.history.bulk_history_create(rows, batch_size=BATCH, default_user=self.officer_user)
            count += len(rows)
        self.counts["history rows"] = count

    # -- Notifications -------------------------------------------------------------------

    def notifications(self):
        """What members were told: each agenda pack and each set of minutes published, to everyone on the body."""
        rng = self.rng
        count = 0
        batch = []

        def send(kind, key, person, subject, body, url, due):
            nonlocal count
            failed = rng.random() < 0.003
            sent = due + datetime.timedelta(minutes=1)
            batch.append(
                Notification(
                    kind=kind,
                    key=key,
                    recipient_id=person,
                    subject=subject,
                    body=body,
                    url=url,
                    due_at=due,
                    delivery=Delivery.EMAIL,
                    status=NotificationStatus.FAILED if failed else NotificationStatus.SENT,
                    attempts=5 if failed else 1,
                    last_error="SMTPRecipientsRefused: mailbox unavailable" if failed else "",
                    created_at=due,
                    claimed_at=sent,
                    sent_at=None if failed else sent,
                    read_at=sent + DAY if rng.random() < 0.5 else None,
                )
            )
            count += 1
            if len(batch) >= BATCH:
                Notification.objects.bulk_create(batch)
                batch.clear()

        minutes_of = {m.meeting_id: m for m in Minutes.objects.filter(published_at__isnull=False)}
        for meeting in self.meeting_rows:
            if meeting.agenda_published_at is None:
                continue
            people = meeting.roster or [
                m.person_id
                for m in self.memberships_by_body[meeting.plan.pk]
                if m.start <= meeting.starts_at.date() and (m.end is None or m.end >= meeting.starts_at.date())
            ]
            when = british_datetime(meeting.starts_at)
            url = f"/meetings/{meeting.pk}/"
            stamp = f"{meeting.agenda_published_at:%Y%m%dT%H%M%S.%f}"
            for person in dict.fromkeys(people):
                send(
                    "pack_published",
                    f"meeting:{meeting.pk}:pack-published:{stamp}:{person}",
                    person,
                    f"Agenda and papers: {meeting.body.name}, {when}",
                    f"The agenda and papers for the meeting of the {meeting.body.name} on {when} are published.",
                    url,
                    meeting.agenda_published_at,
                )
            minutes = minutes_of.get(meeting.pk)
            if minutes is not None:
                for person in dict.fromkeys(people):
                    send(
                        "minutes_published",
                        f"meeting:{meeting.pk}:minutes-published:{person}",
                        person,
                        f"Minutes published: {meeting.body.name}, {british_date(meeting.starts_at)}",
                        f"The minutes of the meeting of the {meeting.body.name} on {when} are published.",
                        f"{url}minutes/",
                        minutes.published_at,
                    )
        if batch:
            Notification.objects.bulk_create(batch)
        self.counts["notifications"] = count

    # -- The Agreement, through its actions --------------------------------------------

    def agreement(self):
        by = self.officer_user
        board_meetings = [
            m for m in self.meeting_rows if m.plan.lineage is self.board.lineage and m.status in HELD_STATUSES
        ]
        if not board_meetings or Agreement.objects.filter(slug=AGREEMENT_SLUG).exists():
            return
        agreement = agreement_actions.create_agreement(
            by=by, title="Agreement and Protocols", slug=AGREEMENT_SLUG, body=None
        )
        revisions = max(1, round(self.sizes.years / 4))
        step = max(1, len(board_meetings) // (revisions + 1))
        adopted_at = [board_meetings[min(len(board_meetings) - 1, i * step)] for i in range(revisions + 1)]
        adopted_at = list(dict.fromkeys(adopted_at))
        version = agreement_actions.start_draft(
            agreement, by=by, label="Version 1", summary="The first Agreement of the partnership."
        )
        build_clauses(version, V5, by)
        for n, meeting in enumerate(adopted_at, start=1):
            if n > 1:
                version = agreement_actions.start_draft(
                    agreement, by=by, label=f"Version {n}", summary=f"The review of {meeting.starts_at.year}."
                )
                clause = version.clauses.order_by("pk").first()
                agreement_actions.edit_clause(
                    clause,
                    by=by,
                    heading=clause.heading,
                    text=f"{clause.text}\n\nReviewed by the partnership board in {meeting.starts_at.year}.",
                )
            agreement_actions.adopt_version(
                version, by=by, meeting=meeting, takes_effect=meeting.starts_at.date() + DAY
            )
        for key, org in (("mike-jones", self.council), ("tim-jackson", self.police)):
            signing_actions.designate_signatory(
                by=by, organisation=org, person=self.login_people[key], start=adopted_at[-1].starts_at.date() + DAY
            )
        self.counts["agreement versions"] = len(adopted_at)

    # -- All of it -----------------------------------------------------------------------

    def run(self):
        steps = [
            ("organisations", self.organisations),
            ("people", self.people),
            ("the secretariat's login", self.officer),
            ("withdrawals", lambda: self.withdrawals(self.officer_user)),
            ("the framework", self.plan_framework),
            ("bodies, changes and links", lambda: self.bodies(self.officer_user)),
            ("memberships", self.memberships),
            ("logins", self.users),
            ("meetings", self.meetings),
            ("agenda items", self.items),
            ("papers", self.papers),
            ("attendance", self.attendance),
            ("minutes plan", self.minutes_plan),
            ("decisions and actions", self.decisions_and_actions),
            ("register of interests", self.interests),
            ("declarations", self.declarations),
            ("rulings", self.rulings),
            ("gifts and hospitality", self.gifts),
            ("statistics", self.analyze),
            ("minutes, signed", self.minutes),
            ("history of the base records", self.history),
            ("notifications", self.notifications),
            ("the Agreement", self.agreement),
            ("statistics, again", self.analyze),
        ]
        for label, step in steps:
            started = time.perf_counter()
            step()
            self.say(f"  {label}: {time.perf_counter() - started:.1f} s")
        return self.counts


def build(scale: float = 1.0, *, seed: int = 2009, today: D | None = None, say=None) -> dict:
    """Build the scale data set in the current database, all or nothing; return the counts of what was made."""
    builder = Builder(scale, seed, today or timezone.localdate(), say=say)
    # All or nothing: bulk inserts and the Agreement's few actions, as one unit.
    with several_actions():
        return builder.run()
