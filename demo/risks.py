"""The demo's risk register: a handful of risks of the Performance and Risk Task Group and the board.

Written for the demo in its own words, through the risks app's action, with review dates set
from today so that the register always has reviews to come, one overdue and one risk escalated.
"""

import datetime

from bodies.models import Body
from partnership import dates
from risks.actions import add_risk
from risks.models import Category, Risk

TASK_GROUP = "performance-and-risk-task-group"
BOARD = "commissioning-board"

# (body, owner, title, category, (likelihood, impact), (residual likelihood, residual impact), review in days,
#  description, controls)
RISKS = [
    (
        BOARD,
        "mike-jones",
        "Partners pull funding from the pooled budget for early help",
        Category.FINANCIAL,
        (4, 5),
        (4, 4),
        21,
        "Two partners face cuts this year; if either withdraws its share the early help service cannot start on time.",
        "Each partner confirms its share in writing before the Board commissions; the treasurers meet monthly.",
    ),
    (
        BOARD,
        "steve-robinson",
        "A joint commissioning decision is challenged in the courts",
        Category.LEGAL,
        (2, 5),
        (1, 4),
        60,
        "A provider left out of a joint contract could ask for a judicial review of how the Board decided.",
        "Procurement advice on every joint contract; reasons for each decision written into the minutes.",
    ),
    (
        BOARD,
        "alison-armstrong",
        "The public hears of a service change before the partners announce it",
        Category.REPUTATIONAL,
        (3, 3),
        (2, 3),
        -5,
        "A leak of a confidential paper would harm trust between the partners and with residents.",
        "Confidential items are marked on the agenda; one press contact per change, agreed in advance.",
    ),
    (
        TASK_GROUP,
        "alison-armstrong",
        "Performance figures arrive too late for the quarterly report",
        Category.OPERATIONAL,
        (4, 3),
        (2, 3),
        14,
        "Several partners send their figures after the deadline, so the report to the Board is incomplete.",
        "A shared calendar of deadlines and a reminder a week ahead; late figures are marked in the report.",
    ),
    (
        TASK_GROUP,
        "alison-armstrong",
        "Measures stop being comparable when national indicators end",
        Category.OPERATIONAL,
        (3, 4),
        (2, 3),
        90,
        "Without the national set, each partner may count the same thing differently.",
        "The group agrees local definitions for each measure and keeps them in one place.",
    ),
]


def load_risks(*, by, people):
    """Add the demo's risks once; `people` maps demo person keys to Person rows."""
    if Risk.objects.exists():
        return
    bodies = {body.slug: body for body in Body.objects.filter(slug__in=[TASK_GROUP, BOARD])}
    today = dates.today()
    for slug, owner, title, category, (lk, im), (rl, ri), days, description, controls in RISKS:
        add_risk(
            by=by,
            title=title,
            description=description,
            category=category,
            owner_body=bodies[slug],
            owner=people[owner],
            likelihood=lk,
            impact=im,
            controls=controls,
            residual_likelihood=rl,
            residual_impact=ri,
            review_on=today + datetime.timedelta(days=days),
        )
