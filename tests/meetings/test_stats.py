"""Attendance statistics per body, per person and per organisation."""

import datetime

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from bodies.models import Role
from meetings import stats
from meetings.models import AttendanceStatus, Capacity, MeetingStatus
from partnership.dates import british_date
from tests.factories import AttendanceFactory, MeetingFactory, MembershipFactory, OrganisationFactory, PersonFactory

PRESENT, APOLOGIES, ABSENT = AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES, AttendanceStatus.ABSENT


def ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def counts(rows):
    return [(r.label, r.expected, r.present, r.apologies, r.absent, r.as_reserve) for r in rows]


@pytest.fixture
def attendance(cast):
    """Two board meetings and a forum meeting held; one board meeting to come and one cancelled."""
    police = OrganisationFactory(name="Cheshire Police")
    council = OrganisationFactory(name="County Council")
    mel = cast.member_membership
    mel.organisation = police
    mel.save()
    chris = cast.chair_membership
    chris.organisation = council
    chris.save()
    rita = PersonFactory(name="Rita Reserve")
    MembershipFactory(body=cast.board, person=rita, role=Role.NAMED_RESERVE, reserve_for=mel, organisation=police)
    first = MeetingFactory(body=cast.board, starts_at=ago(60))
    second = MeetingFactory(body=cast.board, starts_at=ago(30))
    forum = MeetingFactory(body=cast.forum, starts_at=ago(20))
    future = MeetingFactory(body=cast.board, starts_at=ago(-10))
    cancelled = MeetingFactory(
        body=cast.board, starts_at=ago(45), status=MeetingStatus.CANCELLED, status_reason="Not quorate"
    )
    member = Capacity.MEMBER
    AttendanceFactory(meeting=first, person=mel.person, membership=mel, capacity=member, status=PRESENT)
    AttendanceFactory(meeting=first, person=chris.person, membership=chris, capacity=member, status=APOLOGIES)
    AttendanceFactory(meeting=second, person=mel.person, membership=mel, capacity=member, status=APOLOGIES)
    AttendanceFactory(meeting=second, person=rita, membership=mel, capacity=Capacity.RESERVE, status=PRESENT)
    AttendanceFactory(meeting=second, person=chris.person, membership=chris, capacity=member, status=PRESENT)
    AttendanceFactory(meeting=second, person=PersonFactory(name="Sue Support"), capacity=Capacity.SUPPORT)
    AttendanceFactory(meeting=forum, person=cast.other_member.person, capacity=member, status=ABSENT)
    # Neither a meeting to come nor a cancelled one counts.
    AttendanceFactory(meeting=future, person=mel.person, membership=mel, capacity=member, status=APOLOGIES)
    AttendanceFactory(meeting=cancelled, person=mel.person, membership=mel, capacity=member, status=ABSENT)
    return {"first": first, "second": second, "forum": forum}


def test_attendance_is_counted_per_body(cast, attendance):
    rows = stats.by_body(stats.attendance_rows())
    assert counts(rows) == [
        ("Chester Community Forum", 1, 0, 0, 1, 0),
        ("Partnership Board", 4, 2, 2, 0, 1),
    ]
    assert [(r.meetings, r.rate) for r in rows] == [(1, 0), (2, 50)]


def test_attendance_is_counted_per_person(cast, attendance):
    assert counts(stats.by_person(stats.attendance_rows())) == [
        ("Chris Carter", 2, 1, 1, 0, 0),
        ("Mel Morris", 2, 1, 1, 0, 0),
        ("Oscar Owen", 1, 0, 0, 1, 0),
        ("Rita Reserve", 0, 0, 0, 0, 1),
    ]


def test_a_reserve_counts_for_the_organisation_of_the_seat_they_fill(cast, attendance):
    assert counts(stats.by_organisation(stats.attendance_rows())) == [
        ("Cheshire Police", 2, 1, 1, 0, 1),
        ("County Council", 2, 1, 1, 0, 0),
        ("No organisation recorded", 1, 0, 0, 1, 0),
    ]


def test_the_totals_sum_every_counted_row(cast, attendance):
    total = stats.totals(stats.attendance_rows())
    assert (total.meetings, total.expected, total.present, total.apologies, total.absent, total.as_reserve) == (
        3,
        5,
        2,
        2,
        1,
        1,
    )
    assert total.rate == 40


def test_nobody_expected_gives_no_rate(db):
    assert stats.Row(label="x", expected=0, present=0, apologies=0, absent=0, as_reserve=0).rate is None


def test_attendance_can_be_limited_to_bodies_and_dates(cast, attendance):
    board_only = stats.by_body(stats.attendance_rows(body_ids=[cast.board.pk]))
    assert [r.label for r in board_only] == ["Partnership Board"]
    since = timezone.localdate(attendance["second"].starts_at)
    recent = stats.by_body(stats.attendance_rows(since=since))
    assert counts(recent) == [("Chester Community Forum", 1, 0, 0, 1, 0), ("Partnership Board", 2, 1, 1, 0, 1)]
    until = timezone.localdate(attendance["first"].starts_at)
    early = stats.by_body(stats.attendance_rows(until=until))
    assert counts(early) == [("Partnership Board", 2, 1, 1, 0, 0)]


