"""Forms for attendance: the list, support staff and visitors, and a named reserve. The actions check the rules again."""

from django import forms
from django.core.exceptions import ValidationError

from bodies.models import Membership, Role
from meetings.actions.minutes import SEAT_COUNTED_ONCE
from meetings.forms.fields import LabelledChoiceField
from meetings.minutes_text import join_names
from meetings.models import Attendance, AttendanceStatus, Capacity
from partnership.dates import british_date
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
                    # Nothing chosen for a row not yet recorded: saving asks for a choice for each person.
                    "status": row.status if row.recorded else None,
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


class ReserveForm(GovukFormMixin, forms.Form):
    member = LabelledChoiceField(
        label="Member they attend for",
        queryset=Attendance.objects.none(),
        empty_label="Choose a member",
        error_messages={"required": "Choose the member the reserve attends for"},
    )
    reserve = LabelledChoiceField(
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
