"""Forms for the Agreement pages. Each validates its input; the actions check the rules again."""

import re

from django import forms
from django.core.exceptions import ValidationError

from agreements.models import AgreementVersion, ClauseKind
from bodies.models import BodyKind
from meetings.models import Decision, Meeting, MeetingStatus
from partnership.models import Organisation, Person
from partnership.rendering import GovukFormMixin

SHA256 = re.compile(r"[0-9a-f]{64}")

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


# Signing


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

    def __init__(self, data=None, *, organisations, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].error_messages["required"] = "Choose the organisation you are signing for"
        self.fields["organisation"].error_messages["invalid_choice"] = "Choose the organisation you are signing for"
        self.fields["consent"].error_messages["required"] = (
            "Tick the box to confirm that you agree, or leave the page without signing"
        )
        self.fields["password"].error_messages["required"] = "Enter your password"


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


# Consultation


class ConsultationForm(GovukFormMixin, forms.Form):
    closes_on = forms.DateField(
        label="Closing date for comments", help_text="The last day partners can comment. It must be after today."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closes_on"].error_messages["required"] = "Enter the closing date for comments"
        self.fields["closes_on"].error_messages["invalid"] = "Enter a real date for the closing date"


class CommentForm(GovukFormMixin, forms.Form):
    text = forms.CharField(label="Your comment", max_length=10000, widget=forms.Textarea(attrs={"rows": 6}))
    proposed_text = forms.CharField(
        label="Replacement text (optional)",
        required=False,
        max_length=20000,
        help_text="If you propose new wording, write the whole clause as you would have it. " + TEXT_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = "Enter your comment"
        self.fields["text"].error_messages["max_length"] = "Your comment must be 10,000 characters or fewer"
        self.fields["proposed_text"].error_messages["max_length"] = (
            "The replacement text must be 20,000 characters or fewer"
        )


class DecideForm(GovukFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="Decision",
        choices=[("accepted", "Accept the comment"), ("rejected", "Reject the comment")],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Reason",
        help_text="The person who commented reads this.",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    apply_text = forms.BooleanField(label="Write the proposed text into the draft’s clause", required=False)

    def __init__(self, *args, can_apply, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_apply:
            del self.fields["apply_text"]
        self.fields["outcome"].error_messages["required"] = "Choose whether to accept or reject the comment"
        self.fields["outcome"].error_messages["invalid_choice"] = "Choose whether to accept or reject the comment"
        self.fields["reason"].error_messages["required"] = "Give the reason for the decision"

    def clean(self):
        data = super().clean()
        if data.get("apply_text") and data.get("outcome") == "rejected":
            self.add_error("apply_text", "Only an accepted proposal can be applied to the draft")
        return data
