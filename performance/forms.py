"""The forms of performance management: an indicator, a target, a value."""

import datetime

from dateutil.relativedelta import relativedelta
from django import forms
from django.db.models import Q

from bodies.models import Body
from partnership.dates import today
from partnership.models import Organisation
from partnership.rendering import GovukFormMixin
from performance import periods
from performance.actions.indicators import INDICATOR_FIELDS
from performance.models import NUMBER, Indicator

# GOV.UK asks for a text input, not type=number, for figures: it lets people type what they read.
DECIMAL = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false", "class": "govuk-input--width-10"})


class IndicatorForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = INDICATOR_FIELDS
        widgets = {"definition": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Today's bodies, and the body that owns it now, even if that one has since ended.
        owners = Q(pk__in=Body.objects.current().values("pk")) | Q(pk=self.instance.owner_id)
        self.fields["owner"].queryset = Body.objects.filter(owners).order_by("name")
        self.fields["reporter"].queryset = Organisation.objects.order_by("name")


def _earliest(indicator: Indicator, now: datetime.date, years: int = 5) -> datetime.date:
    """`years` back, or the indicator's first target if that is earlier."""
    first_target = indicator.targets.order_by("period_start").values_list("period_start", flat=True).first()
    back = now - relativedelta(years=years)
    return min(first_target, back) if first_target else back


def _period_choices(indicator: Indicator, first: datetime.date, last: datetime.date):
    return [
        (start.isoformat(), indicator.label(start))
        for start in reversed(periods.periods_between(first, last, indicator.frequency))
    ]


class PeriodField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(coerce=datetime.date.fromisoformat, **kwargs)


class TargetForm(GovukFormMixin, forms.Form):
    period_start = PeriodField(label="Period")
    value = forms.DecimalField(label="Target", widget=DECIMAL, **NUMBER)

    def __init__(self, data=None, *, indicator: Indicator, **kwargs):
        super().__init__(data, **kwargs)
        now = today()
        self.fields["period_start"].choices = _period_choices(
            # Targets may be set for past years, to report against them (twenty years back at most).
            indicator,
            _earliest(indicator, now, years=20),
            now + relativedelta(years=5),
        )
        self.fields["value"].help_text = f"In the indicator's unit ({indicator.unit})."


class ValueForm(GovukFormMixin, forms.Form):
    period_start = PeriodField(label="Period")
    value = forms.DecimalField(label="Value", widget=DECIMAL, **NUMBER)
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Anything a reader needs to understand the figure: a change of method, a late return.",
    )

    def __init__(self, data=None, *, indicator: Indicator, may_publish: bool, **kwargs):
        super().__init__(data, **kwargs)
        now = today()
        self.fields["period_start"].choices = _period_choices(indicator, _earliest(indicator, now), now)
        self.fields["value"].help_text = f"In the indicator's unit ({indicator.unit})."
        if may_publish:
            self.fields["publish"] = forms.BooleanField(
                label="Publish it now", required=False, help_text="Otherwise it stays a draft until published."
            )
