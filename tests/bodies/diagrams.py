"""Support for the diagram's tests: the day it is drawn as at, and a small framework to draw."""

import datetime

from bodies.models import BodyKind, LinkKind
from tests.factories import BodyFactory, BodyLinkFactory

# The day the diagram tests draw the framework as at.
ON = datetime.date(2009, 9, 1)


def body_named(name, kind, **kwargs):
    """A body whose slug is its name, lower-cased and hyphenated."""
    return BodyFactory(name=name, slug=name.lower().replace(" ", "-"), kind=kind, **kwargs)


def small_framework():
    """A small framework: boards, leads, thematic partnerships, area boards, a forum and groups."""
    b = {
        "board": body_named("Partnership Board", BodyKind.PARTNERSHIP_BOARD),
        "commissioning": body_named(
            "Commissioning Board", BodyKind.COMMISSIONING_BOARD, shadow_from=ON, active_from=None
        ),
        "leads": body_named("Thematic Leads", BodyKind.THEMATIC_LEADS),
        "health": body_named("Health Partnership", BodyKind.THEMATIC_PARTNERSHIP),
        "safer": body_named("Safer Communities Partnership", BodyKind.THEMATIC_PARTNERSHIP),
        "economy": body_named("Economy Partnership", BodyKind.THEMATIC_PARTNERSHIP),
        "chester": body_named(
            "Chester Area Partnership Board", BodyKind.AREA_PARTNERSHIP_BOARD, short_name="Chester APB"
        ),
        "rural": body_named("Rural Area Partnership Board", BodyKind.AREA_PARTNERSHIP_BOARD),
        "forum": body_named("Chester Community Forum", BodyKind.COMMUNITY_FORUM),
        "performance": body_named("Performance Group", BodyKind.SUPPORT_GROUP),
        "jobs": body_named("Jobs Task Group", BodyKind.TASK_AND_FINISH),
    }
    for source, kind, target in [
        ("leads", LinkKind.REPORTS_TO, "board"),
        ("board", LinkKind.COMMISSIONS, "commissioning"),
        ("commissioning", LinkKind.FORMAL_LINK, "board"),
        ("commissioning", LinkKind.COMMISSIONS, "health"),
        ("health", LinkKind.REPORTS_TO, "leads"),
        ("safer", LinkKind.REPORTS_TO, "leads"),
        ("economy", LinkKind.REPORTS_TO, "leads"),
        ("safer", LinkKind.FORMAL_LINK, "economy"),
        ("health", LinkKind.FORMAL_LINK, "economy"),
        ("chester", LinkKind.REPORTS_TO, "board"),
        ("chester", LinkKind.CHAIR_SITS_ON, "board"),
        ("rural", LinkKind.REPORTS_TO, "board"),
        ("forum", LinkKind.FORMAL_LINK, "chester"),
        ("performance", LinkKind.REPORTS_TO, "leads"),
        ("jobs", LinkKind.REPORTS_TO, "economy"),
        ("jobs", LinkKind.FORMAL_LINK, "forum"),
    ]:
        BodyLinkFactory(from_body=b[source], to_body=b[target], kind=kind)
    return b
