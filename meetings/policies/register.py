"""Who sees which actions in the actions register, and who updates them.

A member sees the actions of the meetings of their bodies and the actions
they own; an action of a confidential item only if they may see the item
(Agreement 11.2). The secretariat sees every action. An action's owners and
the secretariat update its status.
"""

from django.http import Http404

from bodies.policies import roles_by_body
from meetings.models import Action
from meetings.policies.agenda import visible_item_condition
from meetings.policies.roles import is_member_of
from partnership.models import person_of
from partnership.policies import is_secretariat, rule


def can_view_action(user, action: Action) -> bool:
    if is_secretariat(user):
        return True
    if user is None or not user.is_authenticated:
        return False
    person = person_of(user)
    item = action.item
    involved = is_member_of(user, item.meeting.body_id) or (
        person is not None and action.owners.filter(pk=person.pk).exists()
    )
    return involved and user.has_perm("meetings.view_item", item)


def actions_visible_to(user, queryset=None):
    """The queryset twin of can_view_action."""
    queryset = Action.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    if user is None or not user.is_authenticated:
        return queryset.none()
    person = person_of(user)
    # One set of ids from two indexed look-ups (the actions of the meetings of their bodies, the actions
    # they own): a condition on the joined meeting ORed with the second read every action ever recorded,
    # on SQLite as on PostgreSQL, whose planner cannot estimate an OR of two sub-selects.
    involved = Action.objects.filter(item__meeting__body_id__in=list(roles_by_body(user))).order_by().values("pk")
    if person is not None:
        involved = involved.union(Action.owners.through.objects.filter(person=person).order_by().values("action_id"))
    return queryset.filter(pk__in=involved).filter(visible_item_condition(user, via="item__"))


def get_action_for(user, pk, perm=None) -> Action:
    """The action, if `user` may see it (and holds `perm` on it); the same 404 otherwise."""
    action = actions_visible_to(user, Action.objects.select_related("item__meeting__body")).filter(pk=pk).first()
    if action is None or (perm and not user.has_perm(perm, action)):
        raise Http404("No action matches the given query.")
    return action


@rule("meetings.update_action")
def can_update_action(user, action: Action):
    """An action's owners, and the secretariat, update its status."""
    if is_secretariat(user):
        return True
    person = person_of(user)
    return person is not None and action is not None and action.owners.filter(pk=person.pk).exists()


def actions_updatable_by(user, queryset=None):
    """The queryset twin of meetings.update_action."""
    queryset = Action.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    person = person_of(user)
    if person is None:
        return queryset.none()
    return queryset.filter(pk__in=Action.objects.filter(owners=person).values("pk"))


def can_update_listed_action(user, action: Action) -> bool:
    """meetings.update_action, answered from the action's prefetched owners (no query per row)."""
    if is_secretariat(user):
        return True
    person = person_of(user)
    return person is not None and any(owner.pk == person.pk for owner in action.owners.all())
