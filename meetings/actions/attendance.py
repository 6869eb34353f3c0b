"""Attendance the secretariat records in one step: everyone not yet recorded marked present.

The list itself is started (from the membership and the members' replies),
recorded row by row, and given reserves, support staff and visitors by the
actions of meetings.actions.minutes.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from meetings.actions.minutes import SEAT_COUNTED_ONCE, refuse_if_settled
from meetings.models import Attendance, AttendanceStatus, Meeting, Minutes
from partnership.audit import validated_save
from partnership.dates import british_datetime
from partnership.models import User


@transaction.atomic(durable=True)
def mark_others_present(meeting: Meeting, *, by: User) -> tuple[list[Attendance], list[Attendance]]:
    """Mark present everyone on the list whose attendance is not yet recorded; return (marked, left as they were).

    A row whose seat someone else already fills (a named reserve attending in the
    member's place) is left as it is: the seat counts once, never twice.
    """
    if meeting.is_cancelled:
        raise ValidationError(f"The meeting was {meeting.get_status_display().lower()}: {meeting.status_reason}")
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            f"The meeting starts at {british_datetime(meeting.starts_at)}: mark people present once it has started."
        )
    refuse_if_settled(Minutes.objects.select_for_update().filter(meeting=meeting).first())
    rows = list(Attendance.objects.select_for_update().filter(meeting=meeting).select_related("person"))
    # Who sits in each seat already.
    filled = {row.membership_id: row for row in rows if row.status == AttendanceStatus.PRESENT and row.membership_id}
    marked, left = [], []
    for row in sorted((row for row in rows if not row.recorded), key=lambda row: (row.person.name, row.pk)):
        if row.membership_id is not None and row.membership_id in filled:
            row.seat_taken_by = filled[row.membership_id]
            left.append(row)
            continue
        row.status, row.recorded = AttendanceStatus.PRESENT, True
        validated_save(row, by)
        if row.membership_id is not None:
            filled[row.membership_id] = row
        marked.append(row)
    return marked, left


def why_left(row: Attendance) -> str:
    """Why `row` (one `mark_others_present` left as it was) was not marked present."""
    name = row.person.full_name
    return (
        f"{name} was not marked present: {row.seat_taken_by.person.full_name} is present in that seat. "
        f"{SEAT_COUNTED_ONCE}: record {name}'s attendance yourself."
    )
