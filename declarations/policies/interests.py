"""Who may see and change registers of interests, and who sees an agenda's possible conflicts.

Each rule has a queryset twin that says the same thing in SQL; the tests check that they agree.
"""

from bodies.models import Membership
from bodies.policies import CHAIRING_ROLES, roles_by_body
from declarations.models import REGISTER_ROLES, Interest
from meetings.models import Meeting
from meetings.policies.roles import chairs, is_member_of
from partnership.models import Person, person_of
from partnership.policies import is_secretariat, rule

# The public register (the public pages and the API, issue 16)


def public_interests(on, past=False):
    """The entries the public register shows: those held on `on`, and with `past` those that ended before.

    A withheld entry is among them: the public is told only that it is withheld, and why.
    """
    return Interest.objects.filter(start__lte=on) if past else Interest.objects.on(on)


def public_register_memberships(on):
    """The places that give a person a public register on `on`: only current members (and named reserves) have one."""
    return Membership.objects.on(on).filter(role__in=REGISTER_ROLES)


@rule("declarations.view_register")
def can_view_register(user, person: Person):
    """A member's whole register, withheld entries included: the member and the secretariat."""
    if person is None:
        return False
    own = person_of(user)
    return is_secretariat(user) or (own is not None and own.pk == person.pk)


def registers_visible_to(user, queryset=None):
    """The queryset twin of declarations.view_register."""
    queryset = Person.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    own = person_of(user)
    return queryset.filter(pk=own.pk) if own is not None else queryset.none()


@rule("declarations.change_interest")
def can_change_interest(user, interest: Interest):
    """The member whose register it is, and the secretariat, update or close an entry."""
    return interest is not None and can_view_register(user, interest.person)


def interests_changeable_by(user, queryset=None):
    """The queryset twin of declarations.change_interest."""
    queryset = Interest.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    own = person_of(user)
    return queryset.filter(person=own) if own is not None else queryset.none()


@rule("declarations.view_conflicts")
def can_view_conflicts(user, meeting: Meeting):
    """The possible conflicts of a meeting: the secretariat, and the body's members (each sees their own)."""
    if meeting is None:
        return False
    return is_secretariat(user) or is_member_of(user, meeting.body_id)


def meetings_conflicts_visible_to(user, queryset=None):
    """The queryset twin of declarations.view_conflicts."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    return queryset.filter(body_id__in=list(roles_by_body(user)))


@rule("declarations.view_all_conflicts")
def can_view_all_conflicts(user, meeting: Meeting):
    """Every member's possible conflicts (Agreement 11.4.4): the chair or vice chair of the body, the secretariat."""
    if meeting is None:
        return False
    return is_secretariat(user) or chairs(user, meeting.body_id)


def meetings_all_conflicts_visible_to(user, queryset=None):
    """The queryset twin of declarations.view_all_conflicts."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    chaired = Membership.objects.current().of_user(user).filter(role__in=CHAIRING_ROLES).values("body_id")
    return queryset.filter(body_id__in=chaired)
