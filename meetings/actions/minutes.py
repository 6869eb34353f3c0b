"""Attendance and minutes: prepare and record attendance, draft, edit, approve, sign, correct and publish.

A meeting entered afterwards goes through the same actions; the chair's
signature on its minutes may instead be recorded from the paper record.

Each action is one transaction with a keyword-only actor `by`; the audit
trail is the django-simple-history row written for every record touched,
stamped with `by`. Once the meeting has approved the minutes as an accurate
record they are no longer edited: a change is a recorded correction
(`correct_minutes`), and after signing the correction also moves the
signed hash on. The actions enforce this, whatever the pages offer.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from bodies.models import SEATED_ROLES, Membership, Role
from bodies.policies import CHAIRING_ROLES
from meetings import reminders, signals
from meetings.minutes_text import (
    canonical_text,
    current_hash,
    join_names,
    lower_first,
    signed_by_name,
    signed_when,
)
from meetings.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Capacity,
    Correction,
    Decision,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    StandingRole,
    canonical_hash,
)
from meetings.replies import attendance_from_replies
from notifications.planning import cancel
from partnership import mfa
from partnership.audit import stamped_delete, stamped_save, validated_save
from partnership.dates import british_date, british_datetime
from partnership.models import Person, SignedWith, User
from partnership.policies import is_secretariat

SEAT_COUNTED_ONCE = "A named reserve attending for a member counts for that seat once, never twice"
# Sorts a new decision after the others of its item until the meeting is renumbered.
_LAST = 32767


def _set_meeting_status(meeting, status, by):
    meeting.status = status
    stamped_save(meeting, by, update_fields=["status"])


def _minutes_of(meeting, *, lock=False):
    queryset = Minutes.objects.select_for_update() if lock else Minutes.objects
    return queryset.filter(meeting=meeting).first()


def _lock(minutes):
    """Reload `minutes` under a row lock, so two people cannot approve, sign or publish at once."""
    minutes.refresh_from_db(from_queryset=Minutes.objects.select_for_update())
    return minutes


def refuse_if_settled(minutes):
    """Draft minutes are edited; approved or signed minutes change only by a recorded correction."""
    if minutes is None:
        return
    if minutes.status == MinutesStatus.SIGNED:
        raise ValidationError(
            f"These minutes were signed on {signed_when(minutes)} and are locked. Record a correction instead."
        )
    if minutes.status == MinutesStatus.APPROVED:
        raise ValidationError(
            f"These minutes were approved as an accurate record on {british_date(minutes.approved_on)}. "
            "Record a correction instead."
        )


def _refuse_cancelled(meeting):
    if meeting.is_cancelled:
        raise ValidationError(f"The meeting was {meeting.get_status_display().lower()}: {meeting.status_reason}")


# Attendance


def _meeting_date(meeting):
    return timezone.localdate(meeting.starts_at)


@transaction.atomic(durable=True)
def prepare_attendance(meeting: Meeting, *, by: User) -> list[Attendance]:
    """List everyone holding a seat on the body on the meeting's date, starting from their replies.

    A member who replied with apologies is listed with apologies and their
    note, and the named reserve they named present in their seat; everyone
    else is absent, not yet recorded, until the secretariat records otherwise
    (meetings.replies.attendance_from_replies). Role and organisation are
    copied from the membership, so a later change of membership never
    rewrites the record. Running it again adds only those not yet listed, and
    fills in from a reply received since a row the secretariat has not yet
    recorded. Return the rows added and those filled in (each `added` or not).
    """
    _refuse_cancelled(meeting)
    refuse_if_settled(_minutes_of(meeting))
    listed = {row.person_id: row for row in Attendance.objects.filter(meeting=meeting)}
    seated = (
        Membership.objects.on(_meeting_date(meeting))
        .filter(body_id=meeting.body_id, role__in=SEATED_ROLES)
        .select_related("person", "organisation")
        .order_by("person__name", "pk")
    )
    prefill = attendance_from_replies(meeting, seated, listed)
    for row in prefill.changed:
        row.added = False
        validated_save(row, by)
    for row in prefill.added:
        row.added = True
        validated_save(row, by)
    return prefill.added + prefill.changed


def _check_item(meeting, item, label):
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError(f"{label}: choose an item of this meeting.")


def _seat_problems(rows):
    """Name each seat counted present twice: a member and the reserve standing in for them."""
    present = {}
    for row in rows:
        if (
            row.status == AttendanceStatus.PRESENT
            and row.membership_id
            and row.capacity
            in (
                Capacity.MEMBER,
                Capacity.RESERVE,
            )
        ):
            present.setdefault(row.membership_id, []).append(row)
    problems = []
    for seat_rows in present.values():
        if len(seat_rows) > 1:
            names = join_names([row.person.full_name for row in seat_rows])
            problems.append(
                f"{names} are both recorded as present in one seat. {SEAT_COUNTED_ONCE}: "
                "record one of them as absent or sending apologies."
            )
    return problems


@transaction.atomic(durable=True)
def record_attendance(meeting: Meeting, *, by: User, changes) -> None:
    """Record present, apologies or absent, and late arrival or early departure.

    `changes` is a list of (attendance, status, arrived_before_item, left_after_item).
    """
    refuse_if_settled(_minutes_of(meeting, lock=True))
    rows = {row.pk: row for row in Attendance.objects.filter(meeting=meeting).select_related("person")}
    changed = []
    errors = []
    for attendance, status, arrived, left in changes:
        row = rows.get(attendance.pk)
        if row is None:
            raise ValidationError("That person is not on the attendance list of this meeting.")
        _check_item(meeting, arrived, "Arrived late")
        _check_item(meeting, left, "Left early")
        name = row.person.full_name
        if status != AttendanceStatus.PRESENT and (arrived or left):
            errors.append(f"{name}: only someone present can arrive late or leave early.")
        if arrived and left and left.number < arrived.number:
            errors.append(f"{name}: the item they left after comes before the one they arrived for.")
        row.status, row.arrived_before_item, row.left_after_item = status, arrived, left
        row.recorded = True
        changed.append(row)
    errors.extend(_seat_problems(rows.values()))
    if errors:
        raise ValidationError(errors)
    # Those no longer present first, so a seat is never counted twice on the way.
    changed.sort(key=lambda row: row.status == AttendanceStatus.PRESENT)
    for row in changed:
        validated_save(row, by)


@transaction.atomic(durable=True)
def add_attendee(
    meeting: Meeting,
    *,
    by: User,
    capacity: str,
    person: Person | None = None,
    name: str = "",
    role_shown: str = "",
    organisation_shown: str = "",
) -> Attendance:
    """Add support staff or a visitor, present: a person from the records, or a new one by name."""
    _refuse_cancelled(meeting)
    refuse_if_settled(_minutes_of(meeting))
    if capacity not in (Capacity.SUPPORT, Capacity.VISITOR):
        raise ValidationError({"capacity": "Choose support staff or visitor."})
    name = name.strip()
    if (person is None) == (not name):
        raise ValidationError({"person": "Choose a person from the records, or give the name of someone new."})
    if person is None:
        person = validated_save(Person(name=name), by)
    elif Attendance.objects.filter(meeting=meeting, person=person).exists():
        raise ValidationError({"person": f"{person.full_name} is already on the attendance list."})
    if not organisation_shown and person.organisation_id:
        organisation_shown = person.organisation.name
    return validated_save(
        Attendance(
            meeting=meeting,
            person=person,
            capacity=capacity,
            role_shown=role_shown.strip() or person.job_title,
            organisation_shown=organisation_shown.strip(),
            status=AttendanceStatus.PRESENT,
        ),
        by,
    )


def named_reserves_on(member: Membership, date: datetime.date):
    return Membership.objects.on(date).filter(reserve_for=member, role=Role.NAMED_RESERVE)


@transaction.atomic(durable=True)
def record_reserve(meeting: Meeting, *, by: User, member: Attendance, reserve: Person) -> Attendance:
    """Record `reserve` attending in the seat of `member`, who must be that member's named reserve that day."""
    _refuse_cancelled(meeting)
    refuse_if_settled(_minutes_of(meeting, lock=True))
    if member.meeting_id != meeting.pk or member.capacity != Capacity.MEMBER or member.membership_id is None:
        raise ValidationError({"member": "Choose a member on this meeting's attendance list."})
    member_name = member.person.full_name
    reserve_membership = (
        named_reserves_on(member.membership, _meeting_date(meeting))
        .filter(person=reserve)
        .select_related("organisation")
        .first()
    )
    if reserve_membership is None:
        raise ValidationError(
            {
                "reserve": f"{reserve.full_name} is not the named reserve for {member_name} on "
                f"{british_date(_meeting_date(meeting))}."
            }
        )
    member.refresh_from_db(fields=["status"])
    if member.status == AttendanceStatus.PRESENT:
        raise ValidationError(
            {
                "member": f"{member_name} is recorded as present. {SEAT_COUNTED_ONCE}: "
                f"record {member_name} as absent or sending apologies first."
            }
        )
    if Attendance.objects.filter(meeting=meeting, person=reserve).exists():
        raise ValidationError({"reserve": f"{reserve.full_name} is already on the attendance list."})
    organisation = reserve_membership.organisation or member.membership.organisation
    return validated_save(
        Attendance(
            meeting=meeting,
            person=reserve,
            capacity=Capacity.RESERVE,
            membership=member.membership,
            role_shown=f"Named reserve for {member_name}",
            organisation_shown=organisation.name if organisation else member.organisation_shown,
            status=AttendanceStatus.PRESENT,
        ),
        by,
    )


