"""The public's emails about a body: addresses, the bodies they follow, what happened, and each email sent.

An address is kept only while it follows a body, or while a link to confirm it
can still be used (LINK_LIFETIME): it is personal information we have no other
reason to hold. Nothing but that link is ever sent to an address until it is
confirmed.
"""

import datetime
import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone

from bodies.models import Body
from meetings.models import Meeting

# A link to confirm an address works this long; the request is deleted once no link could confirm it.
LINK_LIFETIME = datetime.timedelta(days=7)
# While a link sent to an address is unused, asking again within this sends nothing new (no mail-bombing).
ASK_AGAIN_AFTER = datetime.timedelta(hours=1)


def new_secret() -> str:
    """A random secret to sign into a link: the link works while the row still holds it."""
    return secrets.token_urlsafe(24)


class Subscriber(models.Model):
    """An email address that asked for emails about one or more bodies."""

    # Kept lower case, so that one address is one row however it was typed.
    email = models.EmailField(max_length=254, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The secret signed into the live link to confirm the address; blank once used, or while none was asked for.
    confirm_nonce = models.CharField(max_length=64, blank=True)
    # When the live link was asked for: it works for LINK_LIFETIME; no other is made within ASK_AGAIN_AFTER.
    confirm_requested_at = models.DateTimeField(null=True, blank=True)
    # When the email with the link is due to go out (again, after a failure); empty once sent or given up.
    confirm_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    confirm_attempts = models.PositiveSmallIntegerField(default=0)
    confirm_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.email

    def link_is_live(self, nonce: str, now: datetime.datetime | None = None) -> bool:
        """Whether a link made with `nonce` still confirms: the latest one, unused, and less than LINK_LIFETIME old."""
        now = now or timezone.now()
        return (
            bool(self.confirm_nonce)
            and secrets.compare_digest(self.confirm_nonce, nonce)
            and self.confirm_requested_at is not None
            and now - self.confirm_requested_at < LINK_LIFETIME
        )


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def waiting(self):
        """Asked for and not yet confirmed: nothing is sent to them but the link."""
        return self.filter(confirmed_at__isnull=True)


class Subscription(models.Model):
    """One address following one body."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The secret signed into its links to unsubscribe.
    key = models.CharField(max_length=64, default=new_secret)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "body"], name="following_subscription_once_per_body"),
        ]
        indexes = [models.Index(fields=["body", "confirmed_at"], name="following_followers")]

    def __str__(self):
        return f"{self.subscriber} follows {self.body}"


class AnnouncementKind(models.TextChoices):
    SCHEDULED = "scheduled", "A meeting is arranged"
    MOVED = "moved", "A meeting is moved"
    POSTPONED = "postponed", "A meeting is postponed"
    CANCELLED = "cancelled", "A meeting is cancelled"
    PACK_PUBLISHED = "pack_published", "An agenda pack is published"
    MINUTES_PUBLISHED = "minutes_published", "Minutes are published"


class Announcement(models.Model):
    """Something that happened to a meeting, worded once for everyone who follows its body: public matter only."""

    # One announcement per event, however often it is recorded.
    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=AnnouncementKind.choices)
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=300)
    text = models.TextField()
    # The public page it is about, as an address on this site.
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    # When a delivery was made for each address that followed the body then; empty until the sweeper does it.
    fanned_out_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["fanned_out_at"], name="following_announcement_todo", condition=Q(fanned_out_at=None))
        ]

    def __str__(self):
        return self.subject


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class Delivery(models.Model):
    """One announcement to one address. The unique pair makes a second email impossible."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    due_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # When a sweeper claimed it for sending: a claim left too long is taken up again.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["announcement", "subscription"], name="following_delivery_once"),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False), name="following_sent_has_time"
            ),
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="following_delivery_due")]

    def __str__(self):
        return f"{self.announcement} to {self.subscription.subscriber} ({self.get_status_display().lower()})"
