"""What meetings tell people, planned in the transaction of the change that causes it (notifications.planning).

- Paper authors and the secretariat: a paper not yet in, some days and one
  day before the circulation deadline (days set per body); the secretariat
  on the deadline day if the pack is not out (Agreement 10.4).
- Members: the pack is published, a late paper was added, minutes were published.
- Chairs: minutes awaiting their signature; special meeting requests.
- Action owners: a week before and on the due date; weekly while overdue.

Each meeting's and each action's reminders are re-planned as a whole by
`plan_meeting` and `plan_action` whenever they change, so a postponed
meeting's reminders are cancelled and a rescheduled one's planned afresh.

A meeting the secretariat entered afterwards, from the paper record, has no
deadline or pack to remind of and announces no publication; its approved
minutes ask the chair to sign only from the next morning, unless the
secretariat has recorded a signature from the paper record by then.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from bodies.models import Membership
from bodies.policies import CHAIRING_ROLES
from meetings.models import OPEN_ACTION_STATUSES, Action, Meeting, MeetingStatus
from notifications.models import Notification, NotificationStatus
from notifications.planning import (
    Planned,
    at_nine,
    cancel,
    plan,
    register_daily_planner,
    register_kind,
    secretariat,
    sync,
)
from partnership.dates import british_date, british_datetime

PAPER_DUE = register_kind(
    "paper_due", "A paper is due for a meeting", "Paper authors and the secretariat", group="meetings"
)
PACK_NOT_OUT = register_kind(
    "pack_not_published",
    "The agenda pack is not out on the circulation deadline",
    "The secretariat",
    essential=True,
    group="meetings",
)
PACK_PUBLISHED = register_kind("pack_published", "An agenda pack is published", "Members of the body", group="meetings")
LATE_PAPER = register_kind(
    "late_paper", "A late paper is added to a published pack", "Members of the body", group="meetings"
)
MINUTES_PUBLISHED = register_kind("minutes_published", "Minutes are published", "Members of the body", group="minutes")
MINUTES_TO_SIGN = register_kind(
    "minutes_to_sign",
    "Approved minutes await your signature",
    "Chairs and vice chairs",
    essential=True,
    group="minutes",
)
ACTION_DUE = register_kind("action_due", "An action of yours falls due", "Action owners", group="actions")
ACTION_OVERDUE = register_kind(
    "action_overdue", "An action of yours is overdue (weekly)", "Action owners", group="actions"
)
SPECIAL_REQUEST = register_kind(
    "special_request",
    "A request for a special meeting",
    "The secretariat, chairs and the members who asked",
    essential=True,
    group="meetings",
)

RESERVE_NAMED = register_kind(
    "reserve_named",
    "You are named to attend a meeting in a member's place",
    "Named reserves",
    essential=True,
    group="meetings",
)
RESERVE_WANTED = register_kind(
    "reserve_wanted",
    "A member asks the secretariat to add a named reserve",
    "The secretariat",
    essential=True,
    group="meetings",
)

# A reminder whose moment passed this recently is still sent (the sweeper may not have reached it yet).
GRACE = datetime.timedelta(hours=12)
ACTION_WARNING = datetime.timedelta(days=7)


def _people_of(memberships):
    seen, people = set(), []
    for membership in memberships:
        if membership.person_id not in seen:
            seen.add(membership.person_id)
            people.append(membership.person)
    return people


def members_on(body, day):
    """Everyone with a place on `body` on `day` (members, reserves, observers): who hears of its business."""
    return _people_of(Membership.objects.on(day).filter(body=body).select_related("person__user").order_by("pk"))


def chairs_of(body):
    return _people_of(
        Membership.objects.current()
        .filter(body=body, role__in=CHAIRING_ROLES)
        .select_related("person__user")
        .order_by("role", "person__name")
    )


def _meeting_day(meeting):
    return timezone.localdate(meeting.starts_at)


# A meeting's deadlines


def plan_meeting(meeting: Meeting, now: datetime.datetime | None = None) -> None:
    """Re-plan the deadline reminders of `meeting`: papers still to come, and the pack on the deadline day."""
    now = now or timezone.now()
    scope = f"meeting:{meeting.pk}:deadline:"
    wanted = []
    gone = meeting.status not in (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED)
    # A meeting entered from the paper record has no deadline still to come, whatever its date.
    if not gone and not meeting.is_entered_afterwards and meeting.starts_at > now:
        deadline = meeting.circulation_deadline()
        when = f"{meeting.body.name}, {british_datetime(meeting.starts_at)}"
        office = secretariat()
        if not meeting.agenda_is_published:
            wanted += _paper_reminders(meeting, scope, deadline, when, office)
            for person in office:
                wanted.append(
                    Planned(
                        kind=PACK_NOT_OUT.name,
                        key=f"{scope}pack:{deadline.isoformat()}:{person.pk}",
                        recipient=person,
                        subject=f"Papers are due out today: {when}",
                        body=(
                            f"The agenda pack for the meeting of the {meeting.body.name} on "
                            f"{british_datetime(meeting.starts_at)} is not published, and papers are due out today, "
                            f"{british_date(deadline)} (Agreement 10.4)."
                        ),
                        url=reverse("agenda_manage", args=[meeting.pk]),
                        due_at=at_nine(deadline),
                    )
                )
    sync(scope, [p for p in wanted if p.due_at > now - GRACE], reason="The meeting or its papers changed.")


def _paper_reminders(meeting, scope, deadline, when, office):
    items = meeting.items.filter(paper_expected_from__isnull=False, papers__isnull=True).select_related(
        "paper_expected_from__user"
    )
    days = sorted({meeting.body.paper_reminder_days, 1}, reverse=True)
    wanted = []
    for item in items:
        author = item.paper_expected_from
        for before in days:
            due = at_nine(deadline - datetime.timedelta(days=before))
            for person in {author.pk: author, **{p.pk: p for p in office}}.values():
                wanted.append(
                    Planned(
                        kind=PAPER_DUE.name,
                        key=f"{scope}paper:{item.pk}:{deadline.isoformat()}:{before}:{person.pk}",
                        recipient=person,
                        subject=f"Paper due in {before} day{'s' if before != 1 else ''}: item {item.number}, {when}",
                        body=(
                            f"The paper for item {item.number}, {item.title}, is expected from {author.full_name} "
                            f"and has not come in. Papers for the meeting of the {meeting.body.name} on "
                            f"{british_datetime(meeting.starts_at)} go out by {british_date(deadline)}."
                        ),
                        url=reverse("agenda_manage", args=[meeting.pk]),
                        due_at=due,
                    )
                )
    return wanted


# What members hear of at once


def _to_members(meeting, key, kind, subject, body, url, now=None):
    """Tell everyone with a place on the body on the meeting's day, at once: one row each, planned together."""
    now = now or timezone.now()
    wanted = [
        Planned(
            kind=kind.name,
            key=f"{key}:{person.pk}",
            recipient=person,
            subject=subject,
            body=body,
            url=url,
            due_at=now,
        )
        for person in members_on(meeting.body, _meeting_day(meeting))
    ]
    sync(f"{key}:", wanted, reason="No longer a member of the body.")