@transaction.atomic(durable=True)
def remove_attendee(attendance: Attendance, *, by: User) -> None:
    """Take someone off the list (added by mistake); the history keeps the row."""
    refuse_if_settled(_minutes_of(attendance.meeting))
    stamped_delete(attendance, by)


# Drafting


def _previous_minutes(meeting, item):
    """The minutes this meeting's previous-minutes item deals with: the latest earlier ones not approved elsewhere."""
    latest = (
        Minutes.objects.filter(meeting__body_id=meeting.body_id, meeting__starts_at__lt=meeting.starts_at)
        .select_related("meeting")
        .order_by("-meeting__starts_at")
        .first()
    )
    if latest is not None and (latest.status == MinutesStatus.DRAFT or latest.approved_at_item_id == item.pk):
        return latest
    return None


def approval_decision_text(minutes: Minutes) -> str:
    return (
        f"The minutes of the meeting held on {british_date(_meeting_date(minutes.meeting))} "
        "were agreed as an accurate record."
    )


def _prefill(item, meeting, attendance):
    """The discussion the draft starts from, generated from the records."""
    role = item.standing_role
    if role == StandingRole.APOLOGIES:
        names = [row.person.full_name for row in attendance if row.status == AttendanceStatus.APOLOGIES]
        lines = [f"Apologies were received from {join_names(names)}." if names else "No apologies were received."]
        lines += [
            f"{row.person.full_name} attended as {lower_first(row.role_shown)}."
            for row in attendance
            if row.capacity == Capacity.RESERVE and row.status == AttendanceStatus.PRESENT
        ]
        return "\n".join(lines)
    if role == StandingRole.PREVIOUS_MINUTES:
        previous = _previous_minutes(meeting, item)
        if previous is None:
            return "There were no minutes of an earlier meeting to approve."
        held = british_date(_meeting_date(previous.meeting))
        if previous.approved_at_item_id == item.pk:
            return f"The minutes of the meeting held on {held} were considered."
        return f"The minutes of the meeting held on {held} were presented for approval as an accurate record."
    if role == StandingRole.NEXT_MEETING:
        following = (
            Meeting.objects.filter(body_id=meeting.body_id, starts_at__gt=meeting.starts_at)
            .exclude(status__in=[MeetingStatus.CANCELLED, MeetingStatus.POSTPONED])
            .order_by("starts_at")
            .first()
        )
        if following is None:
            return "The date of the next meeting is to be confirmed."
        venue = f", {following.venue}" if following.venue else ""
        return f"The next meeting will be held on {british_datetime(following.starts_at)}{venue}."
    papers = [paper for paper in item.papers.all() if not paper.confidential]
    return "\n".join(f"The report “{paper.title}” ({paper.author}) was presented." for paper in papers)


