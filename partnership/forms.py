from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation

from partnership.models import Gender, Organisation, Person, User
from partnership.rendering import GovukFormMixin


class LoginForm(GovukFormMixin, auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": "Enter a correct email address and password. The password is case-sensitive.",
        "inactive": "This account has been closed. Ask the secretariat to reopen it.",
    }


class PasswordResetForm(GovukFormMixin, auth_forms.PasswordResetForm):
    email = forms.EmailField(label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class SetPasswordForm(GovukFormMixin, auth_forms.SetPasswordForm):
    pass


class AcceptInvitationForm(GovukFormMixin, forms.Form):
    """Choose a password for the account an invitation creates."""

    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters. Avoid a common word or a password you use elsewhere.",
    )
    password2 = forms.CharField(
        label="Type the password again", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, person: Person, **kwargs):
        self.person = person
        super().__init__(*args, **kwargs)

    def clean_password2(self):
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError("The two passwords do not match.")
        return second

    def _post_clean(self):
        super()._post_clean()
        password = self.cleaned_data.get("password2")
        if password:
            try:
                password_validation.validate_password(password, User(email=self.person.email))
            except forms.ValidationError as error:
                self.add_error("password2", error)


class OrganisationForm(GovukFormMixin, forms.ModelForm):
    website = forms.URLField(required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Organisation
        fields = ["name", "short_name", "slug", "sector", "is_partner_authority", "website", "joined_on"]
        help_texts = {"slug": "Part of the organisation's web address. Lower-case letters, numbers and hyphens."}


class PersonSearchForm(GovukFormMixin, forms.Form):
    q = forms.CharField(
        label="Name or email address",
        required=False,
        max_length=200,
        error_messages={"max_length": "Enter a name or email address of 200 characters or fewer."},
    )


class PersonForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = ["honorific", "name", "email", "phone", "job_title", "organisation", "notes"]
        help_texts = {"email": "Needed to invite the person to create an account."}


PREFER_NOT_TO_SAY = ""


class StatedGenderForm(GovukFormMixin, forms.Form):
    """A member's own answer (Agreement 16.3): optional; "prefer not to say" keeps nothing."""

    gender = forms.ChoiceField(
        label="How do you describe your gender?",
        choices=[*Gender.choices, (PREFER_NOT_TO_SAY, "Prefer not to say")],
        required=False,
        widget=forms.RadioSelect,
        help_text="Optional. Counted only in each body's figures, never shown next to your name.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gender"].error_messages["invalid_choice"] = "Choose one of the answers, or prefer not to say."
