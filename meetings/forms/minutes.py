"""Forms for attendance and minutes. Each validates its input; the actions check the rules again."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from bodies.models import Membership, Role
from meetings.actions.minutes import SEAT_COUNTED_ONCE, chairs_between
from meetings.minutes_text import british_date, join_names
from meetings.models import (
    Action,
    ActionStatus,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Capacity,
    StandingRole,
)
from partnership.models import Person
from partnership.rendering import GovukFormMixin

# Attendance: one row per person, in a formset


class AttendanceRowForm(GovukFormMixin, forms.Form):
    """Present, apologies or absent, and late arrival or early departure, for one person."""

    attendance = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=AttendanceStatus.choices, widget=forms.RadioSelect)
    arrived_before_item = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)
    left_after_item = forms.TypedChoiceField(coerce=int, empty_value=None, required=False)

    def __init__(self, *args, row, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.row = row
        self.items = {item.pk: item for item in items}
        name = row.person.full_name
        self.name = name
        self.fields["status"].label = f"Attendance of {name}"
        self.fields["status"].error_messages["required"] = f"Choose present, apologies or absent for {name}"
        # Each control names the person, for those who cannot see the row it sits in.
        self.fields["arrived_before_item"].label = f"{name} arrived"
        self.fields["left_after_item"].label = f"{name} left"
        self.fields["arrived_before_item"].choices = [("", "At the start")] + [
            (item.pk, f"Before item {item.number}") for item in items
        ]
        self.fields["left_after_item"].choices = [("", "At the end")] + [
            (item.pk, f"After item {item.number}") for item in items
        ]

    def clean_attendance(self):
        value = self.cleaned_data["attendance"]
        if value != self.row.pk:
            raise ValidationError("The attendance list changed while you were editing it. Check it and save again.")
        return value

    def clean(self):
        data = super().clean()
        status = data.get("status")
        arrived = self.items.get(data.get("arrived_before_item"))
        left = self.items.get(data.get("left_after_item"))
        data["arrived"], data["left"] = arrived, left
        if status and status != AttendanceStatus.PRESENT:
            if arrived:
                self.add_error("arrived_before_item", f"{self.name} was not present, so cannot have arrived late")
            if left:
                self.add_error("left_after_item", f"{self.name} was not present, so cannot have left early")
        if arrived and left and left.number < arrived.number:
            self.add_error("left_after_item", f"{self.name} cannot leave before the item they arrived for")
        return data


class BaseAttendanceFormSet(forms.BaseFormSet):
    def __init__(self, *args, rows, items, **kwargs):
        self.rows = rows
        self.items = items
        kwargs.setdefault(
            "initial",
            [
                {
                    "attendance": row.pk,
                    "status": row.status,
                    "arrived_before_item": row.arrived_before_item_id,
                    "left_after_item": row.left_after_item_id,
                }
                for row in rows
            ],
        )
        super().__init__(*args, **kwargs)

    # One form per person listed, every one validated: the counts in the data cannot add, drop or skip anyone.
    def total_form_count(self):
        return len(self.rows)

    def initial_form_count(self):
        return len(self.rows)

    def get_form_kwargs(self, index):
        return {"row": self.rows[index], "items": self.items}

    def clean(self):
        if any(self.errors):
            return
        present = {}
        for form in self.forms:
            row = form.row
            if form.cleaned_data.get("status") == AttendanceStatus.PRESENT and row.membership_id:
                present.setdefault(row.membership_id, []).append(form)
        for forms_in_seat in present.values():
            if len(forms_in_seat) > 1:
                names = join_names([form.name for form in forms_in_seat])
                # The error goes on the reserve's row: the one standing in.
                target = next((f for f in forms_in_seat if f.row.capacity == Capacity.RESERVE), forms_in_seat[-1])
                target.add_error(
                    "status",
                    f"{names} cannot both be present in one seat. {SEAT_COUNTED_ONCE}: "
                    "record one of them as absent or sending apologies",
                )

    def changes(self):
        return [
            (form.row, form.cleaned_data["status"], form.cleaned_data["arrived"], form.cleaned_data["left"])
            for form in self.forms
        ]


AttendanceFormSet = forms.formset_factory(AttendanceRowForm, formset=BaseAttendanceFormSet, extra=0)


class AddAttendeeForm(GovukFormMixin, forms.Form):
    capacity = forms.ChoiceField(
        label="Attending as",
        choices=[(Capacity.SUPPORT, "Support staff"), (Capacity.VISITOR, "Visitor")],
        widget=forms.RadioSelect,
    )
    person = forms.ModelChoiceField(
        label="Someone in the records",
        queryset=Person.objects.none(),
        required=False,
        empty_label="Choose a person",
    )
    name = forms.CharField(
        label="Or the name of someone new",
        max_length=200,
        required=False,
        help_text="They are added to the records with just their name.",
    )
    role_shown = forms.CharField(
        label="Role", max_length=200, required=False, help_text="For example: Scrutiny officer."
    )
    organisation_shown = forms.CharField(label="Organisation", max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.order_by("name", "pk")

    def clean(self):
        data = super().clean()
        person, name = data.get("person"), (data.get("name") or "").strip()
        if person and name:
            self.add_error("name", "Choose someone in the records or give a new name, not both")
        elif not person and not name and "person" not in self.errors:
            self.add_error("person", "Choose someone in the records, or give the name of someone new")
        return data


class _LabelledChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.labels = labels or {}

    def label_from_instance(self, obj):
        return self.labels.get(obj.pk) or str(obj)


class ReserveForm(GovukFormMixin, forms.Form):
    member = _LabelledChoiceField(
        label="Member they attend for",
        queryset=Attendance.objects.none(),
        empty_label="Choose a member",
        error_messages={"required": "Choose the member the reserve attends for"},
    )
    reserve = _LabelledChoiceField(
        label="Named reserve attending",
        queryset=Person.objects.none(),
        empty_label="Choose the reserve",
        error_messages={"required": "Choose the named reserve who attended"},
    )

    def __init__(self, *args, meeting, date, **kwargs):
        super().__init__(*args, **kwargs)
        members = list(
            Attendance.objects.filter(meeting=meeting, capacity=Capacity.MEMBER, membership__isnull=False)
            .select_related("person")
            .order_by("person__name", "pk")
        )
        self.fields["member"].queryset = Attendance.objects.filter(pk__in=[row.pk for row in members])
        self.fields["member"].labels = {
            row.pk: f"{row.person.full_name} ({row.get_status_display().lower()})" for row in members
        }
        reserves = (
            Membership.objects.on(date)
            .filter(body_id=meeting.body_id, role=Role.NAMED_RESERVE)
            .select_related("person", "reserve_for__person")
            .order_by("person__name", "pk")
        )
        stands_in_for = {}
        for membership in reserves:
            stands_in_for.setdefault(membership.person, []).append(membership.reserve_for.person.full_name)
        self.fields["reserve"].queryset = Person.objects.filter(pk__in=[p.pk for p in stands_in_for]).order_by(
            "name", "pk"
        )
        self.fields["reserve"].labels = {
            person.pk: f"{person.full_name} (named reserve for {join_names(names)})"
            for person, names in stands_in_for.items()
        }
        if not stands_in_for:
            self.fields["reserve"].help_text = f"Nobody is a named reserve on this body on {british_date(date)}."


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
    at_item = _LabelledChoiceField(
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

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError("The password is not right. Enter the password you sign in with")
        return password


class PaperSignatureForm(GovukFormMixin, forms.Form):
    """Who signed the paper copy of the minutes, and on which day: from the paper record."""

    signed_by = _LabelledChoiceField(
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
