"""Permission matrix rows for the Agreement: its public pages and the secretariat's drafting pages
(merged by tests/test_permission_matrix.py).

The sample: the framework's Agreement with one adopted version (in force) and
a draft started from it. The public pages show the adopted version; the
drafting pages work on the draft, each on a clause of its own, since removing
one really removes it.
"""

from agreements import actions
from agreements.models import Clause
from tests.agreements.factories import adopted_version
from tests.matrix_helpers import LOGIN, MANAGE_FORM, MANAGE_PAGE, PUBLIC_PAGE, REDIRECT, secretariat_only

ENTRIES = {
    "agreement": PUBLIC_PAGE,
    "agreement_versions": PUBLIC_PAGE,
    "agreement_version": PUBLIC_PAGE,
    # Without ?from=&to= the page offers the form; bad or missing ids are a 400 (tests/agreements/test_pages.py).
    "agreement_compare": PUBLIC_PAGE,
    "agreement_manage": MANAGE_PAGE,
    "agreement_new_draft": MANAGE_FORM,
    "agreement_version_manage": MANAGE_PAGE,
    "agreement_version_edit": MANAGE_FORM,
    "agreement_version_adopt": MANAGE_FORM,
    "agreement_clause_add": MANAGE_FORM,
    "agreement_clause_edit": MANAGE_FORM,
    "agreement_clause_move": MANAGE_FORM,
    # A confirmation page; the button removes the clause.
    "agreement_clause_remove": {"GET": secretariat_only(200), "POST": secretariat_only(REDIRECT)},
}

assert all(
    answers["GET"]["anonymous"] == LOGIN
    for name, answers in ENTRIES.items()
    if name.startswith("agreement_") and answers is not PUBLIC_PAGE
)


def sample_args(cast):
    """Create what this area's URLs need; return {URL name: {route parameter: value}}."""
    adopted = adopted_version(cast)
    draft = actions.start_draft(adopted.agreement, by=cast.secretariat, label="Revised 2010")
    clauses = {c.number: c for c in Clause.objects.filter(version=draft)}
    return {
        "agreement_version": {"<int:pk>": adopted.pk},
        "agreement_new_draft": {"<int:pk>": adopted.agreement_id},
        "agreement_version_manage": {"<int:pk>": draft.pk},
        "agreement_version_edit": {"<int:pk>": draft.pk},
        "agreement_version_adopt": {"<int:pk>": draft.pk},
        "agreement_clause_add": {"<int:pk>": draft.pk},
        "agreement_clause_edit": {"<int:pk>": clauses["1"].pk},
        "agreement_clause_move": {"<int:pk>": clauses["2"].pk},
        "agreement_clause_remove": {"<int:pk>": clauses["3"].pk},
    }
