"""What the public is told about a body's meetings, worded once per event, from public matter only.

An announcement says the body's name, the meeting's date, time and place, and
the reason a meeting was called off or put back (the meeting's public page
shows it), with links to the public pages. It never names an agenda item or a
paper: a confidential item's title must never reach an inbox, and an email
cannot be taken back.

Receivers of the meetings' signals (connected in FollowingConfig.ready()) call
`record` inside the action's unit, so the announcement is kept exactly when the
change is; the sweeper sends it once committed (following.tasks).
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from following.models import Announcement, AnnouncementKind, Subscription
from meetings.models import Meeting, MeetingStatus
from meetings.pack import meeting_when
from notifications.planning import url_of


def _place(meeting: Meeting) -> str:
    return f"Place: {meeting.venue}" if meeting.venue else "Place: to be confirmed"


def compose(kind: str, meeting: Meeting) -> tuple[str, str, str]:
    """(subject, text, page) of an announcement of `kind` about `meeting`."""
    body = meeting.body.name
    when = meeting_when(meeting)
    page = reverse("meeting_detail", args=[meeting.pk])
    if kind == AnnouncementKind.SCHEDULED:
        subject = f"New meeting: {body}, {when}"
        text = f"A meeting of the {body} has been arranged for {when}.\n{_place(meeting)}"
    elif kind == AnnouncementKind.MOVED:
        subject = f"Meeting moved: {body}, now {when}"
        text = f"A meeting of the {body} has moved. It now takes place on {when}.\n{_place(meeting)}"
    elif kind == AnnouncementKind.POSTPONED:
        subject = f"Meeting postponed: {body}, {when}"
        text = (
            f"The meeting of the {body} on {when} is postponed: {meeting.status_reason}\n"
            "We will email you again when it has a new date."
        )
    elif kind == AnnouncementKind.CANCELLED:
        subject = f"Meeting cancelled: {body}, {when}"
        text = f"The meeting of the {body} on {when} is cancelled: {meeting.status_reason}"
    elif kind == AnnouncementKind.PACK_PUBLISHED:
        subject = f"Agenda and papers: {body}, {when}"
        pack = url_of(reverse("meeting_pack", args=[meeting.pk]))
        text = (
            f"The agenda and papers for the meeting of the {body} on {when} are published.\n{_place(meeting)}\n\n"
            f"The whole pack as one PDF: {pack}"
        )
    elif kind == AnnouncementKind.MINUTES_PUBLISHED:
        subject = f"Minutes published: {body}, {when}"
        text = f"The minutes of the meeting of the {body} on {when} are published."
        page = reverse("meeting_minutes", args=[meeting.pk])
    else:
        raise ValueError(f"{kind} is not a kind of announcement")
    return subject, text, page


def _key(kind: str, meeting: Meeting, now) -> str:
    if kind == AnnouncementKind.PACK_PUBLISHED:
        # Each publication is news: a rescheduled meeting's pack goes out, and is announced, again.
        return f"meeting:{meeting.pk}:pack:{meeting.agenda_published_at:%Y%m%dT%H%M%S.%f}"
    if kind in (AnnouncementKind.MOVED, AnnouncementKind.POSTPONED):
        # A meeting may move more than once: each move is news.
        return f"meeting:{meeting.pk}:{kind}:{now:%Y%m%dT%H%M%S.%f}"
    return f"meeting:{meeting.pk}:{kind}"


def record(kind: str, meeting: Meeting) -> Announcement | None:
    """Word what happened to `meeting` for those who follow its body; None when it is no news to anyone.

    Meetings entered afterwards from the paper record are no news (a partnership
    entering years of them would send a flood), nor is the time or place of a
    meeting that has already started. Nothing is kept for a body nobody follows.
    """
    now = timezone.now()
    # As the action left it, in its own transaction.
    meeting = Meeting.objects.select_related("body").get(pk=meeting.pk)
    if meeting.is_entered_afterwards:
        return None
    if kind == AnnouncementKind.MOVED and meeting.status in (MeetingStatus.POSTPONED, MeetingStatus.CANCELLED):
        # A new place for a meeting put off or called off: it has no date to go to, and was announced as such.
        return None
    about_the_date = kind not in (AnnouncementKind.PACK_PUBLISHED, AnnouncementKind.MINUTES_PUBLISHED)
    if about_the_date and meeting.starts_at <= now:
        return None
    if not Subscription.objects.confirmed().filter(body_id=meeting.body_id).exists():
        return None
    subject, text, page = compose(kind, meeting)
    with transaction.atomic():
        announcement, _ = Announcement.objects.get_or_create(
            key=_key(kind, meeting, now),
            defaults={
                "kind": kind,
                "body_id": meeting.body_id,
                "meeting": meeting,
                "subject": subject[:300],
                "text": text,
                "url": page,
                "created_at": now,
            },
        )
    return announcement


# Receivers of the meetings' signals (meetings.signals), connected in FollowingConfig.ready().


def on_meeting_scheduled(sender, meeting, **kwargs):
    record(AnnouncementKind.SCHEDULED, meeting)


def on_meeting_moved(sender, meeting, **kwargs):
    record(AnnouncementKind.MOVED, meeting)


def on_meeting_postponed(sender, meeting, **kwargs):
    record(AnnouncementKind.POSTPONED, meeting)


def on_meeting_cancelled(sender, meeting, **kwargs):
    record(AnnouncementKind.CANCELLED, meeting)


def on_pack_published(sender, meeting, **kwargs):
    record(AnnouncementKind.PACK_PUBLISHED, meeting)


def on_minutes_published(sender, meeting, **kwargs):
    record(AnnouncementKind.MINUTES_PUBLISHED, meeting)
