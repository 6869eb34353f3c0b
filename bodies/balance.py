"""Membership balance (Agreement 16.3): a body's seats by gender and by sector, as aggregate figures only.

Who is counted: each person holding a seat on the body today (chair, vice chair,
member, co-opted member, caretaker), once. Their sector is that of the organisation
they sit for; a member sitting in their own right is counted as such. Their gender
is what they chose to state on their account page (partnership.StatedGender); no
answer and "prefer not to say" are both "not stated".

Sector figures are shown in full: each member's organisation is public already.
Gender figures follow the small-number rule, so that nobody's answer can be told
from the figures and the public list of members:

1. A body with fewer than MIN_PEOPLE people in its seats shows no gender figures.
2. If every person on the body gave the same answer (woman, man or in another way),
   no gender figures are shown: the figure would be everyone's answer.
3. A count below SMALL (0, 1 or 2) is not shown, nor is its percentage.
4. If only one count is hidden by rule 3, the smallest other count is hidden too,
   so that the hidden one cannot be worked out from the total. Every hidden count
   reads the same ("not shown"), so a reader cannot tell which rule hid it.

The rule protects one reading of the page. Comparing the figures before and after one
person joins or leaves a body may still narrow down that person's answer; the figures
are counts of today only and keep no history, which limits, but cannot rule out, that.
"""

from dataclasses import dataclass

from bodies.models import SEATED_ROLES, Membership
from partnership.models import Gender, Sector

SMALL = 3
MIN_PEOPLE = 6
NOT_STATED = "Not stated"
OWN_RIGHT = "In their own right"


@dataclass
class Figure:
    label: str
    count: int
    total: int
    hidden: bool = False

    @property
    def percent(self) -> int:
        return round(100 * self.count / self.total) if self.total else 0

    @property
    def shown(self) -> str:
        return "Not shown" if self.hidden else str(self.count)


@dataclass
class Balance:
    people: int
    sectors: list
    genders: list  # empty when withheld
    withheld_reason: str = ""


def seated_today(body):
    """(person id, stated gender or None, sector or None) for each person with a seat on `body` today, once each."""
    rows = (
        Membership.objects.current()
        .filter(body=body, role__in=SEATED_ROLES)
        .order_by("person_id", "pk")
        .values_list("person_id", "person__stated_gender__gender", "organisation__sector")
    )
    seen = {}
    for person_id, gender, sector in rows:
        seen.setdefault(person_id, (gender, sector))
    return list(seen.values())


def gender_figures(answers: list) -> tuple[list, str]:
    """The gender rows for `answers` (one per person, None for not stated) under the small-number rule.

    Returns (figures, reason): no figures and the reason when they are withheld.
    """
    total = len(answers)
    if total < MIN_PEOPLE:
        return [], f"Gender figures are not shown for a body with fewer than {MIN_PEOPLE} members."
    counts = dict.fromkeys([*Gender.labels, NOT_STATED], 0)
    for answer in answers:
        counts[Gender(answer).label if answer else NOT_STATED] += 1
    if any(counts[label] == total for label in Gender.labels):
        return [], "Gender figures are not shown: they would reveal members' answers."
    figures = [Figure(label, count, total, hidden=count < SMALL) for label, count in counts.items()]
    hidden = [figure for figure in figures if figure.hidden]
    if len(hidden) == 1:
        others = sorted((f for f in figures if not f.hidden), key=lambda f: f.count)
        others[0].hidden = True
    return figures, ""


def sector_figures(sectors: list) -> list:
    total = len(sectors)
    counts = dict.fromkeys([*Sector.labels, OWN_RIGHT], 0)
    for sector in sectors:
        counts[Sector(sector).label if sector else OWN_RIGHT] += 1
    return [Figure(label, count, total) for label, count in counts.items() if count]


def balance_of(body) -> Balance:
    seated = seated_today(body)
    genders, reason = gender_figures([gender for gender, _ in seated])
    return Balance(len(seated), sector_figures([sector for _, sector in seated]), genders, reason)
