"""Permission matrix rows for this area's URLs (merged by tests/test_permission_matrix.py)."""

ENTRIES = {}


def sample_args(cast):
    """Create what this area's URLs need; return {URL name: {route parameter: value}}."""
    return {}
