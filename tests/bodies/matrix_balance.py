"""Permission matrix rows for membership balance (Agreement 16.3; merged by tests/matrix.py)."""

from tests.matrix_helpers import PUBLIC_PAGE, REDIRECT, signed_in

ENTRIES = {
    # Aggregate figures only: anyone reads them.
    "body_balance": PUBLIC_PAGE,
    # A member's own answer: an empty answer is "prefer not to say", saved at once.
    "stated_gender": {"GET": signed_in(200), "POST": signed_in(REDIRECT)},
}


def sample_args(cast):
    return {"body_balance": {"<slug:slug>": cast.board.slug}}
