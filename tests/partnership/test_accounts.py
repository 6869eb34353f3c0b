"""Sign-in, throttling and invitations."""

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from partnership import actions
from partnership.models import Person, User
from tests.factories import PASSWORD, PersonFactory


def test_sign_in_by_email_takes_the_member_to_their_account(cast, client):
    response = client.post(reverse("login"), {"username": "MEL@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account")
    assert client.get(reverse("account")).context["user"] == cast.member


def test_fifth_wrong_password_locks_the_address_out_even_with_the_right_one(cast, client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(4):
        refused = client.post(reverse("login"), {"username": "mel@example.org", "password": "wrong-guess"})
        assert refused.status_code == 200
    fifth = client.post(reverse("login"), {"username": "mel@example.org", "password": "wrong-guess"})
    assert fifth.status_code == 429
    locked = client.post(reverse("login"), {"username": "mel@example.org", "password": PASSWORD})
    assert locked.status_code == 429
    assert b"Too many" in locked.content or b"too many" in locked.content
    assert "_auth_user_id" not in client.session


# django-axes kept the whole address of a failed sign-in: on PostgreSQL one longer than
# its 255-character column raised DataError; on SQLite the account lookup raised
# "LIKE or GLOB pattern too complex" (issue 11).
def test_an_over_long_address_at_the_admin_s_sign_in_is_refused_and_counted(cast, client):
    username = "x" * 100_000
    response = client.post(reverse("admin:login"), {"username": username, "password": "wrong-guess"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Please enter the correct email address and password for a staff account. Note that both fields may be "
        "case-sensitive."
    ]
    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [(username[:255], 1)]


def test_an_address_too_long_for_an_account_is_refused_at_sign_in(cast, client):
    username = "m" * 250 + "@example.org"
    response = client.post(reverse("login"), {"username": username, "password": "wrong-guess"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Enter a correct email address and password. The password is case-sensitive."
    ]
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [username[:255]]


def _link_in(message):
    return re.search(r"http://\S+", message.body).group(0)


def test_invitation_emails_a_link_that_creates_the_account(invited, client, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.invite_person(invited, by=User.objects.get(email="sam@example.org"))
    assert [m.to for m in mail.outbox] == [["ivy@example.org"]]
    path = _link_in(mail.outbox[0]).removeprefix("http://127.0.0.1:8000")
    response = client.post(path, {"password1": "a-long-pass-phrase-9", "password2": "a-long-pass-phrase-9"})
    assert response.status_code == 302
    person = Person.objects.get(pk=invited.pk)
    assert person.user.email == "ivy@example.org"
    assert person.user.check_password("a-long-pass-phrase-9")
    # The link works once.
    assert client.get(path).status_code == 404


def test_a_newer_invitation_makes_the_older_link_useless(invited, cast):
    old_token = actions.invitation_token(invited)
    actions.invite_person(invited, by=cast.secretariat)
    invited.refresh_from_db()
    assert actions.person_for_invitation(old_token) is None
    assert actions.person_for_invitation(actions.invitation_token(invited)) == invited


def test_a_tampered_invitation_token_is_refused(invited, client):
    token = actions.invitation_token(invited)
    assert client.get(reverse("accept_invitation", args=[token[:-2] + "xx"])).status_code == 404


def test_invitation_refuses_a_weak_or_mismatched_password(invited, client):
    path = reverse("accept_invitation", args=[actions.invitation_token(invited)])
    response = client.post(path, {"password1": "short", "password2": "short"})
    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    response = client.post(path, {"password1": "a-long-pass-phrase-9", "password2": "another-long-phrase"})
    assert response.context["form"].errors["password2"] == ["The two passwords do not match."]
    assert Person.objects.get(pk=invited.pk).user is None


def test_a_person_without_an_email_cannot_be_invited(cast):
    person = PersonFactory(name="No Email", email="")
    with pytest.raises(Exception, match="Add an email address"):
        actions.invite_person(person, by=cast.secretariat)
    assert Person.objects.get(pk=person.pk).invited_at is None
