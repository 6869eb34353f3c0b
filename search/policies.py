"""Who finds which entries: the pages' own policies, as conditions on the index.

Search has no rule of its own. A public entry was built from what the public
page shows (search.index) and is found by everyone while its page is there
for the public; a restricted entry is found by those its gate lets in, and
each gate is the queryset twin of the page's rule, from the app that owns it:

| gate | the page's rule | its condition |
|---|---|---|
| agenda_item | meetings.view_agenda, meetings.view_item | meetings_with_agenda_visible_to, visible_item_condition |
| paper | meetings.view_agenda, meetings.view_paper | meetings_with_agenda_visible_to, visible_paper_condition |
| draft_minutes | meetings.view_draft_minutes | meetings_with_draft_minutes_visible_to |
| minutes_item | meetings.view_item | visible_item_condition |
| own | declarations.view_register (and the gifts register: the declarant) | the person's own, and the secretariat |
| secretariat | partnership.manage | is_secretariat |
| draft_version | agreements.view_version | versions_visible_to |

The secretariat passes every gate; the anonymous public passes none and finds
public entries only. Whoever passes the gate of a public entry's twin finds
the twin (the whole entry) instead of the public one.
"""

from django.db.models import Exists, OuterRef, Q

from agreements.policies import versions_visible_to
from bodies.models import Membership
from declarations.models import REGISTER_ROLES
from meetings.policies.agenda import (
    meetings_with_agenda_visible_to,
    visible_item_condition,
    visible_paper_condition,
)
from meetings.policies.minutes import meetings_with_draft_minutes_visible_to
from partnership.dates import today
from partnership.models import person_of
from partnership.policies import is_secretariat
from search.models import Audience, Entry, Gate, PublicWhile


def _has_public_register():
    """The person sits on a body today in a role whose register is public: their public page is there.

    As declarations.views.interests.interests_public_person decides it; a membership ending changes it
    without a save, so it is asked when searching, never kept in the index.
    """
    return Exists(Membership.objects.on(today()).filter(person=OuterRef("person_id"), role__in=REGISTER_ROLES))


def public_condition() -> Q:
    """The public entries whose page the public can open today."""
    day = today()
    return Q(audience=Audience.PUBLIC) & (
        Q(public_while=PublicWhile.ALWAYS)
        | (Q(public_while=PublicWhile.REGISTER) & _has_public_register())
        # The public forward plan lists what is to come (meetings.forward_plan.coming).
        | Q(public_while=PublicWhile.UPCOMING, date__gte=day)
        | Q(public_while=PublicWhile.MONTH, date__gte=day.replace(day=1))
    )


def gate_condition(user) -> Q:
    """The gates `user` passes (the secretariat passes all of them)."""
    person = person_of(user)
    gates = [
        Q(gate=Gate.AGENDA_ITEM, meeting__in=meetings_with_agenda_visible_to(user))
        & visible_item_condition(user, via="item__"),
        Q(gate=Gate.PAPER, meeting__in=meetings_with_agenda_visible_to(user))
        & visible_paper_condition(user, via="paper__"),
        Q(gate=Gate.DRAFT_MINUTES, meeting__in=meetings_with_draft_minutes_visible_to(user)),
        Q(gate=Gate.MINUTES_ITEM) & visible_item_condition(user, via="item__"),
        Q(gate=Gate.DRAFT_VERSION, version__in=versions_visible_to(user)),
    ]
    if person is not None:
        gates.append(Q(gate=Gate.OWN, person=person))
    condition = Q(pk__in=[])
    for gate in gates:
        condition |= gate
    return condition


def visible_condition(user) -> Q:
    """The entries `user` finds, as a condition on Entry."""
    public = public_condition()
    if user is None or not user.is_authenticated:
        return public
    if is_secretariat(user):
        return Q(audience=Audience.RESTRICTED) | (public & Q(gate=Gate.NONE))
    person = person_of(user)
    # A public entry whose twin the user reads (their own register entry, gift) gives way to it.
    own_twin = Q(gate=Gate.OWN, person=person) if person is not None else Q(pk__in=[])
    # The restricted entries the user may read, as a set the database makes once: the gates join items, papers
    # and meetings, which on twenty years of records costs far more for every entry matched than once for the
    # few thousand restricted ones.
    passed = Entry.objects.filter(audience=Audience.RESTRICTED).filter(gate_condition(user)).values("pk")
    return Q(audience=Audience.RESTRICTED, pk__in=passed) | (public & ~own_twin)


def entries_visible_to(user, queryset=None):
    """The entries `user` finds."""
    queryset = Entry.objects.all() if queryset is None else queryset
    return queryset.filter(visible_condition(user))
