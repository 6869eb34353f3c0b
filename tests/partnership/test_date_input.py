"""Every date is typed as day, month and year in GOV.UK's date input (issue 15).

partnership.date_input reads the three boxes (or an ISO date from a link) and
says what is wrong in the Design System's words; templates/forms/govuk_field.html
shows the boxes in a fieldset, with only the boxes at fault marked.
"""

import datetime
from html.parser import HTMLParser

import pytest
from django import forms

from partnership.date_input import DateParts, GovukDateInput, date_given
from partnership.rendering import DATE_HINT, GovukFormMixin


class MeetingForm(GovukFormMixin, forms.Form):
    on = forms.DateField(label="Date of the meeting")
    until = forms.DateField(label="Until", required=False, help_text="The last day of the period.")


def typed(day="", month="", year="", name="on"):
    return {f"{name}-day": day, f"{name}-month": month, f"{name}-year": year}


def cleaned(form):
    assert form.is_valid(), form.errors
    return form.cleaned_data


# Reading what was typed


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("30", "4", "2009", datetime.date(2009, 4, 30)),
        ("01", "04", "2009", datetime.date(2009, 4, 1)),
        (" 7 ", " 12 ", " 2026 ", datetime.date(2026, 12, 7)),
        ("29", "2", "2028", datetime.date(2028, 2, 29)),
        ("3", "Jan", "2026", datetime.date(2026, 1, 3)),
        ("3", "september", "2026", datetime.date(2026, 9, 3)),
        ("3", "Sept", "2026", datetime.date(2026, 9, 3)),
    ],
)
def test_a_whole_date_is_read_from_its_three_boxes(day, month, year, expected):
    form = MeetingForm(typed(day, month, year))
    assert form.errors == {}
    assert form.cleaned_data == {"on": expected, "until": None}


def test_an_iso_date_is_read_when_the_boxes_are_absent():
    # Links such as ?from=2026-01-01, and scripts, give the date whole.
    form = MeetingForm({"on": "2026-01-05", "until": "2026-02-01"})
    assert form.errors == {}
    assert form.cleaned_data == {"on": datetime.date(2026, 1, 5), "until": datetime.date(2026, 2, 1)}


def test_the_boxes_win_over_an_iso_date_given_as_well():
    form = MeetingForm({"on": "2026-01-05", **typed("6", "1", "2026")})
    assert cleaned(form)["on"] == datetime.date(2026, 1, 6)


def test_an_iso_date_that_is_not_in_the_calendar_keeps_the_fields_own_message():
    form = MeetingForm({"on": "2024-02-30"})
    assert form.errors == {"on": ["Enter a valid date."]}


def test_nothing_typed_in_a_required_date_says_enter_the_date():
    assert MeetingForm(typed()).errors == {"on": ["Enter the date of the meeting"]}
    assert MeetingForm({}).errors == {"on": ["Enter the date of the meeting"]}


def test_nothing_typed_in_an_optional_date_is_no_date():
    form = MeetingForm({**typed("1", "2", "2026"), **typed(name="until")})
    assert form.errors == {}
    assert form.cleaned_data["until"] is None


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "4", "2009"), "Date of the meeting must include a day"),
        (("30", "", "2009"), "Date of the meeting must include a month"),
        (("30", "4", ""), "Date of the meeting must include a year"),
        (("", "", "2009"), "Date of the meeting must include a day and month"),
        (("", "4", ""), "Date of the meeting must include a day and year"),
        (("30", "", ""), "Date of the meeting must include a month and year"),
    ],
)
def test_a_missing_part_is_named(parts, message):
    assert MeetingForm(typed(*parts)).errors == {"on": [message]}


@pytest.mark.parametrize(
    "parts",
    [
        ("31", "2", "2026"),
        ("29", "2", "2026"),
        ("31", "4", "2026"),
        ("32", "1", "2026"),
        ("0", "1", "2026"),
        ("1", "13", "2026"),
        ("1", "0", "2026"),
        ("x", "1", "2026"),
        ("1", "Smarch", "2026"),
        ("1.5", "1", "2026"),
        ("1", "1", "20x6"),
        ("²", "1", "2026"),
        ("١", "1", "2026"),
        ("1\x00", "1", "2026"),
        ("1", "1", "0000"),
        ("9" * 5000, "1", "2026"),
    ],
)
def test_a_date_that_cannot_be_is_not_a_real_date(parts):
    assert MeetingForm(typed(*parts)).errors == {"on": ["Date of the meeting must be a real date"]}


