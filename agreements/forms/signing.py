"""Forms of signing: the signatory's confirmation, and the secretariat's designation of signatories."""

from django import forms

from partnership.mfa_forms import second_factor_code_field
from partnership.models import Organisation, Person
from partnership.rendering import GovukFormMixin


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, organisation):
        return organisation.name


class SignForm(GovukFormMixin, forms.Form):
    """The signatory's confirmation: for which organisation, that they agree, and their password again."""

    organisation = OrganisationChoiceField(
        label="Sign for", queryset=Organisation.objects.none(), widget=forms.HiddenInput
    )
    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    consent = forms.BooleanField(label="I agree to the statement above", required=True)
    password = forms.CharField(
        label="Your password",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(render_value=False),
        help_text="To confirm it is you, enter the password you sign in with.",
    )
    autocomplete = {"password": "current-password"}

    def __init__(self, data=None, *, organisations, with_code=False, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].error_messages["required"] = "Choose the organisation you are signing for"
        self.fields["organisation"].error_messages["invalid_choice"] = "Choose the organisation you are signing for"
        self.fields["consent"].error_messages["required"] = (
            "Tick the box to confirm that you agree, or leave the page without signing"
        )
        self.fields["password"].error_messages["required"] = "Enter your password"
        if with_code:
            # The signatory has an authenticator app: its code as well as the password (agreements.identity).
            self.fields["code"] = second_factor_code_field()
            self.fields["code"].widget.attrs["autocomplete"] = "one-time-code"


class DesignateForm(GovukFormMixin, forms.Form):
    organisation = OrganisationChoiceField(label="Organisation", queryset=Organisation.objects.none())
    person = forms.ModelChoiceField(
        label="Person",
        queryset=Person.objects.none(),
        help_text="Only people with a login can sign online.",
    )
    start = forms.DateField(label="Authorised from")

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.current().filter(withdrawal__isnull=True)
        self.fields["person"].queryset = Person.objects.with_login().order_by("name")


class EndSignatoryForm(GovukFormMixin, forms.Form):
    end = forms.DateField(label="Last day of the authority")