@transaction.atomic(durable=True)
def draft_minutes(meeting: Meeting, *, by: User) -> Minutes:
    """Start the minutes from the attendance, the apologies and the agenda, to be edited item by item."""
    meeting.refresh_from_db(from_queryset=Meeting.objects.select_for_update())
    _refuse_cancelled(meeting)
    if meeting.starts_at > timezone.now():
        raise ValidationError("The meeting has not taken place yet.")
    if Minutes.objects.filter(meeting=meeting).exists():
        raise ValidationError("The minutes of this meeting have already been drafted.")
    minutes = validated_save(Minutes(meeting=meeting, status=MinutesStatus.DRAFT, drafted_at=timezone.now()), by)
    attendance = list(Attendance.objects.filter(meeting=meeting).select_related("person").order_by("person__name"))
    items = meeting.items.prefetch_related("papers").order_by("number")
    for item in items:
        if not item.discussion.strip():
            item.discussion = _prefill(item, meeting, attendance)
            if item.discussion:
                validated_save(item, by)
        if item.standing_role == StandingRole.PREVIOUS_MINUTES:
            for approved in Minutes.objects.filter(approved_at_item=item).select_related("meeting"):
                _add_decision(item, by=by, text=approval_decision_text(approved))
    _set_meeting_status(meeting, MeetingStatus.MINUTES_DRAFTED, by)
    return minutes


