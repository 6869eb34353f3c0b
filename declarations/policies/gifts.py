"""Who may declare gifts and hospitality, and who sees and answers requests for advice (Agreement 11.3).

Each rule has a queryset twin saying the same in SQL; tests check that they agree.
"""

from django.db.models import Q

from bodies.models import Membership, Role
from declarations.models import AdviceRequest, Gift
from partnership.models import SECRETARIAT_GROUP, Person, person_of
from partnership.policies import is_secretariat, rule

# The fields the public sees of an entry in the register of gifts: never the reason given, nor any advice.
PUBLIC_FIELDS = ("person__name", "kind", "description", "estimated_value", "offered_on", "decision")


def public_gifts(settings):
    """The entries the public register of gifts shows (the public pages and the API), the latest first."""
    return (
        Gift.objects.published(settings)
        .select_related("person")
        .order_by("-offered_on", "person__name", "pk")
        .only(*PUBLIC_FIELDS)
    )


# The chair and the deputy (vice) chair of the chosen body see and answer the request.
ADVISING_ROLES = [Role.CHAIR, Role.VICE_CHAIR]


@rule("declarations.declare_gift")
def can_declare_gift(user, obj=None):
    """Anyone in the framework today (a current membership), and the secretariat, declares offers."""
    person = person_of(user)
    if person is None:
        return False
    return is_secretariat(user) or Membership.objects.current().filter(person=person).exists()


def gift_declarants():
    """The people who may declare offers: the twin of `can_declare_gift`."""
    in_framework = Membership.objects.current().values("person")
    secretariat = Q(user__is_active=True) & (Q(user__is_superuser=True) | Q(user__groups__name=SECRETARIAT_GROUP))
    return Person.objects.filter(Q(pk__in=in_framework) | secretariat).distinct()


def _advising_bodies(user):
    person = person_of(user)
    if person is None:
        return Membership.objects.none().values("body")
    return Membership.objects.current().filter(person=person, role__in=ADVISING_ROLES).values("body")


@rule("declarations.answer_advice_request")
def can_answer_advice_request(user, advice):
    """The chair and vice chair of the chosen body, and the secretariat; never the person who asked."""
    if advice is None:
        return False
    person = person_of(user)
    if person is not None and advice.person_id == person.pk:
        return False
    if is_secretariat(user):
        return True
    if person is None:
        return False
    return Membership.objects.current().filter(person=person, body_id=advice.body_id, role__in=ADVISING_ROLES).exists()


def advice_requests_answerable_by(user):
    """The twin of `can_answer_advice_request`."""
    person = person_of(user)
    if is_secretariat(user):
        requests = AdviceRequest.objects.all()
    elif person is None:
        return AdviceRequest.objects.none()
    else:
        requests = AdviceRequest.objects.filter(body__in=_advising_bodies(user))
    return requests.exclude(person=person) if person is not None else requests


@rule("declarations.view_advice_request")
def can_view_advice_request(user, advice):
    """The person who asked, and whoever may answer."""
    if advice is None:
        return False
    person = person_of(user)
    if person is not None and advice.person_id == person.pk:
        return True
    return can_answer_advice_request(user, advice)


def advice_requests_visible_to(user):
    """The twin of `can_view_advice_request`."""
    person = person_of(user)
    own = AdviceRequest.objects.filter(person=person) if person is not None else AdviceRequest.objects.none()
    return AdviceRequest.objects.filter(
        Q(pk__in=own.values("pk")) | Q(pk__in=advice_requests_answerable_by(user).values("pk"))
    )
