"""The forms of the second factor's pages (partnership.security_views)."""

from django import forms
from django.core.exceptions import ValidationError

from partnership.rendering import GovukFormMixin


def second_factor_code_field():
    """The code asked for when signing (the Agreement, minutes), for a person with an authenticator app."""
    field = forms.CharField(
        label="Code from your authenticator app",
        max_length=40,
        required=False,
        help_text="To confirm it is you, enter the 6 digits your app shows now, or one of your recovery codes.",
    )
    field.widget.attrs.update(spellcheck="false", autocapitalize="none", **{"class": "govuk-input--width-10"})
    return field


class CodeForm(GovukFormMixin, forms.Form):
    """A code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label="Code",
        max_length=40,
        help_text="The 6 digits your authenticator app shows now, or one of your recovery codes.",
        error_messages={"required": "Enter the code from your authenticator app, or a recovery code"},
    )
    autocomplete = {"code": "one-time-code"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            spellcheck="false", autocapitalize="none", **{"class": "govuk-input--width-10"}
        )


class SetUpForm(GovukFormMixin, forms.Form):
    """The first code from a newly added authenticator app: it proves the app holds the secret."""

    code = forms.CharField(
        label="Code from the app",
        max_length=10,
        help_text="The 6 digits the app shows for this account.",
        error_messages={"required": "Enter the 6 digits your app shows"},
    )
    autocomplete = {"code": "one-time-code"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            inputmode="numeric", spellcheck="false", **{"class": "govuk-input--width-5"}
        )


class PasswordForm(GovukFormMixin, forms.Form):
    """The person's password again, before a change to their factors."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(render_value=False),
        help_text="To confirm it is you, enter the password you sign in with.",
        error_messages={"required": "Enter your password"},
    )
    autocomplete = {"password": "current-password"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError("The password is not right. Enter the password you sign in with")
        return password


class PasskeyNameForm(GovukFormMixin, forms.Form):
    """A name for a passkey, so that the person can tell their passkeys apart."""

    name = forms.CharField(
        label="Name of the passkey",
        max_length=64,
        help_text="For example, the device or password manager that keeps it: ‘Work laptop’ or ‘Phone’.",
        error_messages={"required": "Enter a name for the passkey"},
    )