def pack_published(meeting: Meeting) -> None:
    when = british_datetime(meeting.starts_at)
    _to_members(
        meeting,
        # Each publication is news: a rescheduled meeting's pack goes out, and is announced, again.
        f"meeting:{meeting.pk}:pack-published:{meeting.agenda_published_at:%Y%m%dT%H%M%S.%f}",
        PACK_PUBLISHED,
        f"Agenda and papers: {meeting.body.name}, {when}",
        f"The agenda and papers for the meeting of the {meeting.body.name} on {when} are published.",
        reverse("meeting_detail", args=[meeting.pk]),
    )


def late_paper(paper) -> None:
    meeting = paper.meeting
    when = british_datetime(meeting.starts_at)
    reason = f" Why it is late: {paper.late_reason}" if paper.late_reason else ""
    _to_members(
        meeting,
        f"paper:{paper.pk}:late",
        LATE_PAPER,
        f"Late paper: {paper.title}",
        f"A paper was added after the pack for the meeting of the {meeting.body.name} on {when} went out: "
        f"{paper.title}.{reason}",
        reverse("meeting_detail", args=[meeting.pk]),
    )


def minutes_published(meeting: Meeting) -> None:
    if meeting.is_entered_afterwards:
        # Its members had the minutes on paper at the time: a partnership entering years of past
        # meetings would otherwise send each of them one notice per meeting, all at once.
        return
    when = british_datetime(meeting.starts_at)
    _to_members(
        meeting,
        f"meeting:{meeting.pk}:minutes-published",
        MINUTES_PUBLISHED,
        f"Minutes published: {meeting.body.name}, {when}",
        f"The minutes of the meeting of the {meeting.body.name} on {when} are published.",
        reverse("meeting_minutes", args=[meeting.pk]),
    )


