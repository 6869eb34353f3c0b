"""Signed-in sessions (partnership.sessions): their records, signing out one or all, and the staff's idle limit."""

import datetime
import hashlib
import io

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from partnership import sessions
from partnership.models import SignInSession, SignOutReason
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROMIUM_ON_LINUX = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/131.0.0.0 "
    "Chrome/131.0.0.0 Safari/537.36"
)
SAFARI_ON_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Mobile/15E148 Safari/604.1"
)


def _browser(user, agent=FIREFOX_ON_WINDOWS, address="203.0.113.77"):
    """A client that signed in through the sign-in page, as a browser at `address` does."""
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def _row(client) -> SignInSession:
    return SignInSession.objects.get(key_digest=SignInSession.digest_of(client.session.session_key))


def _signed_in(client) -> bool:
    response = client.get(reverse("account"))
    assert response.status_code in (200, 302)
    return response.status_code == 200


def _idle_for(client, seconds):
    """Move the session's last request `seconds` into the past, as that much time idle would."""
    session = client.session
    state = session[sessions.STATE]
    session[sessions.STATE] = {**state, "seen": state["seen"] - seconds}
    session.save()


# The record


def test_signing_in_records_the_session_without_its_key(cast):
    client = _browser(cast.member, agent=CHROMIUM_ON_LINUX, address="203.0.113.77")
    key = client.session.session_key

    row = SignInSession.objects.get(user=cast.member)
    assert (row.device, row.ip_network, row.ended_at) == ("Chromium on Linux", "203.0.113.0/24", None)
    assert row.key_digest == hashlib.sha256(key.encode()).hexdigest()
    # The key itself is kept sealed only, to end this session from another device.
    assert key not in row.key_sealed
    assert sessions.unseal(row.key_sealed) == key
    assert client.session[sessions.STATE]["id"] == row.pk


def test_signing_out_ends_the_record_and_wipes_the_sealed_key(cast):
    client = _browser(cast.member)
    row = _row(client)

    client.post(reverse("logout"))

    row.refresh_from_db()
    assert (row.end_reason, row.key_sealed) == (SignOutReason.SIGNED_OUT, "")
    assert row.ended_at is not None


@pytest.mark.parametrize(
    ("agent", "described"),
    [
        (FIREFOX_ON_WINDOWS, "Firefox on Windows"),
        (CHROMIUM_ON_LINUX, "Chromium on Linux"),
        (SAFARI_ON_IPHONE, "Safari on iOS"),
        ("", "An unknown browser"),
        ("curl/8.5.0", "An unknown browser"),
    ],
)
def test_the_browser_is_kept_as_a_short_description(agent, described):
    assert sessions.describe_device(agent) == described


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("198.51.100.23", "198.51.100.0/24"),
        ("2001:db8:abcd:12:3456::1", "2001:db8:abcd::/48"),
        ("not an address", ""),
        ("", ""),
    ],
)
def test_the_address_is_kept_as_its_network_only(rf, address, network):
    assert sessions.client_network(rf.get("/", REMOTE_ADDR=address)) == network


def test_last_seen_moves_on_at_most_once_a_minute(cast, django_assert_num_queries):
    client = _browser(cast.member)
    row = _row(client)
    first_seen = row.last_seen_at
    client.get(reverse("account"))
    row.refresh_from_db()
    assert row.last_seen_at == first_seen

    _idle_for(client, sessions.TOUCH_SECONDS)
    client.get(reverse("account"))
    row.refresh_from_db()
    assert row.last_seen_at > first_seen


# The list


def test_the_list_shows_only_your_own_active_sessions_and_marks_this_device(cast):
    here = _browser(cast.member, agent=FIREFOX_ON_WINDOWS)
    _browser(cast.member, agent=SAFARI_ON_IPHONE, address="198.51.100.9")
    gone = _browser(cast.member, agent=CHROMIUM_ON_LINUX)
    gone.post(reverse("logout"))
    _browser(cast.other_member, agent=CHROMIUM_ON_LINUX)

    response = here.get(reverse("account_sessions"))

    assert response.status_code == 200
    shown = response.context["sign_ins"]
    assert {row.device for row in shown} == {"Firefox on Windows", "Safari on iOS"}
    assert {row.user_id for row in shown} == {cast.member.pk}
    content = response.content.decode()
    assert "This device" in content
    assert "198.51.100.0/24" in content
    assert "Chromium on Linux" not in content
    assert response.context["current_id"] == _row(here).pk


