"""Forms for the minutes: drafting, approval, signing and correction. Each validates its input; the actions check the rules again."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from meetings.actions.minutes import chairs_between
from meetings.forms.fields import LabelledChoiceField
from meetings.minutes_text import join_names
from meetings.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    CastingVote,
    StandingRole,
    VoteWay,
)
from meetings.votes import voter_name
from partnership import mfa
from partnership.dates import british_date
from partnership.mfa_forms import second_factor_code_field
from partnership.models import Person
from partnership.rendering import GovukFormMixin

# Minutes, item by item


class DiscussionForm(GovukFormMixin, forms.Form):
    discussion = forms.CharField(
        label="Discussion",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="What was said, in the words of the minutes. Separate paragraphs with a blank line.",
    )


class DecisionForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label="Decision",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Decisions are numbered through the meeting in the order of the items.",
        error_messages={"required": "Enter the decision"},
    )


class ActionForm(GovukFormMixin, forms.Form):
    text = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 3}))
    owners = forms.ModelMultipleChoiceField(
        label="Owners", queryset=Person.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    owner_note = forms.CharField(
        label="Other owners",
        max_length=200,
        required=False,
        help_text="Owners not listed above, for example: all partners, or the Head of Legal.",
    )
    due_on = forms.DateField(label="Due by", required=False)
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices, initial=ActionStatus.OPEN)

    def __init__(self, *args, meeting, action: Action | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        listed = Attendance.objects.filter(meeting=meeting, status=AttendanceStatus.PRESENT).values("person_id")
        owners = Person.objects.filter(pk__in=listed)
        if action is not None and action.pk:
            owners = owners | Person.objects.filter(actions=action)
        self.fields["owners"].queryset = owners.distinct().order_by("name", "pk")
        self.fields["owners"].help_text = "Those present at the meeting."

    def clean(self):
        data = super().clean()
        if not data.get("owners") and not (data.get("owner_note") or "").strip() and "owners" not in self.errors:
            self.add_error("owners", "Say who owns the action: choose people, or describe the owners")
        return data


# Approval, signing and correction


class ApproveForm(GovukFormMixin, forms.Form):
    at_item = LabelledChoiceField(
        label="Approved at",
        queryset=AgendaItem.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the meeting that approved the minutes"},
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        items = list(
            AgendaItem.objects.filter(
                meeting__body_id=meeting.body_id,
                meeting__starts_at__gt=meeting.starts_at,
                standing_role=StandingRole.PREVIOUS_MINUTES,
            )
            .select_related("meeting")
            .order_by("meeting__starts_at", "number")
        )
        self.fields["at_item"].queryset = AgendaItem.objects.filter(pk__in=[item.pk for item in items])
        self.fields["at_item"].labels = {
            item.pk: f"The meeting of {british_date(timezone.localdate(item.meeting.starts_at))}, item {item.number}: {item.title}"
            for item in items
        }
        if not items:
            self.fields[
                "at_item"
            ].help_text = "No later meeting of the body has an item for the minutes of the previous meeting yet."


class SignForm(GovukFormMixin, forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput,
        help_text="Enter your password again to confirm that you are signing these minutes.",
    )
    autocomplete = {"password": "current-password"}

    def __init__(self, *args, user, passkey=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Whether the chair confirmed themselves with a passkey a moment ago (partnership.passkeys.take_step_up).
        self.passkey = passkey
        # What confirmed the chair: the password alone, or with a code from their authenticator app, or a passkey
        # (partnership.mfa).
        self.signed_with = mfa.Method.PASSWORD
        if mfa.authenticator_of(user) is not None:
            self.fields["code"] = second_factor_code_field()
            self.fields["code"].widget.attrs["autocomplete"] = "one-time-code"

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError("The password is not right. Enter the password you sign in with")
        return password

    def clean(self):
        cleaned = super().clean()
        # The code is checked (and a recovery code used up) only once the password is right.
        if self.passkey and "password" in cleaned and mfa.has_second_factor(self.user):
            self.signed_with = mfa.Method.WEBAUTHN
        elif "code" not in self.fields and "password" in cleaned and mfa.has_second_factor(self.user):
            self.add_error(None, "Use your passkey to confirm it is you, then sign the minutes")
        elif "code" in self.fields and "password" in cleaned:
            code = cleaned.get("code", "")
            if not code.strip():
                self.add_error("code", "Enter the code from your authenticator app, or a recovery code")
            else:
                check = mfa.verify_code(self.user, code)
                if check.ok:
                    self.signed_with = check.method
                elif check.throttled:
                    self.add_error("code", "Too many wrong codes in a row. Wait a minute, then try again")
                else:
                    self.add_error("code", "The code is not right. Enter the code your app shows now")
        return cleaned


class PaperSignatureForm(GovukFormMixin, forms.Form):
    """Who signed the paper copy of the minutes, and on which day: from the paper record."""

    signed_by = LabelledChoiceField(
        label="Who signed the minutes",
        queryset=Person.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who signed the minutes"},
    )
    signed_on = forms.DateField(
        label="Date of the signature",
        error_messages={
            "required": "Enter the date the minutes were signed",
            "invalid": "Enter the date the minutes were signed as a real date, for example 30 July 2009",
        },
    )

    def __init__(self, *args, minutes, **kwargs):
        super().__init__(*args, **kwargs)
        self.minutes = minutes
        today = timezone.localdate()
        self.approved_on = minutes.approved_on or today
        memberships = list(
            chairs_between(minutes.meeting.body_id, self.approved_on, today)
            .select_related("person")
            .order_by("start", "pk")
        )
        held = {}
        for membership in memberships:
            until = f" to {british_date(membership.end)}" if membership.end else ""
            held.setdefault(membership.person, []).append(
                f"{membership.get_role_display().lower()} from {british_date(membership.start)}{until}"
            )
        self.fields["signed_by"].queryset = Person.objects.filter(pk__in=[p.pk for p in held]).order_by("name", "pk")
        self.fields["signed_by"].labels = {
            person.pk: f"{person.full_name} ({join_names(roles)})" for person, roles in held.items()
        }
        self.fields["signed_by"].help_text = (
            "The chair or vice chair of the body on the day they signed."
            if held
            else "Nobody has been chair or vice chair of the body since the minutes were approved."
        )
        self.fields["signed_on"].help_text = (
            f"As the paper copy gives it: not before the approval on {british_date(self.approved_on)}, "
            "and not after today."
        )

    def clean_signed_on(self):
        signed_on = self.cleaned_data["signed_on"]
        if signed_on > timezone.localdate():
            raise ValidationError("The date of the signature cannot be in the future")
        if signed_on < self.approved_on:
            raise ValidationError(
                f"The minutes were approved on {british_date(self.approved_on)}: "
                "they cannot have been signed before that"
            )
        return signed_on


class CorrectionForm(GovukFormMixin, forms.Form):
    item = forms.ModelChoiceField(label="Item", queryset=AgendaItem.objects.none(), empty_label="Choose an item")
    new_discussion = forms.CharField(
        label="Corrected discussion",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="The whole text of the item's discussion, as it should read.",
    )
    reason = forms.CharField(
        label="Reason for the correction",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown with the correction, with who made it and when.",
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = AgendaItem.objects.filter(meeting=meeting).order_by("number")


# Recorded votes


class VotesForm(GovukFormMixin, forms.Form):
    """How each seat present for the item voted: a row of radios per voter; the chair's casting vote on a tie."""

    def __init__(self, *args, voters, **kwargs):
        super().__init__(*args, **kwargs)
        self.voters = list(voters)
        for row in self.voters:
            name = voter_name(row)
            self.fields[f"vote_{row.pk}"] = forms.ChoiceField(
                label=name,
                choices=VoteWay.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Say how {row.person.full_name} voted"},
            )
        self.fields["casting_vote"] = forms.ChoiceField(
            label="The chair's casting vote",
            choices=[("", "No casting vote"), *CastingVote.choices],
            required=False,
            widget=forms.RadioSelect,
            help_text="Only where the votes for and against are tied. A tie without one is not carried.",
        )

    def voter_fields(self):
        return [self[f"vote_{row.pk}"] for row in self.voters]

    def clean(self):
        data = super().clean()
        ways = [data.get(f"vote_{row.pk}") for row in self.voters]
        if data.get("casting_vote") and None not in ways and ways.count(VoteWay.FOR) != ways.count(VoteWay.AGAINST):
            self.add_error("casting_vote", "The chair gives a casting vote only when the votes are tied")
        return data

    @property
    def ways(self) -> dict[int, str]:
        return {row.pk: self.cleaned_data[f"vote_{row.pk}"] for row in self.voters}
