"""What the public registers of interests and of gifts share: the choice of one body, a name to look for."""

from django import forms

from bodies.models import Body
from partnership.rendering import GovukFormMixin


class PublicRegisterForm(GovukFormMixin, forms.Form):
    body = forms.ModelChoiceField(label="Body", queryset=Body.objects.none(), required=False, to_field_name="slug")
    q = forms.CharField(label="Name", required=False, max_length=200, help_text="All or part of the person's name.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Today's bodies, worked out when the form is made, not when the module is loaded.
        self.fields["body"].queryset = Body.objects.current().order_by("name")
        self.fields["body"].empty_label = "All bodies"

    def clean_q(self):
        return self.cleaned_data["q"].strip()


class PublicInterestsForm(PublicRegisterForm):
    """The public register of interests shows the entries held today, and the ended ones on request."""

    past = forms.BooleanField(label="Include past entries", required=False)


class PastEntriesForm(GovukFormMixin, forms.Form):
    """One person's public register of interests: the entries held today, and the ended ones on request."""

    past = forms.BooleanField(label="Include past entries", required=False)