# Editing the draft, item by item


def _editable_minutes(item):
    minutes = _minutes_of(item.meeting, lock=True)
    if minutes is None:
        raise ValidationError("Draft the minutes of this meeting first.")
    refuse_if_settled(minutes)
    return minutes


@transaction.atomic(durable=True)
def edit_discussion(item: AgendaItem, *, by: User, discussion: str) -> AgendaItem:
    _editable_minutes(item)
    item.discussion = discussion.strip()
    return validated_save(item, by)


def renumber_decisions(meeting, by):
    """Number the decisions through the meeting, 1, 2, 3..., in the order of the items."""
    decisions = Decision.objects.filter(item__meeting=meeting).order_by("item__number", "number", "pk")
    for number, decision in enumerate(decisions, start=1):
        if decision.number != number:
            decision.number = number
            stamped_save(decision, by, update_fields=["number"])


def _add_decision(item, *, by, text):
    decision = validated_save(Decision(item=item, number=_LAST, text=text.strip()), by)
    renumber_decisions(item.meeting, by)
    decision.refresh_from_db(fields=["number"])
    return decision


@transaction.atomic(durable=True)
def add_decision(item: AgendaItem, *, by: User, text: str) -> Decision:
    _editable_minutes(item)
    return _add_decision(item, by=by, text=text)


@transaction.atomic(durable=True)
def edit_decision(decision: Decision, *, by: User, text: str) -> Decision:
    _editable_minutes(decision.item)
    decision.text = text.strip()
    return validated_save(decision, by)


@transaction.atomic(durable=True)
def delete_decision(decision: Decision, *, by: User) -> None:
    item = decision.item
    _editable_minutes(item)
    stamped_delete(decision, by)
    renumber_decisions(item.meeting, by)


def _fill_action(action, *, text, owners, owner_note, due_on, status):
    action.text = text.strip()
    action.owner_note = owner_note.strip()
    action.due_on = due_on
    action.status = status or ActionStatus.OPEN
    if not owners and not action.owner_note:
        raise ValidationError({"owners": "Say who owns the action: choose people, or describe the owners."})
    action.full_clean()


@transaction.atomic(durable=True)
def add_action(
    item: AgendaItem, *, by: User, text: str, owners=(), owner_note: str = "", due_on=None, status=ActionStatus.OPEN
) -> Action:
    _editable_minutes(item)
    action = Action(item=item)
    _fill_action(action, text=text, owners=owners, owner_note=owner_note, due_on=due_on, status=status)
    stamped_save(action, by)
    action.owners.set(owners)
    reminders.plan_action(action)
    return action


@transaction.atomic(durable=True)
def edit_action(
    action: Action, *, by: User, text: str, owners=(), owner_note: str = "", due_on=None, status=ActionStatus.OPEN
) -> Action:
    _editable_minutes(action.item)
    _fill_action(action, text=text, owners=owners, owner_note=owner_note, due_on=due_on, status=status)
    stamped_save(action, by)
    action.owners.set(owners)
    reminders.plan_action(action)
    return action


@transaction.atomic(durable=True)
def delete_action(action: Action, *, by: User) -> None:
    _editable_minutes(action.item)
    cancel(f"action:{action.pk}:", reason="The action was taken out of the minutes.")
    stamped_delete(action, by)


# Approval, signing, correction and publication


