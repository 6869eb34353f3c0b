from django import forms
from django.db.models import Q
from django.utils import timezone

from bodies.models import Body, BodyLink, Membership, Role, Seat
from partnership.models import Organisation, Person
from partnership.rendering import GovukFormMixin

BODY_FIELDS = [
    "name",
    "short_name",
    "kind",
    "mode",
    "summary",
    "meeting_frequency",
    "independently_chaired",
    "equality_statement_adopted_on",
    "impact_assessment_adopted_on",
    "membership_review_months",
    "circulation_days",
    "paper_reminder_days",
    "quorum",
    "reply_days",
]


class DateForm(GovukFormMixin, forms.Form):
    on = forms.DateField(label="Date", required=False)


class BodyForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Body
        fields = BODY_FIELDS


class EstablishBodyForm(BodyForm):
    shadow = forms.BooleanField(
        label="It works in shadow form at first", required=False, help_text="You can make it active later."
    )

    class Meta(BodyForm.Meta):
        fields = [*BODY_FIELDS, "established_on"]
        labels = {"established_on": "Established on"}


class TermsOfReferenceForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Body
        fields = ["terms_of_reference"]
        widgets = {"terms_of_reference": forms.Textarea(attrs={"rows": 20})}
        help_texts = {
            "terms_of_reference": "Separate paragraphs with a blank line. Every saved version is kept in the history."
        }


class ChangeReasonForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))


class EndBodyForm(ChangeReasonForm):
    field_order = ["last_day", "reason"]

    last_day = forms.DateField(
        label="Last day of the body", help_text="Its memberships, seats and links end on this day."
    )


class ActivateBodyForm(ChangeReasonForm):
    field_order = ["on", "reason"]

    on = forms.DateField(label="Active from")


def open_bodies(on=None):
    return Body.objects.filter(ended_on__isnull=True).order_by("name")


class SuccessorFieldsMixin(forms.Form):
    """The fields of a body that a merger or replacement establishes."""

    new_name = forms.CharField(label="Name of the new body", max_length=200)
    new_short_name = forms.CharField(label="Short name of the new body", max_length=60, required=False)
    new_kind = forms.ChoiceField(label="Kind of the new body", choices=Body._meta.get_field("kind").choices)
    new_mode = forms.ChoiceField(
        label="Primary mode of working of the new body", choices=Body._meta.get_field("mode").choices
    )

    def new_body_fields(self):
        data = self.cleaned_data
        return {
            "name": data["new_name"],
            "short_name": data["new_short_name"],
            "kind": data["new_kind"],
            "mode": data["new_mode"],
        }


class MergeBodyForm(ChangeReasonForm, SuccessorFieldsMixin):
    field_order = ["on", "others", "into", "new_name", "new_short_name", "new_kind", "new_mode", "reason"]

    on = forms.DateField(label="The merged body starts on", help_text="The merging bodies end the day before.")
    others = forms.ModelMultipleChoiceField(
        label="Other bodies merging with it",
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    into = forms.ModelChoiceField(
        label="Merge into an existing body",
        queryset=Body.objects.none(),
        required=False,
        help_text="Leave empty to establish a new body with the name below.",
    )

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        candidates = open_bodies().exclude(pk=body.pk)
        self.fields["others"].queryset = candidates
        self.fields["into"].queryset = candidates
        for name in ("new_name", "new_kind", "new_mode"):
            self.fields[name].required = False

    def clean(self):
        data = super().clean()
        into = data.get("into")
        if into is None and not data.get("new_name"):
            self.add_error("new_name", "Enter the name of the new body, or choose an existing body to merge into.")
        if into is None and (not data.get("new_kind") or not data.get("new_mode")):
            self.add_error("new_kind", "Choose the kind and mode of working of the new body.")
        if into is not None and into in (data.get("others") or []):
            self.add_error("others", "The body merged into cannot also be one of the bodies merging.")
        return data


class ReplaceBodyForm(ChangeReasonForm, SuccessorFieldsMixin):
    field_order = ["on", "new_name", "new_short_name", "new_kind", "new_mode", "shadow", "reason"]

    on = forms.DateField(label="The new body starts on", help_text="The body it replaces ends the day before.")
    shadow = forms.BooleanField(label="The new body works in shadow form at first", required=False)


class RenameBodyForm(ChangeReasonForm):
    field_order = ["on", "name", "short_name", "reason"]

    on = forms.DateField(label="New name from")
    name = forms.CharField(label="New name", max_length=200)
    short_name = forms.CharField(label="New short name", max_length=60, required=False)


class BodyLinkForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = BodyLink
        fields = ["kind", "to_body", "note", "start", "end"]
        labels = {"kind": "This body", "to_body": "Which body", "start": "From", "end": "Until"}

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.from_body = body
        self.fields["to_body"].queryset = open_bodies().exclude(pk=body.pk)


class SeatForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Seat
        fields = ["label", "organisation", "role", "start", "end"]
        labels = {"start": "From", "end": "Until"}

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.body = body
        self.fields["organisation"].queryset = Organisation.objects.filter(left_on__isnull=True)


class MembershipForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["person", "organisation", "role", "reserve_for", "seat", "start", "end", "review_due_on"]
        labels = {
            "organisation": "On behalf of",
            "reserve_for": "Named reserve for",
            "start": "From",
            "end": "Until",
            "review_due_on": "Next review due",
        }
        help_texts = {"review_due_on": "Leave empty to set it from the body's review period."}

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.body = body
        self.fields["person"].queryset = Person.objects.order_by("name")
        self.fields["organisation"].queryset = Organisation.objects.filter(
            Q(left_on__isnull=True) | Q(pk=self.instance.organisation_id)
        )
        self.fields["reserve_for"].queryset = (
            Membership.objects.current()
            .filter(body=body)
            .exclude(role__in=[Role.NAMED_RESERVE, Role.SUPPORT, Role.OBSERVER])
            .select_related("person", "body")
        )
        self.fields["seat"].queryset = Seat.objects.current().filter(body=body)
        if not self.instance.pk:
            self.fields.pop("review_due_on")


class EndMembershipForm(GovukFormMixin, forms.Form):
    last_day = forms.DateField(label="Last day in the role")
    reason = forms.CharField(label="Reason", max_length=300)


class ReviewMembershipForm(GovukFormMixin, forms.Form):
    reviewed_on = forms.DateField(label="Reviewed on", initial=timezone.localdate)


class WithdrawalForm(GovukFormMixin, forms.Form):
    notice_received_on = forms.DateField(
        label="Written notice received on",
        error_messages={"required": "Enter the date the written notice was received"},
    )
    effective_on = forms.DateField(
        label="Last day as a partner", help_text="Its memberships and seats end on this day."
    )
    notice = forms.CharField(label="The written notice", widget=forms.Textarea(attrs={"rows": 5}))
    funding_arrangements = forms.CharField(
        label="How the funding it committed will be maintained",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The Agreement (18.3) asks for this in the notice.",
    )

    def clean(self):
        data = super().clean()
        received, effective = data.get("notice_received_on"), data.get("effective_on")
        if received and effective and effective < received:
            self.add_error("effective_on", "The last day as a partner must be on or after the day notice was received.")
        return data
