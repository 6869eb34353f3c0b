"""Permission matrix rows for declarations at meetings, rulings and disputes (merged by tests/matrix.py).

The sample: Mel (member of the board) has declared on three items of a board
meeting: one awaiting a ruling, one ruled on, one ruled on and disputed.
Chris chairs the board, a partnership board, so he rules and decides disputes.
"""

from declarations.models import Dispute, Outcome, Ruling
from tests.factories import AgendaItemFactory, DeclarationFactory, MeetingFactory
from tests.matrix_helpers import LOGIN, everyone, secretariat_only, signed_in

ENTRIES = {
    "declaration_create": {
        "GET": {**signed_in(404), "member": 200, "chair": 200},
        "POST": {**signed_in(404), "member": 400, "chair": 400},
    },
    "declaration_record_verbal": {"GET": secretariat_only(200), "POST": secretariat_only(400)},
    "declarations_awaiting_ruling": {
        "GET": {**signed_in(404), "chair": 200, "secretariat": 200},
        "POST": everyone(405),
    },
    "declaration_detail": {
        "GET": {**signed_in(404), "member": 200, "chair": 200, "secretariat": 200},
        "POST": everyone(405),
    },
    # The declarant never rules on their own declaration; the forum's member is of another body.
    "declaration_rule": {
        "GET": {**signed_in(404), "chair": 200, "secretariat": 200},
        "POST": {**signed_in(404), "chair": 400, "secretariat": 400},
    },
    "ruling_dispute": {
        "GET": {**signed_in(404), "member": 200},
        "POST": {**signed_in(404), "member": 400},
    },
    "dispute_list": {"GET": signed_in(200), "POST": everyone(405)},
    "dispute_detail": {
        "GET": {**signed_in(404), "member": 200, "chair": 200, "secretariat": 200},
        "POST": everyone(405),
    },
    "dispute_head_of_legal": {"GET": secretariat_only(200), "POST": secretariat_only(400)},
    "dispute_resolve": {
        "GET": {**signed_in(404), "chair": 200},
        "POST": {**signed_in(404), "chair": 400},
    },
}

assert all(answers["GET"]["anonymous"] == LOGIN for name, answers in ENTRIES.items())


def sample_args(cast):
    """Create what this area's URLs need; return {URL name: {route parameter: value}}."""
    meeting = MeetingFactory(body=cast.board)
    open_item, pending_item, ruled_item, disputed_item = (
        AgendaItemFactory(meeting=meeting, number=n, title=f"Business {n}") for n in (1, 2, 3, 4)
    )
    person = cast.member.person
    pending = DeclarationFactory(item=pending_item, person=person, recorded_by=cast.member)
    ruled = DeclarationFactory(item=ruled_item, person=person, recorded_by=cast.member)
    Ruling.objects.create(declaration=ruled, outcome=Outcome.NOTED, reasons="A remote interest.", ruled_by=cast.chair)
    disputed = DeclarationFactory(item=disputed_item, person=person, recorded_by=cast.member)
    ruling = Ruling.objects.create(
        declaration=disputed, outcome=Outcome.WITHDRAW, reasons="A direct interest.", ruled_by=cast.chair
    )
    dispute = Dispute.objects.create(ruling=ruling, raised_by=cast.member, grounds="The interest is remote.")
    item_args = {"<int:pk>": meeting.pk, "<int:item_id>": open_item.pk}
    return {
        "declaration_create": item_args,
        "declaration_record_verbal": item_args,
        "declaration_detail": {"<int:pk>": pending.pk},
        "declaration_rule": {"<int:pk>": pending.pk},
        "ruling_dispute": {"<int:pk>": ruled.pk},
        "dispute_detail": {"<int:pk>": dispute.pk},
        "dispute_head_of_legal": {"<int:pk>": dispute.pk},
        "dispute_resolve": {"<int:pk>": dispute.pk},
    }
