"""Permission matrix rows for the gifts and hospitality register (merged by tests/matrix.py)."""

from declarations.actions.gifts import ask_for_advice
from tests.matrix_helpers import LOGIN, MANAGE_FORM, MANAGE_PAGE, PUBLIC_PAGE, everyone, signed_in

# Anyone in the framework today, and the secretariat; the stranger sits on no body.
DECLARANTS = {**signed_in(404), "member": 200, "chair": 200, "other_member": 200, "secretariat": 200}
DECLARANTS_EMPTY_POST = {**DECLARANTS, **{who: 400 for who, got in DECLARANTS.items() if got == 200}}

ENTRIES = {
    "gift_register": PUBLIC_PAGE,
    "gift_register_person": PUBLIC_PAGE,
    "gift_mine": {"GET": signed_in(200), "POST": signed_in(405)},
    # An empty POST is refused with the form's errors.
    "gift_declare": {"GET": DECLARANTS, "POST": DECLARANTS_EMPTY_POST},
    "gift_advice_ask": {"GET": DECLARANTS, "POST": DECLARANTS_EMPTY_POST},
    # The sample is Mel's request to the Partnership Board: Mel, its chair and the secretariat see it.
    "gift_advice_detail": {
        "GET": {**signed_in(404), "member": 200, "chair": 200, "secretariat": 200},
        "POST": {**everyone(405), "anonymous": LOGIN},
    },
    # Each signed-in person sees the requests they may answer (none, for most).
    "gift_advice_list": {"GET": signed_in(200), "POST": signed_in(405)},
    # Only the chair and the secretariat answer; Mel cannot answer her own request.
    "gift_advice_answer": {
        "GET": {**signed_in(404), "chair": 200, "secretariat": 200},
        "POST": {**signed_in(404), "chair": 400, "secretariat": 400},
    },
    "gift_register_manage": MANAGE_PAGE,
    "gift_register_csv": MANAGE_PAGE,
    "gift_settings": MANAGE_FORM,
}


def sample_args(cast):
    """Create what this area's URLs need; return {URL name: {route parameter: value}}."""
    advice = ask_for_advice(
        person=cast.member.person, by=cast.member, body=cast.board, question="May I accept a ticket to a dinner?"
    )
    return {
        "gift_register_person": {"<int:pk>": cast.member.person.pk},
        "gift_advice_detail": {"<int:pk>": advice.pk},
        "gift_advice_answer": {"<int:pk>": advice.pk},
    }
