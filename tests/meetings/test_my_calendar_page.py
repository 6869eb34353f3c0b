"""The page where a signed-in person makes, sees and resets the secret address of their own calendar."""

import hashlib
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from meetings.policies.calendar import own_calendar_person, people_with_own_calendar
from partnership.dates import british_datetime
from partnership.models import CalendarToken, Person
from tests.factories import UserFactory

SITE = "https://partnership.example.org"
PAGE = reverse("my_calendar")
ADDRESS = re.compile(r'<input class="govuk-input" id="calendar-address" type="url" value="([^"]+)" readonly')
WEBCAL = re.compile(r'<input class="govuk-input" id="calendar-webcal" type="text" value="([^"]+)" readonly')


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = SITE


def shown_address(response):
    """The https address the page shows in its read-only box, or None."""
    found = ADDRESS.search(response if isinstance(response, str) else response.content.decode())
    return found and found.group(1)


def path_of(address):
    return address.removeprefix(SITE)


def test_the_public_is_sent_to_sign_in(db, client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={PAGE}"
    assert client.post(PAGE).status_code == 302
    assert CalendarToken.objects.count() == 0


def test_a_first_visit_offers_to_create_the_address_and_creates_nothing(cast, client_for):
    response = client_for("member").get(PAGE)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Create my calendar address" in content
    assert "Reset the address" not in content
    assert shown_address(response) is None
    assert CalendarToken.objects.count() == 0


def test_creating_shows_the_address_once_in_both_forms_and_it_works(cast, client_for):
    client = client_for("member")
    response = client.post(PAGE)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Your calendar address has been created." in content
    address = shown_address(response)
    assert address.startswith(f"{SITE}/meetings/my/") and address.endswith(".ics")
    webcal = "webcal://" + address.removeprefix("https://")
    assert WEBCAL.search(content).group(1) == webcal
    assert f'href="{webcal}"' in content
    assert '<label class="govuk-label govuk-label--s" for="calendar-address">' in content
    # Only the digest of the address is kept.
    token = path_of(address).removeprefix("/meetings/my/").removesuffix(".ics")
    assert CalendarToken.objects.get(person=cast.member.person).digest == hashlib.sha256(token.encode()).hexdigest()
    assert "Not yet" in content
    # It answers without a session.
    assert Client().get(path_of(address)).status_code == 200
    # A later visit cannot show it again, and says when a calendar app last read it.
    later = client.get(PAGE).content.decode()
    assert shown_address(later) is None
    assert token not in later
    assert "Reset the address" in later
    read_at = CalendarToken.objects.get(person=cast.member.person).last_used_at
    assert f"{british_datetime(read_at)} (to within an hour)" in later


def test_resetting_gives_a_new_address_and_the_old_one_stops_at_once(cast, client_for):
    client = client_for("member")
    old = shown_address(client.post(PAGE))
    client.get(path_of(old))
    assert "Not yet" not in client.get(PAGE).content.decode()
    response = client.post(PAGE)
    content = response.content.decode()
    new = shown_address(response)
    assert new != old
    assert "Your calendar address has been reset. The old address has stopped working." in content
    assert "Not yet" in content
    assert (client.get(path_of(old)).status_code, client.get(path_of(new)).status_code) == (404, 200)
    assert CalendarToken.objects.count() == 1


def test_each_person_has_their_own_address(cast, client_for):
    mel = shown_address(client_for("member").post(PAGE))
    oscar = shown_address(client_for("other_member").post(PAGE))
    assert mel != oscar
    assert sorted(CalendarToken.objects.values_list("person__name", flat=True)) == ["Mel Morris", "Oscar Owen"]
    # Oscar's reset leaves Mel's address working.
    client_for("other_member").post(PAGE)
    assert client_for("anonymous").get(path_of(mel)).status_code == 200


def test_the_page_is_kept_by_no_cache_and_names_itself_to_no_other_site(cast, client_for):
    client = client_for("member")
    for response in (client.get(PAGE), client.post(PAGE)):
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
        # Not no-referrer: its own form must send its origin for the CSRF check (the browser test posts it).
        assert response["Referrer-Policy"] == "same-origin"


def test_a_login_without_a_person_is_told_so_and_cannot_make_an_address(db, client):
    user = UserFactory(email="nobody@example.org")
    client.force_login(user)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "Your account is not yet linked to a person" in response.content.decode()
    assert "Create my calendar address" not in response.content.decode()
    assert client.post(PAGE).status_code == 404
    assert CalendarToken.objects.count() == 0


def test_the_page_refuses_other_methods(cast, client_for):
    assert client_for("member").put(PAGE).status_code == 405


def test_the_account_page_and_the_meetings_page_link_to_it(cast, client_for):
    link = f'href="{PAGE}"'
    client = client_for("member")
    assert link in client.get(reverse("account")).content.decode()
    assert link in client.get(reverse("meeting_list")).content.decode()
    assert link in client.get(reverse("calendar")).content.decode()


def test_who_may_keep_a_calendar_and_its_queryset_agree(cast):
    """The rule and its twin, for the cast, a deactivated login and a login without a person."""
    deactivated = UserFactory(email="gone@example.org", is_active=False)
    Person.objects.create(name="Gina Gone", user=deactivated)
    personless = UserFactory(email="nobody@example.org")
    users = {
        **{who: getattr(cast, who) or AnonymousUser() for who in ("secretariat", "chair", "member", "stranger")},
        "anonymous": AnonymousUser(),
        "deactivated": deactivated,
        "personless": personless,
    }
    by_rule = {who: getattr(own_calendar_person(user), "pk", None) for who, user in users.items()}
    twin = set(people_with_own_calendar().values_list("pk", flat=True))
    assert {pk for pk in by_rule.values() if pk} == twin - {cast.other_member.person.pk}
    assert by_rule == {
        "secretariat": cast.secretariat.person.pk,
        "chair": cast.chair.person.pk,
        "member": cast.member.person.pk,
        "stranger": cast.stranger.person.pk,
        "anonymous": None,
        "deactivated": None,
        "personless": None,
    }
