"""Read the forms of a page as a browser would submit them (for tests/test_hostile_input.py)."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# Inputs that submit nothing of their own, or only when they are the button pressed.
_BUTTONS = {"submit", "button", "reset", "image"}


@dataclass
class Field:
    """One named control: an <input>, a <select> or a <textarea>."""

    name: str
    kind: str  # the input's type ("text", "date", "hidden", "radio"...), "select" or "textarea"
    value: str = ""
    checked: bool = False
    options: list[str] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Form:
    method: str  # "GET" or "POST"
    action: str  # the path it submits to, with its query string
    fields: list[Field] = field(default_factory=list)
    # The named submit buttons, as (name, value); a browser sends the one pressed.
    buttons: list[tuple[str, str]] = field(default_factory=list)

    def data(self) -> dict[str, list[str]]:
        """Return what the browser submits when the first button is pressed and nothing is changed."""
        data: dict[str, list[str]] = {}
        for control in self.fields:
            if control.kind in ("checkbox", "radio") and not control.checked:
                continue
            if control.kind == "file":
                continue
            # A select without a selected option submits its first.
            values = (control.selected or control.options[:1]) if control.kind == "select" else [control.value]
            data.setdefault(control.name, []).extend(values)
        if self.buttons:
            name, value = self.buttons[0]
            data.setdefault(name, []).append(value)
        return data

    def signature(self) -> tuple:
        """Say what makes two forms the same form (the sign-out button in every page's header)."""
        return (self.method, self.action, tuple(sorted({control.name for control in self.fields})))


class _FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: dict | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value if value is not None else "" for key, value in attrs}
        if tag == "form":
            action = urljoin(self.page_url, attrs.get("action") or self.page_url)
            parts = urlsplit(action)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            self._form = Form(method=(attrs.get("method") or "get").upper(), action=path)
            self.forms.append(self._form)
            return
        if self._form is None or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in _BUTTONS:
                self._form.buttons.append((name, attrs.get("value", "")))
            else:
                default = "on" if kind in ("checkbox", "radio") else ""
                self._form.fields.append(
                    Field(name, kind, attrs.get("value", default), checked="checked" in attrs, attrs=attrs)
                )
        elif tag == "button" and name and attrs.get("type", "submit") == "submit":
            self._form.buttons.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select = Field(name, "select", attrs=attrs)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._end_option()  # </option> may be left out
            self._option = {"value": attrs.get("value"), "text": "", "selected": "selected" in attrs}
        elif tag == "textarea" and name:
            self._textarea = Field(name, "textarea", attrs=attrs)
            self._form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        elif self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "option" or (tag == "select" and self._option is not None):
            self._end_option()
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            # A browser drops the newline that follows <textarea>.
            if self._textarea is not None and self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]
            self._textarea = None
        elif tag == "form":
            self._form = None

    def _end_option(self):
        option, self._option = self._option, None
        if option is None or self._select is None:
            return
        value = option["value"] if option["value"] is not None else option["text"].strip()
        self._select.options.append(value)
        if option["selected"]:
            self._select.selected.append(value)


def parse_forms(html: str, page_url: str) -> list[Form]:
    """Return every form of the page, its action resolved against `page_url`."""
    parser = _FormParser(page_url)
    parser.feed(html)
    parser.close()
    return parser.forms