@transaction.atomic(durable=True)
def approve_minutes(minutes: Minutes, *, by: User, at_item: AgendaItem) -> Minutes:
    """Record that a later meeting of the body approved the minutes as an accurate record."""
    _lock(minutes)
    meeting = minutes.meeting
    if minutes.status != MinutesStatus.DRAFT:
        raise ValidationError(
            f"These minutes were already approved as an accurate record on {british_date(minutes.approved_on)}."
        )
    at_meeting = at_item.meeting
    if (
        at_item.standing_role != StandingRole.PREVIOUS_MINUTES
        or at_meeting.body_id != meeting.body_id
        or at_meeting.starts_at <= meeting.starts_at
    ):
        raise ValidationError(
            {
                "at_item": "Choose the item on the minutes of the previous meeting at a later meeting of "
                f"the {meeting.body.name}."
            }
        )
    if at_meeting.is_cancelled:
        raise ValidationError({"at_item": f"The meeting of {british_date(_meeting_date(at_meeting))} was cancelled."})
    if at_meeting.starts_at > timezone.now():
        raise ValidationError(
            {"at_item": f"The meeting of {british_date(_meeting_date(at_meeting))} has not taken place yet."}
        )
    minutes.status = MinutesStatus.APPROVED
    minutes.approved_at_item = at_item
    minutes.approved_on = _meeting_date(at_meeting)
    validated_save(minutes, by)
    _set_meeting_status(meeting, MeetingStatus.MINUTES_APPROVED, by)
    # The approving meeting's own draft minutes record the decision, as the partnership's minutes do.
    later = _minutes_of(at_meeting)
    if later is not None and later.status == MinutesStatus.DRAFT:
        _add_decision(at_item, by=by, text=approval_decision_text(minutes))
    reminders.minutes_to_sign(meeting)
    return minutes


@transaction.atomic(durable=True)
def sign_minutes(minutes: Minutes, *, by: User, signed_with: str = SignedWith.PASSWORD) -> Minutes:
    """The chair signs the approved minutes: the SHA-256 of their canonical text is recorded.

    `signed_with` says what confirmed the chair at the keyboard (the signing page checks the password and the
    code): a chair with an authenticator app signs only with its code (or a recovery code), and from
    settings.MFA_REQUIRED_FROM a chair without one cannot sign (partnership.mfa).
    """
    _lock(minutes)
    meeting = minutes.meeting
    if not by.has_perm("meetings.sign_minutes", meeting):
        raise ValidationError(f"Only the chair or vice chair of the {meeting.body.name} can sign its minutes.")
    if signed_with not in mfa.SECOND_FACTORS:
        if mfa.has_second_factor(by):
            raise ValidationError({"code": "Enter the code from your authenticator app, or a recovery code."})
        if mfa.needs_second_factor(by) and mfa.required_now():
            raise ValidationError(
                "Set up an authenticator app on your sign-in security page before you sign the minutes."
            )
    if minutes.status == MinutesStatus.SIGNED:
        raise ValidationError(f"These minutes were signed on {signed_when(minutes)} by {signed_by_name(minutes)}.")
    if minutes.status != MinutesStatus.APPROVED:
        raise ValidationError("Minutes are signed once a later meeting has approved them as an accurate record.")
    minutes.status = MinutesStatus.SIGNED
    minutes.signed_by = by
    minutes.signed_at = timezone.now()
    minutes.signed_hash = canonical_hash(canonical_text(meeting))
    minutes.signed_with = signed_with
    validated_save(minutes, by)
    reminders.minutes_signed(meeting)
    return minutes


def chairs_between(body_id, first: datetime.date, last: datetime.date):
    """Memberships of the chair and vice chair of a body held on any day from `first` to `last`."""
    return Membership.objects.filter(
        Q(body_id=body_id, role__in=CHAIRING_ROLES, start__lte=last) & (Q(end__isnull=True) | Q(end__gte=first))
    )


def refuse_paper_signature(minutes: Minutes) -> None:
    """Refuse unless a signature from the paper record can be recorded: approved minutes of a meeting entered afterwards."""
    if not minutes.meeting.is_entered_afterwards:
        raise ValidationError(
            "Only the minutes of a meeting entered from the paper record can have a paper signature recorded. "
            "The chair signs these minutes online."
        )
    if minutes.status == MinutesStatus.SIGNED:
        raise ValidationError(f"These minutes were signed on {signed_when(minutes)} by {signed_by_name(minutes)}.")
    if minutes.status != MinutesStatus.APPROVED:
        raise ValidationError(
            "Minutes are signed once a later meeting has approved them as an accurate record: record the approval first."
        )


