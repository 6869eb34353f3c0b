"""No input gives a server error (issue 11).

Every page of the permission matrix is fetched by each of the cast who may see
it; every form on it is submitted with hostile values, a round for each value
of each kind (dates at the ends of the calendar, huge numbers, unknown choices,
unknown `next` targets, over-long text, NUL bytes) and then all at once. No
request may raise (the test client re-raises a view's exception) and no answer
may be a 5xx: a form answers a bad value with its error message, or a 400.

The test is parametrized by area (the first part of the URL), so that
pytest-xdist can spread it.
"""

import collections
import time

import pytest
from django.db import transaction

from partnership.transactions import several_actions
from tests.html_forms import Field, Form, parse_forms
from tests.matrix import build_path, expected_for, url_patterns

HUGE = str(10**30)
LONG = "x" * 100_000
NUL = "nul\x00byte"

# Index i of each list is sent in the same round.
DATES = {
    "date": ["9999-12-31", "0001-01-01", "2024-02-30"],
    "datetime-local": ["9999-12-31T23:59", "0001-01-01T00:00", "2024-02-30T25:61"],
    "time": ["23:59", "00:00", "24:60"],
    "month": ["9999-12", "0001-01", "2024-13"],
}
# A date typed as day, month and year in three boxes.
DAY_MONTH_YEAR = [("31", "12", "9999"), ("1", "1", "1"), ("0", "13", "99999")]
NUMBERS = [HUGE, "-1", "1e309", "NaN"]
CHOICES = ["not-a-choice", "999999999"]
NEXTS = ["manage:dashboard", "//evil.example", "https://evil.example/", "no_such_view"]
TEXT_TYPES = {"text", "textarea", "email", "url", "search", "tel", "password"}
DATE_PARTS = ("day-box", "month-box", "year-box")

# The areas, by the first part of the URL, with the forms each submits at least (as measured),
# so that the test cannot pass by exercising nothing. Every other URL is in "other".
FLOORS = {"account": 22, "agreement": 22, "manage": 46, "meetings": 27, "other": 50}


def _area(route):
    first = route.split("/", 1)[0]
    return first if first in FLOORS else "other"


def kind_of(control: Field) -> str | None:
    """Say which hostility a control gets; None leaves it as the page gave it."""
    name = control.name.lower()
    if name == "csrfmiddlewaretoken" or control.kind == "file":
        return None
    if name == "next" or name.endswith("-next"):
        return "next"
    if control.kind in DATES:
        return control.kind
    for part in DATE_PARTS:
        unit = part.removesuffix("-box")
        if name.endswith((f"-{unit}", f"_{unit}", f"[{unit}]")) and control.kind in ("text", "number"):
            return part
    if control.kind == "number" or control.attrs.get("inputmode") == "numeric":
        return "number"
    if control.kind == "hidden":
        return "number" if control.value.isdigit() else None
    if control.kind in ("select", "radio", "checkbox"):
        return "choice"
    if control.kind in TEXT_TYPES:
        return "text"
    return None


def other_choices(form: Form, round_number: int) -> dict[str, str]:
    """Pick a valid choice other than the one given for each select and radio group.

    The form is then likely to change something and succeed, and so to follow its `next`.
    """
    options = collections.defaultdict(list)
    given = form.data()
    for control in form.fields:
        if control.kind == "select":
            options[control.name].extend(control.options)
        elif control.kind == "radio":
            options[control.name].append(control.value)
    changes = {}
    for name, values in options.items():
        values = [value for value in values if value and value not in given.get(name, [])]
        if values:
            changes[name] = values[round_number % len(values)]
    return changes


def rounds(form: Form):
    """Yield the changes of each round: {field name: hostile value}."""
    kinds = collections.defaultdict(list)
    for control in form.fields:
        kind = kind_of(control)
        if kind is not None and control.name not in kinds[kind]:
            kinds[kind].append(control.name)

    def set_all(kind_values):
        changes = {}
        for kind, value in kind_values.items():
            changes.update(dict.fromkeys(kinds.get(kind, ()), value))
        return changes

    for i in range(3):
        parts = dict(zip(DATE_PARTS, DAY_MONTH_YEAR[i], strict=True))
        yield set_all({**{kind: values[i] for kind, values in DATES.items()}, **parts})
    for value in NUMBERS:
        yield set_all({"number": value})
    for value in CHOICES:
        yield set_all({"choice": value})
    for i, value in enumerate(NEXTS):
        if kinds.get("next"):
            yield {**other_choices(form, i), **set_all({"next": value})}
    yield set_all({"text": LONG})
    yield set_all(dict.fromkeys(kinds, NUL))
    yield set_all(
        {
            **{kind: values[0] for kind, values in DATES.items()},
            **dict(zip(DATE_PARTS, DAY_MONTH_YEAR[2], strict=True)),
            "number": HUGE,
            "choice": CHOICES[0],
            "next": NEXTS[-1],
            "text": LONG + NUL,
        }
    )


def shown(value):
    if len(value) > 40:
        return f"{value[:10]!r}… ({len(value):,} characters)"
    return repr(value)


def submit(client, form, changes):
    data = form.data()
    for name, value in changes.items():
        data[name] = [value]
    if form.method == "POST":
        return client.post(form.action, data)
    return client.get(form.action, data)


# A route parameter that picks one of several forms: the matrix fills in one, the walk all.
VARIANTS = {"manage:body_change": ("<slug:change>", ("activate", "end", "merge", "replace", "rename"))}


def pages(objects, area):
    """Yield (path, who) for every page of the area that answers its GET with 200."""
    for name, route in url_patterns():
        if _area(route) != area:
            continue
        parameter, values = VARIANTS.get(name, ("", [""]))
        for value in values:
            path = build_path(name, route.replace(parameter, value) if parameter else route, objects)
            for who, answer in expected_for(name)["GET"].items():
                if answer == 200:
                    yield path, who


@pytest.mark.parametrize("area", sorted(FLOORS))
def test_no_hostile_input_gives_a_server_error(client_for, hostile_objects, area):
    started = time.monotonic()
    failures = []
    seen = set()
    forms_posted = requests = 0
    for path, who in pages(hostile_objects, area):
        response = client_for(who).get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in parse_forms(response.content.decode(), path):
            if (who, form.signature()) in seen:
                continue
            seen.add((who, form.signature()))
            # A fresh client, and what the rounds change undone, for each form: a round may
            # sign out, or end the membership the next page shows.
            client = client_for(who)
            posted = False
            with several_actions():
                for changes in rounds(form):
                    if not changes:
                        continue
                    posted = True
                    requests += 1
                    values = ", ".join(f"{name}={shown(value)}" for name, value in changes.items())
                    place = f"{form.method} {form.action} as {who} (form on {path}): {values}"
                    try:
                        answer = submit(client, form, changes)
                    except Exception as error:  # whatever a view raises is the finding
                        failures.append(f"{place}: {type(error).__name__}: {str(error)[:200]}")
                        continue
                    if answer.status_code >= 500:
                        failures.append(f"{place}: {answer.status_code}")
                transaction.set_rollback(True)
            forms_posted += posted
    print(f"{area}: {forms_posted} forms, {requests} requests, {time.monotonic() - started:.1f}s")
    assert failures == [], "\n".join(failures)
    assert forms_posted >= FLOORS[area]
