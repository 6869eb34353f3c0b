"""Forms of the secretariat's drafting pages: a version's label, a clause, its place, the adoption.

Each validates its input; the actions (agreements.actions.drafting) check the rules again.
"""

from django import forms
from django.core.exceptions import ValidationError

from agreements.models import ClauseKind
from bodies.models import BodyKind
from meetings.models import Decision, Meeting, MeetingStatus
from partnership.rendering import GovukFormMixin

TEXT_HELP = (
    "Leave a blank line between paragraphs. Start a line with “- ” for a list item, "
    "or with two spaces and “- ” for an item of a list inside a list."
)


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
