"""Who sees a meeting's agenda, its items and its papers.

Confidential items and papers (Agreement 11.2) are seen by the body's
members, the secretariat, and people granted the one item or paper
(django-guardian one-off grants).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from bodies.policies import roles_by_body
from meetings.models import AgendaItem, Meeting, MeetingStatus, Paper
from meetings.policies.roles import can, is_member_of
from partnership.policies import is_secretariat, rule

# After the meeting the agenda is a matter of record, even if no pack was published in the app.
AFTER_THE_MEETING = {
    MeetingStatus.HELD,
    MeetingStatus.MINUTES_DRAFTED,
    MeetingStatus.MINUTES_APPROVED,
    MeetingStatus.MINUTES_PUBLISHED,
}

# The one-off grants (django-guardian) that open a confidential item or paper to a named person.
CONFIDENTIAL_GRANTS = ["view_confidential_item", "view_confidential_paper"]


def _grant(user, perm, obj):
    """A django-guardian one-off grant on this object."""
    if not user.is_authenticated or obj is None:
        return False
    from guardian.core import ObjectPermissionChecker

    checker = getattr(user, "_guardian_checker", None)
    if checker is None:
        checker = user._guardian_checker = ObjectPermissionChecker(user)
    return checker.has_perm(perm, obj)


def _granted_ids(user, model, codename) -> set[int]:
    """The pks of `model` granted to `user` by a one-off grant (to them or to a group of theirs).

    Read from django-guardian's grant tables, not by testing every row of `model`: its
    get_objects_for_user matches CAST(id AS text) against the grants, a scan of every agenda
    item or paper ever made. One query per request for all of the meetings' grants, kept on the user.
    """
    if not user.is_authenticated:
        return set()
    grants = getattr(user, "_meetings_grants", None)
    if grants is None:
        from guardian.models import GroupObjectPermission, UserObjectPermission

        kinds = ContentType.objects.get_for_models(AgendaItem, Paper).values()
        wanted = {"permission__codename__in": CONFIDENTIAL_GRANTS, "content_type__in": kinds}
        fields = ("content_type_id", "permission__codename", "object_pk")
        rows = (
            UserObjectPermission.objects.filter(user=user, **wanted)
            .values_list(*fields)
            .union(GroupObjectPermission.objects.filter(group__user=user, **wanted).values_list(*fields))
        )
        grants = {}
        for content_type_id, granted, object_pk in rows:
            if object_pk.isdigit():
                grants.setdefault((content_type_id, granted), set()).add(int(object_pk))
        user._meetings_grants = grants
    return grants.get((ContentType.objects.get_for_model(model).pk, codename), set())


# The agenda


@rule("meetings.view_agenda")
def can_view_agenda(user, meeting: Meeting) -> bool:
    """The secretariat drafts the agenda; everyone sees it once it is published, or once the meeting is held."""
    if meeting is None:
        return False
    return meeting.agenda_is_published or meeting.status in AFTER_THE_MEETING or is_secretariat(user)


def meetings_with_agenda_visible_to(user, queryset=None):
    """The queryset twin of meetings.view_agenda."""
    queryset = Meeting.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    return queryset.filter(Q(agenda_published_at__isnull=False) | Q(status__in=AFTER_THE_MEETING))


def get_meeting_with_agenda_for(user, pk) -> Meeting:
    """The meeting, if `user` may see its agenda; the same 404 as for a missing one otherwise."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if not can_view_agenda(user, meeting):
        raise Http404("No agenda here.")
    return meeting


# Items and papers


@rule("meetings.view_item")
def can_view_item(user, item: AgendaItem):
    if item is None:
        return False
    if not item.confidential:
        return True
    return (
        is_secretariat(user)
        or is_member_of(user, item.meeting.body_id)
        or _grant(user, "meetings.view_confidential_item", item)
    )


def items_visible_to(user, queryset=None):
    """The queryset twin of meetings.view_item."""
    queryset = AgendaItem.objects.all() if queryset is None else queryset
    return queryset.filter(visible_item_condition(user))


def visible_item_condition(user, via: str = "") -> Q:
    """meetings.view_item as a condition on the agenda item reached through `via` ("item__" from an action).

    Rows about items (actions) filter on the item they already join, never on `item__in` a sub-select
    of every item the user may see: on SQLite that sub-select took a second at scale.
    """
    if is_secretariat(user):
        return Q()
    member_of = list(roles_by_body(user))
    granted = _granted_ids(user, AgendaItem, "view_confidential_item")
    return (
        Q(**{f"{via}confidential": False})
        | Q(**{f"{via}meeting__body_id__in": member_of})
        | Q(**{f"{via}pk__in": granted})
    )


@rule("meetings.view_paper")
def can_view_paper(user, paper: Paper):
    if paper is None:
        return False
    if not paper.confidential and (paper.item is None or not paper.item.confidential):
        return True
    if is_secretariat(user) or is_member_of(user, paper.meeting.body_id):
        return True
    if _grant(user, "meetings.view_confidential_paper", paper):
        return True
    return (
        paper.item is not None
        and paper.item.confidential
        and _grant(user, "meetings.view_confidential_item", paper.item)
    )


def papers_visible_to(user, queryset=None):
    """The queryset twin of meetings.view_paper."""
    queryset = Paper.objects.all() if queryset is None else queryset
    return queryset.filter(visible_paper_condition(user))


def visible_paper_condition(user, via: str = "") -> Q:
    """meetings.view_paper as a condition on the paper reached through `via` ("paper__" from a search entry)."""
    if is_secretariat(user):
        return Q()
    member_of = list(roles_by_body(user))
    granted = _granted_ids(user, Paper, "view_confidential_paper")
    granted_items = _granted_ids(user, AgendaItem, "view_confidential_item")
    public = Q(**{f"{via}confidential": False}) & (
        Q(**{f"{via}item__isnull": True}) | Q(**{f"{via}item__confidential": False})
    )
    return (
        public
        | Q(**{f"{via}meeting__body_id__in": member_of})
        | Q(**{f"{via}pk__in": granted})
        | (Q(**{f"{via}item__confidential": True}) & Q(**{f"{via}item_id__in": granted_items}))
    )


def get_paper_for(user, pk, paper_id) -> Paper:
    """A paper of meeting `pk` that `user` may see: 404 alike for missing, unpublished and confidential."""
    meeting = get_meeting_with_agenda_for(user, pk)
    paper = get_object_or_404(Paper.objects.select_related("item"), pk=paper_id, meeting=meeting)
    paper.meeting = meeting
    if not can(user, "meetings.view_paper", paper):
        raise Http404("No paper here.")
    return paper
