"""Performance indicators for the demo partnership: the themes' and an area's measures over three years.

`load(stdout)` is called by `manage.py loaddemo` after the rest of the demo, in a
unit of its own; it does nothing if the demo indicators are already there, or if
the demo partnership is not. Everything goes through performance.actions, as the
secretariat and the reporting organisations would: indicators, targets for each
period of 2008/09 to 2010/11 (the Local Area Agreement's three years), and values,
published by the secretariat. Two indicators end off track (assaults with injury,
and alcohol-related hospital admissions): their bodies' exception pages list them,
for the secretariat to put on the Commissioning Board's coming agenda (the demo
leaves that step to whoever tries it, so the board's agenda stays as the meetings
demo made it). The Constabulary's last figure waits
as a draft, entered by Tim Jackson (a demo login of the Constabulary).

National Indicator numbers are those of the national indicator set of the time;
every figure is made up for the demo.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from bodies.models import Body
from partnership.models import SECRETARIAT_GROUP, Organisation, Person, User
from partnership.transactions import several_actions
from performance import periods
from performance.actions import indicators as actions
from performance.models import Indicator

YEARS = (2008, 2009, 2010)
MARKER = "serious-acquisitive-crime"


@dataclass(frozen=True)
class Spec:
    slug: str
    name: str
    owner: str
    reporter: str
    reference: str
    unit: str
    polarity: str
    frequency: str
    tolerance: str
    definition: str
    baseline: str
    # One (target, value) pair per period, oldest first; None for a value not reported.
    figures: tuple


def _quarters(targets, values):
    return tuple(zip(targets, values, strict=True))


SPECS = [
    Spec(
        MARKER,
        "Serious acquisitive crime",
        "safer-stronger-communities",
        "cheshire-constabulary",
        "NI 16",
        "crimes per 1,000 people",
        "lower",
        "quarterly",
        "0.2",
        "Burglaries of homes, robberies and thefts of and from vehicles recorded in the quarter, per 1,000 residents.",
        "3.9",
        _quarters(
            ["3.8", "3.8", "3.7", "3.7", "3.6", "3.6", "3.5", "3.5", "3.4", "3.4", "3.3", "3.3"],
            ["3.9", "3.7", "3.8", "3.6", "3.5", "3.6", "3.4", "3.5", "3.3", "3.2", "3.4", "3.2"],
        ),
    ),
    Spec(
        "assault-with-injury",
        "Assaults with injury",
        "safer-stronger-communities",
        "cheshire-constabulary",
        "NI 20",
        "crimes per 1,000 people",
        "lower",
        "quarterly",
        "0.1",
        "Assaults causing injury recorded by the police in the quarter, per 1,000 residents.",
        "2.1",
        _quarters(
            ["2.1", "2.1", "2.0", "2.0", "2.0", "1.9", "1.9", "1.9", "1.8", "1.8", "1.8", "1.7"],
            ["2.0", "2.1", "2.0", "1.9", "2.0", "2.0", "1.9", "2.1", "2.0", "2.1", "2.0", "2.2"],
        ),
    ),
    Spec(
        "young-people-neet",
        "Young people not in education, employment or training",
        "children-young-peoples-trust",
        "connexions",
        "NI 117",
        "%",
        "lower",
        "annual",
        "0.3",
        "Young people aged 16 to 18 known to the careers service who are not in education, employment or training, "
        "as a share of all those known, averaged over November to January.",
        "6.4",
        (("6.2", "6.3"), ("6.0", "5.9"), ("5.8", "5.6")),
    ),
    Spec(
        "year-six-obesity",
        "Obesity among children in Year 6",
        "children-young-peoples-trust",
        "western-cheshire-pct",
        "NI 56",
        "%",
        "lower",
        "annual",
        "0.5",
        "Children in Year 6 measured by the school nursing service whose body mass index is in the obese range.",
        "17.5",
        (("17.3", "17.4"), ("17.1", "17.4"), ("16.9", "17.2")),
    ),
    Spec(
        "smoking-quitters",
        "People who stopped smoking",
        "health-wellbeing-partnership",
        "western-cheshire-pct",
        "NI 123",
        "per 100,000 adults",
        "higher",
        "annual",
        "25",
        "People aged 16 or over who had stopped smoking four weeks after setting a date with the stop smoking "
        "service, per 100,000 adults.",
        "880",
        (("900", "912"), ("930", "951"), ("960", "958")),
    ),
    Spec(
        "alcohol-admissions",
        "Hospital admissions related to alcohol",
        "health-wellbeing-partnership",
        "western-cheshire-pct",
        "NI 39",
        "per 100,000 people",
        "lower",
        "annual",
        "40",
        "Admissions to hospital for conditions wholly or partly caused by alcohol, age-standardised, per 100,000 "
        "residents.",
        "1520",
        (("1500", "1540"), ("1480", "1590"), ("1460", "1620")),
    ),
    Spec(
        "employment-rate",
        "Overall employment rate",
        "business-enterprise-culture",
        "jobcentre-plus",
        "NI 151",
        "%",
        "higher",
        "annual",
        "1",
        "People of working age in employment, as a share of all people of working age living in the borough.",
        "76.0",
        (("76.2", "75.8"), ("76.4", "74.9"), ("76.6", "75.9")),
    ),
    Spec(
        "household-waste-recycled",
        "Household waste reused, recycled or composted",
        "environmental-sustainability",
        "cwac",
        "NI 192",
        "%",
        "higher",
        "quarterly",
        "2",
        "The share of household waste collected by the council that was sent for reuse, recycling or composting.",
        "42",
        _quarters(
            ["43", "43", "43", "43", "45", "45", "45", "45", "47", "47", "47", "47"],
            ["44.1", "45.0", "41.8", "42.6", "46.2", "46.9", "43.7", "44.5", "48.0", "48.3", "46.1", "47.4"],
        ),
    ),
    Spec(
        "influence-local-decisions",
        "People who feel they can influence decisions in their area",
        "apb-chester",
        "cwac",
        "NI 4",
        "%",
        "higher",
        "annual",
        "2",
        "Residents of the area answering the place survey who agree they can influence decisions affecting it.",
        "27",
        (("28", "29"), ("30", "29"), ("32", "33")),
    ),
]


def _period_starts(frequency):
    return [start for year in YEARS for start in periods.periods_of_year(year, frequency)]


def load(stdout=None):
    """Load the demo indicators once; return True if they were loaded now."""

    def say(message):
        if stdout is not None:
            stdout.write(message)

    # All or nothing: the demo's actions, each durable, run as one unit.
    with several_actions():
        return _load(say)


def _load(say):
    if Indicator.objects.filter(slug=MARKER).exists():
        say("The demo performance indicators are already loaded; nothing changed.")
        return False
    by = User.objects.filter(groups__name=SECRETARIAT_GROUP).order_by("pk").first()
    bodies = {body.slug: body for body in Body.objects.filter(slug__in={spec.owner for spec in SPECS})}
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in={spec.reporter for spec in SPECS})}
    if (
        by is None
        or len(bodies) < len({s.owner for s in SPECS})
        or len(organisations) < len({s.reporter for s in SPECS})
    ):
        say("The demo partnership is not loaded, so the demo performance indicators were not loaded either.")
        return False
    for spec in SPECS:
        _indicator(spec, bodies, organisations, by)
    # The Constabulary's officer enters the latest quarter's revised figure; it waits for the secretariat.
    tim = Person.objects.filter(name="Tim Jackson", user__isnull=False).select_related("user").first()
    serious = Indicator.objects.get(slug=MARKER)
    if tim is not None and tim.organisation_id == serious.reporter_id:
        actions.record_value(
            serious,
            by=tim.user,
            period_start=datetime.date(2011, 1, 1),
            value=Decimal("3.1"),
            note="Revised after late crime reports from the city centre were added.",
        )
    say(f"Loaded {len(SPECS)} demo performance indicators over {len(YEARS)} years.")
    return True


def _indicator(spec, bodies, organisations, by):
    indicator = actions.create_indicator(
        by=by,
        name=spec.name,
        slug=spec.slug,
        definition=spec.definition,
        unit=spec.unit,
        polarity=spec.polarity,
        frequency=spec.frequency,
        owner=bodies[spec.owner],
        reporter=organisations[spec.reporter],
        national_reference=spec.reference,
        tolerance=Decimal(spec.tolerance),
        baseline=Decimal(spec.baseline),
        baseline_label="2007/08",
    )
    starts = _period_starts(spec.frequency)
    for start, (target, value) in zip(starts, spec.figures, strict=True):
        actions.set_target(indicator, by=by, period_start=start, value=Decimal(target))
        if value is not None:
            actions.record_value(indicator, by=by, period_start=start, value=Decimal(value), publish=True)
    return indicator
