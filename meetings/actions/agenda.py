"""The secretariat's workflows for meetings, agendas and papers.

Each is one transaction with a keyword-only actor; the audit trail is the
django-simple-history row written for every meeting, item and paper touched
(with `by` as its user), and PaperVersion's own created_by.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, ProtectedError
from django.utils import timezone

from bodies.models import Body
from meetings import reminders, signals
from meetings.extraction import extract_text
from meetings.models import (
    STANDING_AFTER,
    STANDING_BEFORE,
    AgendaItem,
    ItemKind,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Paper,
    PaperVersion,
    StandingItem,
    StandingRole,
    VersionKind,
    canonical_hash,
)
from meetings.uploads import CheckedUpload
from partnership import public_cache
from partnership.audit import stamped_delete, stamped_save, validated_save
from partnership.dates import british_date, british_datetime
from partnership.models import User

# Items are renumbered through numbers above any real one, so that the
# unique (meeting, number) constraint never sees two items on one number.
RENUMBER_OFFSET = 10_000

STANDING_KINDS = {
    StandingRole.APOLOGIES: ItemKind.INFORMATION,
    StandingRole.PREVIOUS_MINUTES: ItemKind.DECISION,
    StandingRole.PARTNER_MATTERS: ItemKind.DISCUSSION,
    StandingRole.OTHER_BUSINESS: ItemKind.DISCUSSION,
    StandingRole.NEXT_MEETING: ItemKind.INFORMATION,
}
ITEM_FIELDS = (
    "title",
    "kind",
    "presenter",
    "paper_expected_from",
    "description",
    "taken_with",
    "confidential",
    "confidential_reason",
)
MEETING_FIELDS = ("kind", "starts_at", "ends_at", "venue", "online_url")
COVER_FIELDS = (
    "item",
    "title",
    "description",
    "purpose",
    "circulation",
    "action_required",
    "author",
    "contact_details",
    "publication_date",
    "target_audience",
    "cross_reference",
    "confidential",
    "confidential_reason",
)


def _lock(meeting: Meeting) -> Meeting:
    """Take the meeting's row lock: changes to one agenda happen one at a time."""
    return Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)


def _require_agenda_open(meeting: Meeting):
    """Refuse changes to a cancelled meeting, or one whose minutes are approved (the record is settled)."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("The meeting was cancelled; its agenda and papers can no longer change.")
    settled = Minutes.objects.filter(meeting=meeting, status__in=[MinutesStatus.APPROVED, MinutesStatus.SIGNED]).first()
    if settled is not None:
        raise ValidationError(
            f"The minutes of this meeting are {settled.get_status_display().lower()}, so its agenda and papers "
            "can no longer change. Record a correction to the minutes instead."
        )


# Scheduling


def _check_body_can_meet(body: Body, starts_at: datetime.datetime):
    day = timezone.localdate(starts_at)
    if body.ended_on and day > body.ended_on:
        raise ValidationError(
            {"starts_at": f"{body} ended on {british_date(body.ended_on)}; it cannot meet after that."}
        )
    if day < body.established_on:
        raise ValidationError(
            {"starts_at": f"{body} is only established on {british_date(body.established_on)}; it cannot meet before."}
        )


@transaction.atomic(durable=True)
def schedule_meeting(
    body: Body,
    *,
    by: User,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    venue: str = "",
    online_url: str = "",
    kind: str = MeetingKind.ORDINARY,
) -> Meeting:
    """Put a meeting of `body` in the calendar, with its agenda's standing items."""
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": "A new meeting must be in the future."})
    _check_body_can_meet(body, starts_at)
    meeting = Meeting(body=body, kind=kind, starts_at=starts_at, ends_at=ends_at, venue=venue, online_url=online_url)
    validated_save(meeting, by)
    _add_standing_items(meeting, by)
    reminders.plan_meeting(meeting)
    signals.announce(signals.meeting_scheduled, meeting)
    return meeting