# The page


def test_the_secretariat_sees_every_body(cast, client_for, attendance):
    response = client_for("secretariat").get(reverse("attendance_stats"))
    assert response.status_code == 200
    assert [r.label for r in response.context["by_body"]] == ["Chester Community Forum", "Partnership Board"]
    content = response.content.decode()
    assert "3 meetings counted: 2 of 5 expected attendances made (40%)." in content


def test_a_member_sees_only_the_bodies_they_sit_on(cast, client_for, attendance):
    response = client_for("member").get(reverse("attendance_stats"))
    assert [r.label for r in response.context["by_body"]] == ["Partnership Board"]
    assert [r.label for r in response.context["by_person"]] == ["Chris Carter", "Mel Morris", "Rita Reserve"]
    assert list(response.context["form"].fields["body"].queryset) == [cast.board]


def test_a_member_cannot_ask_for_a_body_they_do_not_sit_on(cast, client_for, attendance):
    response = client_for("member").get(reverse("attendance_stats"), {"body": cast.forum.slug})
    assert response.status_code == 400
    assert response.context["form"].errors == {"body": ["Choose a body from the list."]}
    assert [r.label for r in response.context["by_body"]] == ["Partnership Board"]


def test_someone_who_sits_on_no_body_gets_not_found(cast, client_for, attendance):
    assert client_for("stranger").get(reverse("attendance_stats")).status_code == 404


def test_the_page_filters_by_body_and_dates(cast, client_for, attendance):
    since = timezone.localdate(attendance["second"].starts_at).isoformat()
    response = client_for("secretariat").get(reverse("attendance_stats"), {"body": cast.board.slug, "since": since})
    assert counts(response.context["by_body"]) == [("Partnership Board", 2, 1, 1, 0, 1)]


def test_a_period_that_ends_before_it_starts_is_refused(cast, client_for, attendance):
    response = client_for("secretariat").get(
        reverse("attendance_stats"), {"since": "2010-01-01", "until": "2009-12-31"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == {"until": ["The end of the period must not be before its start."]}


# The day after 31 December 9999 once raised OverflowError (issue 11).
@pytest.mark.parametrize(("since", "until"), [("9999-12-31", "9999-12-31"), ("0001-01-01", "3000-01-01")])
def test_a_period_beyond_the_years_forms_accept_is_refused(cast, client_for, attendance, since, until):
    response = client_for("secretariat").get(reverse("attendance_stats"), {"since": since, "until": until})
    assert response.status_code == 400
    message = "Enter a date from 1 January 1900 to 31 December 2999."
    assert response.context["form"].errors == {"since": [message], "until": [message]}
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}' in response.content.decode()


def test_the_page_opens_on_the_last_12_months(cast, client_for, attendance):
    AttendanceFactory(
        meeting=MeetingFactory(body=cast.board, starts_at=ago(400)),
        person=cast.member.person,
        membership=cast.member_membership,
        capacity=Capacity.MEMBER,
        status=ABSENT,
    )
    client = client_for("secretariat")
    response = client.get(reverse("attendance_stats"))
    since = timezone.localdate() - relativedelta(months=12)
    assert response.context["since"] == since
    assert counts(response.context["by_body"]) == [
        ("Chester Community Forum", 1, 0, 0, 1, 0),
        ("Partnership Board", 4, 2, 2, 0, 1),
    ]
    assert f"Meetings from {british_date(since)}, the last 12 months" in response.content.decode()
    # Dates reach further back.
    earlier = client.get(reverse("attendance_stats"), {"since": "2000-01-01"})
    assert counts(earlier.context["by_body"])[1] == ("Partnership Board", 5, 2, 2, 1, 1)


def test_the_table_by_person_is_paginated_fifty_to_a_page(cast, client_for):
    meeting = MeetingFactory(body=cast.board, starts_at=ago(5))
    people = [PersonFactory(name=f"Person {i:02}") for i in range(52)]
    for person in people:
        AttendanceFactory(meeting=meeting, person=person, capacity=Capacity.MEMBER, status=PRESENT)
    client = client_for("secretariat")
    first = client.get(reverse("attendance_stats"))
    second = client.get(reverse("attendance_stats"), {"page": "2"})
    assert [r.label for r in first.context["by_person"]] == [p.name for p in people[:50]]
    assert [r.label for r in second.context["by_person"]] == [p.name for p in people[50:]]
    # The other tables and the totals count every person, whichever page is shown.
    assert counts(second.context["by_body"]) == [("Partnership Board", 52, 52, 0, 0, 0)]
    assert '<nav class="govuk-pagination" aria-label="By person: pages">' in first.content.decode()
    assert 'href="?page=2" rel="next"' in first.content.decode()
