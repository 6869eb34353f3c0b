"""The risk register (Agreement 14; issue 17): each body's risks, scored before and after controls.

A risk's score is its likelihood times its impact, each from 1 to 5, so 1 to 25. The
residual score is the same after the controls. An open risk whose residual score reaches
`settings.RISK_ESCALATION_SCORE` (15 unless set) is escalated to the partnership's board:
it shows on the board's register as well as its own body's, and the secretariat is told
when it crosses the threshold (risks.actions, risks.reminders).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from bodies.models import Body
from bodies.queries import BOARD_KINDS, partnership_board
from partnership.models import Person

SCALE = [MinValueValidator(1), MaxValueValidator(5)]
SCALE_CHOICES = [(n, str(n)) for n in range(1, 6)]
LIKELIHOOD_WORDS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT_WORDS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe"}


def escalation_score() -> int:
    """The residual score from which an open risk is escalated to the board (settings.RISK_ESCALATION_SCORE)."""
    return int(getattr(settings, "RISK_ESCALATION_SCORE", 15))


def escalation_board() -> Body | None:
    """The body risks are escalated to: the LSP's board (bodies.queries.partnership_board)."""
    return partnership_board()


def band(score: int) -> str:
    """The word for a score (1 to 25): low, medium, high or very high, as the heat map shows it."""
    if score >= escalation_score():
        return "Very high"
    if score >= 10:
        return "High"
    if score >= 5:
        return "Medium"
    return "Low"


class Category(models.TextChoices):
    # Agreement 14: operational, legal, financial and reputational risks.
    OPERATIONAL = "operational", "Operational"
    LEGAL = "legal", "Legal"
    FINANCIAL = "financial", "Financial"
    REPUTATIONAL = "reputational", "Reputational"


class RiskStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class RiskQuerySet(models.QuerySet):
    def with_scores(self):
        return self.annotate(
            score_value=F("likelihood") * F("impact"),
            residual_value=F("residual_likelihood") * F("residual_impact"),
        )

    def open(self):
        return self.filter(status=RiskStatus.OPEN)

    def escalated(self):
        """Open risks whose residual score reaches the threshold."""
        return self.open().with_scores().filter(residual_value__gte=escalation_score())

    def for_register_of(self, body: Body):
        """The risks a body's register lists: its own, and for the board every escalated risk too."""
        own = Q(owner_body=body)
        if body.kind in BOARD_KINDS and escalation_board() == body:
            escalated = Risk.objects.escalated().values("pk")
            return self.filter(own | Q(pk__in=escalated))
        return self.filter(own)


class Risk(models.Model):
    """A risk to the partnership's work, owned by a body and a person, reviewed on a date."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="What could happen, and what it would cause.")
    category = models.CharField(max_length=20, choices=Category.choices)
    owner_body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="risks", verbose_name="owner body")
    owner = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="risks_owned",
        verbose_name="risk owner",
        help_text="The person who watches the risk and reviews it.",
    )
    likelihood = models.PositiveSmallIntegerField(
        validators=SCALE, choices=SCALE_CHOICES, help_text="Before any controls: 1 (rare) to 5 (almost certain)."
    )
    impact = models.PositiveSmallIntegerField(
        validators=SCALE, choices=SCALE_CHOICES, help_text="Before any controls: 1 (negligible) to 5 (severe)."
    )
    controls = models.TextField(blank=True, help_text="What is in place, or planned, to reduce the risk.")
    residual_likelihood = models.PositiveSmallIntegerField(
        "residual likelihood", validators=SCALE, choices=SCALE_CHOICES, help_text="With the controls in place."
    )
    residual_impact = models.PositiveSmallIntegerField(
        "residual impact", validators=SCALE, choices=SCALE_CHOICES, help_text="With the controls in place."
    )
    review_on = models.DateField("next review", help_text="The owner is reminded on this day.")
    status = models.CharField(max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)

    objects = RiskQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["review_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="risk_scores_in_range",
            ),
            models.CheckConstraint(
                condition=Q(
                    residual_likelihood__gte=1,
                    residual_likelihood__lte=5,
                    residual_impact__gte=1,
                    residual_impact__lte=5,
                ),
                name="risk_residual_scores_in_range",
            ),
        ]
        indexes = [models.Index(fields=["owner_body", "status"]), models.Index(fields=["status", "review_on"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("risk_detail", args=[self.pk])

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def residual_score(self) -> int:
        return self.residual_likelihood * self.residual_impact

    @property
    def is_escalated(self) -> bool:
        return self.status == RiskStatus.OPEN and self.residual_score >= escalation_score()

    @property
    def band(self) -> str:
        return band(self.score)

    @property
    def residual_band(self) -> str:
        return band(self.residual_score)

    def clean(self):
        super().clean()
        if None in (self.likelihood, self.impact, self.residual_likelihood, self.residual_impact):
            return
        if self.residual_score > self.score:
            raise ValidationError(
                {
                    "residual_impact": "The residual score (likelihood times impact with the controls) cannot be "
                    f"higher than the score before them ({self.score})."
                }
            )
