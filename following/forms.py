"""The one form the public fills in to follow a body."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, MaxLengthValidator

from following.actions import INVALID_ADDRESS
from partnership.rendering import GovukFormMixin


class AddressField(forms.EmailField):
    """An email address, refused with one message at a time: too long, then not an address."""

    def run_validators(self, value):
        if value in self.empty_values:
            return
        # The length first (a pasted page is not worth parsing), then the address (a NUL byte is not one).
        order = {MaxLengthValidator: 0, EmailValidator: 1}
        for validator in sorted(self.validators, key=lambda v: order.get(type(v), 2)):
            try:
                validator(value)
            except ValidationError as error:
                raise ValidationError(
                    self.error_messages.get(error.code, error.messages[0]), code=error.code
                ) from error


class FollowForm(GovukFormMixin, forms.Form):
    autocomplete = {"email": "email"}

    email = AddressField(
        label="Email address",
        max_length=254,
        help_text="We will email you a link to confirm. Until you follow it, we send nothing else to this address.",
        error_messages={
            "required": "Enter your email address",
            "invalid": INVALID_ADDRESS,
            "max_length": "Email address must be 254 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["spellcheck"] = "false"