def _add_standing_items(meeting: Meeting, by: User, business: list[str] = ()):
    """Give a new agenda the body's standing items, with `business` between the opening and closing ones."""
    standing = standing_items_for(meeting.body)
    opening = [(role, title) for role, title in standing if role not in STANDING_AFTER]
    closing = [(role, title) for role, title in standing if role in STANDING_AFTER]
    rows = opening + [("", title) for title in business] + closing
    for number, (role, title) in enumerate(rows, start=1):
        kind = STANDING_KINDS[StandingRole(role)] if role else ItemKind.DISCUSSION
        item = AgendaItem(meeting=meeting, number=number, title=title, standing_role=role, kind=kind)
        validated_save(item, by)


@transaction.atomic(durable=True)
def record_past_meeting(
    body: Body,
    *,
    by: User,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    venue: str = "",
    online_url: str = "",
    kind: str = MeetingKind.ORDINARY,
    business: list[str] = (),
) -> Meeting:
    """Enter a meeting that has already taken place, from the paper record, marked as entered afterwards.

    Its agenda gets the body's standing items with the items of `business`
    (titles, in order) between them; attendance and minutes are then recorded
    through the usual actions. Nothing is planned or sent: its deadlines passed.
    """
    now = timezone.now()
    if starts_at >= now:
        raise ValidationError(
            {"starts_at": "A meeting entered from the paper record must already have taken place: choose a past date."}
        )
    _check_body_can_meet(body, starts_at)
    business = [title.strip() for title in business if title.strip()]
    clash = Meeting.objects.filter(body=body, starts_at=starts_at).exclude(status=MeetingStatus.CANCELLED).first()
    if clash is not None:
        raise ValidationError(
            {"starts_at": f"The {body.name} already has a meeting on {british_datetime(clash.starts_at)}."}
        )
    meeting = Meeting(
        body=body,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue,
        online_url=online_url,
        status=MeetingStatus.HELD,
        entered_afterwards_at=now,
        entered_afterwards_by=by,
    )
    validated_save(meeting, by)
    _add_standing_items(meeting, by, business)
    reminders.plan_meeting(meeting)
    return meeting


@transaction.atomic(durable=True)
def update_meeting(meeting: Meeting, *, by: User, **fields) -> Meeting:
    """Change a meeting's kind, times, venue or joining link."""
    meeting = _lock(meeting)
    _require_agenda_open(meeting)
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"update_meeting() cannot change {', '.join(sorted(unknown))}")
    starts_at = fields.get("starts_at", meeting.starts_at)
    if starts_at != meeting.starts_at:
        if meeting.is_entered_afterwards:
            # Correcting the record of a meeting that took place: its date stays in the past.
            if starts_at >= timezone.now():
                raise ValidationError(
                    {"starts_at": "This meeting was entered from the paper record: its date must stay in the past."}
                )
        elif starts_at <= timezone.now():
            raise ValidationError({"starts_at": "A meeting cannot be moved to a time that has passed."})
        _check_body_can_meet(meeting.body, starts_at)
    moved = any(fields[name] != getattr(meeting, name) for name in ("starts_at", "venue") if name in fields)
    for name, value in fields.items():
        setattr(meeting, name, value)
    validated_save(meeting, by)
    reminders.plan_meeting(meeting)
    if moved:
        signals.announce(signals.meeting_moved, meeting)
    return meeting


def _set_status(meeting, status, reason, by, allowed, refusal):
    meeting = _lock(meeting)
    if meeting.status not in allowed:
        raise ValidationError(refusal.format(status=meeting.get_status_display().lower()))
    if not reason.strip():
        raise ValidationError({"status_reason": "Give the reason."})
    meeting.status = status
    meeting.status_reason = reason.strip()
    validated_save(meeting, by)
    # A cancelled or postponed meeting's reminders are cancelled; a rescheduled one's planned afresh.
    reminders.plan_meeting(meeting)
    return meeting


