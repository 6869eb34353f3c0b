"""Forms of consultation: the closing date, a partner's comment, and the secretariat's decision on it."""

from django import forms

from agreements.forms.drafting import TEXT_HELP
from partnership.rendering import GovukFormMixin


class ConsultationForm(GovukFormMixin, forms.Form):
    closes_on = forms.DateField(
        label="Closing date for comments", help_text="The last day partners can comment. It must be after today."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closes_on"].error_messages["required"] = "Enter the closing date for comments"
        self.fields["closes_on"].error_messages["invalid"] = "Enter a real date for the closing date"


class CommentForm(GovukFormMixin, forms.Form):
    text = forms.CharField(label="Your comment", max_length=10000, widget=forms.Textarea(attrs={"rows": 6}))
    proposed_text = forms.CharField(
        label="Replacement text (optional)",
        required=False,
        max_length=20000,
        help_text="If you propose new wording, write the whole clause as you would have it. " + TEXT_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = "Enter your comment"
        self.fields["text"].error_messages["max_length"] = "Your comment must be 10,000 characters or fewer"
        self.fields["proposed_text"].error_messages["max_length"] = (
            "The replacement text must be 20,000 characters or fewer"
        )


class DecideForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="Decision",
        choices=[("accepted", "Accept the comment"), ("rejected", "Reject the comment")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Reason",
        help_text="The person who commented reads this.",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    apply_text = forms.BooleanField(label="Write the proposed text into the draft’s clause", required=False)

    def __init__(self, *args, can_apply, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_apply:
            del self.fields["apply_text"]
        self.fields["outcome"].error_messages["required"] = "Choose whether to accept or reject the comment"
        self.fields["outcome"].error_messages["invalid_choice"] = "Choose whether to accept or reject the comment"
        self.fields["reason"].error_messages["required"] = "Give the reason for the decision"

    def clean(self):
        data = super().clean()
        if data.get("apply_text") and data.get("outcome") == "rejected":
            self.add_error("apply_text", "Only an accepted proposal can be applied to the draft")
        return data
