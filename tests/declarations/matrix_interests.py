"""Permission matrix rows for the register of interests (merged by tests/matrix.py)."""

from declarations.models import Interest
from tests.factories import MeetingFactory
from tests.matrix_helpers import MANAGE_FORM, MANAGE_PAGE, PUBLIC_PAGE, REDIRECT, signed_in

# The sample entry is Mel's (the member): Mel and the secretariat change it; anyone else gets a 404.
_OWN_ENTRY = {
    "GET": {**signed_in(404), "member": 200, "secretariat": 200},
    # An empty POST is refused with the form's errors.
    "POST": {**signed_in(404), "member": 400, "secretariat": 400},
}

ENTRIES = {
    "interests_public": PUBLIC_PAGE,
    # Mel sits on the Partnership Board, so Mel's register is public.
    "interests_public_person": PUBLIC_PAGE,
    # Everyone signed in has a person in the records, so a register of their own.
    "interests_mine": {"GET": signed_in(200), "POST": signed_in(405)},
    "interest_create": {"GET": signed_in(200), "POST": signed_in(400)},
    "interests_confirm": {"GET": signed_in(405), "POST": signed_in(REDIRECT)},
    "interest_edit": _OWN_ENTRY,
    "interest_close": _OWN_ENTRY,
    "interest_history": {"GET": {**signed_in(404), "member": 200, "secretariat": 200}, "POST": signed_in(405)},
    # A meeting of the Partnership Board: its members (each sees their own rows), its chair and the secretariat.
    "meeting_conflicts": {
        "GET": {**signed_in(404), "member": 200, "chair": 200, "secretariat": 200},
        "POST": signed_in(405),
    },
    "interests_manage": MANAGE_PAGE,
    "interests_csv": MANAGE_PAGE,
    "interest_create_for": MANAGE_FORM,
}


def sample_args(cast):
    """Create what this area's URLs need; return {URL name: {route parameter: value}}."""
    interest = Interest.objects.create(
        person=cast.member.person,
        kind="business",
        description="Director of Dee Valley Lettings Ltd",
        matter="Dee Valley Lettings Ltd",
        start=cast.member_membership.start,
        created_by=cast.member,
    )
    meeting = MeetingFactory(body=cast.board)
    return {
        "interests_public_person": {"<int:pk>": cast.member.person.pk},
        "interest_edit": {"<int:pk>": interest.pk},
        "interest_close": {"<int:pk>": interest.pk},
        "interest_history": {"<int:pk>": interest.pk},
        "meeting_conflicts": {"<int:pk>": meeting.pk},
        "interest_create_for": {"<int:pk>": cast.member.person.pk},
    }
