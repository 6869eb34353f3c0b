"""The base records every app uses: users, people and organisations.

This module sits at the bottom of the house: it never imports another app.
"""

import datetime
import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from partnership.append_only import AppendOnlyModel, AppendOnlyQuerySet
from partnership.dated import DatedQuerySet
from partnership.dates import british_date

SECRETARIAT_GROUP = "Secretariat"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("A user needs an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A login. The person it belongs to is `user.person`."""

    email = models.EmailField("email address", unique=True)
    is_staff = models.BooleanField(
        "Django admin access", default=False, help_text="Lets the user into the Django admin."
    )
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Raised by "sign out everywhere": a session made under an older number is signed out on its next request
    # (partnership.sessions).
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @property
    def is_secretariat(self):
        """Secretariat officers manage everything (cached per request)."""
        if not self.is_active:
            return False
        if not hasattr(self, "_is_secretariat"):
            self._is_secretariat = self.is_superuser or self.groups.filter(name=SECRETARIAT_GROUP).exists()
        return self._is_secretariat


class Sector(models.TextChoices):
    PUBLIC = "public", "Public"
    PRIVATE = "private", "Private"
    VOLUNTARY = "voluntary", "Voluntary"
    COMMUNITY_FAITH = "community_faith", "Community and faith"
    EDUCATION = "education", "Education"
    LOCAL_COUNCIL = "local_council", "Parish and town councils"
    OTHER = "other", "Other"


class OrganisationQuerySet(DatedQuerySet):
    """`.on(date)`: the organisations that were partners that day (an empty joining date: since before records)."""

    start_field = "joined_on"
    end_field = "left_on"
    open_start = True


class Organisation(models.Model):
    """A partner organisation of the partnership."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, blank=True)
    slug = models.SlugField(max_length=80, unique=True)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    # Partner authorities have a statutory duty to co-operate (Agreement, signatories page).
    is_partner_authority = models.BooleanField(
        "statutory partner authority",
        default=False,
        help_text="A statutory partner authority with a duty to co-operate.",
    )
    website = models.URLField(blank=True)
    joined_on = models.DateField("partner from", null=True, blank=True)
    # Set by a recorded withdrawal (Agreement 18.3), never by hand.
    left_on = models.DateField("partner until", null=True, blank=True, editable=False)

    objects = OrganisationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(joined_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="organisation_left_after_joined",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation_detail", args=[self.slug])

    @property
    def display_name(self):
        return self.short_name or self.name

    def is_partner_on(self, date):
        return (self.joined_on is None or self.joined_on <= date) and (self.left_on is None or self.left_on >= date)


class Withdrawal(models.Model):
    """An organisation's withdrawal from the partnership, with its written notice.

    A member organisation withdrawing gives written notice of how the funding it
    has committed will be maintained (Agreement 18.3).
    """

    organisation = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="withdrawal")
    notice_received_on = models.DateField("notice received on")
    effective_on = models.DateField("last day as a partner", help_text="Its memberships end on this day.")
    notice = models.TextField("written notice", help_text="The notice as the organisation gave it.")
    funding_arrangements = models.TextField(
        "how committed funding will be maintained",
        help_text="Required by the Agreement (18.3).",
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_on__gte=models.F("notice_received_on")),
                name="withdrawal_effective_after_notice",
            ),
            models.CheckConstraint(condition=~Q(funding_arrangements=""), name="withdrawal_funding_required"),
        ]

    def __str__(self):
        return f"Withdrawal of {self.organisation} from {british_date(self.effective_on)}"


class PersonQuerySet(models.QuerySet):
    def with_login(self):
        return self.filter(user__isnull=False)


class Person(models.Model):
    """Someone who appears in the partnership's records, with or without a login."""

    name = models.CharField(max_length=200)
    honorific = models.CharField("title", max_length=40, blank=True, help_text="For example Cllr, Dr, Rev.")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        help_text="The organisation the person usually works for.",
    )
    user = models.OneToOneField(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="person")
    invited_at = models.DateTimeField(null=True, blank=True, editable=False)
    notes = models.TextField(blank=True)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="person_email_unique_ci",
                violation_error_message="Another person already has this email address.",
            ),
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("manage:person_detail", args=[self.pk])

    @property
    def full_name(self):
        return f"{self.honorific} {self.name}".strip()

    def clean(self):
        super().clean()
        self.email = self.email.strip().lower()

    @property
    def has_login(self):
        return self.user_id is not None


def person_of(user) -> "Person | None":
    """The Person of a login, or None for the anonymous public and for a login without one."""
    if user is None or not user.is_authenticated:
        return None
    return getattr(user, "person", None)


class CalendarTokenQuerySet(models.QuerySet):
    def for_token(self, token: str):
        """The address whose secret is `token` (none for an unknown or reset one)."""
        return self.filter(digest=CalendarToken.digest_of(token))


