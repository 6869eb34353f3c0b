"""iCalendar feeds of the calendar of business: one event per meeting, and nothing from its agenda."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from meetings.models import MeetingKind

# Calendars need an end; a meeting with none recorded is shown as two hours long.
DEFAULT_LENGTH = datetime.timedelta(hours=2)


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def meeting_uid(meeting) -> str:
    """The event's identity: the same for a meeting in every feed and at every download."""
    return f"meeting-{meeting.pk}@{site_host()}"


def absolute_url(path: str) -> str:
    """The address of `path` on the site, as feeds give it (their readers are not on the site)."""
    return settings.SITE_URL.rstrip("/") + path


def webcal_url(url: str) -> str:
    """The webcal:// form of a feed's address, which calendar apps open as a subscription."""
    return "webcal://" + url.split("://", 1)[1]


def permanent_url(meeting) -> str:
    return absolute_url(meeting.get_absolute_url())


def summary(meeting) -> str:
    kind = "special meeting" if meeting.kind == MeetingKind.SPECIAL else "ordinary meeting"
    return f"{meeting.body.name}: {kind}"


def _event(meeting, stamp) -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp)
    starts = meeting.starts_at.astimezone(datetime.UTC)
    ends = (meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH).astimezone(datetime.UTC)
    event.add("dtstart", starts)
    event.add("dtend", ends)
    event.add("summary", summary(meeting))
    if meeting.venue:
        event.add("location", meeting.venue)
    event.add("url", permanent_url(meeting))
    if meeting.is_cancelled:
        # A postponed date will not be kept either; the new date is a meeting of its own.
        event.add("status", "CANCELLED")
        event.add("description", f"{meeting.get_status_display()}: {meeting.status_reason}")
    else:
        event.add("status", "CONFIRMED")
        event.add("description", f"Agenda, papers and minutes: {permanent_url(meeting)}")
    return event


def feed(meetings, *, name: str) -> bytes:
    """Return the iCalendar text (CRLF lines, folded at 75 octets) for `meetings`."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.PARTNERSHIP_NAME}//Calendar of business//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(datetime.UTC)
    for meeting in meetings:
        calendar.add_component(_event(meeting, stamp))
    return calendar.to_ical()


def feed_meetings(queryset):
    """Every meeting, cancelled ones included so that subscribers see them called off."""
    return queryset.select_related("body").order_by("starts_at", "pk")
