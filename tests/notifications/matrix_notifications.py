"""Permission matrix rows for notifications (merged by tests/matrix.py).

Everyone signed in has a person in the records, so a list and choices of their own.
The unsubscribe link needs no login: its signed token is the authority.
"""

from notifications.models import Notification, NotificationStatus
from notifications.planning import unsubscribe_token
from tests.matrix_helpers import MANAGE_BUTTON, MANAGE_PAGE, REDIRECT, everyone, signed_in

ENTRIES = {
    "notification_list": {"GET": signed_in(200), "POST": signed_in(405)},
    "notification_mark_read": {"GET": signed_in(405), "POST": signed_in(REDIRECT)},
    # An empty POST is refused with the form's errors.
    "notification_settings": {"GET": signed_in(200), "POST": signed_in(400)},
    "notification_unsubscribe": {"GET": everyone(200), "POST": everyone(200)},
    "outbox": MANAGE_PAGE,
    "outbox_retry": MANAGE_BUTTON,
}


def sample_args(cast):
    """Create what this area's URLs need; return {URL name: {route parameter: value}}."""
    from django.utils import timezone

    failed = Notification.objects.create(
        kind="pack_published",
        key="matrix:failed",
        recipient=cast.member.person,
        subject="A failed notification",
        body="Body",
        due_at=timezone.now(),
        status=NotificationStatus.FAILED,
        attempts=5,
        last_error="SMTPServerDisconnected: gone",
    )
    return {
        "notification_unsubscribe": {"<str:token>": unsubscribe_token(cast.member.person, "pack_published")},
        "outbox_retry": {"<int:pk>": failed.pk},
    }
