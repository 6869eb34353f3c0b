"""Every form with GovukFormMixin accepts dates from 1900 to 2999 only (issue 11)."""

import datetime

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting

from partnership.rendering import GovukFormMixin


class MeetingDateForm(GovukFormMixin, forms.Form):
    on = forms.DateField(label="Date of the meeting")
    until = forms.DateField(label="Until", required=False)


@pytest.mark.parametrize("value", ["9999-12-31", "3000-01-01", "1899-12-31", "0001-01-01"])
def test_a_date_beyond_the_years_forms_accept_is_refused(value):
    form = MeetingDateForm({"on": value})
    assert form.errors == {"on": ["Enter a date from 1 January 1900 to 31 December 2999."]}


@pytest.mark.parametrize("day", [datetime.date(1900, 1, 1), datetime.date(2999, 12, 31)])
def test_the_first_and_last_days_forms_accept_are_valid(day):
    form = MeetingDateForm({"on": day.isoformat()})
    assert form.errors == {}
    assert form.cleaned_data == {"on": day, "until": None}


def test_a_date_that_is_not_in_the_calendar_is_refused_as_before():
    form = MeetingDateForm({"on": "2024-02-30"})
    assert form.errors == {"on": ["Enter a valid date."]}


# Selects are written in Python (partnership.rendering.render_select), to the byte as Django's templates write them.


class _Options(forms.Form):
    plain = forms.ChoiceField(choices=[("", "Choose"), ("a", "Apple & <pear>"), ("b", '"Quoted"')], required=False)
    grouped = forms.ChoiceField(
        choices=[("Fruit", [("1", "Apple"), ("2", "Pear")]), ("Nuts", [("3", "Cob <nut>")]), ("4", "Other")]
    )
    numbers = forms.TypedChoiceField(choices=[(1, "One"), (2, "Two")], coerce=int, disabled=True)
    flagged = forms.ChoiceField(
        choices=[("x", "X")], widget=forms.Select(attrs={"data-flag": True, "data-off": False, "title": 'A "b" <c>'})
    )


def _render(bound, renderer):
    attrs = bound.build_widget_attrs({"id": bound.auto_id})
    return str(bound.field.widget.render(bound.html_name, bound.value(), attrs=attrs, renderer=renderer))


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"plain": "a", "grouped": "3", "numbers": "2", "flagged": "x"},
        {"plain": "<script>", "grouped": "4"},
    ],
)
def test_a_select_is_written_as_djangos_templates_write_it(data):
    from partnership.rendering import GovukFormRenderer

    form = _Options(data or None, renderer=GovukFormRenderer())
    for name in form.fields:
        assert _render(form[name], form.renderer) == _render(form[name], TemplatesSetting()), name
    if data.get("grouped") == "3":
        assert '<option value="3" selected>Cob &lt;nut&gt;</option>' in _render(form["grouped"], form.renderer)


def test_a_select_with_an_option_template_of_its_own_is_left_to_the_templates():
    from partnership.rendering import GovukFormRenderer, render_select

    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    widget = Custom(choices=[("a", "A")])
    assert render_select(widget.get_context("x", "a", {})["widget"]) is None
    html = widget.render("x", "a", renderer=GovukFormRenderer())
    assert 'name="x"' in html


class _Inputs(forms.Form):
    status = forms.ChoiceField(choices=[("p", "Present"), ("a", "Apologies <sent>")], widget=forms.RadioSelect)
    topics = forms.MultipleChoiceField(
        choices=[("h", "Housing"), ("t", 'Transport "plan"')], widget=forms.CheckboxSelectMultiple, required=False
    )
    note = forms.CharField(required=False, widget=forms.TextInput(attrs={"data-x": True, "placeholder": "<b>"}))
    on = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    email = forms.EmailField(required=False)
    count = forms.IntegerField(required=False, min_value=0)
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(required=False, widget=forms.HiddenInput)
    agree = forms.BooleanField(required=False)


@pytest.mark.parametrize(
    "data",
    [
        {},
        {
            "status": "a",
            "topics": ["h", "t"],
            "note": 'He said "<hi>"',
            "on": "2009-04-30",
            "email": "a@b.c",
            "count": "7",
            "secret": "<s>",
            "hidden": "&",
            "agree": "on",
        },
    ],
)
@pytest.mark.parametrize("wrap_label", [False, True])
def test_radios_checkboxes_and_inputs_are_written_as_djangos_templates_write_them(data, wrap_label):
    from partnership.rendering import GovukFormRenderer

    ours, theirs = (
        _Inputs(data or None, renderer=GovukFormRenderer()),
        _Inputs(data or None, renderer=TemplatesSetting()),
    )
    for name in ("status", "topics"):
        mine = [str(choice.tag(wrap_label=wrap_label)) for choice in ours[name]]
        django = [str(choice.tag(wrap_label=wrap_label)) for choice in theirs[name]]
        assert mine == django, name
    for name in ("note", "on", "email", "count", "secret", "hidden", "agree"):
        assert _render(ours[name], ours.renderer) == _render(theirs[name], theirs.renderer), name
