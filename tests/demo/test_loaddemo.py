"""`manage.py loaddemo`: the seed partnership, loaded once, matching its papers."""

from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError
from django.test import RequestFactory

from bodies.models import Body, Membership, Status
from demo import framework as demo
from demo.framework import DEMO_PASSWORD
from partnership.models import SECRETARIAT_GROUP, Organisation, Person, User
from tests.demo.support import SEEDS, load, runs_copied_from_the_seeds

# Email and the first word of the role the command prints.
LOGINS = {
    "alison.armstrong@example.org": "secretariat",
    "mike.jones@example.org": "chair",
    "tim.jackson@example.org": "member",
    # The Head of Legal, designated on the demo's open dispute (declarations).
    "legal@example.org": "Head",
}

AREAS = ["Chester", "Ellesmere Port", "Northwich and Rural North", "Winsford and Rural East", "Rural West"]
AREA_BODIES = {f"{a} Area Partnership Board" for a in AREAS} | {f"{a} Community Forum" for a in AREAS}
CARRIED_ON = AREA_BODIES | {
    "Children and Young People's Trust",
    "Crime and Disorder Reduction Partnership",
    "LSP Network",
    "Local Safeguarding Children Board",
    "Sustainable Community Strategy Working Group",
}
FRAMEWORK_2009 = CARRIED_ON | {
    "Cheshire West and Chester Local Strategic Partnership",
    "Thematic Leads",
    "Safer and Stronger Communities Partnership",
    "Health and Wellbeing Partnership",
    "Business, Enterprise and Culture Partnership",
    "Environmental Sustainability Partnership",
    "LSP Performance and Risk Managers Group",
}
FRAMEWORK_2011 = CARRIED_ON | {
    "West Cheshire Together Commissioning Board",
    "Health and Wellbeing Board",
    "Big Society Group",
    "Performance and Risk Managers Task and Finish Group",
}


def row_counts():
    models = [m for label in ("auth", "partnership", "bodies") for m in apps.get_app_config(label).get_models()]
    return {m._meta.label: m._default_manager.count() for m in models}


def names_on(day):
    return set(Body.objects.on(day).values_list("name", flat=True))


def test_loaddemo_loads_the_partnership(loaded):
    assert (Body.objects.count(), Membership.objects.count()) == (26, 39)


def test_running_loaddemo_twice_changes_no_row_count(loaded):
    first = row_counts()

    output, _ = load()

    assert row_counts() == first
    assert "already loaded; nothing changed" in output


@pytest.mark.django_db
def test_a_failure_part_way_leaves_nothing_behind(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("stop")

    monkeypatch.setattr(demo, "_reshape_2011", fail)

    with pytest.raises(RuntimeError):
        load()

    assert [m.objects.count() for m in (Organisation, Person, Body, User)] == [0, 0, 0, 0]


@pytest.mark.django_db
def test_loaddemo_refuses_when_a_demo_slug_is_taken_by_another_body():
    Body.objects.create(
        slug="cdrp", name="Someone else's body", kind="other", mode="advisory", established_on=date(2020, 1, 1)
    )

    with pytest.raises(CommandError, match="cdrp"):
        load()

    assert Organisation.objects.count() == 0


def test_framework_on_1_september_2009_is_the_2009_framework(loaded):
    assert names_on(date(2009, 9, 1)) == FRAMEWORK_2009


def test_framework_on_1_june_2011_is_the_reshaped_framework(loaded):
    assert names_on(date(2011, 6, 1)) == FRAMEWORK_2011


def test_commissioning_board_exists_in_2011_and_not_in_2009(loaded):
    board = Body.objects.get(name="West Cheshire Together Commissioning Board")

    assert (board.exists_on(date(2009, 9, 1)), board.exists_on(date(2011, 6, 1))) == (False, True)


def test_health_and_wellbeing_board_is_in_shadow_form_in_june_2011(loaded):
    board = Body.objects.get(name="Health and Wellbeing Board")

    assert board.status_on(date(2011, 6, 1)) == Status.SHADOW


def test_lsp_chair_on_30_april_2009_is_mike_jones(loaded):
    chairs = Membership.objects.on(date(2009, 4, 30)).chairs().filter(body__slug="lsp")

    assert [m.person.name for m in chairs] == ["Mike Jones"]


def test_demo_chair_and_member_hold_current_places_on_a_current_body(loaded):
    current = Membership.objects.current().filter(body__in=Body.objects.current())
    held = {(m.person.email, m.role) for m in current.filter(person__user__isnull=False)}

    assert held == {
        ("mike.jones@example.org", "chair"),
        ("tim.jackson@example.org", "member"),
        ("alison.armstrong@example.org", "support"),
    }


def test_only_the_officer_is_in_the_secretariat_group(loaded):
    assert list(User.objects.filter(groups__name=SECRETARIAT_GROUP).values_list("email", flat=True)) == [
        "alison.armstrong@example.org"
    ]


@pytest.mark.parametrize("email", sorted(LOGINS))
def test_demo_login_authenticates(loaded, email):
    # django-axes needs a request to count failures against.
    request = RequestFactory().post("/login/")

    user = authenticate(request=request, username=email, password=DEMO_PASSWORD)

    assert (user.email, user.person.email) == (email, email)


def test_output_lists_the_demo_logins(demo_output):
    output, _ = demo_output

    lines = [line.split() for line in output.splitlines() if "@example.org" in line]

    assert [(parts[0], parts[1], parts[2]) for parts in lines] == [
        (email, DEMO_PASSWORD, role) for email, role in LOGINS.items()
    ]
    assert "DEMO" in output


@pytest.mark.django_db
def test_quiet_prints_no_logins():
    output, _ = load("--quiet")

    assert ("@example.org" in output, DEMO_PASSWORD in output) == (False, False)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed papers are not on this machine")
def test_demo_copies_no_run_of_twelve_words_from_the_seeds():
    assert runs_copied_from_the_seeds("framework") == []
