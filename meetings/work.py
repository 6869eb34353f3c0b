"""The meetings' part of a person's work (partnership.work): their coming meetings, open actions, minutes to sign.

Registered in MeetingsConfig.ready(). Each provider asks the app's own
policies who the work is for, and costs the same few queries whatever the
number of meetings, actions or minutes.
"""

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from bodies.policies import roles_by_body
from meetings.models import Action, Meeting, MeetingReply, MinutesStatus, ReplyAnswer
from meetings.policies.minutes import meetings_signable_by
from meetings.policies.register import actions_visible_to
from meetings.policies.replies import seat_on_the_day
from meetings.policies.roles import chaired_body_ids
from partnership.dates import british_date, british_datetime, today
from partnership.models import person_of
from partnership.work import WorkDetail, WorkItem, counted

# The next meetings an entry lists; the meetings list has the rest.
NEXT_MEETINGS = 5
# The minutes to sign an entry lists, the oldest first.
MINUTES_LISTED = 5


def _pack(meeting: Meeting) -> str:
    if meeting.is_cancelled:
        return f"{meeting.get_status_display()}: {meeting.status_reason}"
    if meeting.agenda_is_published:
        return f"Agenda and papers published on {british_date(meeting.agenda_published_at)}"
    # Papers go out at least a week before the meeting (Agreement 10.4).
    return f"Agenda and papers not yet published (due by {british_date(meeting.circulation_deadline())})"


def _reply(meeting: Meeting) -> tuple[str, str]:
    """Whether the person has replied to `meeting`, and the words of the link to reply; nothing without a seat."""
    if not meeting.has_seat or not meeting.takes_replies:
        return "", ""
    is_open = meeting.replies_open()
    if meeting.my_answer:
        said = f"You replied: {ReplyAnswer(meeting.my_answer).label.lower()}."
        return said, "Change your reply" if is_open else ""
    if is_open:
        return (
            f"You have not replied: reply by {meeting.reply_deadline_words()}.",
            "Reply to say whether you will attend",
        )
    return "You did not reply, and replies are closed.", ""


def _coming(meeting: Meeting) -> WorkDetail:
    said, link = _reply(meeting)
    return WorkDetail(
        text=f"{meeting.body.name}: {british_datetime(meeting.starts_at)}",
        url=meeting.get_absolute_url(),
        status=f"{_pack(meeting)}. {said}" if said else _pack(meeting),
        action_url=reverse("meeting_reply", args=[meeting.pk]) if link else "",
        action_text=link,
    )


def coming_meetings(user) -> list[WorkItem]:
    """The meetings to come of the bodies the user sits on today, the next few listed with their pack."""
    body_ids = list(roles_by_body(user))
    if not body_ids:
        return []
    coming = Meeting.objects.in_calendar().upcoming(timezone.now()).filter(body_id__in=body_ids)
    count = coming.count()
    # Whether the person holds a seat on each meeting's day, and their reply: in the same query.
    mine = MeetingReply.objects.filter(meeting=OuterRef("pk"), person__user=user)
    shown = list(
        coming.select_related("body")
        .annotate(day=TruncDate("starts_at"))
        .annotate(has_seat=seat_on_the_day(user), my_answer=Subquery(mine.values("answer")[:1]))
        .order_by("starts_at", "body__name", "pk")[:NEXT_MEETINGS]
    )
    details = tuple(_coming(meeting) for meeting in shown)
    more = count - len(shown)
    return [
        WorkItem(
            key="meetings.coming",
            label="Your coming meetings",
            count=count,
            url=reverse("meeting_list"),
            count_text=counted(count, "meeting") + " to come in the bodies you sit on",
            link_text="See all meetings",
            hint=f"The next {len(shown)} are listed here, and {more} more on the meetings page." if more else "",
            details=details,
            always=True,
        )
    ]


def open_actions(user) -> list[WorkItem]:
    """The open actions the user owns, as the actions register shows them to them, and how many are overdue."""
    person = person_of(user)
    if person is None:
        return []
    # The register's own filters: the owner (as a reminder's "your actions" link names them), and unfinished.
    mine = actions_visible_to(user).filter(pk__in=person.actions.values("pk")).open()
    counts = mine.aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(pk__in=Action.objects.overdue(today()).values("pk")))
    )
    count, overdue = counts["open"], counts["overdue"]
    register = reverse("action_register") + f"?owner={person.pk}"
    details = (WorkDetail(text=counted(overdue, "overdue action"), url=f"{register}&overdue=on"),) if overdue else ()
    return [
        WorkItem(
            key="meetings.actions",
            label="Your open actions",
            count=count,
            url=f"{register}&status=unfinished",
            count_text=counted(count, "open action") + (f", {overdue} overdue" if overdue else ""),
            link_text="See your open actions",
            details=details,
        )
    ]


def minutes_to_sign(user) -> list[WorkItem]:
    """Approved minutes of the bodies the user chairs, waiting for their signature (meetings.sign_minutes)."""
    if not chaired_body_ids(user):
        return []
    waiting = (
        meetings_signable_by(user)
        .filter(minutes__status=MinutesStatus.APPROVED)
        .select_related("body", "minutes")
        .order_by("starts_at", "pk")
    )
    count = waiting.count()
    shown = list(waiting[:MINUTES_LISTED])
    details = tuple(
        WorkDetail(
            text=f"{meeting.body.name}: {british_date(meeting.starts_at)}",
            url=reverse("minutes_sign", args=[meeting.pk]),
            status=f"Approved on {british_date(meeting.minutes.approved_on)}" if meeting.minutes.approved_on else "",
        )
        for meeting in shown
    )
    return [
        WorkItem(
            key="meetings.minutes_to_sign",
            label="Minutes waiting for your signature",
            count=count,
            url=details[0].url if details else reverse("meeting_list"),
            count_text=counted(count, "set of minutes", "sets of minutes") + " to sign",
            link_text="Sign the oldest minutes" if count > 1 else "Sign the minutes",
            hint="Approved as an accurate record at a later meeting; you sign them as chair." if count else "",
            details=details,
        )
    ]