@transaction.atomic(durable=True)
def record_paper_signature(minutes: Minutes, *, by: User, signed_by: Person, signed_on: datetime.date) -> Minutes:
    """Record, from the paper record, the chair's signature on approved minutes of a meeting entered afterwards.

    `signed_by` is the person who signed: the chair or vice chair of the body
    on `signed_on`. The SHA-256 of the canonical text is recorded as when the
    chair signs online, with who recorded the signature and when.
    """
    _lock(minutes)
    meeting = minutes.meeting
    if not is_secretariat(by):
        raise ValidationError("Only the secretariat records a signature from the paper record.")
    refuse_paper_signature(minutes)
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": "The date of the signature cannot be in the future."})
    if signed_on < minutes.approved_on:
        raise ValidationError(
            {
                "signed_on": f"The minutes were approved on {british_date(minutes.approved_on)}: "
                "they cannot have been signed before that."
            }
        )
    if not chairs_between(meeting.body_id, signed_on, signed_on).filter(person=signed_by).exists():
        raise ValidationError(
            {
                "signed_by": f"{signed_by.full_name} was not the chair or vice chair of the {meeting.body.name} on "
                f"{british_date(signed_on)}."
            }
        )
    minutes.status = MinutesStatus.SIGNED
    minutes.signed_by = None
    # The day of the signature; the paper record gives no time.
    minutes.signed_at = timezone.make_aware(datetime.datetime.combine(signed_on, datetime.time()))
    minutes.signed_hash = canonical_hash(canonical_text(meeting))
    minutes.signed_on_paper_by = signed_by
    minutes.paper_signature_recorded_by = by
    minutes.paper_signature_recorded_at = timezone.now()
    validated_save(minutes, by)
    reminders.minutes_signed(meeting)
    return minutes


@transaction.atomic(durable=True)
def correct_minutes(minutes: Minutes, *, by: User, item: AgendaItem, new_discussion: str, reason: str) -> Correction:
    """Correct an item's discussion in approved or signed minutes, keeping before, after and both hashes."""
    _lock(minutes)
    if minutes.status == MinutesStatus.DRAFT:
        raise ValidationError("These minutes are still a draft: edit the item instead.")
    if item.meeting_id != minutes.meeting_id:
        raise ValidationError({"item": "Choose an item of this meeting."})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the minutes are corrected."})
    before = item.discussion
    after = new_discussion.strip()
    if after == before.strip():
        raise ValidationError({"new_discussion": "The new text is the same as the minuted text."})
    previous_hash = minutes.signed_hash or current_hash(minutes.meeting)
    item.discussion = after
    validated_save(item, by)
    new_hash = current_hash(minutes.meeting)
    correction = Correction(
        minutes=minutes,
        item=item,
        reason=reason,
        before=before,
        after=after,
        previous_hash=previous_hash,
        new_hash=new_hash,
        made_by=by,
        made_at=timezone.now(),
    )
    # Text may be added to an empty item, or an item's text removed: either side may be blank.
    correction.full_clean(exclude=["before", "after"])
    correction.save()
    if minutes.status == MinutesStatus.SIGNED:
        minutes.signed_hash = new_hash
        validated_save(minutes, by)
    return correction


@transaction.atomic(durable=True)
def publish_minutes(minutes: Minutes, *, by: User) -> Minutes:
    """Publish signed minutes at their permanent address; confidential items stay withheld."""
    _lock(minutes)
    if minutes.is_published:
        raise ValidationError(f"These minutes were published on {british_datetime(minutes.published_at)}.")
    # Only signed minutes: the public reads the record the chair signed, never one that may still change.
    if minutes.status != MinutesStatus.SIGNED:
        raise ValidationError("Minutes are published once the chair has signed them.")
    minutes.published_at = timezone.now()
    validated_save(minutes, by)
    _set_meeting_status(minutes.meeting, MeetingStatus.MINUTES_PUBLISHED, by)
    reminders.minutes_published(minutes.meeting)
    signals.announce(signals.minutes_published, minutes.meeting)
    return minutes