def minutes_to_sign(meeting: Meeting) -> None:
    """The approved minutes wait for the chair's signature: the chair and vice chair are told, until signed."""
    scope = f"meeting:{meeting.pk}:minutes-to-sign:"
    when = british_datetime(meeting.starts_at)
    due = timezone.now()
    if meeting.is_entered_afterwards:
        # The paper record may show them signed: the secretariat has until the next morning to record
        # that signature (which cancels this) before the chair is asked to sign online.
        due = at_nine(timezone.localdate(due) + datetime.timedelta(days=1))
    sync(
        scope,
        [
            Planned(
                kind=MINUTES_TO_SIGN.name,
                key=f"{scope}{person.pk}",
                recipient=person,
                subject=f"Minutes to sign: {meeting.body.name}, {when}",
                body=f"The minutes of the meeting of the {meeting.body.name} on {when} are approved and wait for "
                "the chair's signature.",
                url=reverse("meeting_minutes", args=[meeting.pk]),
                due_at=due,
            )
            for person in chairs_of(meeting.body)
        ],
        reason="Replanned.",
    )


def minutes_signed(meeting: Meeting) -> None:
    sync(f"meeting:{meeting.pk}:minutes-to-sign:", [], reason="The minutes were signed.")


# Special meetings


def special_request(request, step: str, recipients, subject: str, body: str) -> None:
    """Tell each of `recipients` (people) of a step in a request for a special meeting."""
    now = timezone.now()
    scope = f"special-request:{request.pk}:{step}:"
    wanted = [
        Planned(
            kind=SPECIAL_REQUEST.name,
            key=f"{scope}{person.pk}",
            recipient=person,
            subject=subject,
            body=body,
            url=reverse("special_request_detail", args=[request.pk]),
            due_at=now,
        )
        for person in recipients
    ]
    sync(scope, wanted, reason="Replanned.")


# Actions


def plan_action(action: Action, now: datetime.datetime | None = None) -> None:
    """Re-plan the due-date reminders of an action: a week before and on the day, to each owner, while open."""
    now = now or timezone.now()
    scope = f"action:{action.pk}:due:"
    wanted = []
    if action.pk and action.status in OPEN_ACTION_STATUSES and action.due_on:
        meeting = action.item.meeting
        for person in action.owners.select_related("user"):
            for label, day in (("soon", action.due_on - ACTION_WARNING), ("today", action.due_on)):
                wanted.append(
                    Planned(
                        kind=ACTION_DUE.name,
                        key=f"{scope}{action.due_on.isoformat()}:{label}:{person.pk}",
                        recipient=person,
                        subject=(f"Action due {'in a week' if label == 'soon' else 'today'}: {action.text[:120]}"),
                        body=(
                            f"Your action from the meeting of the {meeting.body.name} on "
                            f"{british_date(_meeting_day(meeting))}, item {action.item.number}, is due on "
                            f"{british_date(action.due_on)}: {action.text}"
                        ),
                        url=reverse("action_register") + f"?owner={person.pk}",
                        due_at=at_nine(day),
                    )
                )
    sync(scope, [p for p in wanted if p.due_at > now - GRACE], reason="The action changed or was closed.")
    if action.status not in OPEN_ACTION_STATUSES:
        cancel(f"action:{action.pk}:overdue:", reason="The action is closed.")


