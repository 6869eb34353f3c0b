"""The public's attendance figures (issue 15): per body, a row for each member; per person, a row for each body;
over a municipal year, at the meetings whose minutes are published."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bodies.models import Role
from meetings import calendar, stats
from meetings.actions import minutes as actions
from meetings.models import AttendanceStatus, Capacity, MeetingStatus, Minutes, MinutesStatus
from tests.factories import AttendanceFactory, BodyFactory, MeetingFactory, MembershipFactory, PersonFactory
from tests.meetings.scenario import at, held_with_attendance, row, signed
from tests.paging import assert_a_full_page_and_a_next

PRESENT, APOLOGIES, ABSENT = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT


def figures(rows):
    """(name, expected, present, apologies, absent, reserve attended for them, attended as a reserve) of each row."""
    return [(r.label, r.expected, r.present, r.apologies, r.absent, r.reserve_for_them, r.as_reserve) for r in rows]


def body_url(cast, year=None):
    url = reverse("body_attendance", args=[cast.board.slug])
    return url if year is None else f"{url}?year={year}"


def person_url(person, year=None):
    url = reverse("person_attendance", args=[person.pk])
    return url if year is None else f"{url}?year={year}"


@pytest.fixture
def oscar_reserve(scene):
    """Oscar, a member of the forum, is also the named reserve for Rita on the board."""
    return MembershipFactory(
        person=scene.cast.other_member.person, body=scene.cast.board, role=Role.NAMED_RESERVE, reserve_for=scene.rita
    )


@pytest.fixture
def published(scene, oscar_reserve):
    """The board's meeting of 30 April 2009, its minutes published: Chris and Tim present, Mel's apologies with
    Pat, Mel's named reserve, attending for Mel; Rita absent with Oscar, her named reserve, attending for her.
    The meeting of 28 May 2009 has attendance recorded and draft minutes only."""
    cast = scene.cast
    held_with_attendance(scene)
    actions.record_reserve(
        scene.meeting,
        by=cast.secretariat,
        member=row(scene.meeting, scene.rita.person),
        reserve=cast.other_member.person,
    )
    minutes = actions.draft_minutes(scene.meeting, by=cast.secretariat)
    minutes = actions.approve_minutes(minutes, by=cast.secretariat, at_item=scene.following_items.previous)
    minutes = actions.sign_minutes(minutes, by=cast.chair)
    actions.publish_minutes(minutes, by=cast.secretariat)
    member = Capacity.MEMBER
    for membership, status in [(cast.member_membership, PRESENT), (scene.rita, PRESENT), (scene.tim, ABSENT)]:
        AttendanceFactory(
            meeting=scene.following, person=membership.person, membership=membership, capacity=member, status=status
        )
    Minutes.objects.create(meeting=scene.following, status=MinutesStatus.DRAFT)
    return scene


# The counting


def test_each_member_of_the_body_has_a_row_and_a_reserve_in_their_seat_counts_it_once(published):
    meetings, rows = stats.body_figures(published.cast.board.pk, *stats.business_year_days(2009))
    assert meetings == 1
    assert figures(rows) == [
        ("Chris Carter", 1, 1, 0, 0, 0, 0),
        # Left on 29 April 2009, so not expected on the 30th; a member during the year all the same.
        ("Len Left", 0, 0, 0, 0, 0, 0),
        # Mel sent apologies and Pat came in Mel's seat: one seat, expected once, filled by the reserve.
        ("Mel Morris", 1, 0, 1, 0, 1, 0),
        ("Oscar Owen", 0, 0, 0, 0, 0, 1),
        ("Pat Price", 0, 0, 0, 0, 0, 1),
        ("Rita Waters", 1, 0, 0, 1, 1, 0),
        ("Tim Jackson", 1, 1, 0, 0, 0, 0),
    ]
    # Named reserves and the observer hold no seat; the members who did link to their own figures.
    assert [r.label for r in rows if r.seated] == [
        "Chris Carter",
        "Len Left",
        "Mel Morris",
        "Rita Waters",
        "Tim Jackson",
    ]


def test_a_meeting_whose_minutes_are_not_published_is_not_counted(published, client):
    # 28 May 2009 has attendance and draft minutes: Mel present, Rita present, Tim absent. None of it counts.
    response = client.get(body_url(published.cast, 2009))
    assert response.context["meetings"] == 1
    assert figures(response.context["rows"])[2] == ("Mel Morris", 1, 0, 1, 0, 1, 0)
    assert "1 meeting with published minutes counted." in response.content.decode()


def test_signed_minutes_not_yet_published_count_for_nobody_not_even_the_secretariat(scene, client_for):
    signed(scene)
    response = client_for("secretariat").get(body_url(scene.cast, 2009))
    assert response.context["meetings"] == 0
    assert figures(response.context["rows"])[2] == ("Mel Morris", 0, 0, 0, 0, 0, 0)
    assert "No meeting held from April 2009 to March 2010 has published minutes yet." in response.content.decode()


def test_a_cancelled_meeting_is_not_counted_whatever_its_minutes(cast):
    meeting = MeetingFactory(
        body=cast.board, starts_at=at(2009, 6, 1), status=MeetingStatus.CANCELLED, status_reason="Not quorate."
    )
    publish_by_factory(meeting)
    AttendanceFactory(meeting=meeting, person=cast.member.person, membership=cast.member_membership, status=ABSENT)
    meetings, rows = stats.body_figures(cast.board.pk, *stats.business_year_days(2009))
    assert (meetings, figures(rows)) == (0, [("Chris Carter", 0, 0, 0, 0, 0, 0), ("Mel Morris", 0, 0, 0, 0, 0, 0)])


def test_the_municipal_year_runs_from_april_to_march(cast):
    assert stats.business_year_days(2009) == (datetime.date(2009, 4, 1), datetime.date(2010, 3, 31))
    last_march = publish_by_factory(MeetingFactory(body=cast.board, starts_at=at(2010, 3, 31, 18)))
    next_april = publish_by_factory(MeetingFactory(body=cast.board, starts_at=at(2010, 4, 1, 10)))
    for meeting in (last_march, next_april):
        AttendanceFactory(meeting=meeting, person=cast.member.person, membership=cast.member_membership)
    assert stats.body_figures(cast.board.pk, *stats.business_year_days(2009))[0] == 1
    assert stats.body_figures(cast.board.pk, *stats.business_year_days(2010))[0] == 1


# The body's page


def test_the_body_page_shows_the_year_asked_for(published, client):
    response = client.get(body_url(published.cast, 2009))
    assert response.status_code == 200
    assert response.context["year"] == 2009
    assert figures(response.context["rows"])[0] == ("Chris Carter", 1, 1, 0, 0, 0, 0)
    content = response.content.decode()
    assert "<title>Attendance 2009 to 2010: Partnership Board – West Cheshire Together</title>" in content
    assert (
        '<caption class="govuk-table__caption govuk-table__caption--m">'
        "Attendance at meetings of Partnership Board, April 2009 to March 2010</caption>"
    ) in content
    assert content.count('<th scope="col"') == 7
    assert content.count('<th scope="row"') == 7
    mel = published.cast.member.person
    assert f'<a class="govuk-link" href="{person_url(mel, 2009)}">Mel Morris</a>' in content
    # Pat never sat on a body: no link to figures that are not there.
    assert '<th scope="row" class="govuk-table__header">Pat Price</th>' in content


def test_the_body_page_opens_on_the_current_municipal_year(published, client):
    response = client.get(body_url(published.cast))
    year = calendar.business_year_of(timezone.localdate())
    assert response.context["year"] == year
    assert response.context["meetings"] == 0
    # Today's members, with nothing published yet this year.
    assert figures(response.context["rows"]) == [
        ("Chris Carter", 0, 0, 0, 0, 0, 0),
        ("Mel Morris", 0, 0, 0, 0, 0, 0),
        ("Rita Waters", 0, 0, 0, 0, 0, 0),
        ("Tim Jackson", 0, 0, 0, 0, 0, 0),
    ]
    assert f'href="?year={year - 1}" rel="prev"' in response.content.decode()


def test_a_year_before_anyone_sat_on_the_body_says_so(published, client):
    response = client.get(body_url(published.cast, 2008))
    assert (response.context["meetings"], response.context["rows"]) == (0, [])
    assert "Nobody sat on Partnership Board from April 2008 to March 2009." in response.content.decode()


@pytest.mark.parametrize(
    ("year", "error"),
    [
        ("twenty", "Enter the year as a number, such as 2009."),
        ("1999", "Enter a year from 2000 to 2100."),
        ("2101", "Enter a year from 2000 to 2100."),
        (str(10**30), "Enter a year from 2000 to 2100."),
    ],
)
def test_a_bad_year_is_refused_with_the_forms_error(published, client, year, error):
    for url in (body_url(published.cast), person_url(published.cast.member.person)):
        response = client.get(url, {"year": year})
        assert response.status_code == 400
        assert response.context["form"].errors == {"year": [error]}
        assert response.context["year"] == calendar.business_year_of(timezone.localdate())
        content = response.content.decode()
        assert f'<a href="#id_year">{error}</a>' in content
        assert "<title>Error: Attendance" in content


def test_the_body_page_shows_fifty_members_a_page(cast, client):
    for i in range(52):
        MembershipFactory(body=cast.board, person=PersonFactory(name=f"Person {i:02}"))
    first = client.get(body_url(cast, 2009))
    assert_a_full_page_and_a_next(first, first.context["rows"], 50, label="Members: pages")
    assert 'href="?year=2009&amp;page=2" rel="next"' in first.content.decode()
    second = client.get(body_url(cast, 2009), {"year": "2009", "page": "2"})
    # With Chris and Mel, 54 members.
    assert [r.label for r in second.context["rows"]] == ["Person 48", "Person 49", "Person 50", "Person 51"]


def test_an_unknown_body_is_not_found(cast, client):
    assert client.get(reverse("body_attendance", args=["no-such-body"])).status_code == 404


# The person's page


def test_a_members_page_shows_their_figures_on_each_body(published, client):
    response = client.get(person_url(published.cast.member.person, 2009))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert figures(rows) == [("Partnership Board", 1, 0, 1, 0, 1, 0)]
    assert [r.meetings for r in rows] == [1]
    content = response.content.decode()
    assert (
        '<caption class="govuk-table__caption govuk-table__caption--m">'
        "Attendance of Mel Morris, April 2009 to March 2010, by body</caption>"
    ) in content
    assert f'<a class="govuk-link" href="{body_url(published.cast, 2009)}">Partnership Board</a>' in content


def test_a_member_who_attended_another_body_as_a_reserve_has_both_on_their_page(published, client):
    response = client.get(person_url(published.cast.other_member.person, 2009))
    assert figures(response.context["rows"]) == [
        ("Chester Community Forum", 0, 0, 0, 0, 0, 0),
        ("Partnership Board", 0, 0, 0, 0, 0, 1),
    ]
    assert [r.meetings for r in response.context["rows"]] == [0, 1]


def test_a_year_in_which_the_person_sat_on_no_body_says_so(published, client):
    response = client.get(person_url(published.cast.member.person, 2008))
    assert response.context["rows"] == []
    assert "Mel Morris sat on no body from April 2008 to March 2009." in response.content.decode()


@pytest.mark.parametrize("who", ["a named reserve only", "a stranger", "nobody"])
def test_someone_who_never_sat_on_a_body_as_a_member_has_no_page(published, client, who):
    pk = {
        "a named reserve only": published.pat.person.pk,
        "a stranger": published.cast.stranger.person.pk,
        "nobody": 999_999,
    }[who]
    assert client.get(reverse("person_attendance", args=[pk])).status_code == 404


def test_a_past_member_keeps_their_page(published, client):
    # Len left the board on 29 April 2009: his figures stay public record.
    len_left = published.cast.board.memberships.get(person__name="Len Left").person
    response = client.get(person_url(len_left, 2012))
    assert response.status_code == 200
    assert response.context["rows"] == []


# Queries: the same for one member and meeting as for ten


def publish_by_factory(meeting):
    """Minutes signed and published, set down directly: for scenes the actions would take long to build."""
    Minutes.objects.create(
        meeting=meeting,
        status=MinutesStatus.SIGNED,
        signed_at=meeting.starts_at + datetime.timedelta(days=30),
        signed_hash="0" * 64,
        published_at=meeting.starts_at + datetime.timedelta(days=31),
    )
    return meeting


def board_with(cast, count):
    """`count` more members of the board, each with a named reserve, at `count` meetings with published minutes:
    apologies at the first with the reserve in their seat, present at the others."""
    members = [MembershipFactory(body=cast.board, person=PersonFactory()) for _ in range(count)]
    for i in range(count):
        meeting = publish_by_factory(MeetingFactory(body=cast.board, starts_at=at(2009, 5, 1 + i)))
        for member in members:
            status = APOLOGIES if i == 0 else PRESENT
            AttendanceFactory(meeting=meeting, person=member.person, membership=member, status=status)
            if i == 0:
                reserve = MembershipFactory(
                    body=cast.board, person=PersonFactory(), role=Role.NAMED_RESERVE, reserve_for=member
                )
                AttendanceFactory(meeting=meeting, person=reserve.person, membership=member, capacity=Capacity.RESERVE)
    return members


@pytest.mark.usefixtures("no_public_cache")
@pytest.mark.parametrize("item_count", (1, 10))
def test_the_body_page_makes_the_same_queries_for_one_member_as_for_ten(
    cast, client, django_assert_num_queries, item_count
):
    members = board_with(cast, item_count)
    # The body; the members' counts; their reserves' counts; the members of the year; the meetings.
    with django_assert_num_queries(5):
        response = client.get(body_url(cast, 2009))
    assert response.context["meetings"] == item_count
    assert len(response.context["rows"]) == 2 + 2 * item_count
    first = next(r for r in response.context["rows"] if r.key == members[0].person_id)
    assert (first.expected, first.present, first.apologies, first.reserve_for_them) == (
        item_count,
        item_count - 1,
        1,
        1,
    )


@pytest.mark.usefixtures("no_public_cache")
@pytest.mark.parametrize("item_count", (1, 10))
def test_the_person_page_makes_the_same_queries_for_one_body_as_for_ten(
    cast, client, django_assert_num_queries, item_count
):
    mel = cast.member.person
    for _ in range(item_count):
        body = BodyFactory()
        membership = MembershipFactory(body=body, person=mel)
        for day in range(1, item_count + 1):
            meeting = publish_by_factory(MeetingFactory(body=body, starts_at=at(2009, 6, day)))
            AttendanceFactory(meeting=meeting, person=mel, membership=membership)
    # The person; whether they ever sat; their counts; a reserve's in their seat; their seats; the meetings.
    with django_assert_num_queries(6):
        response = client.get(person_url(mel, 2009))
    rows = response.context["rows"]
    assert len(rows) == 1 + item_count
    assert {(r.meetings, r.expected, r.present) for r in rows if r.label != "Partnership Board"} == {
        (item_count, item_count, item_count)
    }


# The public cache


def test_the_publics_figures_are_kept_and_change_at_once_when_minutes_are_published(
    scene, client, django_assert_num_queries
):
    minutes = signed(scene)
    urls = [body_url(scene.cast, 2009), person_url(scene.cast.member.person, 2009)]
    before = [client.get(url) for url in urls]
    assert before[0].context["meetings"] == 0
    assert figures(before[1].context["rows"]) == [("Partnership Board", 0, 0, 0, 0, 0, 0)]
    with django_assert_num_queries(0):
        again = [client.get(url) for url in urls]
    assert [response.content for response in again] == [response.content for response in before]

    actions.publish_minutes(minutes, by=scene.cast.secretariat)

    after = [client.get(url) for url in urls]
    assert after[0].context["meetings"] == 1
    assert figures(after[0].context["rows"])[2] == ("Mel Morris", 1, 0, 1, 0, 1, 0)
    assert figures(after[1].context["rows"]) == [("Partnership Board", 1, 0, 1, 0, 1, 0)]


def test_a_signed_in_reader_is_given_the_page_itself(published, client_for):
    response = client_for("member").get(body_url(published.cast, 2009))
    assert response["Cache-Control"] == "private"
    assert response.context["meetings"] == 1


def test_the_pages_are_linked_from_the_body_and_from_a_members_public_register(client, cast):
    body_page = client.get(reverse("body_detail", args=[cast.board.slug])).content.decode()
    assert f'href="{reverse("body_attendance", args=[cast.board.slug])}"' in body_page
    person = cast.member.person
    register = client.get(reverse("interests_public_person", args=[person.pk])).content.decode()
    assert f'href="{reverse("person_attendance", args=[person.pk])}"' in register


def test_a_named_reserves_public_register_does_not_link_to_figures_they_do_not_have(client, cast):
    seat = cast.board.memberships.filter(role=Role.MEMBER).first()
    reserve = MembershipFactory(body=cast.board, person=PersonFactory(), role=Role.NAMED_RESERVE, reserve_for=seat)
    register = client.get(reverse("interests_public_person", args=[reserve.person.pk]))
    assert register.status_code == 200
    assert reverse("person_attendance", args=[reserve.person.pk]) not in register.content.decode()
    assert client.get(reverse("person_attendance", args=[reserve.person.pk])).status_code == 404
