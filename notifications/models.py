"""Reminders and notifications, each a row before it is anything else (see planning.py)."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from partnership import public_cache
from partnership.models import Person


class NotificationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


class Delivery(models.TextChoices):
    EMAIL = "email", "An email at once"
    DIGEST = "digest", "A daily digest email"
    IN_APP = "in_app", "Only in the list on this site"


class NotificationQuerySet(models.QuerySet):
    """Rows written in bulk say so to the caches, as a save does through its signal (partnership.public_cache)."""

    def update(self, **kwargs):
        count = super().update(**kwargs)
        if count:
            public_cache.changed(self.model)
        return count

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            public_cache.changed(self.model)
        return created

    def bulk_update(self, objs, *args, **kwargs):
        count = super().bulk_update(objs, *args, **kwargs)
        if count:
            public_cache.changed(self.model)
        return count

    def due(self, now=None):
        return self.filter(status=NotificationStatus.PENDING, due_at__lte=now or timezone.now())

    def shown_to(self, person):
        """The person's list on the site: what has fallen due, not cancelled."""
        return self.filter(recipient=person, due_at__lte=timezone.now()).exclude(status=NotificationStatus.CANCELLED)


class Notification(models.Model):
    """One reminder or notification to one person. The unique key makes a second one impossible."""

    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200, unique=True)
    recipient = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notifications")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    # The page the message is about, as a path on this site.
    url = models.CharField(max_length=300, blank=True)
    due_at = models.DateTimeField(db_index=True)
    # How the recipient asked to get this kind, when it was planned (kept in step with their preferences).
    delivery = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.EMAIL)
    status = models.CharField(
        max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # When a sweeper claimed it for sending: a claim left too long is taken up again.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        # The table kept its name when notifications became an app of its own.
        db_table = "partnership_notification"
        ordering = ["-due_at", "-pk"]
        indexes = [models.Index(fields=["status", "delivery", "due_at"], name="notification_due")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False), name="notification_sent_has_time"
            ),
        ]

    def __str__(self):
        return f"{self.subject} (to {self.recipient}, {self.get_status_display().lower()})"


class NotificationPreference(models.Model):
    """How a person wants one kind of notification: an email at once, a daily digest, or only on the site."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="notification_preferences")
    kind = models.CharField(max_length=40)
    delivery = models.CharField(max_length=10, choices=Delivery.choices)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "partnership_notificationpreference"
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="notification_preference_once_per_kind"),
        ]

    def __str__(self):
        return f"{self.person}: {self.kind} by {self.get_delivery_display().lower()}"
