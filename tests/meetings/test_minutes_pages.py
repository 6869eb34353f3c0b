"""The permanent minutes page: who sees what, the header, quorum, and its cost in queries."""

import datetime
import re

import pytest
from django.urls import reverse

from bodies.models import Role
from meetings.actions import minutes as actions
from meetings.models import Attendance, AttendanceStatus, Capacity, Decision, Minutes
from partnership.dates import british_datetime
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory
from tests.meetings.scenario import approved, at, drafted, published, record, signed

pytestmark = pytest.mark.django_db


def page(client, scene):
    return client.get(reverse("meeting_minutes", args=[scene.meeting.pk]))


def text_of(response):
    """The page's main content as text, one line per block, without markup."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    main = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", main, flags=re.S)
    lines = [re.sub(r"\s+", " ", line).strip() for line in re.sub(r"<[^>]+>", "\n", main).split("\n")]
    return [line for line in lines if line]


# Who sees the minutes


@pytest.mark.parametrize("who", ["anonymous", "stranger", "other_member"])
def test_the_public_gets_no_page_before_publication(scene, client_for, who):
    signed(scene)

    assert page(client_for(who), scene).status_code == 404


@pytest.mark.parametrize("who", ["member", "chair", "secretariat"])
def test_members_and_the_secretariat_read_the_draft(scene, client_for, who):
    drafted(scene)

    response = page(client_for(who), scene)

    assert response.status_code == 200
    assert "These are draft minutes. They are not yet approved as an accurate record." in " ".join(text_of(response))
    assert response.context["r"].full is True


@pytest.mark.parametrize("who", ["anonymous", "stranger", "other_member", "member", "chair", "secretariat"])
def test_everyone_reads_published_minutes(scene, client_for, who):
    published(scene)

    response = page(client_for(who), scene)

    assert response.status_code == 200
    assert response.context["r"].full is (who in ("member", "chair", "secretariat"))


@pytest.mark.parametrize(("who", "status"), [("member", 404), ("anonymous", 404), ("secretariat", 200)])
def test_before_drafting_only_the_secretariat_has_the_page(scene, client_for, who, status):
    assert page(client_for(who), scene).status_code == status


def test_the_secretariat_is_offered_to_draft_the_minutes_of_a_meeting_that_took_place(scene, client_for):
    response = page(client_for("secretariat"), scene)

    assert b"Draft the minutes" in response.content
    assert b"Record the attendance" in response.content


def test_a_meeting_yet_to_take_place_cannot_be_minuted(cast, client_for):
    meeting = MeetingFactory(body=cast.board)

    response = client_for("secretariat").get(reverse("meeting_minutes", args=[meeting.pk]))

    assert b"The meeting has not taken place yet: the minutes are drafted afterwards." in response.content
    assert b"Draft the minutes</button>" not in response.content


def test_a_missing_meeting_answers_404(db, client_for, cast):
    assert client_for("secretariat").get(reverse("meeting_minutes", args=[999999])).status_code == 404


# What the page says


def test_published_minutes_show_attendance_items_decisions_actions_and_the_signature(scene, client_for):
    drafted(scene)
    by = scene.cast.secretariat
    actions.add_attendee(scene.meeting, by=by, capacity=Capacity.SUPPORT, name="Alistair Jeffs", role_shown="Officer")
    actions.add_attendee(scene.meeting, by=by, capacity=Capacity.VISITOR, name="Evan Morris", organisation_shown="NWDA")
    actions.add_decision(scene.items.constitution, by=by, text="The constitution was endorsed.")
    actions.add_action(
        scene.items.constitution,
        by=by,
        text="Confirm a named reserve.",
        owners=[scene.tim.person],
        owner_note="All partners",
        due_on=datetime.date(2009, 5, 28),
    )
    minutes = scene.meeting.minutes
    actions.approve_minutes(minutes, by=by, at_item=scene.following_items.previous)
    actions.sign_minutes(minutes, by=scene.cast.chair)
    actions.publish_minutes(minutes, by=by)
    minutes.refresh_from_db()

    lines = text_of(page(client_for("anonymous"), scene))

    start = lines.index("Attendance")
    assert lines[start : lines.index("Items")] == [
        "Attendance",
        "Attending",
        "Name",
        "Role",
        "Organisation",
        "Chris Carter",
        "Chair",
        "Cheshire West and Chester Council",
        "Tim Jackson",
        "Member",
        "Cheshire Police Authority",
        "Pat Price",
        "Named reserve for Mel Morris",
        "Cheshire Constabulary",
        "Apologies",
        "Mel Morris, Member, Cheshire Constabulary",
        "Absent",
        "Rita Waters, Co-opted member, Cheshire Police Authority",
        "Support staff",
        "Alistair Jeffs, Officer",
        "Visitors",
        "Evan Morris, NWDA",
    ]
    item3 = lines.index("Item 3. Constitution of the partnership")
    assert lines[item3 : item3 + 12] == [
        "Item 3. Constitution of the partnership",
        "Decision 1:",
        "The constitution was endorsed.",
        "Actions from item 3",
        "Action",
        "Owners",
        "Due",
        "Status",
        "Confirm a named reserve.",
        "Tim Jackson; All partners",
        "28 May 2009",
        "Open",
    ]
    assert lines[lines.index("Status") : lines.index("Status") + 12] == [
        "Status",
        "Signed by the chair",
        "Approved as an accurate record",
        "On 28 May 2009, at the meeting of that day (item 2)",
        "Signed by the chair",
        f"By Chris Carter on {british_datetime(minutes.signed_at)}",
        "Fingerprint (SHA-256):",
        minutes.signed_hash[:12],
        "The full fingerprint",
        minutes.signed_hash,
        "Published",
        british_datetime(minutes.published_at),
    ]
    assert "The meeting was quorate." in lines


def test_the_chair_is_offered_to_sign_approved_minutes_and_the_member_is_not(scene, client_for):
    approved(scene)

    assert b"Sign the minutes" in page(client_for("chair"), scene).content
    assert b"Sign the minutes" not in page(client_for("member"), scene).content


def test_the_secretariat_sees_the_quorum_of_each_item(scene, client_for):
    drafted(scene)
    record(scene, {scene.pat.person: AttendanceStatus.ABSENT})

    lines = text_of(page(client_for("secretariat"), scene))

    assert [line for line in lines if line.startswith("Quorum:")] == [
        "Quorum: 2 seats present, 3 needed (not quorate)."
    ] * 5
    assert "The meeting was not quorate for every item: the items concerned say so." in lines
    assert lines.count("The meeting was not quorate for this item.") == 5


def test_the_public_does_not_see_the_quorum_workings(scene, client_for):
    published(scene)

    lines = text_of(page(client_for("anonymous"), scene))

    assert [line for line in lines if line.startswith("Quorum:")] == []
    assert "The meeting was quorate." in lines


def test_the_secretariat_is_told_whether_the_record_still_matches_the_signature(scene, client_for):
    signed(scene)
    client = client_for("secretariat")
    assert b"The minutes as now recorded match the signed fingerprint." in page(client, scene).content

    # A record the minutes are built from changes behind the minutes' back (here, a person's name).
    scene.tim.person.name = "Timothy Jackson"
    scene.tim.person.save()

    assert b"no longer match the signed fingerprint" in page(client, scene).content


def test_corrections_are_listed_with_the_minutes(scene, client_for):
    minutes = signed(scene)
    actions.correct_minutes(
        minutes,
        by=scene.cast.secretariat,
        item=scene.items.constitution,
        new_discussion="Endorsed.",
        reason="The discussion was left out.",
    )
    actions.publish_minutes(minutes, by=scene.cast.secretariat)
    correction = minutes.corrections.get()

    lines = text_of(page(client_for("anonymous"), scene))

    assert lines[lines.index("Corrections") + 1] == (
        f"Item 3 was corrected on {british_datetime(correction.made_at)} by Sam Shaw. Reason: The discussion was left out."
    )


# Queries: the same for one of everything as for a full meeting


def build(meeting, *, items, attendees, per_item, signer):
    members = []
    for n in range(attendees):
        membership = MembershipFactory(body=meeting.body, person=PersonFactory(name=f"Member {meeting.pk}-{n}"))
        members.append(membership.person)
        Attendance.objects.create(
            meeting=meeting,
            person=membership.person,
            membership=membership,
            role_shown="Member",
            status=AttendanceStatus.PRESENT if n % 3 else AttendanceStatus.APOLOGIES,
        )
    Attendance.objects.create(meeting=meeting, person=PersonFactory(), capacity=Capacity.VISITOR)
    number = 0
    for n in range(items):
        item = AgendaItemFactory(meeting=meeting, number=n + 1, confidential=n % 4 == 3, confidential_reason="Why.")
        item.discussion = f"Discussed {n}."
        item.save()
        for k in range(per_item):
            number += 1
            Decision.objects.create(item=item, number=number, text=f"Decision {number}.")
            action = item.actions.create(text=f"Action {n}-{k}.", owner_note="All partners")
            action.owners.set(members[:3])
    Minutes.objects.create(
        meeting=meeting,
        status="signed",
        signed_by=signer,
        signed_hash="a" * 64,
        signed_at=meeting.starts_at,
        published_at=meeting.starts_at,
    )


@pytest.mark.usefixtures("no_public_cache")
@pytest.mark.parametrize(("who", "queries"), [("anonymous", 9), ("member", 13), ("secretariat", 13)])
def test_the_minutes_page_costs_the_same_queries_for_a_full_meeting_as_for_one_of_everything(
    cast, client_for, django_assert_num_queries, who, queries
):
    cast.board.quorum = 5
    cast.board.save()
    small = MeetingFactory(body=cast.board, starts_at=at(2009, 4, 30))
    large = MeetingFactory(body=cast.board, starts_at=at(2009, 5, 28))
    build(small, items=1, attendees=1, per_item=1, signer=cast.chair)
    build(large, items=20, attendees=50, per_item=3, signer=cast.chair)
    MembershipFactory(body=cast.board, role=Role.NAMED_RESERVE, reserve_for=cast.member_membership)
    client = client_for(who)

    # The first request fills process-wide caches (content types for django-guardian); count from the second.
    client.get(reverse("meeting_minutes", args=[small.pk]))
    for meeting in (small, large):
        with django_assert_num_queries(queries):
            response = client.get(reverse("meeting_minutes", args=[meeting.pk]))
        assert response.status_code == 200

    assert len(response.context["r"].items) == 20
    assert len(response.context["r"].attending) == 33
