"""Declarations in the minutes and on the agenda, each at a fixed number of queries per page.

The minutes rendition and the agenda are built in meetings, which never
imports declarations; these tags let their templates show declarations,
rulings and disbarments, loading them once per meeting and keeping them on
the rendition or the request.
"""

from dataclasses import dataclass, field

from django import template

from declarations.conflicts import possible_conflicts
from declarations.models import EXCLUDING_OUTCOMES, Declaration, Disbarment, Outcome
from declarations.policies.interests import can_view_all_conflicts, can_view_conflicts
from declarations.policies.rulings import can_declare_on_item
from meetings.minutes_text import join_names
from meetings.models import Meeting
from partnership.models import person_of
from partnership.policies import is_secretariat

register = template.Library()


@dataclass(frozen=True)
class DeclarationLine:
    name: str
    kind: str
    made: str
    outcome: str
    project: str
    excluded: bool
    # Only in the full rendition: the published minutes show the kind and the ruling, not the description.
    description: str = ""
    reasons: str = ""
    disputed: bool = False


def _line(declaration, full):
    ruling = getattr(declaration, "ruling", None)
    dispute = getattr(ruling, "dispute", None) if ruling else None
    outcome = ruling.standing_outcome() if ruling else ""
    resolved = bool(dispute and dispute.resolution_outcome)
    project = (dispute.resolution_project if resolved else ruling.project) if ruling else ""
    reasons = (dispute.resolution_reasons if resolved else ruling.reasons) if ruling else ""
    return DeclarationLine(
        name=declaration.person.full_name,
        kind=declaration.get_kind_display().lower(),
        made=declaration.get_made_display().lower(),
        outcome=Outcome(outcome).label if outcome else "",
        project=project,
        excluded=outcome in EXCLUDING_OUTCOMES,
        description=declaration.description.rstrip(". ") if full else "",
        reasons=reasons if full else "",
        disputed=dispute is not None and not resolved,
    )


@register.simple_tag
def item_declarations(rendition, item_line):
    """The declarations on one minuted item: loaded for the whole meeting on the first call."""
    cache = getattr(rendition, "_declarations_by_item", None)
    if cache is None:
        cache = {}
        rows = (
            Declaration.objects.filter(item__meeting=rendition.meeting)
            .select_related("person", "ruling__dispute")
            .order_by("recorded_at", "pk")
        )
        for declaration in rows:
            cache.setdefault(declaration.item_id, []).append(_line(declaration, rendition.full))
        rendition._declarations_by_item = cache
    if item_line.withheld:
        return []
    return cache.get(item_line.pk, [])


@dataclass
class AgendaNotes:
    can_declare: bool
    own_declaration: int | None
    disbarred: list[str]
    # Possible conflicts of interest (Agreement 11.4.2, 11.4.4): to the chair and the secretariat every
    # member's, to a member their own.
    conflicts: list[str] = field(default_factory=list)


def _loaded_with_minutes(meeting, meeting_id) -> bool:
    """The page's meeting, fetched with its body and minutes: no need to fetch it again."""
    return (
        isinstance(meeting, Meeting)
        and meeting.pk == meeting_id
        and Meeting.body.is_cached(meeting)
        and Meeting.minutes.is_cached(meeting)
    )


def _meeting_data(request, meeting_id, shown=None):
    cache = request.__dict__.setdefault("_declarations_agenda", {})
    if meeting_id not in cache:
        if _loaded_with_minutes(shown, meeting_id):
            meeting = shown
        else:
            meeting = Meeting.objects.select_related("body", "minutes").get(pk=meeting_id)
        user = request.user
        person = person_of(user)
        own = {}
        if person is not None:
            own = dict(
                Declaration.objects.filter(item__meeting_id=meeting_id, person=person).values_list("item_id", "pk")
            )
        disbarments = []
        if user.has_perm("meetings.view_draft_minutes", meeting) or is_secretariat(user):
            for disbarment in Disbarment.objects.filter(body_id=meeting.body_id).select_related(
                "person", "ruling__dispute"
            ):
                dispute = getattr(disbarment.ruling, "dispute", None)
                if disbarment.ruling.standing_outcome() != Outcome.DISBARRED_PROJECT:
                    continue
                resolved = dispute is not None and dispute.resolution_outcome
                project = dispute.resolution_project if resolved else disbarment.project
                disbarments.append((project, disbarment.person.full_name))
        cache[meeting_id] = (meeting, own, disbarments, _conflicts(user, person, meeting))
    return cache[meeting_id]


def _concerns(interest):
    return interest.organisation.name if interest.organisation_id else interest.matter


def _conflicts(user, person, meeting):
    """{item id: [sentences]}: the possible conflicts on the agenda that `user` may see, worked out once."""
    # The rules themselves, not has_perm: no one-off grant gives these, so the object-permission look-ups
    # django-guardian would make for every agenda are saved.
    if not can_view_conflicts(user, meeting):
        return {}
    everyone = can_view_all_conflicts(user, meeting)
    if not everyone and person is None:
        return {}
    by_item = {}
    # A member is shown their own register's matches only, so only theirs is read.
    for conflict in possible_conflicts(meeting, person=None if everyone else person):
        own = person is not None and conflict.person.pk == person.pk
        concerns = join_names(sorted({_concerns(interest) for interest in conflict.interests}))
        whose = "your register" if own else f"the register of {conflict.person.full_name}"
        by_item.setdefault(conflict.item.pk, []).append(f"Possible conflict of interest: {whose} names {concerns}")
    return by_item


@register.simple_tag(takes_context=True)
def agenda_item_notes(context, item):
    """Whether the user may declare on the item, their own declaration, and members disbarred from its project."""
    request = context.get("request")
    if request is None:
        return AgendaNotes(False, None, [])
    meeting, own, disbarments, conflicts = _meeting_data(request, item.meeting_id, context.get("meeting"))
    item.meeting = meeting
    title = item.title.lower()
    return AgendaNotes(
        can_declare=item.pk not in own and can_declare_on_item(request.user, item),
        own_declaration=own.get(item.pk),
        disbarred=[f"{name} is disbarred from {project}" for project, name in disbarments if project.lower() in title],
        conflicts=conflicts.get(item.pk, []),
    )