@register_daily_planner
def plan_overdue_actions(now: datetime.datetime) -> None:
    """Each open action past its due date: one reminder a week to each owner, due on the Monday."""
    today = timezone.localdate(now)
    year, week, _ = today.isocalendar()
    monday = today - datetime.timedelta(days=today.weekday())
    actions = (
        Action.objects.filter(status__in=OPEN_ACTION_STATUSES, due_on__lt=today)
        .select_related("item__meeting__body")
        .prefetch_related("owners__user")
    )
    for action in actions:
        meeting = action.item.meeting
        for person in action.owners.all():
            plan(
                Planned(
                    kind=ACTION_OVERDUE.name,
                    key=f"action:{action.pk}:overdue:{year}-W{week:02}:{person.pk}",
                    recipient=person,
                    subject=f"Action overdue since {british_date(action.due_on)}: {action.text[:120]}",
                    body=(
                        f"Your action from the meeting of the {meeting.body.name} on "
                        f"{british_date(_meeting_day(meeting))}, item {action.item.number}, was due on "
                        f"{british_date(action.due_on)}: {action.text} Update its status in the actions register."
                    ),
                    url=reverse("action_register") + f"?owner={person.pk}",
                    due_at=max(at_nine(monday), at_nine(action.due_on + datetime.timedelta(days=1))),
                )
            )


# Members' replies to a meeting


def _reply_scope(reply) -> str:
    return f"meeting:{reply.meeting_id}:reply:{reply.person_id}:"


def reply_changed(reply, *, stood_down=None, now: datetime.datetime | None = None) -> None:
    """Tell a named reserve they are named for the meeting, and the secretariat when a member asks for a reserve.

    Called by meetings.actions.replies after each change of a reply. A reserve no longer named is
    cancelled if not yet told, or told they are not needed if `stood_down` (their membership) had heard.
    """
    now = now or timezone.now()
    meeting = reply.meeting
    scope = _reply_scope(reply)
    member = reply.person.full_name
    when = f"{meeting.body.name}, {british_datetime(meeting.starts_at)}"
    url = reverse("meeting_detail", args=[meeting.pk])
    named = []
    if reply.reserve_id is not None and reply.reserve_named_at is not None:
        reserve = reply.reserve.person
        named.append(
            Planned(
                kind=RESERVE_NAMED.name,
                key=f"{scope}reserve:{reply.reserve_id}:{reply.reserve_named_at:%Y%m%dT%H%M%S.%f}",
                recipient=reserve,
                subject=f"Please attend in {member}'s place: {when}",
                body=(
                    f"{member} has sent apologies for the meeting of the {meeting.body.name} on "
                    f"{british_datetime(meeting.starts_at)}"
                    + (f" at {meeting.venue}" if meeting.venue else "")
                    + " and names you, their named reserve, to attend in their place."
                ),
                url=url,
                due_at=now,
            )
        )
    sync(f"{scope}reserve:", named, reason="The member no longer names this reserve.")
    if stood_down is not None:
        plan(
            Planned(
                kind=RESERVE_NAMED.name,
                key=f"{scope}stood-down:{stood_down.pk}:{now:%Y%m%dT%H%M%S.%f}",
                recipient=stood_down.person,
                subject=f"You are no longer needed in {member}'s place: {when}",
                body=(
                    f"{member} has changed their reply for the meeting of the {meeting.body.name} on "
                    f"{british_datetime(meeting.starts_at)}: you are no longer needed to attend in their place."
                ),
                url=url,
                due_at=now,
            )
        )
    wanted = []
    if reply.answer == "reserve_wanted":
        seat = reply.membership
        organisation = f" ({seat.organisation.name})" if seat.organisation_id else ""
        wanted = [
            Planned(
                kind=RESERVE_WANTED.name,
                key=f"{scope}reserve-wanted:{person.pk}",
                recipient=person,
                subject=f"{member} asks for a named reserve: {when}",
                body=(
                    f"{member}{organisation} has sent apologies for the meeting of the {meeting.body.name} on "
                    f"{british_datetime(meeting.starts_at)} and has no named reserve. They ask the secretariat "
                    "to add one, so that their seat can be filled."
                    + (f" Their note: {reply.note}" if reply.note else "")
                ),
                url=reverse("meeting_replies", args=[meeting.pk]),
                due_at=now,
            )
            for person in secretariat()
        ]
    sync(f"{scope}reserve-wanted:", wanted, reason="The member no longer asks for a reserve.")


def reserve_was_told(reply, reserve_id: int) -> bool:
    """Whether the reserve `reserve_id` named in `reply` has already been sent (or is being sent) the news."""
    return (
        Notification.objects.filter(key__startswith=f"{_reply_scope(reply)}reserve:{reserve_id}:")
        .exclude(status__in=[NotificationStatus.PENDING, NotificationStatus.CANCELLED])
        .exists()
    )
