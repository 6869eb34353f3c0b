"""Risks for the tests, made through the app's action."""

import datetime

from partnership.dates import today
from risks.actions import add_risk
from risks.models import Category


def make_risk(cast, *, body=None, by=None, owner=None, **fields):
    """A risk of the board (by default), owned by the chair, added by the secretariat."""
    data = {
        "title": "Partners stop sharing data",
        "description": "",
        "category": Category.OPERATIONAL,
        "owner_body": body or cast.board,
        "owner": owner or cast.chair.person,
        "likelihood": 3,
        "impact": 3,
        "controls": "",
        "residual_likelihood": 2,
        "residual_impact": 2,
        "review_on": today() + datetime.timedelta(days=30),
    }
    data.update(fields)
    return add_risk(by=by or cast.secretariat, **data)
