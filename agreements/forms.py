"""Forms for the Agreement pages. Each validates its input; the actions check the rules again."""

from django import forms
from django.core.exceptions import ValidationError

from agreements.models import AgreementVersion, ClauseKind
from bodies.models import BodyKind
from meetings.models import Decision, Meeting, MeetingStatus
from partnership.rendering import GovukFormMixin

TEXT_HELP = (
    "Leave a blank line between paragraphs. Start a line with “- ” for a list item, "
    "or with two spaces and “- ” for an item of a list inside a list."
)


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


class VersionForm(GovukFormMixin, forms.Form):
    label = forms.CharField(
        label="Label", max_length=120, help_text="For example “Revised February 2011”. Each version’s label is unique."
    )
    summary = forms.CharField(label="Summary of changes", required=False, widget=forms.Textarea(attrs={"rows": 5}))


class ClauseForm(GovukFormMixin, forms.Form):
    heading = forms.CharField(label="Heading", max_length=300, required=False)
    text = forms.CharField(label="Text", required=False, help_text=TEXT_HELP, widget=forms.Textarea(attrs={"rows": 10}))

    def clean(self):
        data = super().clean()
        if not (data.get("heading") or "").strip() and not (data.get("text") or "").strip():
            self.add_error("heading", "Give the clause a heading, some text, or both")
        return data


def _short(clause):
    heading = f" {clause.heading}" if clause.heading else ""
    label = f"{'Annex ' if clause.kind == ClauseKind.ANNEX else ''}{clause.number}{heading}"
    return label if len(label) <= 70 else label[:69] + "…"


class MoveForm(GovukFormMixin, forms.Form):
    destination = forms.ChoiceField(label="Move it to")

    def __init__(self, *args, clause, clauses, **kwargs):
        super().__init__(*args, **kwargs)
        self.clause = clause
        self.by_pk = {c.pk: c for c in clauses}
        excluded = self._subtree(clause, clauses)
        choices = [("start", "The start, as the first section")]
        for other in clauses:
            if other.pk in excluded:
                continue
            choices.append((f"after:{other.pk}", f"After {_short(other)}"))
            choices.append((f"into:{other.pk}", f"Inside {_short(other)}, at the end"))
        self.fields["destination"].choices = [("", "Choose a place")] + choices
        self.fields["destination"].error_messages["required"] = "Choose where to move the clause to"

    @staticmethod
    def _subtree(clause, clauses):
        ids = {clause.pk}
        for other in clauses:  # document order: a parent comes before its children
            if other.parent_id in ids:
                ids.add(other.pk)
        return ids

    def destination_kwargs(self):
        value = self.cleaned_data["destination"]
        if value == "start":
            return {"to_start": True}
        where, pk = value.split(":")
        return {"after" if where == "after" else "inside": self.by_pk[int(pk)]}


class AdoptForm(GovukFormMixin, forms.Form):
    meeting = forms.ModelChoiceField(
        label="Meeting that adopted it",
        queryset=Meeting.objects.none(),
        help_text="A meeting of the partnership board.",
    )
    decision = forms.ModelChoiceField(
        label="Decision (optional)",
        queryset=Decision.objects.none(),
        required=False,
        help_text="The decision minuted at that meeting, if the minutes record one.",
    )
    takes_effect = forms.DateField(label="Date it takes effect")

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        meetings = (
            Meeting.objects.filter(body__kind=BodyKind.PARTNERSHIP_BOARD)
            .exclude(status__in=[MeetingStatus.CANCELLED, MeetingStatus.POSTPONED])
            .select_related("body")
            .order_by("-starts_at")
        )
        if version.agreement.body_id:
            meetings = Meeting.objects.filter(pk__in=meetings.values("pk")) | Meeting.objects.filter(
                body_id=version.agreement.body_id
            )
            meetings = meetings.select_related("body").order_by("-starts_at")
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].error_messages["invalid_choice"] = "Choose a meeting of the partnership board"
        self.fields["decision"].error_messages["invalid_choice"] = "Choose a decision minuted at that meeting"
        self.fields["decision"].queryset = (
            Decision.objects.filter(item__meeting__in=meetings.values("pk"))
            .select_related("item__meeting__body")
            .order_by("-item__meeting__starts_at", "number")
        )
        self.fields["decision"].label_from_instance = lambda d: f"{d.item.meeting}: decision {d.number}, {d.text[:60]}"

    def clean(self):
        data = super().clean()
        meeting, decision = data.get("meeting"), data.get("decision")
        if meeting and decision and decision.item.meeting_id != meeting.pk:
            raise ValidationError({"decision": "Choose a decision minuted at that meeting"})
        return data


class ConfirmForm(GovukFormMixin, forms.Form):
    """A confirmation with nothing to fill in."""