@pytest.mark.parametrize("year", ["26", "226", "20266"])
def test_a_year_must_have_four_numbers(year):
    assert MeetingForm(typed("1", "2", year)).errors == {
        "on": ["Date of the meeting must include a year with 4 numbers"]
    }


@pytest.mark.parametrize("parts", [("31", "12", "1899"), ("1", "1", "3000"), ("1", "1", "0999")])
def test_a_date_beyond_the_years_forms_accept_is_refused(parts):
    assert MeetingForm(typed(*parts)).errors == {"on": ["Enter a date from 1 January 1900 to 31 December 2999."]}


@pytest.mark.parametrize(("parts", "day"), [(("1", "1", "1900"), (1900, 1, 1)), (("31", "12", "2999"), (2999, 12, 31))])
def test_the_first_and_last_days_forms_accept_are_valid(parts, day):
    assert cleaned(MeetingForm(typed(*parts)))["on"] == datetime.date(*day)


def test_a_form_may_say_what_is_missing_in_its_own_words():
    class WithdrawalForm(GovukFormMixin, forms.Form):
        notice_received_on = forms.DateField(
            label="Written notice received on",
            error_messages={
                "required": "Enter the date the written notice was received",
                "incomplete": "The date the notice was received must include a %(missing)s",
            },
        )

    assert WithdrawalForm(typed(name="notice_received_on")).errors == {
        "notice_received_on": ["Enter the date the written notice was received"]
    }
    assert WithdrawalForm(typed("3", name="notice_received_on")).errors == {
        "notice_received_on": ["The date the notice was received must include a month and year"]
    }
    assert WithdrawalForm(typed("3", "13", "2026", name="notice_received_on")).errors == {
        "notice_received_on": ["Written notice received on must be a real date"]
    }


def test_a_form_may_name_a_date_whose_label_reads_badly_in_a_message():
    class Range(GovukFormMixin, forms.Form):
        date_names = {"to": "The end of the range"}
        since = forms.DateField(label="From")
        to = forms.DateField(label="To")

    form = Range({**typed("1", "2", "2026", name="since"), **typed("1", "", "2026", name="to")})
    assert form.errors == {"to": ["The end of the range must include a month"]}
    form = Range({**typed("1", "", "2026", name="since"), **typed("1", "2", "26", name="to")})
    assert form.errors == {
        "since": ["From must include a month"],
        "to": ["The end of the range must include a year with 4 numbers"],
    }


@pytest.mark.parametrize(
    ("parts", "faults"),
    [
        (("", "", ""), ()),
        (("1", "2", "2026"), ()),
        (("", "2", "2026"), ("day",)),
        (("1", "", ""), ("month", "year")),
        (("1", "13", "2026"), ("month",)),
        (("x", "13", "2026"), ("day", "month")),
        (("1", "2", "26"), ("year",)),
        (("31", "2", "2026"), ("day", "month", "year")),
    ],
)
def test_only_the_parts_at_fault_are_named(parts, faults):
    assert DateParts(*parts).faults == faults


@pytest.mark.parametrize(
    ("data", "given"),
    [({}, False), ({"page": "2"}, False), ({"on": ""}, True), ({"on-year": "2026"}, True), ({"on-day": ""}, True)],
)
def test_a_date_is_given_whole_or_in_parts(data, given):
    assert date_given(data, "on") is given


def test_a_date_given_in_neither_form_is_omitted_from_the_data():
    widget = GovukDateInput()
    assert widget.value_omitted_from_data({}, {}, "on") is True
    assert widget.value_omitted_from_data({"on-month": ""}, {}, "on") is False
    assert widget.value_omitted_from_data({"on": "2026-01-01"}, {}, "on") is False


