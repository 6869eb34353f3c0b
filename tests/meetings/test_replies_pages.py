"""The pages of members' replies: a member's reply page, the meeting's page, who has replied, My work, attendance."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from bodies.models import Role
from meetings.actions import minutes as actions
from meetings.models import MeetingReply
from partnership import work
from partnership.dates import british_date
from partnership.models import User
from tests.factories import MeetingFactory, MembershipFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.meetings.replying import APOLOGIES, ATTENDING, RESERVE, coming, days_ahead, reply
from tests.meetings.scenario import HELD

pytestmark = pytest.mark.django_db


def flash(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def text(response):
    """The words of the page's main part, tags taken out and spaces closed up."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def summary(response):
    html = response.content.decode()
    block = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', html, re.S)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", block.group(1), re.S)]


@pytest.fixture
def meeting(scene):
    return coming(scene)


def reply_url(meeting):
    return reverse("meeting_reply", args=[meeting.pk])


def last_day(meeting):
    return british_date(meeting.starts_at.date() - datetime.timedelta(days=2))


# A member's reply page


def test_the_reply_page_offers_the_members_own_named_reserve_and_says_the_deadline(meeting, client_for):
    response = client_for("member").get(reply_url(meeting))

    assert response.status_code == 200
    assert [label for _, label in response.context["form"].fields["choice"].choices] == [
        "I will attend",
        "I send my apologies",
        "I send my apologies, and my named reserve, Pat Price, will attend in my place",
    ]
    assert f"You can reply, and change your reply, until the end of {last_day(meeting)}." in text(response)
    assert "for your seat for Cheshire Constabulary" in text(response)


def test_a_member_without_a_reserve_may_ask_the_secretariat_to_add_one(meeting, client_for):
    response = client_for("chair").get(reply_url(meeting))

    assert [label for _, label in response.context["form"].fields["choice"].choices] == [
        "I will attend",
        "I send my apologies",
        "I send my apologies. I have no named reserve: ask the secretariat to add one",
    ]
    assert "You have no named reserve for this meeting." in text(response)


def test_replying_saves_and_returns_to_the_meeting_with_what_was_said(scene, meeting, client_for):
    response = client_for("member").post(
        reply_url(meeting), {"choice": f"reserve-{scene.pat.pk}", "note": "At a conference."}
    )

    assert (response.status_code, response["Location"]) == (302, meeting.get_absolute_url())
    assert flash(response) == [
        "Your reply was saved: you send your apologies, and Pat Price will attend in your place. "
        f"You can change it until the end of {last_day(meeting)}."
    ]
    saved = MeetingReply.objects.get()
    assert (saved.person, saved.answer, saved.reserve, saved.note) == (
        scene.cast.member.person,
        RESERVE,
        scene.pat,
        "At a conference.",
    )
    assert saved.history.get().history_user == scene.cast.member


def test_the_reply_page_shows_the_reply_to_change(scene, meeting, client_for):
    reply(scene, meeting, scene.cast.member, APOLOGIES, note="Away.")

    response = client_for("member").get(reply_url(meeting))

    assert response.context["form"]["choice"].value() == APOLOGIES
    assert "Your note: Away." in text(response)
    assert "Change your reply" in text(response)


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({}, ["Choose whether you will attend, send apologies or name your reserve"]),
        (
            {"choice": "reserve-999999"},
            ["Select a valid choice. reserve-999999 is not one of the available choices."],
        ),
        ({"choice": "attending", "note": "x" * 501}, ["Ensure this value has at most 500 characters (it has 501)."]),
    ],
)
def test_a_bad_reply_is_refused_with_the_forms_errors(meeting, client_for, data, errors):
    response = client_for("member").post(reply_url(meeting), data)

    assert response.status_code == 400
    assert summary(response) == errors
    assert b"<title>Error: Your reply" in response.content
    assert not MeetingReply.objects.exists()


def test_after_the_deadline_the_page_says_replies_are_closed_and_to_contact_the_secretariat(scene, client_for):
    meeting = coming(scene, days=1)
    closed = (
        f"Replies to this meeting closed at the end of {last_day(meeting)}. "
        "To change your reply now, contact the secretariat."
    )
    client = client_for("member")

    page = client.get(reply_url(meeting))
    posted = client.post(reply_url(meeting), {"choice": ATTENDING})

    assert page.status_code == 200
    assert closed in text(page)
    assert "The secretariat: partnerships@example.org" in text(page)
    assert 'name="choice"' not in page.content.decode()
    assert posted.status_code == 400
    assert summary(posted) == [closed]
    assert not MeetingReply.objects.exists()


