"""Reminders and notifications: planned as rows, in the transaction of the change that causes them.

The database is the truth. An app plans what should be sent with `sync()`
(or `plan()` for one message) inside its own action; a row carries a unique
key, so the same reminder can never be created or sent twice, and rows that
no longer apply are cancelled, never deleted. Celery only delivers
(notifications.tasks): a sweeper claims what is due and hands it to workers.

This module sits in the base of the house: apps register their kinds and
their daily planners here when they load (each app's reminders module,
imported from its AppConfig.ready()); it never imports an app.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from notifications.models import Delivery, Notification, NotificationPreference, NotificationStatus
from partnership.models import SECRETARIAT_GROUP, Person


@dataclass(frozen=True)
class Kind:
    name: str
    # What the message is about, as a person choosing their preferences reads it.
    label: str
    # Who gets it.
    audience: str
    # An essential kind is part of someone's duties (sign the minutes, rule on a declaration): it cannot be
    # unsubscribed from by the link in the email, only sent as a digest or shown on the site by choice.
    essential: bool = False
    # What it is about, a key of GROUPS: the heading it sits under among a person's choices.
    group: str = "other"


# The headings of a person's choices, in the order they read them. Topics, not apps: an app
# names the one each of its kinds belongs to when it registers it.
GROUPS = {
    "meetings": "Meetings and papers",
    "minutes": "Minutes",
    "actions": "Actions",
    "declarations": "Declarations and gifts",
    "agreement": "The Agreement",
    "performance": "Performance and risk",
    "other": "Anything else",
}

_kinds: dict[str, Kind] = {}
DailyPlanner = Callable[[datetime.datetime], None]
_daily_planners: list[DailyPlanner] = []


def register_kind(name: str, label: str, audience: str, *, essential: bool = False, group: str = "other") -> Kind:
    if group not in GROUPS:
        raise ValueError(f"{group} is not a group of notification kinds ({', '.join(GROUPS)})")
    kind = Kind(name, label, audience, essential, group)
    if _kinds.get(name, kind) != kind:
        raise ValueError(f"Another notification kind is already called {name}")
    _kinds[name] = kind
    return kind


def kinds() -> list[Kind]:
    return sorted(_kinds.values(), key=lambda kind: kind.label)


def kinds_by_group() -> list[tuple[str, list[Kind]]]:
    """[(heading, kinds)] in the order of GROUPS, each group's kinds by label; a group without kinds left out."""
    every = kinds()
    grouped = [(heading, [kind for kind in every if kind.group == group]) for group, heading in GROUPS.items()]
    return [(heading, members) for heading, members in grouped if members]


def kind(name: str) -> Kind:
    return _kinds[name]


def register_daily_planner(planner: DailyPlanner) -> DailyPlanner:
    """Register `planner(now)`: run by the beat schedule to plan what only the calendar brings (overdue weekly)."""
    if planner not in _daily_planners:
        _daily_planners.append(planner)
    return planner