def test_every_date_field_of_a_form_with_the_mixin_gets_the_boxes():
    class Filters(GovukFormMixin, forms.Form):
        since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date", "data-x": "y"}))
        hidden = forms.DateField(required=False, widget=forms.HiddenInput)

    form = Filters()
    assert isinstance(form.fields["since"].widget, GovukDateInput)
    assert form.fields["since"].widget.attrs == {"data-x": "y"}
    assert isinstance(form.fields["hidden"].widget, forms.HiddenInput)
    assert cleaned(Filters({"hidden": "2026-01-01"}))["hidden"] == datetime.date(2026, 1, 1)


# Rendering


class _Elements(HTMLParser):
    """Each element as (tag, attributes, its own text), in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self._open = [], []

    def handle_starttag(self, tag, attrs):
        element = (tag, dict(attrs), [])
        self.elements.append(element)
        if tag != "input":
            self._open.append(element)

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            self._open.pop()

    def handle_data(self, data):
        for element in self._open:
            element[2].append(data)


def elements(html):
    parser = _Elements()
    parser.feed(str(html))
    return [(tag, attrs, " ".join("".join(text).split())) for tag, attrs, text in parser.elements]


def one(html, tag, **attrs):
    found = [e for e in elements(html) if e[0] == tag and all(e[1].get(k) == v for k, v in attrs.items())]
    assert len(found) == 1, (tag, attrs, found)
    return found[0]


def inputs(html):
    return {attrs["name"]: attrs for tag, attrs, _text in elements(html) if tag == "input"}


def classes(attrs):
    return attrs["class"].split()


def test_a_date_is_a_fieldset_with_a_legend_a_hint_and_three_labelled_boxes():
    html = MeetingForm()["on"].as_field_group()
    _tag, fieldset, _text = one(html, "fieldset")
    assert fieldset == {"class": "govuk-fieldset", "role": "group", "aria-describedby": "id_on-hint"}
    assert one(html, "legend")[2] == "Date of the meeting"
    assert one(html, "div", id="id_on-hint")[2] == DATE_HINT == "For example, 27 3 2026"
    assert one(html, "div", id="id_on")[1]["class"] == "govuk-date-input"
    boxes = inputs(html)
    assert list(boxes) == ["on-day", "on-month", "on-year"]
    for part, width in (("day", 2), ("month", 2), ("year", 4)):
        box = boxes[f"on-{part}"]
        assert box["id"] == f"id_on-{part}"
        assert box["type"] == "text"
        assert box["inputmode"] == "numeric"
        assert "autocomplete" not in box
        assert classes(box) == ["govuk-input", "govuk-date-input__input", f"govuk-input--width-{width}"]
        assert one(html, "label", **{"for": f"id_on-{part}"})[2] == part.capitalize()
    assert "govuk-date-input__label" in classes(one(html, "label", **{"for": "id_on-day"})[1])


def test_an_optional_date_says_so_and_keeps_its_own_hint():
    html = MeetingForm()["until"].as_field_group()
    assert one(html, "legend")[2] == "Until (optional)"
    assert one(html, "div", id="id_until-hint")[2] == "The last day of the period."


def test_a_date_is_shown_in_its_boxes_without_leading_zeros():
    form = MeetingForm(initial={"on": datetime.date(2009, 4, 3)})
    boxes = inputs(form["on"].as_field_group())
    assert [boxes[f"on-{part}"]["value"] for part in ("day", "month", "year")] == ["3", "4", "2009"]
    boxes = inputs(MeetingForm({"on": "2026-01-05"})["on"].as_field_group())
    assert [boxes[f"on-{part}"]["value"] for part in ("day", "month", "year")] == ["5", "1", "2026"]


def test_what_was_typed_is_shown_again_as_typed():
    form = MeetingForm(typed("31", "Feb", "2026"))
    assert not form.is_valid()
    boxes = inputs(form["on"].as_field_group())
    assert [boxes[f"on-{part}"]["value"] for part in ("day", "month", "year")] == ["31", "Feb", "2026"]
    boxes = inputs(MeetingForm({"on": "2024-02-30"})["on"].as_field_group())
    assert [boxes[f"on-{part}"]["value"] for part in ("day", "month", "year")] == ["30", "02", "2024"]


def test_a_missing_part_marks_only_its_box_and_the_summary_links_to_it():
    form = MeetingForm(typed("30", "", "2009"))
    html = form["on"].as_field_group()
    assert "govuk-form-group--error" in classes(elements(html)[0][1])
    assert one(html, "fieldset")[1]["aria-describedby"] == "id_on-hint id_on-error"
    assert one(html, "p", id="id_on-error")[2] == "Error: Date of the meeting must include a month"
    marked = {name for name, box in inputs(html).items() if "govuk-input--error" in classes(box)}
    assert marked == {"on-month"}
    assert form["on"].anchor_id == "id_on-month"


def test_two_missing_parts_mark_both_and_the_summary_links_to_the_first():
    form = MeetingForm(typed("30"))
    marked = {name for name, box in inputs(form["on"].as_field_group()).items() if "govuk-input--error" in classes(box)}
    assert marked == {"on-month", "on-year"}
    assert form["on"].anchor_id == "id_on-month"


@pytest.mark.parametrize(
    "data",
    [typed("31", "2", "2026"), typed("1", "1", "3000"), typed(), {"on": "2024-02-30"}],
)
def test_a_date_wrong_as_a_whole_marks_all_three_boxes(data):
    form = MeetingForm(data)
    marked = {name for name, box in inputs(form["on"].as_field_group()).items() if "govuk-input--error" in classes(box)}
    assert marked == {"on-day", "on-month", "on-year"}
    assert form["on"].anchor_id == "id_on-day"


def test_an_error_from_the_form_marks_all_three_boxes():
    class Period(GovukFormMixin, forms.Form):
        since = forms.DateField(label="From")
        until = forms.DateField(label="To")

        def clean(self):
            data = super().clean()
            if data.get("since") and data.get("until") and data["until"] < data["since"]:
                self.add_error("until", "The end of the period must not be before its start.")
            return data

    form = Period({**typed("2", "1", "2026", name="since"), **typed("1", "1", "2026", name="until")})
    assert form.errors == {"until": ["The end of the period must not be before its start."]}
    marked = {
        name for name, box in inputs(form["until"].as_field_group()).items() if "govuk-input--error" in classes(box)
    }
    assert marked == {"until-day", "until-month", "until-year"}
    assert not any("govuk-input--error" in classes(box) for box in inputs(form["since"].as_field_group()).values())


def test_the_error_summary_links_to_the_first_box_at_fault(rf):
    from django.template.loader import render_to_string

    form = MeetingForm(typed("30", "", "2009"))
    form.is_valid()
    html = render_to_string("includes/error_summary.html", {"form": form}, request=rf.get("/"))
    assert one(html, "a", href="#id_on-month")[2] == "Date of the meeting must include a month"


def test_a_birth_date_would_get_the_bday_tokens():
    class Born(GovukFormMixin, forms.Form):
        autocomplete = {"born_on": "bday"}
        born_on = forms.DateField(label="Date of birth")

    boxes = inputs(Born()["born_on"].as_field_group())
    assert [box["autocomplete"] for box in boxes.values()] == ["bday-day", "bday-month", "bday-year"]


def test_a_form_with_prefixes_names_the_boxes_after_the_prefixed_name():
    form = MeetingForm({**typed("1", "2", "2026", name="row-on")}, prefix="row")
    assert form.errors == {}
    assert list(inputs(form["on"].as_field_group())) == ["row-on-day", "row-on-month", "row-on-year"]


@pytest.mark.django_db
def test_a_page_that_binds_its_form_only_when_given_a_date_sees_the_boxes(client):
    from django.urls import reverse

    # The Agreement in force on a day: bound by ?on=YYYY-MM-DD from links, or by the boxes of its own form.
    response = client.get(reverse("agreement"), {"on-day": "1", "on-month": "13", "on-year": "2010"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"on": ["The text in force on must be a real date"]}
    response = client.get(reverse("agreement"), {"on-day": "1", "on-month": "6", "on-year": "2010"})
    assert response.status_code == 200
    assert response.context["on"] == datetime.date(2010, 6, 1)
