"""What happened to a meeting that others may want to hear of, said inside the action's own unit.

The actions send these (`announce`); an app above meetings connects its
receivers in its AppConfig.ready() (following: the public's emails about a
body). Meetings knows no receiver. Each signal is sent with `sender=Meeting`
and `meeting`, the meeting as the action left it:

- `meeting_scheduled`: a new meeting is in the calendar;
- `meeting_moved`: its time or place changed, or a postponed meeting was given its new date;
- `meeting_postponed`: it was put off until a new date is set;
- `meeting_cancelled`: it was called off;
- `pack_published`: its agenda and papers went out;
- `minutes_published`: its minutes are published.
"""

from django.dispatch import Signal

from meetings.models import Meeting

meeting_scheduled = Signal()
meeting_moved = Signal()
meeting_postponed = Signal()
meeting_cancelled = Signal()
pack_published = Signal()
minutes_published = Signal()


def announce(signal: Signal, meeting: Meeting) -> None:
    """Send `signal` for `meeting` inside the action's transaction.

    A receiver writes what it needs (following: an announcement to send) in the
    same unit as the change: both are kept, or neither is, so a process that
    stops after the commit loses nothing. A receiver that fails fails the action,
    as planning a notification does; it sends nothing itself (delivery is later,
    from the rows it wrote).
    """
    signal.send(sender=Meeting, meeting=meeting)
