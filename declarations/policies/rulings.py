"""Who may declare, see declarations, rule on them, dispute rulings and resolve disputes (Agreement 11.1).

Powers come from today's memberships (chair or vice chair of the item's
body), the declarant's own login, and one django-guardian grant: the Head of
Legal designated for one dispute holds declarations.consult_on_dispute on
that dispute alone. Each predicate has a queryset twin; a test checks that
the two agree.

Disputes go to the chair of the LSP (Agreement 11.1.5): the current chair of
a body of kind "partnership board". The commissioning board is not the LSP,
so its chair does not decide disputes.
"""

from django.db.models import Q

from bodies.models import BodyKind, Membership, Role
from bodies.policies import CHAIRING_ROLES, roles_by_body
from declarations.models import Declaration, Dispute, DisputeStatus, Ruling
from meetings.models import AgendaItem, MeetingStatus, MinutesStatus
from partnership.models import person_of
from partnership.policies import is_secretariat, rule

# Once the minutes are approved (or the meeting cancelled) an item takes no new declarations.
CLOSED_MEETING_STATUSES = [
    MeetingStatus.MINUTES_APPROVED,
    MeetingStatus.MINUTES_PUBLISHED,
    MeetingStatus.CANCELLED,
    MeetingStatus.POSTPONED,
]


def _is_declarant(user, declaration) -> bool:
    person = person_of(user)
    return person is not None and declaration.person_id == person.pk


def chaired_body_ids(user) -> list[int]:
    """The bodies `user` chairs or vice chairs today."""
    return [body_id for body_id, roles in roles_by_body(user).items() if roles & set(CHAIRING_ROLES)]


def is_lsp_chair(user) -> bool:
    """The chair of the partnership board today."""
    if not user.is_authenticated:
        return False
    return (
        Membership.objects.current()
        .of_user(user)
        .filter(role=Role.CHAIR, body__kind=BodyKind.PARTNERSHIP_BOARD)
        .exists()
    )


def _consulted_dispute_ids(user):
    if not user.is_authenticated:
        return []
    from guardian.shortcuts import get_objects_for_user

    return list(
        get_objects_for_user(
            user,
            "declarations.consult_on_dispute",
            klass=Dispute,
            use_groups=False,
            with_superuser=False,
            accept_global_perms=False,
        ).values_list("pk", flat=True)
    )


def item_is_open_for_declarations(item) -> bool:
    minutes = getattr(item.meeting, "minutes", None)
    if item.meeting.status in CLOSED_MEETING_STATUSES:
        return False
    return minutes is None or minutes.status == MinutesStatus.DRAFT


# Declaring


@rule("declarations.declare_on_item")
def can_declare_on_item(user, item: AgendaItem):
    """A current member of the item's body, while the item's minutes are not yet approved."""
    if item is None or person_of(user) is None:
        return False
    return item.meeting.body_id in roles_by_body(user) and item_is_open_for_declarations(item)


def items_declarable_by(user, queryset=None):
    queryset = AgendaItem.objects.all() if queryset is None else queryset
    if person_of(user) is None:
        return queryset.none()
    return (
        queryset.filter(meeting__body_id__in=list(roles_by_body(user)))
        .exclude(meeting__status__in=CLOSED_MEETING_STATUSES)
        .exclude(meeting__minutes__status__in=[MinutesStatus.APPROVED, MinutesStatus.SIGNED])
    )


# Seeing a declaration (its description and the reasons for its ruling)


@rule("declarations.view_declaration")
def can_view_declaration(user, declaration: Declaration):
    """The secretariat, the declarant and the current members of the item's body."""
    if declaration is None or not user.is_authenticated:
        return False
    if is_secretariat(user) or _is_declarant(user, declaration):
        return True
    return declaration.item.meeting.body_id in roles_by_body(user)


def declarations_visible_to(user, queryset=None):
    queryset = Declaration.objects.all() if queryset is None else queryset
    if is_secretariat(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    person = person_of(user)
    return queryset.filter(
        Q(person_id=person.pk if person else None) | Q(item__meeting__body_id__in=list(roles_by_body(user)))
    )


# Ruling (Agreement 11.1.4)


@rule("declarations.rule_on_declaration")
def can_rule_on_declaration(user, declaration: Declaration):
    """The chair or vice chair of the item's body, or the secretariat recording the body's ruling; never the declarant."""
    if declaration is None or not user.is_authenticated or _is_declarant(user, declaration):
        return False
    return is_secretariat(user) or declaration.item.meeting.body_id in chaired_body_ids(user)


def declarations_rulable_by(user, queryset=None):
    queryset = Declaration.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if not is_secretariat(user):
        queryset = queryset.filter(item__meeting__body_id__in=chaired_body_ids(user))
    person = person_of(user)
    return queryset.exclude(person=person) if person is not None else queryset


# Disputes (Agreement 11.1.5)


@rule("declarations.dispute_ruling")
def can_dispute_ruling(user, ruling: Ruling):
    """The declarant, once, against the ruling on their own declaration."""
    if ruling is None or person_of(user) is None:
        return False
    return _is_declarant(user, ruling.declaration) and not Dispute.objects.filter(ruling=ruling).exists()


def rulings_disputable_by(user, queryset=None):
    queryset = Ruling.objects.all() if queryset is None else queryset
    person = person_of(user)
    if person is None:
        return queryset.none()
    return queryset.filter(declaration__person=person, dispute__isnull=True)


@rule("declarations.view_dispute")
def can_view_dispute(user, dispute: Dispute):
    """The secretariat, the declarant, the chair of the partnership board, and the Head of Legal for this dispute."""
    if dispute is None or not user.is_authenticated:
        return False
    if is_secretariat(user) or _is_declarant(user, dispute.ruling.declaration) or is_lsp_chair(user):
        return True
    return dispute.pk in _consulted_dispute_ids(user)


def disputes_visible_to(user, queryset=None):
    queryset = Dispute.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if is_secretariat(user) or is_lsp_chair(user):
        return queryset
    person = person_of(user)
    return queryset.filter(
        Q(ruling__declaration__person_id=person.pk if person else None) | Q(pk__in=_consulted_dispute_ids(user))
    )


@rule("declarations.resolve_dispute")
def can_resolve_dispute(user, dispute: Dispute):
    """The chair of the partnership board, on an open dispute that is not about their own declaration."""
    if dispute is None or dispute.status != DisputeStatus.OPEN:
        return False
    return is_lsp_chair(user) and not _is_declarant(user, dispute.ruling.declaration)


def disputes_resolvable_by(user, queryset=None):
    queryset = Dispute.objects.all() if queryset is None else queryset
    if not is_lsp_chair(user):
        return queryset.none()
    person = person_of(user)
    resolvable = queryset.filter(status=DisputeStatus.OPEN)
    return resolvable.exclude(ruling__declaration__person=person) if person is not None else resolvable
