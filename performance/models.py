"""Performance indicators, their targets and the values reported for each period (issue 17)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from bodies.models import Body
from partnership.models import Organisation, User
from performance import periods, status


class Polarity(models.TextChoices):
    HIGHER = status.HIGHER, "Higher is better"
    LOWER = status.LOWER, "Lower is better"


class PeriodFrequency(models.TextChoices):
    MONTHLY = periods.MONTHLY, "Monthly"
    QUARTERLY = periods.QUARTERLY, "Quarterly"
    ANNUAL = periods.ANNUAL, "Annual"


class Status(models.TextChoices):
    ON_TRACK = status.ON_TRACK, status.LABELS[status.ON_TRACK]
    AT_RISK = status.AT_RISK, status.LABELS[status.AT_RISK]
    OFF_TRACK = status.OFF_TRACK, status.LABELS[status.OFF_TRACK]


def _period_start_validator(frequency):
    def check(start):
        if not periods.is_period_start(start, frequency):
            raise ValidationError(f"{start:%d %B %Y} does not start a {frequency} period.")

    return check


NUMBER = {"max_digits": 14, "decimal_places": 4}


class Indicator(models.Model):
    """A measure the partnership manages its performance by (Agreement 14), owned by a body, reported by a partner."""

    name = models.CharField(max_length=200)
    # Permanent: /performance/indicators/<slug>/ is cited in reports.
    slug = models.SlugField(max_length=80, unique=True)
    definition = models.TextField(help_text="What is counted, and how.")
    unit = models.CharField(max_length=60, help_text="For example %, number, or per 1,000 people.")
    polarity = models.CharField(max_length=10, choices=Polarity.choices)
    frequency = models.CharField("reported", max_length=10, choices=PeriodFrequency.choices)
    owner = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name="owning body",
        help_text="The theme partnership or area partnership board that manages it.",
    )
    reporter = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name="reported by",
        help_text="The organisation whose people enter its values.",
    )
    national_reference = models.CharField(
        max_length=40, blank=True, help_text="For example NI 116, the National Indicator it follows, if any."
    )
    # Within the tolerance short of target is at risk; beyond it, off track (performance.status).
    tolerance = models.DecimalField(
        **NUMBER,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        help_text="How far short of the target, in the indicator's unit, still counts as at risk rather than off track.",
    )
    baseline = models.DecimalField(**NUMBER, null=True, blank=True, help_text="The value the targets start from.")
    baseline_label = models.CharField(
        "baseline period", max_length=40, blank=True, help_text="When the baseline was measured, for example 2007/08."
    )
    due_days = models.PositiveSmallIntegerField(
        "days to report",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text="How many days after a period ends its value is due.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("performance_indicator", args=[self.slug])

    def label(self, start: datetime.date) -> str:
        return periods.label(start, self.frequency)

    def due_on(self, start: datetime.date) -> datetime.date:
        """The day the value for the period starting `start` is due."""
        return periods.period_end(start, self.frequency) + datetime.timedelta(days=self.due_days)

    def status_for(self, value, target) -> str | None:
        return status.status_of(value, target, self.polarity, self.tolerance)


class Target(models.Model):
    """The target for one period of an indicator."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period_start = models.DateField()
    value = models.DecimalField("target", **NUMBER)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"],
                name="performance_one_target_per_period",
                violation_error_message="This period already has a target.",
            )
        ]

    def __str__(self):
        return f"{self.indicator}: target for {self.indicator.label(self.period_start)}"

    def clean(self):
        super().clean()
        if self.indicator_id and self.period_start:
            _period_start_validator(self.indicator.frequency)(self.period_start)


class ValueQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)


class Value(models.Model):
    """The value reported for one period of an indicator, with a note; each revision kept in its history.

    A value entered by the reporting organisation is a draft until the secretariat
    publishes it; the secretariat's own entry may be published at once. Only
    published values show to the public, count towards a status on a public page
    or go into a report. Revising a published value makes it a draft again.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField()
    value = models.DecimalField(**NUMBER)
    note = models.TextField(blank=True, help_text="Anything a reader needs to understand the figure.")
    entered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    objects = ValueQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"],
                name="performance_one_value_per_period",
                violation_error_message="This period already has a value: revise it instead.",
            )
        ]

    def __str__(self):
        return f"{self.indicator}: {self.indicator.label(self.period_start)}"

    @property
    def is_published(self):
        return self.published_at is not None

    def clean(self):
        super().clean()
        if self.indicator_id and self.period_start:
            _period_start_validator(self.indicator.frequency)(self.period_start)