@transaction.atomic(durable=True)
def cancel_meeting(meeting: Meeting, *, by: User, reason: str) -> Meeting:
    """Call a meeting off, saying why; it stays in the records."""
    meeting = _set_status(
        meeting,
        MeetingStatus.CANCELLED,
        reason,
        by,
        allowed=[MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.POSTPONED],
        refusal="The meeting cannot be cancelled: its status is {status}.",
    )
    signals.announce(signals.meeting_cancelled, meeting)
    return meeting


@transaction.atomic(durable=True)
def postpone_meeting(meeting: Meeting, *, by: User, reason: str) -> Meeting:
    """Put a meeting off until a new date is set, saying why."""
    meeting = _set_status(
        meeting,
        MeetingStatus.POSTPONED,
        reason,
        by,
        allowed=[MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED],
        refusal="The meeting cannot be postponed: its status is {status}.",
    )
    signals.announce(signals.meeting_postponed, meeting)
    return meeting


@transaction.atomic(durable=True)
def reschedule_meeting(
    meeting: Meeting, *, by: User, starts_at: datetime.datetime, ends_at: datetime.datetime | None = None
) -> Meeting:
    """Give a postponed meeting its new date. Its pack goes out again for the new date."""
    meeting = _lock(meeting)
    if meeting.status != MeetingStatus.POSTPONED:
        raise ValidationError("Only a postponed meeting can be rescheduled.")
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": "The new date must be in the future."})
    _check_body_can_meet(meeting.body, starts_at)
    meeting.starts_at = starts_at
    meeting.ends_at = ends_at
    meeting.status = MeetingStatus.SCHEDULED
    meeting.status_reason = ""
    meeting.agenda_published_at = None
    validated_save(meeting, by)
    reminders.plan_meeting(meeting)
    signals.announce(signals.meeting_moved, meeting)
    return meeting


# Agenda items


def _renumber(meeting: Meeting, ordered: list[AgendaItem], by: User):
    """Number `ordered` 1, 2, 3...; only items whose number changes are touched."""
    moving = [item for number, item in enumerate(ordered, start=1) if item.number != number]
    if not moving:
        return
    AgendaItem.objects.filter(pk__in=[item.pk for item in moving]).update(number=F("number") + RENUMBER_OFFSET)
    public_cache.changed(AgendaItem)
    for number, item in enumerate(ordered, start=1):
        if item.number != number:
            item.number = number
            stamped_save(item, by, update_fields=["number"])


def _check_taken_with(item: AgendaItem):
    lead = item.taken_with
    if lead is None:
        return
    if lead.meeting_id != item.meeting_id:
        raise ValidationError({"taken_with": "Choose an item on this meeting's agenda."})
    if item.pk and lead.pk == item.pk:
        raise ValidationError({"taken_with": "An item cannot be taken with itself."})
    if lead.taken_with_id is not None:
        raise ValidationError(
            {"taken_with": f"Item {lead.number} is itself taken with item {lead.taken_with.number}: choose that one."}
        )
    if item.pk and AgendaItem.objects.filter(taken_with=item).exists():
        raise ValidationError(
            {"taken_with": "Other items are taken with this one, so it cannot be taken with another item."}
        )


def _clean_confidential(obj):
    if not obj.confidential:
        obj.confidential_reason = ""


