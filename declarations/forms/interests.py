"""Forms of the register of interests."""

from django import forms

from bodies.models import Body
from declarations.models import Interest, InterestKind
from partnership.dates import today
from partnership.models import Organisation
from partnership.rendering import GovukFormMixin


class InterestForm(GovukFormMixin, forms.ModelForm):
    """A new entry in a member's register (Agreement 11.1.1, 11.4.3)."""

    class Meta:
        model = Interest
        fields = [
            "kind",
            "holder",
            "description",
            "organisation",
            "matter",
            "more_than_one_role",
            "start",
            "end",
            "withheld",
            "withheld_reason",
        ]
        labels = {
            "kind": "Kind of interest",
            "holder": "Whose interest is it?",
            "organisation": "Organisation concerned",
            "matter": "Matter concerned",
            "more_than_one_role": "It arises from holding more than one role (wearing more than one hat)",
            "start": "From",
            "end": "To",
            "withheld": "Withhold it from the public register because it is sensitive",
            "withheld_reason": "Why it is withheld",
        }
        help_texts = {
            "description": "For example: director of a company bidding for the contract, or a trustee of a charity.",
            "organisation": "A partner organisation, if the interest concerns one.",
            "matter": "Otherwise, or as well, the matter concerned: a company, a project, a place.",
            "end": "Leave empty if the interest continues.",
            "withheld_reason": "The public register shows this reason instead of the interest.",
        }
        error_messages = {
            "description": {"required": "Describe the interest"},
            "start": {"required": "Enter the date the interest began"},
        }
        widgets = {
            "kind": forms.RadioSelect,
            "holder": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["organisation"].empty_label = "None"
        for name in ("kind", "holder"):
            # A radio list, so no blank choice.
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]

    def clean_description(self):
        description = self.cleaned_data["description"].strip()
        if not description:
            raise forms.ValidationError("Describe the interest")
        return description

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start and start > today():
            raise forms.ValidationError("The start cannot be in the future: declare the interest once you hold it.")
        return start

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end cannot be before the start.")
        if "organisation" in data and "matter" in data and not data.get("organisation") and not data["matter"].strip():
            self.add_error("matter", "Name the organisation or the matter the interest concerns.")
        if data.get("withheld") and not (data.get("withheld_reason") or "").strip():
            self.add_error("withheld_reason", "Say why the interest is withheld from the public register.")
        return data

    def _post_clean(self):
        # The action runs the model's checks and says which rule failed.
        pass


class InterestUpdateForm(InterestForm):
    """A change to an open entry; closing it is a separate step."""

    class Meta(InterestForm.Meta):
        fields = [f for f in InterestForm.Meta.fields if f != "end"]

    def clean_start(self):
        start = super().clean_start()
        end = self.instance.end
        if start and end and end < start:
            raise forms.ValidationError("The start cannot be after the entry's last day.")
        return start


class CloseInterestForm(GovukFormMixin, forms.Form):
    end = forms.DateField(label="Last day of the interest", help_text="Today, or a day in the past.")


class RegisterFilterForm(GovukFormMixin, forms.Form):
    """The secretariat's filters over every register."""

    STATUS_CHOICES = [("current", "Current"), ("closed", "Closed"), ("all", "All")]
    PUBLICATION_CHOICES = [("", "Any"), ("published", "Published"), ("withheld", "Withheld")]

    q = forms.CharField(label="Member's name", required=False, max_length=200)
    body = forms.ModelChoiceField(label="Body", queryset=Body.objects.order_by("name"), required=False)
    kind = forms.ChoiceField(label="Kind", choices=[("", "Any"), *InterestKind.choices], required=False)
    status = forms.ChoiceField(label="Status", choices=STATUS_CHOICES, required=False)
    publication = forms.ChoiceField(label="Public register", choices=PUBLICATION_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].empty_label = "Any"
        self.fields["body"].to_field_name = "slug"
