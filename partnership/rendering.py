"""Render Django forms as GOV.UK Frontend form groups.

A form opts in by putting the mixin first::

    class OrganisationForm(GovukFormMixin, forms.ModelForm):
        autocomplete = {"email": "email"}  # optional: field name -> token

and its template shows the error summary above the form::

    {% include "includes/error_summary.html" %}
    <form method="post" novalidate>
      {% csrf_token %}
      {{ form }}
      <button class="govuk-button" data-module="govuk-button">Save</button>
    </form>

`{{ form.name.as_field_group }}` renders one field the same way, for pages
that lay fields out themselves. The renderer (settings.FORM_RENDERER) also
hands GovukBoundField to forms without the mixin, such as Django's own auth
forms, so `{{ form }}` works for them too; only the mixin's changes to widgets
(dates typed as day, month and year, autocomplete) need the mixin.
"""

import datetime
from functools import cached_property

from django import forms
from django.forms.boundfield import BoundField, BoundWidget
from django.forms.renderers import TemplatesSetting
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

from partnership.date_input import PARTS, GovukDateInput, read_parts_into, shown
from partnership.dates import british_date

# The GOV.UK class each kind of widget gets, and the one added on error.
_CLASSES = {
    "input": ("govuk-input", "govuk-input--error"),
    "password": ("govuk-input govuk-password-input__input govuk-js-password-input-input", "govuk-input--error"),
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
    "checkbox": ("govuk-checkboxes__input", ""),
    "radios": ("govuk-radios__input", ""),
    "checkboxes": ("govuk-checkboxes__input", ""),
}


class GovukBoundField(BoundField):
    """A bound field that knows the GOV.UK markup around its widget.

    Rendering it with `{{ field }}` or `as_widget()` is unchanged (so the
    admin is unaffected); templates/forms/govuk_field.html uses the
    properties below.
    """

    @cached_property
    def widget_kind(self):
        """Say which GOV.UK component renders the widget."""
        widget = self.field.widget
        # Order matters: CheckboxSelectMultiple is a RadioSelect, and
        # CheckboxInput, FileInput and HiddenInput are Inputs.
        kinds = [
            (GovukDateInput, "date"),
            (forms.HiddenInput, "hidden"),
            (forms.MultipleHiddenInput, "hidden"),
            (forms.CheckboxSelectMultiple, "checkboxes"),
            (forms.RadioSelect, "radios"),
            (forms.CheckboxInput, "checkbox"),
            (forms.FileInput, "file"),
            (forms.PasswordInput, "password"),
            (forms.widgets.Input, "input"),
            (forms.Textarea, "textarea"),
            (forms.Select, "select"),
        ]
        for widget_class, kind in kinds:
            if isinstance(widget, widget_class):
                return kind
        return "other"

    @property
    def _base_id(self):
        return self.auto_id or self.html_name

    @property
    def hint_id(self):
        return f"{self._base_id}-hint"

    @property
    def error_id(self):
        return f"{self._base_id}-error"

    @property
    def described_by(self):
        """Return the ids of the hint and the error message, as GOV.UK orders them."""
        ids = [self.field.widget.attrs.get("aria-describedby", "")]
        if self.help_text:
            ids.append(self.hint_id)
        if self.errors:
            ids.append(self.error_id)
        return " ".join(i for i in ids if i)

    @property
    def anchor_id(self):
        """Return the id of the input the error summary links to: a radio's first choice, a date's first box at fault."""
        if self.widget_kind == "date":
            faults = self.date_parts.shown_faults
            return f"{self._base_id}-{faults[0] if faults else PARTS[0]}"
        if self.widget_kind in ("radios", "checkboxes"):
            choices = self.govuk_choices
            if choices:
                return choices[0].id_for_label
        return self.id_for_label or self.auto_id

    def _govuk_attrs(self):
        base, error = _CLASSES.get(self.widget_kind, ("", ""))
        classes = [self.field.widget.attrs.get("class", ""), base, error if self.errors else ""]
        attrs = {"class": " ".join(c for c in classes if c)}
        if self.widget_kind == "password" or isinstance(self.field.widget, forms.EmailInput):
            attrs["spellcheck"] = "false"
            attrs["autocapitalize"] = "none"
        return attrs

    @property
    def govuk_widget(self):
        """Render the widget with GOV.UK classes and aria-describedby."""
        attrs = self._govuk_attrs()
        if self.described_by and not self.use_fieldset:
            attrs["aria-describedby"] = self.described_by
        if self.widget_kind == "date":
            return self._date_input(attrs)
        return self.as_widget(attrs=attrs)

    @cached_property
    def date_parts(self):
        """Return what a date input shows: the parts as typed (or of the date), and the boxes at fault."""
        return shown(self.value(), bool(self.errors))

    def _date_input(self, attrs):
        # as_widget, but with the boxes at fault, which only the bound field knows (it has the errors).
        widget = self.field.widget
        attrs = self.build_widget_attrs(attrs, widget)
        if self.auto_id and "id" not in widget.attrs:
            attrs.setdefault("id", self.auto_id)
        return widget.render(name=self.html_name, value=self.date_parts, attrs=attrs, renderer=self.form.renderer)

    @cached_property
    def govuk_choices(self):
        """Return one BoundWidget per radio or checkbox, with GOV.UK classes.

        Each renders its <input> with `{{ choice.tag }}`; its label is
        `choice.choice_label`, for `choice.id_for_label`.
        """
        widget = self.field.widget
        attrs = self._govuk_attrs()
        attrs["id"] = widget.attrs.get("id") or self.auto_id
        attrs = self.build_widget_attrs(attrs)
        return [
            BoundWidget(widget, data, self.form.renderer)
            for data in widget.subwidgets(self.html_name, self.value(), attrs=attrs)
        ]