@transaction.atomic(durable=True)
def add_item(meeting: Meeting, *, by: User, title: str, **fields) -> AgendaItem:
    """Add an item of business, before the closing standing items (partner matters, any other business...)."""
    meeting = _lock(meeting)
    _require_agenda_open(meeting)
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"add_item() cannot set {', '.join(sorted(unknown))}")
    items = list(meeting.items.order_by("number"))
    closing = [index for index, item in enumerate(items) if item.standing_role in STANDING_AFTER]
    position = closing[0] if closing else len(items)
    item = AgendaItem(meeting=meeting, title=title, number=position + 1, **fields)
    _clean_confidential(item)
    _check_taken_with(item)
    # Make room first: the closing items step aside, the new item takes its number, then they follow it.
    later = items[position:]
    AgendaItem.objects.filter(pk__in=[other.pk for other in later]).update(number=F("number") + RENUMBER_OFFSET)
    public_cache.changed(AgendaItem)
    validated_save(item, by)
    for number, other in enumerate(later, start=position + 2):
        other.number = number
        stamped_save(other, by, update_fields=["number"])
    if item.paper_expected_from_id:
        reminders.plan_meeting(meeting)
    return item


@transaction.atomic(durable=True)
def update_item(item: AgendaItem, *, by: User, **fields) -> AgendaItem:
    """Change an item's title, kind, presenter, description, grouping or confidentiality."""
    _lock(item.meeting)
    item = AgendaItem.objects.select_related("meeting").get(pk=item.pk)
    _require_agenda_open(item.meeting)
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"update_item() cannot change {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(item, name, value)
    _clean_confidential(item)
    _check_taken_with(item)
    validated_save(item, by)
    reminders.plan_meeting(item.meeting)
    return item


@transaction.atomic(durable=True)
def remove_item(item: AgendaItem, *, by: User):
    """Take an item off an unpublished agenda; later items move up. Its papers stay with the meeting."""
    meeting = _lock(item.meeting)
    _require_agenda_open(meeting)
    if meeting.agenda_is_published:
        raise ValidationError(
            f"The agenda was published on {british_date(meeting.agenda_published_at)}, so item {item.number} cannot be "
            "removed. Edit it to say it was withdrawn instead."
        )
    try:
        with transaction.atomic():
            stamped_delete(item, by)
    except ProtectedError as error:
        raise ValidationError(f"Item {item.number} is referred to by minutes, so it cannot be removed.") from error
    _renumber(meeting, list(meeting.items.order_by("number")), by)
    reminders.plan_meeting(meeting)


