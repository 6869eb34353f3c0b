"""The form of the verify page: a PDF to check, or a SHA-256 fingerprint to look up."""

import re

from django import forms
from django.core.exceptions import ValidationError

from partnership.rendering import GovukFormMixin

SHA256 = re.compile(r"[0-9a-f]{64}")


class VerifyForm(GovukFormMixin, forms.Form):
    """A PDF to check, or a hash to look up; one of the two."""

    document = forms.FileField(
        label="Upload the PDF", required=False, help_text="A copy of the Agreement’s PDF, as downloaded from this site."
    )
    sha256 = forms.CharField(
        label="Or enter a SHA-256 fingerprint",
        required=False,
        max_length=200,
        help_text="64 characters, 0 to 9 and a to f: the fingerprint of a version, or of a PDF file.",
    )

    def __init__(self, *args, max_bytes, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.fields["document"].error_messages["empty"] = "The file you chose is empty"
        self.fields["document"].error_messages["invalid"] = "Choose a PDF file"

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        if upload.size > self.max_bytes:
            raise ValidationError(f"The file must be smaller than {self.max_bytes // (1024 * 1024)} MB")
        head = upload.read(1024)
        upload.seek(0)
        if b"%PDF-" not in head:
            raise ValidationError("The file must be a PDF")
        return upload

    def clean_sha256(self):
        value = "".join(self.cleaned_data.get("sha256", "").split()).lower()
        if value and not SHA256.fullmatch(value):
            raise ValidationError("Enter a fingerprint of 64 characters, using only 0 to 9 and a to f")
        return value

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("document") and not data.get("sha256"):
            raise ValidationError("Upload a PDF or enter a fingerprint")
        if data.get("document") and data.get("sha256"):
            raise ValidationError("Upload a PDF or enter a fingerprint, not both")
        return data
