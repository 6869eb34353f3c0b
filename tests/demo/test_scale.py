"""The scale data set (demo/scale.py, manage.py make_scale_data), built tiny: its counts, its rules, its pages."""

import io
import random

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Q
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement
from bodies.models import Body, BodyKind, Membership, Role
from declarations.models import Declaration, Gift, Interest, Ruling
from demo import scale
from demo.framework import DEMO_PASSWORD
from meetings.minutes_text import current_hash
from meetings.models import Attendance, Meeting, MeetingStatus, Minutes, MinutesStatus, Paper
from notifications.models import Notification
from partnership.models import Organisation, Person, User
from tests.demo.support import FAST_HASHING

TINY = 0.002
SIZES = scale.sizes_for(TINY)
# Records nobody writes by hand, or that only Django and its libraries write.
NOT_CHECKED = {"session", "logentry", "permission", "contenttype", "group"}


def make(*args, **settings):
    out = io.StringIO()
    with override_settings(**settings):
        call_command("make_scale_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def _built_once(django_db_setup, django_db_blocker):
    """Build the tiny scale data set once, through the command; roll it all back after the module."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHING), transaction.atomic():
        output = make("--scale", str(TINY), "--seed", "7", DEBUG=True)
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def built(_built_once, db):
    return _built_once


def logins():
    return {role.split()[0]: email for email, role in scale.login_roles()}


def client_for(who):
    client = Client()
    if who != "anonymous":
        client.force_login(User.objects.get(email=logins()[who]))
    return client


# The command


def test_the_command_refuses_to_run_with_debug_off(db):
    with pytest.raises(CommandError, match="runs only with DEBUG on"):
        make("--scale", "0.002", DEBUG=False)
    assert Body.objects.count() == 0


def test_the_command_refuses_a_database_with_other_data_unless_forced(db):
    Organisation.objects.create(name="Someone Else's Partner", slug="someone-else", sector="public")
    with pytest.raises(CommandError, match=r"not a scale data set \(1 organisations\).*--force"):
        make("--scale", "0.002", DEBUG=True)
    assert Body.objects.count() == 0


def test_the_command_refuses_a_second_scale_data_set(built):
    with pytest.raises(CommandError, match="already holds a scale data set"):
        make("--scale", "0.002", "--force", DEBUG=True)


@pytest.mark.parametrize("scale_arg", ["0", "-1", "nan", "many"])
def test_the_command_refuses_a_scale_that_is_not_a_positive_number(db, scale_arg):
    with pytest.raises(CommandError, match="--scale must be"):
        make("--scale", scale_arg, DEBUG=True)


def test_sizes_grow_as_the_scale_with_bodies_and_years_as_its_square_root():
    assert scale.sizes_for(1) == scale.Sizes(
        bodies=50,
        years=20,
        organisations=150,
        people=2000,
        meetings=5000,
        declarations=50000,
        interests=2000,
        gifts=3000,
        advice=40,
    )
    tenth = scale.sizes_for(0.1)
    assert (tenth.bodies, round(tenth.years, 1), tenth.people, tenth.meetings) == (16, 6.3, 200, 500)


# What it builds


def test_it_says_what_it_built_and_the_logins(built):
    assert "Built the scale data set at 0.002x" in built
    assert "tim.jackson@example.org (member of four bodies since they began)" in built


def test_it_builds_the_sizes_asked_for(built):
    assert Body.objects.count() == SIZES.bodies
    assert Organisation.objects.count() == SIZES.organisations
    assert Person.objects.count() == SIZES.people
    meetings = Meeting.objects.count()
    assert SIZES.meetings * 0.7 <= meetings <= SIZES.meetings * 1.4
    assert Declaration.objects.count() >= SIZES.declarations * 0.9
    # The demo member keeps six entries at every scale.
    assert Interest.objects.count() == max(6, SIZES.interests)
    assert Gift.objects.count() >= SIZES.gifts - 1
    items = Meeting.objects.annotate(n=Count("items")).values_list("n", flat=True)
    assert 13 <= sum(items) / len(items) <= 17
    assert Paper.objects.exists() and Attendance.objects.exists() and Notification.objects.exists()
    assert Minutes.objects.filter(published_at__isnull=False).exists()
    assert Agreement.objects.get(slug=scale.AGREEMENT_SLUG).in_force() is not None


def test_the_same_seed_scale_and_day_plan_the_same_framework():
    today = timezone.localdate()
    plans = []
    for _ in range(2):
        builder = scale.Builder(0.1, 7, today)
        builder.plan_framework()
        plans.append([(p.name, p.kind, p.established_on, p.ended_on) for p in builder.plans])
    assert plans[0] == plans[1]
    assert len(plans[0]) == scale.sizes_for(0.1).bodies


def test_sampled_rows_pass_full_clean(built):
    rng = random.Random(1)
    failures = {}
    checked = 0
    for model in apps.get_models():
        name = model._meta.model_name
        if name.startswith("historical") or name in NOT_CHECKED or model._meta.app_label in {"axes", "guardian"}:
            continue
        pks = list(model._base_manager.values_list("pk", flat=True))
        for obj in model._base_manager.filter(pk__in=rng.sample(pks, min(len(pks), 40))):
            checked += 1
            try:
                obj.full_clean()
            except Exception as error:  # noqa: BLE001 - collect every failure, then report them together
                failures[f"{model._meta.label} {obj.pk}"] = str(error)
    assert failures == {}
    assert checked > 300


def test_memberships_and_meetings_lie_within_their_bodys_life(built):
    for membership in Membership.objects.select_related("body"):
        body = membership.body
        assert membership.start >= body.established_on, membership
        if body.ended_on:
            assert membership.end is not None and membership.end <= body.ended_on, membership
    for meeting in Meeting.objects.select_related("body"):
        day = timezone.localdate(meeting.starts_at)
        assert meeting.body.established_on <= day, meeting
        assert meeting.body.ended_on is None or day <= meeting.body.ended_on, meeting


def test_each_body_has_one_chair_at_a_time_from_its_first_day(built):
    for body in Body.objects.all():
        chairs = list(Membership.objects.filter(body=body, role=Role.CHAIR).order_by("start"))
        assert chairs[0].start == body.established_on
        for before, after in zip(chairs, chairs[1:], strict=False):
            assert before.end is not None and before.end < after.start


def test_signed_minutes_carry_the_hash_of_their_canonical_text(built):
    signed = Minutes.objects.filter(status=MinutesStatus.SIGNED).select_related("meeting__body", "approved_at_item")
    assert signed.exists()
    for minutes in signed:
        assert minutes.signed_hash == current_hash(minutes.meeting)
        later = minutes.approved_at_item.meeting
        assert later.body_id == minutes.meeting.body_id and later.starts_at > minutes.meeting.starts_at
        chair = Membership.objects.on(minutes.approved_on).filter(
            body=minutes.meeting.body, role__in=[Role.CHAIR, Role.VICE_CHAIR], person__user=minutes.signed_by
        )
        assert chair.exists()
    # Only signed minutes are published, and their meetings say so.
    assert not Minutes.objects.filter(published_at__isnull=False).exclude(status=MinutesStatus.SIGNED).exists()
    published = Meeting.objects.filter(minutes__published_at__isnull=False)
    assert set(published.values_list("status", flat=True)) == {MeetingStatus.MINUTES_PUBLISHED}


def test_declarations_are_made_by_people_at_the_meeting_and_ruled_on_by_its_chair(built):
    for declaration in Declaration.objects.select_related("item__meeting"):
        assert Attendance.objects.filter(
            meeting=declaration.item.meeting, person=declaration.person, status="present"
        ).exists()
        assert not declaration.item.standing_role
    rulings = Ruling.objects.select_related("declaration__item__meeting", "ruled_by__person")
    assert rulings.exists()
    for ruling in rulings:
        assert ruling.ruled_by.person != ruling.declaration.person
        assert (
            ruling.ruled_by.is_secretariat
            or Membership.objects.on(timezone.localdate(ruling.declaration.item.meeting.starts_at))
            .filter(
                body=ruling.declaration.item.meeting.body,
                role__in=[Role.CHAIR, Role.VICE_CHAIR],
                person=ruling.ruled_by.person,
            )
            .exists()
        )


def test_the_demo_logins_are_the_secretariat_the_boards_chair_and_a_member_with_a_long_history(built):
    emails = logins()
    for email in emails.values():
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)
    officer = Person.objects.get(email=emails["secretariat"])
    assert officer.user.is_secretariat
    board = Body.objects.get(slug=scale.MARKER_SLUG, kind=BodyKind.PARTNERSHIP_BOARD)
    assert Membership.objects.current().chairs().get(body=board).person.email == emails["chair"]
    member = Person.objects.get(email=emails["member"])
    sits_on = Membership.objects.current().filter(person=member, role=Role.MEMBER)
    assert board.pk in sits_on.values_list("body", flat=True)
    twenty = (
        Meeting.objects.filter(body=board, starts_at__gt=timezone.now(), agenda_published_at__isnull=False)
        .annotate(n=Count("items"))
        .get(n=scale.MEMBER_MEETING_ITEMS)
    )
    assert twenty.papers.filter(Q(confidential=True) | Q(item__confidential=True)).exists()


PUBLIC = [
    ("home", []),
    ("body_list", []),
    ("framework", []),
    ("framework_svg", []),
    ("organisation_list", []),
    ("meeting_list", []),
    ("calendar", []),
    ("calendar_ics", []),
    ("minutes_feed", []),
    ("interests_public", []),
    ("gift_register", []),
    ("agreement", []),
    ("agreement_versions", []),
    ("livez", []),
]


def test_the_public_pages_answer_on_it(built):
    board = Body.objects.get(slug=scale.MARKER_SLUG)
    member = Person.objects.get(email=logins()["member"])
    published = Meeting.objects.filter(minutes__published_at__isnull=False).order_by("-starts_at")[0]
    paper = Paper.objects.filter(meeting__in=Meeting.objects.filter(minutes__published_at__isnull=False)).filter(
        confidential=False, item__confidential=False
    )[0]
    urls = [reverse(name, args=args) for name, args in PUBLIC] + [
        reverse("body_detail", args=[board.slug]),
        reverse("body_calendar", args=[board.slug]),
        reverse("body_calendar_ics", args=[board.slug]),
        reverse("organisation_detail", args=[Organisation.objects.order_by("pk")[0].slug]),
        reverse("meeting_detail", args=[published.pk]),
        reverse("meeting_minutes", args=[published.pk]),
        reverse("paper_detail", args=[paper.meeting_id, paper.pk]),
        reverse("interests_public_person", args=[member.pk]),
        reverse("gift_register_person", args=[member.pk]),
        reverse("agreement_version", args=[Agreement.objects.get(slug=scale.AGREEMENT_SLUG).in_force().pk]),
    ]
    client = client_for("anonymous")
    answers = {url: client.get(url).status_code for url in urls}
    assert answers == dict.fromkeys(urls, 200)


def test_the_member_and_secretariat_pages_answer_on_it(built):
    board = Body.objects.get(slug=scale.MARKER_SLUG)
    twenty = Meeting.objects.filter(body=board).annotate(n=Count("items")).get(n=scale.MEMBER_MEETING_ITEMS)
    pages = {
        "member": [
            reverse("account"),
            reverse("meeting_detail", args=[twenty.pk]),
            reverse("action_register"),
            reverse("interests_mine"),
            reverse("gift_mine"),
            reverse("notification_list"),
            reverse("attendance_stats"),
        ],
        "secretariat": [
            reverse("manage:dashboard"),
            reverse("manage:person_list"),
            reverse("manage:body_edit", args=[board.slug]),
            reverse("manage:history", args=["body", board.slug]),
            reverse("outbox"),
            reverse("interests_manage"),
            reverse("gift_register_manage"),
        ],
    }
    for who, urls in pages.items():
        client = client_for(who)
        answers = {url: client.get(url).status_code for url in urls}
        assert answers == dict.fromkeys(urls, 200), who


def test_the_search_index_is_built_with_it_and_finds_the_boards_published_minutes(built):
    from search.models import Entry, Kind

    assert "search entries" in built
    published = Meeting.objects.filter(minutes__published_at__isnull=False).order_by("-starts_at")[0]
    item = published.items.filter(confidential=False).exclude(discussion="").order_by("number").first()
    assert Entry.objects.filter(kind=Kind.MINUTES, item=item, audience="public").exists()
    day = published.starts_at.date().isoformat()
    response = client_for("anonymous").get(
        reverse("search"), {"q": f'"{item.title}"', "body": published.body.slug, "from": day, "to": day}
    )
    assert response.status_code == 200
    assert item.pk in {entry.item_id for entry in response.context["results"]}
