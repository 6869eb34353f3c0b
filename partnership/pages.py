"""Helpers every app's views share: the secretariat gate, running an action from a form, form pages."""

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
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