def test_another_person_s_session_cannot_be_signed_out(cast):
    theirs = _browser(cast.other_member)
    mine = _browser(cast.member)

    response = mine.post(reverse("account_session_end", args=[_row(theirs).pk]))

    assert response.status_code == 404
    assert _signed_in(theirs)


# Signing out


def test_signing_out_another_session_ends_it(cast):
    laptop = _browser(cast.member, agent=FIREFOX_ON_WINDOWS)
    phone = _browser(cast.member, agent=SAFARI_ON_IPHONE)
    phone_key = phone.session.session_key
    row = _row(phone)

    response = laptop.post(reverse("account_session_end", args=[row.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("account_sessions")
    row.refresh_from_db()
    assert (row.end_reason, row.ended_by) == (SignOutReason.FROM_ANOTHER_DEVICE, None)
    assert not Session.objects.filter(session_key=phone_key).exists()
    assert not _signed_in(phone)
    assert _signed_in(laptop)
    # Signing out an ended session again says so and changes nothing.
    again = laptop.post(reverse("account_session_end", args=[row.pk]), follow=True)
    assert "That session had already ended." in again.content.decode()


def test_signing_out_this_session_from_the_list_signs_you_out(cast):
    client = _browser(cast.member)
    row = _row(client)

    response = client.post(reverse("account_session_end", args=[row.pk]))

    assert response["Location"] == reverse("home")
    assert not _signed_in(client)
    row.refresh_from_db()
    assert row.ended_at is not None


def test_signing_out_everywhere_else_keeps_this_session(cast):
    laptop = _browser(cast.member)
    phone = _browser(cast.member, agent=SAFARI_ON_IPHONE)
    tablet = _browser(cast.member, agent=CHROMIUM_ON_LINUX)

    response = laptop.post(reverse("account_sessions_end_others"), follow=True)

    assert "You have signed out everywhere else (2 other sessions)." in response.content.decode()
    assert (_signed_in(laptop), _signed_in(phone), _signed_in(tablet)) == (True, False, False)
    assert list(SignInSession.objects.filter(user=cast.member).active()) == [_row(laptop)]


def test_signing_out_everywhere_ends_this_session_too(cast):
    laptop = _browser(cast.member)
    phone = _browser(cast.member, agent=SAFARI_ON_IPHONE)
    other = _browser(cast.other_member)

    response = laptop.post(reverse("account_sessions_end_all"))

    assert response["Location"] == reverse("home")
    assert (_signed_in(laptop), _signed_in(phone), _signed_in(other)) == (False, False, True)
    assert not SignInSession.objects.filter(user=cast.member).active().exists()


def test_a_session_the_records_missed_is_signed_out_everywhere_by_its_generation(cast, client):
    """A session whose row was lost (or whose key changed) still ends: its generation is older."""
    other = _browser(cast.member)
    _row(other).delete()
    laptop = _browser(cast.member)

    laptop.post(reverse("account_sessions_end_others"))

    assert not _signed_in(other)
    assert _signed_in(laptop)


def test_a_new_password_signs_out_every_session(cast):
    phone = _browser(cast.member, agent=SAFARI_ON_IPHONE)
    reset = Client()
    uid = urlsafe_base64_encode(force_bytes(cast.member.pk))
    cast.member.refresh_from_db()  # the sign-in moved last_login, which the token holds
    token = default_token_generator.make_token(cast.member)
    form = reset.get(reverse("password_reset_confirm", args=[uid, token]))
    assert form.status_code == 302
    new = "a-completely-new-passphrase"

    done = reset.post(form["Location"], {"new_password1": new, "new_password2": new})

    assert done.status_code == 302
    row = SignInSession.objects.get(user=cast.member)
    assert row.end_reason == SignOutReason.PASSWORD
    assert not _signed_in(phone)


def test_a_new_password_set_while_signed_in_signs_out_here_too(cast):
    """The reset page's own session is signed out by logout, not deleted under the request that writes to it."""
    here = _browser(cast.member)
    phone = _browser(cast.member, agent=SAFARI_ON_IPHONE)
    _idle_for(here, sessions.TOUCH_SECONDS)
    cast.member.refresh_from_db()
    uid = urlsafe_base64_encode(force_bytes(cast.member.pk))
    form = here.get(reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(cast.member)]))
    new = "a-completely-new-passphrase"

    done = here.post(form["Location"], {"new_password1": new, "new_password2": new})

    assert done["Location"] == reverse("password_reset_complete")
    assert (_signed_in(here), _signed_in(phone)) == (False, False)
    assert set(SignInSession.objects.filter(user=cast.member).values_list("end_reason", flat=True)) == {
        SignOutReason.PASSWORD
    }


def test_signing_out_everywhere_on_a_request_that_stamps_the_session(cast):
    """The once-a-minute stamp writes to the session that the same request then ends: no error."""
    client = _browser(cast.member)
    _idle_for(client, sessions.TOUCH_SECONDS)

    response = client.post(reverse("account_sessions_end_all"))

    assert response.status_code == 302
    assert not _signed_in(client)


# The secretariat


def test_the_secretariat_sees_a_person_s_sessions_and_signs_them_out_everywhere(cast, client_for):
    laptop = _browser(cast.member)
    phone = _browser(cast.member, agent=SAFARI_ON_IPHONE)
    secretariat = client_for("secretariat")
    page = reverse("manage:person_detail", args=[cast.member.person.pk])
    assert "On 2 devices or browsers" in secretariat.get(page).content.decode()

    response = secretariat.post(reverse("manage:person_sign_out", args=[cast.member.person.pk]), follow=True)

    assert "Mel Morris was signed out everywhere (2 active sessions ended)." in response.content.decode()
    assert "Not signed in anywhere" in response.content.decode()
    assert (_signed_in(laptop), _signed_in(phone)) == (False, False)
    # The records say who ended them and why.
    assert set(SignInSession.objects.filter(user=cast.member).values_list("end_reason", "ended_by")) == {
        (SignOutReason.SECRETARIAT, cast.secretariat.pk)
    }


def test_the_secretariat_signing_themselves_out_everywhere_keeps_this_session(cast):
    here = _browser(cast.secretariat)
    elsewhere = _browser(cast.secretariat, agent=SAFARI_ON_IPHONE)
    _idle_for(here, sessions.TOUCH_SECONDS)

    response = here.post(reverse("manage:person_sign_out", args=[cast.secretariat.person.pk]))

    assert response.status_code == 302
    assert (_signed_in(here), _signed_in(elsewhere)) == (True, False)


def test_a_person_without_an_account_has_nothing_to_sign_out(cast, client_for):
    from tests.factories import PersonFactory

    person = PersonFactory(name="Nia Noaccount")

    response = client_for("secretariat").post(reverse("manage:person_sign_out", args=[person.pk]), follow=True)

    assert "Nia Noaccount has no account to sign out." in response.content.decode()


# The idle limit


def test_a_secretariat_session_ends_after_the_idle_minutes(cast, settings):
    settings.STAFF_IDLE_MINUTES = 30
    client = _browser(cast.secretariat)
    row = _row(client)
    _idle_for(client, 31 * 60)

    response = client.get(reverse("manage:dashboard"))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={reverse('manage:dashboard')}"
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown == ["You were signed out because you had not used the site for 30 minutes. Sign in again to carry on."]
    login_page = client.get(response["Location"])
    assert "had not used the site for 30 minutes" in login_page.content.decode()
    row.refresh_from_db()
    assert row.end_reason == SignOutReason.IDLE
    assert not _signed_in(client)


def test_a_secretariat_session_used_within_the_idle_minutes_carries_on(cast, settings):
    settings.STAFF_IDLE_MINUTES = 30
    client = _browser(cast.secretariat)
    notice = "you are signed out after 30 minutes without using the site"
    assert notice in client.get(reverse("account_sessions")).content.decode()
    for _ in range(3):
        _idle_for(client, 29 * 60)
        assert client.get(reverse("manage:dashboard")).status_code == 200


def test_the_idle_minutes_come_from_the_setting(cast, settings):
    settings.STAFF_IDLE_MINUTES = 5
    client = _browser(cast.secretariat)
    _idle_for(client, 6 * 60)

    assert not _signed_in(client)


def test_a_secretariat_session_idle_too_long_is_not_listed(cast, settings):
    settings.STAFF_IDLE_MINUTES = 30
    here = _browser(cast.secretariat)
    idle = _browser(cast.secretariat, agent=SAFARI_ON_IPHONE)
    _browser(cast.secretariat, agent=CHROMIUM_ON_LINUX)
    SignInSession.objects.filter(pk=_row(idle).pk).update(last_seen_at=timezone.now() - datetime.timedelta(minutes=32))

    shown = here.get(reverse("account_sessions")).context["sign_ins"]

    assert {row.device for row in shown} == {"Firefox on Windows", "Chromium on Linux"}


def test_a_member_s_session_has_no_idle_limit(cast, settings):
    settings.STAFF_IDLE_MINUTES = 30
    client = _browser(cast.member)
    _idle_for(client, 8 * 60 * 60)

    assert _signed_in(client)
    assert "without using the site" not in client.get(reverse("account_sessions")).content.decode()
    assert _row(client).ended_at is None


def test_django_staff_are_idle_limited_too(cast):
    cast.stranger.is_staff = True
    cast.stranger.save()

    assert (sessions.idle_limited(cast.stranger), sessions.idle_limited(cast.member)) == (True, False)
    assert sessions.idle_limited(cast.secretariat)


# The reader cache never answers an ended session


@pytest.fixture
def reader_cache_on(settings):
    settings.READER_CACHE_SECONDS = 120


def _kept_page(client, url):
    """Read `url` until the reader cache answers it; return the kept response."""
    client.get(url)
    response = client.get(url)
    assert getattr(response, "reader_cache", None) == "hit"
    return response


@pytest.mark.usefixtures("reader_cache_on")
def test_the_reader_cache_does_not_answer_a_session_signed_out_elsewhere(cast):
    url = reverse("action_register")
    phone = _browser(cast.member, agent=SAFARI_ON_IPHONE)
    _kept_page(phone, url)
    laptop = _browser(cast.member)

    laptop.post(reverse("account_session_end", args=[_row(phone).pk]))
    response = phone.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.usefixtures("reader_cache_on")
def test_the_reader_cache_does_not_answer_a_session_signed_out_everywhere(cast):
    url = reverse("action_register")
    phone = _browser(cast.member, agent=SAFARI_ON_IPHONE)
    _kept_page(phone, url)

    _browser(cast.member).post(reverse("account_sessions_end_all"))

    assert phone.get(url).status_code == 302


@pytest.mark.usefixtures("reader_cache_on")
def test_the_reader_cache_does_not_answer_a_session_ended_for_idling(cast, settings):
    settings.STAFF_IDLE_MINUTES = 30
    url = reverse("action_register")
    client = _browser(cast.secretariat)
    _kept_page(client, url)
    _idle_for(client, 31 * 60)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# Keeping the records


def test_records_of_sessions_ended_long_ago_are_deleted(cast, settings):
    settings.SIGN_IN_RECORD_DAYS = 90
    now = timezone.now()
    old = datetime.timedelta(days=91)

    def record(name, **fields):
        return SignInSession.objects.create(user=cast.member, key_digest=SignInSession.digest_of(name), **fields)

    record("ended long ago", created_at=now - old, last_seen_at=now - old, ended_at=now - old)
    record("lapsed long ago", created_at=now - old, last_seen_at=now - old)
    recent = record("ended lately", ended_at=now - datetime.timedelta(days=89))
    active = record("in use")

    call_command("purge_sign_ins", stdout=io.StringIO())

    assert set(SignInSession.objects.values_list("pk", flat=True)) == {recent.pk, active.pk}


def test_the_daily_purge_is_in_the_beat_schedule():
    assert settings.CELERY_BEAT_SCHEDULE["purge-sign-ins"]["task"] == "partnership.tasks.purge_sign_ins"


def test_the_privacy_notice_says_what_is_kept_of_sessions_and_for_how_long(client, settings):
    settings.STAFF_IDLE_MINUTES = 20
    settings.SIGN_IN_RECORD_DAYS = 60

    content = client.get(reverse("privacy_notice")).content.decode()

    assert "after 20 minutes without using the site" in content
    assert "We delete each record 60 days after the session ends." in content


def test_a_session_that_lost_its_state_is_recorded_again_on_the_same_row(cast):
    client = _browser(cast.member)
    row = _row(client)
    session = client.session
    del session[sessions.STATE]
    session.save()

    assert _signed_in(client)

    assert SignInSession.objects.filter(user=cast.member).count() == 1
    assert client.session[sessions.STATE]["id"] == row.pk
