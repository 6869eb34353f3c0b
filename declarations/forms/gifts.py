"""Forms of the gifts and hospitality register: declare an offer, ask for and give advice, settings, filters."""

from django import forms

from declarations.actions.gifts import (
    FUTURE_DATE_MESSAGE,
    MAX_VALUE,
    MAX_VALUE_MESSAGE,
    NEGATIVE_VALUE_MESSAGE,
)
from declarations.models import AdviceRequest, Gift, GiftDecision, GiftKind, GiftsSettings
from partnership.dates import british_date, today
from partnership.rendering import GovukFormMixin


class GiftForm(GovukFormMixin, forms.ModelForm):
    advice = forms.ModelChoiceField(
        queryset=AdviceRequest.objects.none(),
        required=False,
        label="Advice you asked for (optional)",
        empty_label="None",
    )

    class Meta:
        model = Gift
        fields = ["kind", "offered_by", "description", "estimated_value", "offered_on", "decision", "reason"]
        labels = {
            "kind": "Was it a gift or hospitality?",
            "offered_by": "Who offered it",
            "description": "What was offered",
            "estimated_value": "Estimated value (£)",
            "offered_on": "Date of the offer",
            "decision": "Did you accept or refuse it?",
            "reason": "Why you accepted or refused it",
        }
        help_texts = {
            "offered_by": "The person and the organisation they were acting for.",
            "estimated_value": "Your best estimate, in pounds. Enter 0 if it had no money value.",
            "reason": "This stays in the secretariat's register and is not published.",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "decision": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = GiftKind.choices
        self.fields["decision"].choices = GiftDecision.choices
        self.fields["kind"].error_messages["required"] = "Choose whether it was a gift or hospitality."
        self.fields["decision"].error_messages["required"] = "Choose whether you accepted or refused the offer."
        value = self.fields["estimated_value"]
        value.error_messages["invalid"] = "Enter the estimated value as a number of pounds, like 45 or 45.50."
        value.error_messages["max_digits"] = MAX_VALUE_MESSAGE
        value.error_messages["max_whole_digits"] = MAX_VALUE_MESSAGE
        self.fields["offered_on"].error_messages["invalid"] = "Enter the date of the offer as a real date."
        if person is not None:
            self.fields["advice"].queryset = AdviceRequest.objects.filter(person=person, gift__isnull=True)
        self.fields["advice"].label_from_instance = lambda a: f"Asked {british_date(a.asked_at)}: {a.question[:60]}"
        if not self.fields["advice"].queryset.exists():
            del self.fields["advice"]

    def clean_estimated_value(self):
        value = self.cleaned_data["estimated_value"]
        if value is not None and value < 0:
            raise forms.ValidationError(NEGATIVE_VALUE_MESSAGE)
        if value is not None and value > MAX_VALUE:
            raise forms.ValidationError(MAX_VALUE_MESSAGE)
        return value

    def clean_offered_on(self):
        offered_on = self.cleaned_data["offered_on"]
        if offered_on and offered_on > today():
            raise forms.ValidationError(FUTURE_DATE_MESSAGE)
        return offered_on


class AdviceRequestForm(GovukFormMixin, forms.Form):
    body = forms.ModelChoiceField(
        queryset=None,
        label="Whose chair should advise you",
        help_text="The chair and vice chair of this body, and the secretariat, will see your request.",
        empty_label="Choose a body",
    )
    question = forms.CharField(
        label="The offer and your question",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Who is offering what, when, and what you are unsure about.",
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["body"].error_messages["invalid_choice"] = "Choose one of the bodies listed."
        self.fields["body"].error_messages["required"] = "Choose the body whose chair should advise you."
        self.fields["question"].error_messages["required"] = "Describe the offer and what you would like advice on."


class AdviceAnswerForm(GovukFormMixin, forms.Form):
    answer = forms.CharField(label="Your advice", widget=forms.Textarea(attrs={"rows": 6}))


class GiftsSettingsForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = GiftsSettings
        fields = ["publish_threshold", "declare_within_days"]
        labels = {
            "publish_threshold": "Publish entries worth at least (£)",
            "declare_within_days": "Days allowed to declare an offer",
        }
        help_texts = {
            "publish_threshold": "Entries at or above this value appear in the public register.",
            "declare_within_days": "An offer declared later than this is marked late.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publish_threshold"].error_messages["invalid"] = "Enter the threshold as a number of pounds."
        self.fields["declare_within_days"].error_messages["invalid"] = "Enter the number of days as a whole number."

    def clean_publish_threshold(self):
        value = self.cleaned_data["publish_threshold"]
        if value is not None and value < 0:
            raise forms.ValidationError("The threshold cannot be negative.")
        if value is not None and value > MAX_VALUE:
            raise forms.ValidationError("The threshold must be £1,000,000 or less.")
        return value

    def clean_declare_within_days(self):
        days = self.cleaned_data["declare_within_days"]
        if days is not None and not 1 <= days <= 366:
            raise forms.ValidationError("Allow between 1 and 366 days to declare an offer.")
        return days

    def _post_clean(self):
        # The action validates and saves; the form does not touch the stored settings.
        pass


class RegisterFilterForm(GovukFormMixin, forms.Form):
    name = forms.CharField(label="Name contains", required=False)
    kind = forms.ChoiceField(label="Kind", required=False, choices=[("", "Any"), *GiftKind.choices])
    decision = forms.ChoiceField(label="Decision", required=False, choices=[("", "Any"), *GiftDecision.choices])
    late = forms.BooleanField(label="Only late declarations", required=False)
    offered_from = forms.DateField(label="Offered from", required=False)
    offered_to = forms.DateField(label="Offered to", required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("offered_from"), data.get("offered_to")
        if start and end and end < start:
            self.add_error("offered_to", "The end of the period must be on or after its start.")
        return data
