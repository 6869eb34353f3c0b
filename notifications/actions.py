"""What people do with their notifications from the site: choose how they are told, mark them read, send one again.

Each is one durable transaction. Planning the rows (notifications.planning) is
not here: `sync`, `plan` and `cancel` are building blocks of the apps' own actions.
"""

from django.db import transaction
from django.utils import timezone

from notifications import planning
from notifications.models import Delivery, Notification, NotificationPreference, NotificationStatus
from partnership.models import Person, User


@transaction.atomic(durable=True)
def set_preference(person: Person, kind_name: str, delivery: str) -> NotificationPreference:
    """Record how `person` wants `kind_name`; pending messages of that kind follow the new choice.

    The person is the actor: signed in, or holding the signed link of an email.
    """
    if kind_name not in {kind.name for kind in planning.kinds()}:
        raise ValueError(f"Unknown notification kind {kind_name}")
    if delivery not in Delivery.values:
        raise ValueError(f"Unknown delivery {delivery}")
    preference, _ = NotificationPreference.objects.update_or_create(
        person=person, kind=kind_name, defaults={"delivery": delivery, "changed_at": timezone.now()}
    )
    Notification.objects.filter(recipient=person, kind=kind_name, status=NotificationStatus.PENDING).update(
        delivery=delivery
    )
    return preference


@transaction.atomic(durable=True)
def mark_all_read(person: Person) -> int:
    """Mark every notification in the person's list as read; return how many were new. The person is the actor."""
    return Notification.objects.shown_to(person).filter(read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic(durable=True)
def send_again(notification: Notification, *, by: User) -> bool:
    """Put a failed notification back in the queue from now, its attempts counted afresh; False if it had not failed.

    `by` is the secretariat officer who asked; a notification keeps no history of its own.
    """
    return bool(
        Notification.objects.filter(pk=notification.pk, status=NotificationStatus.FAILED).update(
            status=NotificationStatus.PENDING, attempts=0, due_at=timezone.now(), claimed_at=None
        )
    )