@pytest.mark.parametrize("who", ["other_member", "stranger", "secretariat"])
def test_only_a_member_with_a_seat_on_the_day_reaches_the_reply_page(meeting, client_for, who):
    assert client_for(who).get(reply_url(meeting)).status_code == 404
    assert client_for(who).post(reply_url(meeting), {"choice": ATTENDING}).status_code == 404


def test_the_public_is_asked_to_sign_in(meeting, client_for):
    response = client_for("anonymous").get(reply_url(meeting))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# The meeting's page


def test_a_member_reaches_their_reply_from_the_meetings_page(scene, meeting, client_for):
    page = client_for("member").get(meeting.get_absolute_url())

    assert "Your reply You have not replied yet." in text(page)
    assert f'href="{reply_url(meeting)}"' in page.content.decode()
    assert "Who has replied" not in text(page)

    reply(scene, meeting, scene.cast.member, ATTENDING)
    page = client_for("member").get(meeting.get_absolute_url())
    assert ": Attending. You can reply, and change your reply, until the end of" in text(page)
    assert "Change your reply" in text(page)


def test_the_chair_sees_their_own_reply_and_the_link_to_everyones(meeting, client_for):
    page = client_for("chair").get(meeting.get_absolute_url())

    assert "Your reply You have not replied yet." in text(page)
    assert f'href="{reverse("meeting_replies", args=[meeting.pk])}"' in page.content.decode()


def test_the_secretariat_sees_the_link_to_the_replies_and_no_reply_of_its_own(meeting, client_for):
    page = client_for("secretariat").get(meeting.get_absolute_url())

    assert "Replies Who has replied, and the quorum to expect" in text(page)
    assert reply_url(meeting) not in page.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "stranger", "other_member"])
def test_others_see_nothing_of_the_replies_on_the_meetings_page(scene, meeting, client_for, who):
    reply(scene, meeting, scene.cast.member, APOLOGIES, note="PRIVATE-NOTE")

    page = client_for(who).get(meeting.get_absolute_url())

    assert page.status_code == 200
    assert "reply" not in text(page).lower()
    assert "PRIVATE-NOTE" not in page.content.decode()


# Who has replied


def test_the_chair_reads_every_reply_and_the_quorum_to_expect(scene, meeting, client_for):
    reply(scene, meeting, scene.cast.member, RESERVE, reserve=scene.pat, note="On leave.")
    reply(scene, meeting, scene.cast.chair, ATTENDING)

    response = client_for("chair").get(reverse("meeting_replies", args=[meeting.pk]))

    assert response.status_code == 200
    words = text(response)
    assert "Attending 1 Apologies 1 Named reserve attending 1 Not replied 2" in words
    assert (
        "If those who replied that they or their named reserve will attend do so, 2 of 4 seats will be filled: "
        "the quorum is 3, so the meeting will not be quorate unless more of those who have not replied attend."
    ) in words
    assert [line.text for line in response.context["sheet"].lines] == [
        "Attending",
        "Apologies; Pat Price attends as named reserve",
        "Not replied",
        "Not replied",
    ]
    assert "On leave." in words


@pytest.mark.parametrize("who", ["member", "other_member", "stranger"])
def test_a_member_reads_only_their_own_reply(meeting, client_for, who):
    assert client_for(who).get(reverse("meeting_replies", args=[meeting.pk])).status_code == 404


@pytest.mark.parametrize("member_count", (1, 10))
def test_the_replies_page_costs_the_same_for_ten_members_as_for_one(
    cast, client_for, django_assert_num_queries, member_count
):
    meeting = coming_for(cast)
    police = OrganisationFactory(name="Cheshire Constabulary")
    for i in range(member_count):
        person = PersonFactory(name=f"Member {i:02}", user=UserFactory(email=f"member{i}@example.org"))
        seat = MembershipFactory(person=person, body=cast.board, organisation=police)
        reserve = MembershipFactory(
            person=PersonFactory(name=f"Reserve {i:02}"), body=cast.board, role=Role.NAMED_RESERVE, reserve_for=seat
        )
        answer = (ATTENDING, APOLOGIES, RESERVE)[i % 3]
        reply(None, meeting, person.user, answer, reserve=reserve if answer == RESERVE else None, note="A note.")
    client = client_for("chair")
    url = reverse("meeting_replies", args=[meeting.pk])
    client.get(url)

    # The session and login, the chair's roles, the meeting, the seats, the replies, and the declarations' excluder.
    with django_assert_num_queries(8):
        response = client.get(url)

    assert len(response.context["sheet"].lines) == member_count + 2


def coming_for(cast):
    return MeetingFactory(body=cast.board, starts_at=days_ahead(10))


# My work


