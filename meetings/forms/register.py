"""Forms of the actions register: its filters, and the update of an action's status."""

from django import forms

from bodies.models import Body
from meetings.models import ActionStatus
from partnership.models import Person
from partnership.rendering import GovukFormMixin

STATUS_FILTERS = [
    ("", "Any status"),
    ("unfinished", "Open or in progress"),
    *ActionStatus.choices,
]


class ActionFilterForm(GovukFormMixin, forms.Form):
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="All bodies",
        error_messages={"invalid_choice": "Choose a body from the list."},
    )
    # One owner, from a link (a reminder's "your actions"): a hidden field, so that the page does not
    # list every person who has ever owned an action; a person is looked for by name instead.
    owner = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Choose an owner from the list."},
    )
    owner_name = forms.CharField(
        label="Owner's name", required=False, max_length=200, help_text="All or part of the name of an owner."
    )
    status = forms.ChoiceField(choices=STATUS_FILTERS, required=False)
    due_before = forms.DateField(label="Due before", required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args, bodies, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["owner"].queryset = owners
        self.fields["status"].error_messages["invalid_choice"] = "Choose a status from the list."

    def clean_owner_name(self):
        return self.cleaned_data["owner_name"].strip()


class ActionUpdateForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(choices=ActionStatus.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=300,
        help_text="What has been done, or why the action is no longer needed.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, action=None, **kwargs):
        if action is not None:
            kwargs.setdefault("initial", {"status": action.status, "note": action.status_note})
        super().__init__(*args, **kwargs)
        self.fields["status"].error_messages["invalid_choice"] = "Choose the status of the action from the list."
