"""A member's reply to a meeting: one question, with each named reserve as an answer of its own.

The action (meetings.actions.replies) checks the rules again: the deadline, the seat, the reserve.
"""

from django import forms
from django.core.exceptions import ValidationError

from meetings.models import MeetingReply, ReplyAnswer
from partnership.rendering import GovukFormMixin

RESERVE_PREFIX = "reserve-"


class ReplyForm(GovukFormMixin, forms.Form):
    choice = forms.ChoiceField(
        label="Will you attend?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you will attend, send apologies or name your reserve"},
    )
    note = forms.CharField(
        label="A note for the secretariat",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, why you cannot come. The secretariat and the chair read it; it is not minuted.",
    )

    def __init__(self, *args, reserves, reply: MeetingReply | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.reserves = {reserve.pk: reserve for reserve in reserves}
        choices = [
            (ReplyAnswer.ATTENDING, "I will attend"),
            (ReplyAnswer.APOLOGIES, "I send my apologies"),
        ]
        choices += [
            (
                f"{RESERVE_PREFIX}{reserve.pk}",
                f"I send my apologies, and my named reserve, {reserve.person.full_name}, will attend in my place",
            )
            for reserve in reserves
        ]
        if not reserves:
            choices.append(
                (
                    ReplyAnswer.RESERVE_WANTED,
                    "I send my apologies. I have no named reserve: ask the secretariat to add one",
                )
            )
            self.fields[
                "choice"
            ].help_text = (
                "You have no named reserve for this meeting. Your organisation can name one through the secretariat."
            )
        self.fields["choice"].choices = choices
        if reply is not None and not self.is_bound:
            self.initial.setdefault("note", reply.note)
            if reply.answer == ReplyAnswer.RESERVE and reply.reserve_id:
                self.initial.setdefault("choice", f"{RESERVE_PREFIX}{reply.reserve_id}")
            else:
                self.initial.setdefault("choice", reply.answer)

    def clean(self):
        data = super().clean()
        choice = data.get("choice") or ""
        data["reserve"] = None
        if choice.startswith(RESERVE_PREFIX):
            key = choice.removeprefix(RESERVE_PREFIX)
            reserve = self.reserves.get(int(key)) if key.isdigit() else None
            if reserve is None:
                raise ValidationError("Choose a named reserve from the list")
            data["answer"], data["reserve"] = ReplyAnswer.RESERVE, reserve
        else:
            data["answer"] = choice
        return data

    def reply(self) -> dict:
        """The action's keyword arguments."""
        data = self.cleaned_data
        return {"answer": data["answer"], "reserve": data["reserve"], "note": data["note"]}
