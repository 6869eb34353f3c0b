"""Forms for declarations at meetings, rulings, disputes and resolutions. The actions check the rules again."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from bodies.models import Membership
from declarations.models import InterestKind, Outcome
from partnership.models import Person
from partnership.rendering import GovukFormMixin


class DeclarationForm(GovukFormMixin, forms.Form):
    """A member's own declaration against an item, made in advance."""

    kind = forms.ChoiceField(
        label="What kind of interest is it?",
        choices=InterestKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of interest"},
    )
    description = forms.CharField(
        label="Describe the interest",
        help_text="Say how the item touches you, a connected person or your household. "
        "Members of the body read this; the published minutes show only the kind of interest and the ruling.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Describe the interest"},
    )

    def clean_description(self):
        value = self.cleaned_data["description"].strip()
        if not value:
            raise ValidationError("Describe the interest")
        return value


class VerbalDeclarationForm(DeclarationForm):
    """The secretariat's note of a declaration made verbally in the meeting."""

    field_order = ["person", "kind", "description"]

    person = forms.ModelChoiceField(
        label="Who declared the interest?",
        queryset=Person.objects.none(),
        empty_label="Choose a member",
        error_messages={"required": "Choose the member who declared the interest"},
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        day = timezone.localdate(meeting.starts_at)
        members = Membership.objects.filter(body=meeting.body).on(day).values("person_id")
        self.fields["person"].queryset = Person.objects.filter(pk__in=members).order_by("name")


class RulingForm(GovukFormMixin, forms.Form):
    """The body's ruling on one declaration (Agreement 11.1.4)."""

    outcome = forms.ChoiceField(
        label="What did the body rule?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the ruling"},
    )
    project = forms.CharField(
        label="Project (for disbarment from a project)",
        help_text="Items whose title names this project will show the disbarment.",
        required=False,
        max_length=300,
    )
    reasons = forms.CharField(
        label="Reasons",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": "Give the reasons for the ruling"},
    )

    def clean_reasons(self):
        value = self.cleaned_data["reasons"].strip()
        if not value:
            raise ValidationError("Give the reasons for the ruling")
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == Outcome.DISBARRED_PROJECT and not cleaned.get("project", "").strip():
            self.add_error("project", "Name the project the member is disbarred from")
        return cleaned


class ResolutionForm(RulingForm):
    """The chair of the partnership board's resolution of a dispute, after consulting the Head of Legal."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].label = "What is the resolution?"
        self.fields["outcome"].error_messages["required"] = "Choose the resolution"
        self.fields["reasons"].error_messages["required"] = "Give the reasons for the resolution"

    def clean_reasons(self):
        value = self.cleaned_data["reasons"].strip()
        if not value:
            raise ValidationError("Give the reasons for the resolution")
        return value


class DisputeForm(GovukFormMixin, forms.Form):
    grounds = forms.CharField(
        label="Why do you dispute the ruling?",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        error_messages={"required": "Give the grounds for your dispute"},
    )

    def clean_grounds(self):
        value = self.cleaned_data["grounds"].strip()
        if not value:
            raise ValidationError("Give the grounds for your dispute")
        return value


class HeadOfLegalForm(GovukFormMixin, forms.Form):
    person = forms.ModelChoiceField(
        label="Head of Legal for this dispute",
        help_text="Only people with a login can be chosen. They will see this dispute and no other.",
        queryset=Person.objects.filter(user__isnull=False).order_by("name"),
        empty_label="Choose a person",
        error_messages={"required": "Choose the Head of Legal"},
    )
