"""Permission matrix rows for the public API (merged by tests/matrix.py): GET for everyone, POST refused with 405."""

from tests.matrix_helpers import PUBLIC_PAGE

ENTRIES = dict.fromkeys(
    (
        "api_index",
        "api_schema",
        "api_organisations",
        "api_people",
        "api_bodies",
        "api_memberships",
        "api_meetings",
        "api_agenda_items",
        "api_papers",
        "api_decisions",
        "api_decisions_csv",
        "api_interests",
        "api_interests_csv",
        "api_gifts",
        "api_gifts_csv",
        "api_agreement_versions",
    ),
    PUBLIC_PAGE,
)


def sample_args(cast):
    """No route of the API has a parameter."""
    return {}
