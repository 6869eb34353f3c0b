"""The demo's forward plan: decisions the Commissioning Board and the LSP expect to take in the coming months.

Written for the demo, through the secretariat's actions, with a meeting named where one is arranged
and a month where none is yet; one entry is confidential, to show what the public reads of it.
"""

import datetime

from bodies.models import Body
from meetings.actions.forward_plan import link_agenda_item, save_forward_plan_entry
from meetings.models import Meeting
from partnership import dates


def _month_ahead(months: int) -> datetime.date:
    today = dates.today()
    month = today.month - 1 + months
    return datetime.date(today.year + month // 12, month % 12 + 1, 1)


def load_forward_plan(*, by, board_slug: str, lsp_slug: str):
    board = Body.objects.get(slug=board_slug)
    lsp = Body.objects.get(slug=lsp_slug)
    coming = Meeting.objects.filter(body=board).upcoming().first()
    base = {"summary": "", "decision_maker": "", "confidential": False, "confidential_reason": ""}

    early_help = save_forward_plan_entry(
        None,
        by=by,
        **base
        | {
            "body": board,
            "title": "Choose how partners will buy early help for families together",
            "summary": "A choice between separate contracts, one pooled budget, or joint teams in each area.",
            "expected_meeting": coming,
            "expected_month": None,
        },
    )
    item = coming.items.filter(title__startswith="Early help").first() if coming else None
    if item is not None:
        link_agenda_item(early_help, item, by=by)
    save_forward_plan_entry(
        None,
        by=by,
        **base
        | {
            "body": board,
            "title": "Agree the delivery plan for the early help service",
            "summary": "Officers bring the plan the Board asks for once it has chosen how to commission.",
            "decision_maker": "The Board, on the advice of the Head of Commissioning",
            "expected_meeting": None,
            "expected_month": _month_ahead(3),
        },
    )
    save_forward_plan_entry(
        None,
        by=by,
        **base
        | {
            "body": board,
            "title": "Renew the lease of the youth centre in Ellesmere Port",
            "expected_meeting": None,
            "expected_month": _month_ahead(3),
            "confidential": True,
            "confidential_reason": "The rent is still being negotiated with the landlord.",
        },
    )
    save_forward_plan_entry(
        None,
        by=by,
        **base
        | {
            "body": lsp,
            "title": "Adopt the refreshed priorities of the Sustainable Community Strategy",
            "summary": "After the summer's consultation, the partnership settles the priorities for the next "
            "three years.",
            "expected_meeting": None,
            "expected_month": _month_ahead(5),
        },
    )
