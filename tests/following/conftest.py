"""Fixtures of the tests of following a body by email.

The tasks run in the test's own process, as the sweeper and a worker would:
`sweep_now()` fans out, sends the links to confirm and delivers what is due,
without a broker (the tests never publish to one; see tests/notifications).
"""

import pytest
from django.core import mail

from following import actions
from tests.following.helpers import link_in, sweep, token_of


@pytest.fixture(autouse=True)
def _https_site(settings):
    """The links in the emails are absolute: the site's address, as production has it."""
    settings.SITE_URL = "https://partnership.example.org"


@pytest.fixture
def sweep_now():
    """Return `sweep_now()`: one run of following.tasks.sweep and its workers; {delivery id: outcome}."""
    return sweep


@pytest.fixture
def follow(sweep_now):
    """Return `follow(email, *bodies)`: ask for each body, confirm from the emailed link; the mail is then cleared."""

    def make(email, *bodies):
        for body in bodies:
            actions.ask_to_follow(body, email=email)
        sweep_now()
        [message] = [m for m in mail.outbox if m.to == [email]]
        token = token_of(link_in(message.body, "/follow/confirm/"))
        subscriber, confirmed = actions.confirm(token)
        assert sorted(b.pk for b in confirmed) == sorted(b.pk for b in bodies)
        mail.outbox.clear()
        return subscriber

    return make


@pytest.fixture
def events(django_capture_on_commit_callbacks):
    """Return `events(action, *args, **kwargs)`: run a meetings action and what its commit sets off (the signals)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run
