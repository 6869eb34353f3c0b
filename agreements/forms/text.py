"""Forms of the Agreement's public pages: the text in force on a day, and two versions to compare."""

from django import forms
from django.core.exceptions import ValidationError

from agreements.models import AgreementVersion
from partnership.rendering import GovukFormMixin


class OnDateForm(GovukFormMixin, forms.Form):
    """?on=YYYY-MM-DD: the text in force on that day."""

    on = forms.DateField(label="The text in force on", required=False, input_formats=["%Y-%m-%d"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].error_messages["invalid"] = "Enter a real date, for example 2010-06-01"


class VersionChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        # An id too long for the database is no version at all, not a server error.
        if value not in self.empty_values and not (str(value).isdigit() and len(str(value)) <= 18):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)

    def label_from_instance(self, version):
        return f"{version.agreement.title}: {version.label} ({version.get_status_display().lower()})"


class CompareForm(GovukFormMixin, forms.Form):
    """Two versions to compare, from and to."""

    from_version = VersionChoiceField(label="Compare from", queryset=AgreementVersion.objects.none())
    to_version = VersionChoiceField(label="Compare to", queryset=AgreementVersion.objects.none())

    def __init__(self, data=None, *, versions, **kwargs):
        super().__init__(data, **kwargs)
        for name in ("from_version", "to_version"):
            self.fields[name].queryset = versions
            self.fields[name].error_messages["invalid_choice"] = "Choose a version from the list"
        self.fields["from_version"].error_messages["required"] = "Choose the version to compare from"
        self.fields["to_version"].error_messages["required"] = "Choose the version to compare to"

    def add_prefix(self, field_name):
        # The query string says ?from=&to=, the permanent form of a comparison's address.
        return {"from_version": "from", "to_version": "to"}.get(field_name, field_name)

    def clean(self):
        data = super().clean()
        old, new = data.get("from_version"), data.get("to_version")
        if old and new and old.pk == new.pk:
            self.add_error("to_version", "Choose two different versions")
        return data
