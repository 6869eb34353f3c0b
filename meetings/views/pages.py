"""What the meetings pages share: the house form page in the meetings section, a form's status code,
the meeting a secretariat's page is about, and an action's refusal said as messages."""

import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from meetings.models import Meeting
from partnership.pages import form_page as house_form_page

# The house form page, in the meetings section of the navigation.
form_page = functools.partial(house_form_page, section="meeting")


def form_status(form) -> int:
    """400 when the form has errors, else 200."""
    return 400 if form.errors else 200


def meeting_or_404(pk) -> Meeting:
    """The meeting with its body, or a 404: for the pages of those who may act on any meeting (the secretariat)."""
    return get_object_or_404(Meeting.objects.select_related("body"), pk=pk)


def report(request, error: ValidationError):
    """Show each message of an action's refusal on the next page."""
    for message in error.messages:
        messages.error(request, message)
