"""What the public registers of interests and of gifts share: the choice of one body."""

from django import forms

from bodies.models import Body
from partnership.rendering import GovukFormMixin


class PublicRegisterForm(GovukFormMixin, forms.Form):
    body = forms.ModelChoiceField(label="Body", queryset=Body.objects.none(), required=False, to_field_name="slug")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Today's bodies, worked out when the form is made, not when the module is loaded.
        self.fields["body"].queryset = Body.objects.current().order_by("name")
        self.fields["body"].empty_label = "All bodies"
