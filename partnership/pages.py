"""Helpers every app's views share: the secretariat gate, running an action from a form, form pages, paging."""

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404
from django.shortcuts import render

from partnership.policies import is_secretariat


def secretariat_required(view):
    """Anonymous users are sent to sign in; anyone else outside the secretariat gets a 404."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_secretariat(request.user):
            raise Http404("No page here.")
        return view(request, *args, **kwargs)

    return wrapped


def apply_errors(form, error: ValidationError):
    """Show an action's validation errors on the form, by field where the form has it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def run_action(form, action, *args, **kwargs):
    try:
        return action(*args, **kwargs)
    except ValidationError as error:
        apply_errors(form, error)
        return None


def form_page(
    request,
    form,
    *,
    title,
    cancel_url,
    caption="",
    intro="",
    submit_label="Save",
    warning=False,
    section="manage",
    extra=None,
):
    """Render the house's one-form page; 400 when the form has errors.

    `section` marks the navigation item (manage, meeting...); `warning` makes
    the button red for a destructive step; `extra` adds to the context.
    """
    context = {
        "form": form,
        "title": title,
        "caption": caption,
        "intro": intro,
        "submit_label": submit_label,
        "cancel_url": cancel_url,
        "warning": warning,
        "section": section,
        **(extra or {}),
    }
    return render(request, "manage/form_page.html", context, status=400 if form.errors else 200)


def page_of(request, rows, per_page: int, param: str = "page") -> Page:
    """The page of `rows` that `?<param>=` asks for: the first for a missing or bad number, the last past the end.

    Every list that grows with time is paged this way (Django's `get_page`), so a bad
    number never gives an error; the template shows `includes/pagination.html`. The page's
    rows are read at once, as a list.
    """
    page = Paginator(rows, per_page).get_page(request.GET.get(param))
    page.object_list = list(page.object_list)
    return page


# Saved versions of a record shown to a page.
HISTORY_PER_PAGE = 25


def history_page(request, obj) -> Page:
    """The page of `obj`'s saved versions (django-simple-history) that `?page=` asks for, newest first.

    `page.entries` holds each version with the fields it changed; the version just older than
    the page's last is read too, to tell what that one changed.
    """
    records = obj.history.select_related("history_user").order_by("-history_date", "-history_id")
    page = page_of(request, records, HISTORY_PER_PAGE)
    rows = page.object_list
    older = records[page.end_index()] if page.has_next() else None
    page.entries = _entries(obj, rows, [*rows[1:], older])
    return page


def _entries(obj, records, olders):
    # Every tracked field, including those no form edits (ended_on, left_on, invited_at):
    # simple-history's diff_against leaves non-editable fields out.
    fields = [f for f in type(obj)._meta.concrete_fields if f.primary_key is False]
    entries = []
    for newer, older in zip(records, olders, strict=True):
        changes = []
        if older is not None:
            changes = [
                (field.verbose_name, _shown(field, getattr(older, field.attname)), _shown(field, newer_value))
                for field in fields
                if getattr(older, field.attname) != (newer_value := getattr(newer, field.attname))
            ]
        entries.append({"record": newer, "changes": changes})
    return entries


def _shown(field, value):
    """A value as a person reads it: a choice's label, a related record's name; a query only for a changed link."""
    if value is None or value == "":
        return value
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else value
    return value
