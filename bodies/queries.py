"""Read-side helpers shared by the public and secretariat pages."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404

from bodies.models import Body, BodyKind, BodyLink, Membership, Role, Seat
from partnership.dated import in_force_on
from partnership.dates import today
from partnership.models import Organisation

KIND_ORDER = [choice for choice, _ in BodyKind.choices]


@dataclass
class KindGroup:
    kind: str
    label: str
    bodies: list = field(default_factory=list)


# The LSP's board: its partnership board, or the commissioning board that took over from it (as in 2011).
BOARD_KINDS = [BodyKind.PARTNERSHIP_BOARD, BodyKind.COMMISSIONING_BOARD]


def partnership_board() -> Body | None:
    """The LSP's board today: a current partnership board, else a commissioning board; the oldest of a kind.

    Risks are escalated to it (risks) and exception reports go on its agenda (performance).
    """
    boards = list(Body.objects.current().filter(kind__in=BOARD_KINDS).order_by("established_on", "pk"))
    boards.sort(key=lambda body: BOARD_KINDS.index(body.kind))
    return boards[0] if boards else None


def group_by_kind(bodies):
    groups: dict[str, KindGroup] = {}
    for body in sorted(bodies, key=lambda b: (KIND_ORDER.index(b.kind), b.name)):
        groups.setdefault(body.kind, KindGroup(body.kind, BodyKind(body.kind).label)).bodies.append(body)
    return list(groups.values())


def bodies_on(date):
    """Bodies existing on `date`, each with `chairs_then`: its chair(s) on that date."""
    chairs = Membership.objects.on(date).chairs().select_related("person", "organisation")
    return Body.objects.on(date).prefetch_related(Prefetch("memberships", queryset=chairs, to_attr="chairs_then"))


def links_on(date):
    return BodyLink.objects.on(date).select_related("from_body", "to_body")


@dataclass
class Composition:
    """Who sat on a body on a date, and which places were empty."""

    seated: list
    reserves: list
    others: list
    vacancies: list


ROLE_ORDER = [choice for choice, _ in Role.choices]


def composition(body, date) -> Composition:
    memberships = sorted(
        Membership.objects.on(date)
        .filter(body=body)
        .select_related("person", "organisation", "seat", "reserve_for__person"),
        key=lambda m: (ROLE_ORDER.index(m.role), m.person.name),
    )
    seated = [
        m for m in memberships if m.role in (Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER, Role.CO_OPTED, Role.CARETAKER)
    ]
    reserves = [m for m in memberships if m.role == Role.NAMED_RESERVE]
    others = [m for m in memberships if m.role in (Role.OBSERVER, Role.SUPPORT)]
    filled = {m.seat_id for m in memberships if m.seat_id}
    vacancies = [
        seat.label
        for seat in Seat.objects.on(date).filter(body=body).select_related("organisation")
        if seat.pk not in filled
    ]
    held_roles = {m.role for m in memberships}
    if body.exists_on(date):
        for role in (Role.VICE_CHAIR, Role.CHAIR):
            if role not in held_roles:
                vacancies.insert(0, role.label)
    return Composition(seated, reserves, others, vacancies)


def organisations_with_counts(queryset=None):
    queryset = queryset if queryset is not None else Organisation.objects.all()
    return queryset.annotate(
        current_seats=Count("memberships", filter=in_force_on(today(), "memberships__start", "memberships__end"))
    )


def get_body_for(user, slug, perm):
    """The body, if `user` holds `perm` on it; the same 404 as a missing body otherwise."""
    body = get_object_or_404(Body, slug=slug)
    if not user.has_perm(perm, body):
        raise Http404("No body matches the given query.")
    return body