@transaction.atomic(durable=True)
def move_item(item: AgendaItem, *, by: User, direction: str) -> AgendaItem:
    """Swap an item with the one above ("up") or below ("down") it."""
    if direction not in ("up", "down"):
        raise ValidationError("Choose whether to move the item up or down.")
    meeting = _lock(item.meeting)
    _require_agenda_open(meeting)
    items = list(meeting.items.order_by("number"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(items):
        place = "first" if direction == "up" else "last"
        raise ValidationError(f"Item {items[index].number} is already {place} on the agenda.")
    items[index], items[target] = items[target], items[index]
    _renumber(meeting, items, by)
    return items[target]


# Papers


def _circulate(paper: Paper, meeting: Meeting, late_reason: str):
    """Send a paper out at once if its meeting's pack has gone; after the deadline it needs a reason."""
    if not meeting.agenda_is_published:
        return
    now = timezone.now()
    deadline = meeting.circulation_deadline()
    if timezone.localdate(now) > deadline:
        if not late_reason.strip():
            raise ValidationError(
                {
                    "late_reason": f"Papers for this meeting were due out by {british_date(deadline)}: "
                    "say why this paper is late."
                }
            )
        paper.late_reason = late_reason.strip()
    paper.circulated_at = now


def _require_content(upload, text):
    if upload is None and not text.strip():
        raise ValidationError({"document": "Upload the paper, or write its text in the box for it."})


def _store_version(paper, *, by, kind, upload: CheckedUpload | None, text: str, note: str) -> PaperVersion:
    latest = paper.versions.aggregate(latest=Max("number"))["latest"] or 0
    version = PaperVersion(
        paper=paper, number=latest + 1, kind=kind, text=text.strip(), note=note.strip(), created_by=by
    )
    # A text version's hash is of its text; a document's, of its bytes.
    version.sha256 = canonical_hash(version.text)
    if upload is None:
        version.full_clean()
        version.save()
        return version
    version.filename = upload.filename
    version.content_type = upload.content_type
    version.size = upload.size
    version.sha256 = upload.sha256
    version.extracted_text = extract_text(upload.file, upload.content_type)
    # upload_to names the stored file from the number and the hash, never from the uploader's name.
    version.document.save(upload.filename, upload.file, save=False)
    try:
        version.full_clean()
        version.save()
    except Exception:
        # The transaction rolls back: do not leave the file behind.
        version.document.storage.delete(version.document.name)
        raise
    return version


@transaction.atomic(durable=True)
def add_paper(
    meeting: Meeting,
    *,
    by: User,
    upload: CheckedUpload | None = None,
    text: str = "",
    late_reason: str = "",
    **cover,
) -> Paper:
    """Add a paper with its cover sheet and first version; once the pack is out it is circulated at once."""
    meeting = _lock(meeting)
    _require_agenda_open(meeting)
    unknown = set(cover) - set(COVER_FIELDS)
    if unknown:
        raise TypeError(f"add_paper() cannot set {', '.join(sorted(unknown))}")
    paper = Paper(meeting=meeting, **cover)
    if paper.item is not None and paper.item.meeting_id != meeting.pk:
        raise ValidationError({"item": "Choose an item on this meeting's agenda."})
    _require_content(upload, text)
    _clean_confidential(paper)
    _circulate(paper, meeting, late_reason)
    validated_save(paper, by)
    _store_version(paper, by=by, kind=VersionKind.ORIGINAL, upload=upload, text=text, note="")
    reminders.plan_meeting(meeting)
    if meeting.agenda_is_published:
        reminders.late_paper(paper)
    return paper


@transaction.atomic(durable=True)
def update_paper(paper: Paper, *, by: User, late_reason: str | None = None, **cover) -> Paper:
    """Correct a paper's cover sheet. Its documents change only through a new version."""
    meeting = _lock(paper.meeting)
    _require_agenda_open(meeting)
    unknown = set(cover) - set(COVER_FIELDS)
    if unknown:
        raise TypeError(f"update_paper() cannot change {', '.join(sorted(unknown))}")
    paper = Paper.objects.get(pk=paper.pk)
    paper.meeting = meeting
    for name, value in cover.items():
        setattr(paper, name, value)
    if paper.item is not None and paper.item.meeting_id != meeting.pk:
        raise ValidationError({"item": "Choose an item on this meeting's agenda."})
    if late_reason is not None:
        if paper.is_late() and not late_reason.strip():
            raise ValidationError({"late_reason": "The paper went out late: keep a reason for it."})
        paper.late_reason = late_reason.strip()
    _clean_confidential(paper)
    validated_save(paper, by)
    return paper


@transaction.atomic(durable=True)
def add_version(
    paper: Paper,
    *,
    by: User,
    kind: str,
    upload: CheckedUpload | None = None,
    text: str = "",
    note: str = "",
    late_reason: str = "",
) -> PaperVersion:
    """Add a revised or supplementary version; earlier ones are kept. Once the pack is out it goes out at once."""
    if kind not in (VersionKind.REVISED, VersionKind.SUPPLEMENTARY):
        raise ValidationError({"kind": "Choose whether this is a revised or a supplementary version."})
    meeting = _lock(paper.meeting)
    _require_agenda_open(meeting)
    paper = Paper.objects.select_for_update().get(pk=paper.pk)
    paper.meeting = meeting
    _require_content(upload, text)
    if meeting.agenda_is_published:
        _circulate(paper, meeting, late_reason)
        validated_save(paper, by)
    return _store_version(paper, by=by, kind=kind, upload=upload, text=text, note=note)


@transaction.atomic(durable=True)
def remove_paper(paper: Paper, *, by: User):
    """Take a paper that has not yet gone out off the meeting, with its versions and files."""
    meeting = _lock(paper.meeting)
    paper = Paper.objects.get(pk=paper.pk)
    if paper.circulated_at is not None:
        raise ValidationError(
            f"“{paper.title}” went out on {british_date(paper.circulated_at)}, so it cannot be removed. "
            "Add a revised version instead."
        )
    files = [(v.document.storage, v.document.name) for v in paper.versions.exclude(document="")]
    paper.meeting = meeting
    stamped_delete(paper, by)
    reminders.plan_meeting(meeting)
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])