# The Design System's hint for a date typed in three boxes, in its own order of day, month and year.
DATE_HINT = "For example, 27 3 2026"


class GovukFormMixin:
    """Give a form GOV.UK bound fields, date inputs, autocomplete tokens and bounded dates."""

    bound_field_class = GovukBoundField
    # Field name -> autocomplete token, e.g. {"email": "email", "name": "name"}.
    autocomplete: dict[str, str] = {}
    # Date field name -> what its messages call it, where the label alone reads badly:
    # {"to": "The end of the date range"} says "The end of the date range must be a real date", not "To must ...".
    date_names: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField):
                field.validators.append(validate_date_in_range)
                if not isinstance(field.widget, forms.HiddenInput):
                    _type_date_in_parts(field, name, self.date_names.get(name))
            if name in self.autocomplete:
                field.widget.attrs["autocomplete"] = self.autocomplete[name]
            _say_what_is_missing(field, name)


def _type_date_in_parts(field, name, called=None):
    """Give a date field GOV.UK's three boxes (day, month, year), their messages, and their hint."""
    if not isinstance(field.widget, GovukDateInput):
        kept = {key: value for key, value in field.widget.attrs.items() if key not in ("type", "class")}
        field.widget = GovukDateInput(attrs=kept)
    read_parts_into(field, called or _label(field, name))
    if not field.help_text:
        field.help_text = DATE_HINT


_NO_ARTICLE = {"the", "a", "an", "how", "what", "which", "who", "when", "why", "your", "other", "new"}


def _label(field, name) -> str:
    label = str(field.label or name.replace("_", " ")).rstrip(":")
    return label[:1].upper() + label[1:]