def run_daily_planners(now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    for planner in _daily_planners:
        with transaction.atomic():
            planner(now)
    return len(_daily_planners)


# Recipients


def address_of(person: Person) -> str:
    """Where an email to `person` goes: their own address, or their login's."""
    if person.email:
        return person.email
    user = person.user if person.user_id else None
    return user.email if user is not None else ""


def secretariat() -> list[Person]:
    """The people of the secretariat (with a login in its group), who hear of what the partnership must do."""
    return list(
        Person.objects.filter(user__groups__name=SECRETARIAT_GROUP, user__is_active=True)
        .select_related("user")
        .order_by("name", "pk")
    )


def delivery_for(person: Person, kind_name: str, preferences: dict | None = None) -> str:
    """How `person` asked to get `kind_name`; an email at once unless they said otherwise."""
    if preferences is not None:
        chosen = preferences.get((person.pk, kind_name))
    else:
        chosen = (
            NotificationPreference.objects.filter(person=person, kind=kind_name)
            .values_list("delivery", flat=True)
            .first()
        )
    if chosen:
        return chosen
    return Delivery.EMAIL if address_of(person) else Delivery.IN_APP


# Planning


@dataclass(frozen=True)
class Planned:
    """A message that should exist: kind, key, recipient, what it says, where it points, when it is due."""

    kind: str
    key: str
    recipient: Person
    subject: str
    body: str
    url: str
    due_at: datetime.datetime


def _reachable(person: Person) -> bool:
    return bool(address_of(person)) or person.user_id is not None


# Not durable: a building block, called inside the apps' actions so that what they plan
# commits or rolls back with the change that causes it.
@transaction.atomic
def sync(scope: str, wanted: Iterable[Planned], *, reason: str) -> list[Notification]:
    """Make the pending rows whose key starts with `scope` exactly `wanted`.

    Wanted rows are created, or updated while pending (a new time, a new
    wording), or revived if they were cancelled; pending rows under the
    scope that are no longer wanted are cancelled with `reason`. A row
    already sent, being sent or failed is left as it is: nothing is sent twice.
    """
    wanted = [p for p in wanted if _reachable(p.recipient)]
    for planned in wanted:
        if not planned.key.startswith(scope):
            raise ValueError(f"{planned.key} is outside the scope {scope}")
        if planned.kind not in _kinds:
            raise ValueError(f"Unknown notification kind {planned.kind}")
    keys = {planned.key for planned in wanted}
    now = timezone.now()
    Notification.objects.filter(key__startswith=scope, status=NotificationStatus.PENDING).exclude(key__in=keys).update(
        status=NotificationStatus.CANCELLED, cancelled_at=now, cancel_reason=reason[:300]
    )
    if not wanted:
        return []
    existing = {n.key: n for n in Notification.objects.select_for_update().filter(key__in=keys)}
    preferences = {
        (p.person_id, p.kind): p.delivery
        for p in NotificationPreference.objects.filter(person__in={w.recipient.pk for w in wanted})
    }
    rows = []
    for planned in wanted:
        fields = {
            "kind": planned.kind,
            "recipient": planned.recipient,
            "subject": planned.subject[:300],
            "body": planned.body,
            "url": planned.url,
            "due_at": planned.due_at,
            "delivery": delivery_for(planned.recipient, planned.kind, preferences),
        }
        row = existing.get(planned.key)
        if row is None:
            row = Notification.objects.create(key=planned.key, **fields)
        elif row.status in (NotificationStatus.PENDING, NotificationStatus.CANCELLED):
            fields["recipient_id"] = fields.pop("recipient").pk
            changed = [name for name, value in fields.items() if getattr(row, name) != value]
            if row.status == NotificationStatus.CANCELLED:
                fields.update(status=NotificationStatus.PENDING, cancelled_at=None, cancel_reason="")
                changed += ["status", "cancelled_at", "cancel_reason"]
            for name in changed:
                setattr(row, name, fields[name])
            if changed:
                row.save(update_fields=[name.removesuffix("_id") for name in changed])
        rows.append(row)
    return rows


def plan(planned: Planned) -> Notification | None:
    """Plan one message (its key is its own scope)."""
    rows = sync(planned.key, [planned], reason="replanned")
    return rows[0] if rows else None


def cancel(scope: str, *, reason: str) -> int:
    """Cancel every pending row whose key starts with `scope` (the paper arrived, the action is done)."""
    return Notification.objects.filter(key__startswith=scope, status=NotificationStatus.PENDING).update(
        status=NotificationStatus.CANCELLED, cancelled_at=timezone.now(), cancel_reason=reason[:300]
    )


def at_nine(day: datetime.date) -> datetime.datetime:
    """Reminders about a day go out at 9am, local time, on that day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def url_of(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path if path else ""


# Preferences and unsubscribing

_UNSUBSCRIBE_SALT = "notifications.planning.unsubscribe"


def unsubscribe_token(person: Person, kind_name: str) -> str:
    return signing.dumps({"p": person.pk, "k": kind_name}, salt=_UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[Person, Kind] | None:
    """The person and the non-essential kind a link was made for, or None for a bad or essential one."""
    try:
        data = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    kind_obj = _kinds.get(data.get("k"))
    person = Person.objects.filter(pk=data.get("p")).first()
    if person is None or kind_obj is None or kind_obj.essential:
        return None
    return person, kind_obj


def preferences_of(person: Person) -> dict[str, str]:
    """{kind: delivery} for every registered kind, defaults filled in."""
    chosen = dict(NotificationPreference.objects.filter(person=person).values_list("kind", "delivery"))
    default = Delivery.EMAIL if address_of(person) else Delivery.IN_APP
    return {k.name: chosen.get(k.name, default) for k in kinds()}
