"""Permission matrix rows for the accessibility statement and the privacy notice (merged by tests/matrix.py)."""

from tests.matrix_helpers import PUBLIC_PAGE

# Everyone reads them, signed in or not; they take no form, so a POST is refused.
ENTRIES = {
    "accessibility_statement": PUBLIC_PAGE,
    "privacy_notice": PUBLIC_PAGE,
}


def sample_args(cast):
    """Neither URL has a parameter."""
    return {}