def _say_what_is_missing(field, name):
    """Replace "This field is required." with a message naming the field, as GOV.UK asks."""
    if field.error_messages.get("required") != forms.Field.default_error_messages["required"]:
        return
    label = str(field.label or name.replace("_", " ")).rstrip(":")
    subject = label[0].lower() + label[1:] if label[:2] != label[:2].upper() else label
    if subject.split(" ", 1)[0].lower() not in _NO_ARTICLE:
        subject = f"the {subject}"
    if isinstance(field, forms.DateField):
        message = f"Enter {subject}"
    elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField):
        message = f"Choose {subject}"
    else:
        message = f"Enter {subject}"
    field.error_messages["required"] = message


# Wide enough for any record of the partnership; narrow enough that a day, a week or a
# review period added to a date, or taken from it, is still a date (year 9999 is the last).
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2999, 12, 31)


def validate_date_in_range(value):
    """Refuse a date outside EARLIEST_DATE to LATEST_DATE, which every form's date fields share."""
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise forms.ValidationError(
            f"Enter a date from {british_date(EARLIEST_DATE)} to {british_date(LATEST_DATE)}.",
            code="date_out_of_range",
        )


_SELECT = "django/forms/widgets/select.html"
_OPTION = "django/forms/widgets/select_option.html"


def _attributes(attrs) -> str:
    """As django/forms/widgets/attrs.html writes them: a True value as the bare name, a False one left out."""
    return "".join(
        # `value|stringformat:'s'` makes a plain string, escaped even if the value was marked safe.
        f" {conditional_escape(name)}" if value is True else f' {conditional_escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_select(widget) -> str | None:
    """A select exactly as Django's select.html and select_option.html write it, or None if it uses other templates.

    Written in Python because the templates include one template per option and another for its attributes: a
    form with a select of twenty agenda items on each of fifty rows (a meeting's attendance) spent most of its
    time there. tests/partnership/test_rendering.py checks the output is the templates' to the byte.
    """
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in options:
            if option["template_name"] != _OPTION:
                return None
            parts.append(
                f'\n  <option value="{escape(option["value"])}"{_attributes(option["attrs"])}>'
                # The option's template ends with a newline, which its include keeps.
                f"{conditional_escape(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


# input.html, and the widgets' templates that only include it.
_INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in ("input", "checkbox", "color", "date", "datetime", "email", "file", "hidden", "number", "password")
    + ("search", "tel", "text", "time", "url")
}
# Templates that are input_option.html (itself an <input> with an optional label around it) included once more.
_OPTIONS = {"django/forms/widgets/radio_option.html", "django/forms/widgets/checkbox_option.html"}


def render_input(widget) -> str:
    """An <input> exactly as Django's input.html writes it."""
    value = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    return (
        f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"{value}'
        f"{_attributes(widget['attrs'])}>"
    )


def render_input_option(widget) -> str:
    """A radio or checkbox as input_option.html writes it: the <input>, in its <label> when asked."""
    html = render_input(widget)
    if widget.get("wrap_label"):
        target = widget["attrs"].get("id")
        opening = f'<label for="{conditional_escape(target)}">' if target else "<label>"
        # input.html's closing newline stays inside the label.
        return f"{opening}{html}\n {conditional_escape(widget['label'])}</label>"
    return html


class GovukFormRenderer(TemplatesSetting):
    """Render forms and fields with the GOV.UK templates in templates/forms/."""

    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"
    bound_field_class = GovukBoundField

    def render(self, template_name, context, request=None):
        # Written in Python to the byte (tests/partnership/test_rendering.py), stripped as the renderer strips a
        # template's output: the templates include one another for every option, radio and attribute, which is
        # most of the time of a form with many rows.
        if template_name == _SELECT:
            html = render_select(context["widget"])
            if html is not None:
                return mark_safe(html)  # noqa: S308 - every value is escaped
        elif template_name in _INPUTS:
            return mark_safe(render_input(context["widget"]))  # noqa: S308 - every value is escaped
        elif template_name in _OPTIONS:
            return mark_safe(render_input_option(context["widget"]))  # noqa: S308 - every value is escaped
        return super().render(template_name, context, request)