def test_my_work_says_per_coming_meeting_whether_the_member_has_replied_with_a_link_to_reply(scene, client_for):
    first, second = coming(scene, days=5), coming(scene, days=40)
    reply(scene, second, scene.cast.member, APOLOGIES)

    (entry,) = [
        item for item in work.for_user(User.objects.get(pk=scene.cast.member.pk)) if item.key == "meetings.coming"
    ]

    assert [(d.url, d.status.split(". ", 1)[1], d.action_url, d.action_text) for d in entry.details] == [
        (
            first.get_absolute_url(),
            f"You have not replied: reply by the end of {last_day(first)}.",
            reply_url(first),
            "Reply to say whether you will attend",
        ),
        (second.get_absolute_url(), "You replied: apologies.", reply_url(second), "Change your reply"),
    ]
    page = client_for("member").get(reverse("account")).content.decode()
    assert (
        f'<a class="govuk-link govuk-body-s" href="{reply_url(first)}">Reply to say whether you will attend</a>' in page
    )


def test_my_work_offers_no_reply_to_someone_without_a_seat_on_the_day(scene):
    meeting = coming(scene, days=5)
    observer = PersonFactory(name="Olga Onlooker", user=UserFactory(email="olga@example.org"))
    MembershipFactory(person=observer, body=scene.cast.board, role=Role.OBSERVER)

    (entry,) = [item for item in work.for_user(observer.user) if item.key == "meetings.coming"]

    assert [(d.url, d.action_url) for d in entry.details] == [(meeting.get_absolute_url(), "")]
    assert "replied" not in entry.details[0].status


# The secretariat's attendance page


def test_the_attendance_page_starts_from_the_replies_and_marks_everyone_else_present(scene, client_for):
    before = HELD - datetime.timedelta(days=5)
    reply(scene, scene.meeting, scene.cast.member, RESERVE, reserve=scene.pat, note="On leave.", now=before)
    client = client_for("secretariat")
    url = reverse("meeting_attendance", args=[scene.meeting.pk])

    started = client.post(reverse("attendance_prepare", args=[scene.meeting.pk]))
    page = client.get(url)

    assert flash(started) == [
        "5 people added to the list, starting from members' replies: apologies from 1 member and 1 named reserve "
        "present in a member's seat. Record whether the others came."
    ]
    words = text(page)
    assert words.count("Not yet recorded") == 3
    assert "Their note: On leave." in words
    assert "3 people are not yet recorded: choose for each, or mark them all present" in words
    html = page.content.decode()
    # Nothing chosen for a row not yet recorded; Mel's apologies and Pat's presence (the reserves' rows come last) are.
    assert re.findall(r'<input type="radio" name="form-(\d)-status" value="(\w+)"[^>]* checked', html) == [
        ("1", "apologies"),
        ("4", "present"),
    ]

    marked = client.post(reverse("attendance_mark_present", args=[scene.meeting.pk]))

    assert flash(marked) == ["3 people were marked present."]
    assert sorted(scene.meeting.attendance.values_list("person__name", "status")) == [
        ("Chris Carter", "present"),
        ("Mel Morris", "apologies"),
        ("Pat Price", "present"),
        ("Rita Waters", "present"),
        ("Tim Jackson", "present"),
    ]
    assert "Mark everyone else present" not in text(client.get(url))


def test_marking_everyone_present_before_the_meeting_is_refused_with_a_message(scene, client_for):
    meeting = coming(scene)
    actions.prepare_attendance(meeting, by=scene.cast.secretariat)
    client = client_for("secretariat")

    page = client.get(reverse("meeting_attendance", args=[meeting.pk]))
    response = client.post(reverse("attendance_mark_present", args=[meeting.pk]))

    assert "Mark everyone else present" not in text(page)
    assert response.status_code == 302
    assert flash(response)[0].endswith("2pm: mark people present once it has started.")


# Where the secretariat sets the deadline


def test_the_secretariat_sets_when_replies_close_on_the_bodys_form(cast, client_for):
    url = reverse("manage:body_edit", args=[cast.board.slug])
    client = client_for("secretariat")
    data = {
        "name": cast.board.name,
        "kind": cast.board.kind,
        "mode": cast.board.mode,
        "membership_review_months": 12,
        "circulation_days": 7,
        "paper_reminder_days": 3,
    }

    form = client.get(url).context["form"]
    refused = client.post(url, {**data, "reply_days": 61})
    saved = client.post(url, {**data, "reply_days": 5})

    assert form["reply_days"].value() == 2
    assert refused.status_code == 400
    assert "Ensure this value is less than or equal to 60." in refused.content.decode()
    assert saved.status_code == 302
    cast.board.refresh_from_db()
    assert cast.board.reply_days == 5