# The pack


@transaction.atomic(durable=True)
def publish_pack(meeting: Meeting, *, by: User, late_reason: str = "") -> Meeting:
    """Publish the agenda and send out every paper not yet circulated (Agreement 10.4)."""
    meeting = _lock(meeting)
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        raise ValidationError(f"The meeting is {meeting.get_status_display().lower()}; its pack cannot go out.")
    if meeting.is_entered_afterwards:
        raise ValidationError(
            "This meeting was entered from the paper record after it took place; its papers went out at the time, "
            "so no pack goes out now. Its agenda and papers are shown on its page as part of the record."
        )
    if meeting.agenda_is_published:
        raise ValidationError(f"The agenda pack was already published on {british_date(meeting.agenda_published_at)}.")
    now = timezone.now()
    deadline = meeting.circulation_deadline()
    late = timezone.localdate(now) > deadline
    waiting = list(meeting.papers.filter(circulated_at__isnull=True))
    if late and any(not paper.late_reason for paper in waiting) and not late_reason.strip():
        raise ValidationError(
            {"late_reason": f"Papers were due out by {british_date(deadline)}: say why they are going out late."}
        )
    for paper in waiting:
        paper.circulated_at = now
        if late and not paper.late_reason:
            paper.late_reason = late_reason.strip()
        stamped_save(paper, by, update_fields=["circulated_at", "late_reason"])
    meeting.agenda_published_at = now
    if meeting.status == MeetingStatus.SCHEDULED:
        meeting.status = MeetingStatus.AGENDA_PUBLISHED
    stamped_save(meeting, by, update_fields=["agenda_published_at", "status"])
    reminders.plan_meeting(meeting)
    reminders.pack_published(meeting)
    signals.announce(signals.pack_published, meeting)
    return meeting


def on_time_share(body: Body) -> tuple[int, int]:
    """Return (on time, all) of the body's papers that have gone out: the circulation record (Agreement 10.4)."""
    rows = (
        Paper.objects.filter(meeting__body=body, circulated_at__isnull=False)
        .order_by()
        .values_list("circulated_at", "meeting__starts_at")
    )
    gap = datetime.timedelta(days=body.circulation_days)
    # On time: sent on or before the deadline day, so before the first moment of the day after it. Worked
    # out once per meeting, not twice per paper: a body's record grows with every paper it circulates.
    before = {}
    on_time = 0
    for sent, starts in rows:
        if starts not in before:
            day_after = timezone.localdate(starts) - gap + datetime.timedelta(days=1)
            before[starts] = timezone.make_aware(datetime.datetime.combine(day_after, datetime.time()))
        on_time += sent < before[starts]
    return on_time, len(rows)


def standing_items_for(body) -> list[tuple[str, str]]:
    """(role, title) of the body's standing items in agenda order, or the partnership's five if it set none."""
    order = STANDING_BEFORE + STANDING_AFTER
    standing = sorted(body.standing_items.all(), key=lambda s: order.index(s.role))
    return [(s.role, s.title) for s in standing] or [(role, StandingRole(role).label) for role in order]


@transaction.atomic(durable=True)
def set_standing_items(body, items, *, by: User):
    """Replace the body's standing items; agendas scheduled from now on take them (Agreement 8.11)."""
    StandingItem.objects.filter(body=body).delete()
    for role, title in items:
        item = StandingItem(body=body, role=role, title=title)
        item.full_clean()
        item.save()