class CalendarToken(models.Model):
    """The secret address of a person's own calendar of meetings: /meetings/my/<token>.ics.

    Calendar apps cannot sign in, so the address is the credential. Only its
    SHA-256 is kept: a copy of the database gives no working address, and the
    address is shown once, when it is made. Resetting it puts a new digest on
    the same row, so the old address stops working at once.
    """

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="calendar_token")
    # The token has 256 random bits: a plain hash is enough, no salt or slow hash can make it easier to guess.
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CalendarTokenQuerySet.as_manager()

    def __str__(self):
        return f"Calendar address of {self.person}, made {british_date(self.created_at)}"

    @staticmethod
    def digest_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class Gender(models.TextChoices):
    """What a member may state of their gender (Agreement 16.3). "Prefer not to say" keeps nothing."""

    WOMAN = "woman", "Woman"
    MAN = "man", "Man"
    ANOTHER_WAY = "another_way", "In another way"


class StatedGender(models.Model):
    """A member's own statement of their gender, for the bodies' balance figures (Agreement 16.3).

    Optional and never required: a person who prefers not to say has no row. Only the
    member reads or changes it, on their account page; everyone else sees it only inside
    a body's aggregate figures (bodies.balance), never per person. No history is kept on
    purpose: a changed or withdrawn answer leaves no earlier version for anyone to read.
    """

    person = models.OneToOneField(Person, on_delete=models.CASCADE, primary_key=True, related_name="stated_gender")
    gender = models.CharField(max_length=20, choices=Gender.choices)
    stated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "stated gender"

    def __str__(self):
        # Never the answer itself: a string of the record may reach a log or an error page.
        return f"Gender stated by person {self.person_id}"


class SignedWith(models.TextChoices):
    """What confirmed a person at the keyboard when they signed (partnership.mfa): recorded on the signature."""

    PASSWORD = "password", "password alone"
    TOTP = "totp", "password and authenticator app code"
    WEBAUTHN = "webauthn", "password and passkey"
    RECOVERY_CODE = "recovery_code", "password and recovery code"


class FactorReset(AppendOnlyModel):
    """The secretariat removed a person's second factors (a lost phone): who, whose, when and what was removed.

    Kept as written (append-only, with a trigger on PostgreSQL): the audit trail of a reset. No secret is kept.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="factor_resets")
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="factor_resets_made")
    at = models.DateTimeField(default=timezone.now, editable=False)
    removed = models.CharField("what was removed", max_length=200)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"Second factors of {self.person} reset on {british_date(self.at)}"


class SignOutReason(models.TextChoices):
    SIGNED_OUT = "signed-out", "Signed out"
    FROM_ANOTHER_DEVICE = "elsewhere", "Signed out from another device"
    EVERYWHERE = "everywhere", "Signed out everywhere"
    IDLE = "idle", "Signed out after a time idle"
    PASSWORD = "password", "The password was changed"
    SECRETARIAT = "secretariat", "Signed out by the secretariat"


class SignInSessionQuerySet(models.QuerySet):
    def active(self, now=None):
        """Sessions not ended and used within the session's lifetime (SESSION_COOKIE_AGE)."""
        now = now or timezone.now()
        since = now - datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
        return self.filter(ended_at__isnull=True, last_seen_at__gt=since)

    def ended_before(self, moment):
        """Records of sessions that ended, or were last used, before `moment`."""
        return self.filter(models.Q(ended_at__lt=moment) | models.Q(ended_at__isnull=True, last_seen_at__lt=moment))


class SignInSession(models.Model):
    """A signed-in session of a login: where and when it began, when it was last used, when it ended.

    Written by the session machinery (partnership.sessions), not by a form. The
    session key is a bearer secret: only its SHA-256 identifies the row, and the
    key itself is kept sealed (encrypted with a key derived from SECRET_KEY) so
    that this one session can be ended from another device; the seal is wiped
    when the session ends. The address is cut to its network (IPv4 /24, IPv6
    /48) and the browser kept as a short description, never the whole header.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sign_in_sessions")
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    key_sealed = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Moved on at most once a minute (partnership.sessions.TOUCH_SECONDS).
    last_seen_at = models.DateTimeField(default=timezone.now, editable=False)
    ip_network = models.CharField("network", max_length=64, blank=True, editable=False)
    device = models.CharField(max_length=80, blank=True, editable=False)
    ended_at = models.DateTimeField(null=True, blank=True, editable=False)
    end_reason = models.CharField(max_length=16, choices=SignOutReason.choices, blank=True, editable=False)
    # Who ended it, when it was not the login itself (the secretariat).
    ended_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    objects = SignInSessionQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["user", "ended_at"], name="signin_user_ended")]

    def __str__(self):
        return f"Session of {self.user} from {british_date(self.created_at)}"

    @staticmethod
    def digest_of(session_key: str) -> str:
        return hashlib.sha256(session_key.encode()).hexdigest()
