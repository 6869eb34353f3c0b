"""Permission matrix rows for the public's attendance figures (merged by tests/matrix.py)."""

from tests.matrix_helpers import PUBLIC_PAGE

# Public record, the same for everyone: only meetings whose minutes are published are counted.
ENTRIES = {
    "body_attendance": PUBLIC_PAGE,
    "person_attendance": PUBLIC_PAGE,
}


def sample_args(cast):
    """Create what this area's URLs need; return {URL name: {route parameter: value}}."""
    # Mel sits on the board as a member: their figures are public.
    return {
        "body_attendance": {"<slug:slug>": cast.board.slug},
        "person_attendance": {"<int:pk>": cast.member.person.pk},
    }
