"""Forms of the risk register: its filters, and a risk added or reviewed."""

from django import forms

from bodies.models import Body, Membership
from partnership.models import Person
from partnership.rendering import GovukFormMixin
from risks.models import Category, Risk, RiskStatus

STATUS_FILTERS = [("", "Open risks"), ("closed", "Closed risks"), ("all", "Open and closed risks")]


class RiskFilterForm(GovukFormMixin, forms.Form):
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="All bodies",
        help_text="The board's register also lists the risks escalated to it.",
        error_messages={"invalid_choice": "Choose a body from the list."},
    )
    category = forms.ChoiceField(choices=[("", "All categories"), *Category.choices], required=False)
    status = forms.ChoiceField(choices=STATUS_FILTERS, required=False)
    escalated = forms.BooleanField(label="Escalated to the board only", required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["category"].error_messages["invalid_choice"] = "Choose a category from the list."
        self.fields["status"].error_messages["invalid_choice"] = "Choose open or closed risks from the list."


class RiskForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Risk
        fields = [
            "title",
            "description",
            "category",
            "owner_body",
            "owner",
            "likelihood",
            "impact",
            "controls",
            "residual_likelihood",
            "residual_impact",
            "review_on",
            "status",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "controls": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.pk
        if current:
            bodies = bodies | Body.objects.filter(pk=self.instance.owner_body_id)
        self.fields["owner_body"].queryset = bodies.distinct().order_by("name")
        self.fields["owner_body"].empty_label = "Choose a body"
        # Risk owners are people with a place on a body today (and the owner already named).
        people = Person.objects.filter(pk__in=Membership.objects.current().values("person"))
        if current:
            people = people | Person.objects.filter(pk=self.instance.owner_id)
        self.fields["owner"].queryset = people.distinct().order_by("name")
        self.fields["owner"].empty_label = "Choose a person"
        self.fields["category"].widget = forms.RadioSelect(choices=Category.choices)
        if not current:
            del self.fields["status"]
        else:
            self.fields["status"].widget = forms.RadioSelect(choices=RiskStatus.choices)
        for name in ("likelihood", "impact", "residual_likelihood", "residual_impact"):
            self.fields[name].choices = [("", "Choose a score"), *self.fields[name].choices[1:]]
        self.fields["owner_body"].error_messages["invalid_choice"] = "Choose a body from the list."
        self.fields["owner"].error_messages["invalid_choice"] = "Choose a person from the list."
