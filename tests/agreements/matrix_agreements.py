"""Permission matrix rows for the Agreement: its public pages and the secretariat's drafting pages
(merged by tests/matrix.py).

The sample: the framework's Agreement with one adopted version (in force) and
a draft started from it. The public pages show the adopted version; the
drafting pages work on the draft, each on a clause of its own, since removing
one really removes it. The member is an authorised signatory of a partner
organisation, so the signing page answers them and no one else. A second
draft is out for consultation, with a comment from the member awaiting a
decision: the partners of the cast (members of a body: the chair, the member
and the other member) may comment on it; the secretariat and the stranger may not.
"""

import datetime

from django.utils import timezone

from agreements.actions import consultation as actions_consultation
from agreements.actions import drafting as actions
from agreements.models import Clause
from tests.agreements.factories import adopted_version, designate
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.matrix_helpers import (
    LOGIN,
    MANAGE_FORM,
    MANAGE_PAGE,
    PUBLIC_PAGE,
    REDIRECT,
    everyone,
    secretariat_only,
    signed_in,
)

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
    # Signing. The PDF is public; until it is ready the page says it is being prepared (200).
    "agreement_version_pdf": PUBLIC_PAGE,
    # The verify page: an empty form is a clear error (400), for everyone.
    "agreement_verify": {"GET": everyone(200), "POST": everyone(400)},
    # Only an authorised signatory (the member, in the sample) has a signing page; an empty POST is refused (400).
    "agreement_sign": {
        "GET": {**signed_in(404), "member": 200},
        "POST": {**signed_in(404), "member": 400},
    },
    "agreement_signatures": MANAGE_PAGE,
    "agreement_signatories": MANAGE_PAGE,
    "agreement_signatory_add": MANAGE_FORM,
    "agreement_signatory_end": MANAGE_FORM,
    # Consultation. Partners comment on a clause of the draft out for comment; an empty comment is refused (400).
    "agreement_clause_comment": {
        "GET": {**signed_in(404), "member": 200, "chair": 200, "other_member": 200},
        "POST": {**signed_in(404), "member": 400, "chair": 400, "other_member": 400},
    },
    # Anyone signed in has a "your comments" page (empty for those who never commented).
    "agreement_my_comments": {"GET": signed_in(200), "POST": signed_in(405)},
    "agreement_consultation": MANAGE_FORM,
    # A confirmation page; the button closes the consultation.
    "agreement_consultation_close": {"GET": secretariat_only(200), "POST": secretariat_only(REDIRECT)},
    "agreement_comments": MANAGE_PAGE,
    "agreement_comment_decide": MANAGE_FORM,
}

assert all(
    answers["GET"]["anonymous"] == LOGIN
    for name, answers in ENTRIES.items()
    if name.startswith("agreement_") and answers is not PUBLIC_PAGE and name != "agreement_verify"
)


def sample_args(cast):
    """Create what this area's URLs need; return {URL name: {route parameter: value}}."""
    adopted = adopted_version(cast)
    draft = actions.start_draft(adopted.agreement, by=cast.secretariat, label="Revised 2010")
    clauses = {c.number: c for c in Clause.objects.filter(version=draft)}
    # The member signs for their organisation; someone outside the cast has the authority the secretariat ends.
    designate(cast, cast.member, OrganisationFactory(name="Cheshire Fire Authority"))
    outsider = UserFactory(email="olive@example.org")
    PersonFactory(name="Olive Oakes", user=outsider)
    ending = designate(cast, outsider, OrganisationFactory(name="Cheshire Housing Alliance"))
    for_comment = actions.start_draft(adopted.agreement, by=cast.secretariat, label="For comment 2010")
    actions_consultation.open_consultation(
        for_comment, by=cast.secretariat, closes_on=timezone.localdate() + datetime.timedelta(days=14)
    )
    commented = Clause.objects.get(version=for_comment, number="1")
    comment = actions_consultation.add_comment(commented, by=cast.member, text="Say who the partners are.")
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
        "agreement_version_pdf": {"<int:pk>": adopted.pk},
        "agreement_sign": {"<int:pk>": adopted.pk},
        "agreement_signatures": {"<int:pk>": adopted.pk},
        "agreement_signatory_end": {"<int:pk>": ending.pk},
        "agreement_clause_comment": {"<int:pk>": commented.pk},
        "agreement_consultation": {"<int:pk>": draft.pk},
        "agreement_consultation_close": {"<int:pk>": for_comment.pk},
        "agreement_comments": {"<int:pk>": for_comment.pk},
        "agreement_comment_decide": {"<int:pk>": comment.pk},
    }
