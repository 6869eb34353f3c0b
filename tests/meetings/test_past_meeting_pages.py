"""The pages for a meeting entered afterwards: recording it, what its pages say, the signature from the paper record."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from bodies.models import Body
from meetings.actions import minutes as minutes_actions
from meetings.models import Meeting, MeetingStatus, Minutes, MinutesStatus
from tests.factories import MeetingFactory
from tests.meetings.past import at, minuted

pytestmark = pytest.mark.django_db

ENTERED = "Entered on {day} from the paper record, after the meeting took place"


def flashed(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def errors(response):
    return {name: list(errs) for name, errs in response.context["form"].errors.items()}


def text_of(response):
    """The page's text, tags removed and white space collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def today():
    day = timezone.localdate()
    return f"{day.day} {day:%B %Y}"


def record(client, **data):
    form = {"kind": "ordinary", "starts_time": "14:00", "ends_time": "", "venue": "", "business": ""}
    return client.post(reverse("agenda_meeting_record_past"), {**form, **data})


# Recording a past meeting


def test_the_places_where_meetings_are_scheduled_link_to_recording_a_past_meeting(cast, sam):
    record_past = reverse("agenda_meeting_record_past")

    pages = [
        reverse("manage:dashboard"),
        reverse("agenda_meeting_schedule"),
        reverse("body_detail", args=[cast.board.slug]),
    ]

    assert [
        re.findall(rf'href="{re.escape(record_past)}[^"]*">([^<]+)</a>', sam.get(page).content.decode())
        for page in pages
    ] == [
        ["Record a past meeting"],
        ["Record a meeting that has already taken place, from its paper record"],
        ["Record a past meeting"],
    ]


def test_the_secretariat_records_a_past_meeting_and_lands_on_its_agenda(cast, sam):
    response = record(
        sam,
        body=cast.board.pk,
        starts_on="2009-04-30",
        ends_time="16:00",
        venue="Council Chamber, Chester",
        business="Constitution of the partnership\r\n\r\nCommissioning budget\r\n",
    )

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("agenda_manage", args=[meeting.pk])
    assert flashed(response) == [
        "The meeting of 30 April 2009, 2pm to 4pm was entered from the paper record. "
        "Record its attendance and minutes next."
    ]
    assert (meeting.status, meeting.is_entered_afterwards, meeting.entered_afterwards_by) == (
        MeetingStatus.HELD,
        True,
        cast.secretariat,
    )
    assert list(meeting.items.exclude(standing_role__gt="").values_list("number", "title")) == [
        (3, "Constitution of the partnership"),
        (4, "Commissioning budget"),
    ]


def test_an_empty_form_says_what_is_missing(cast, sam):
    response = sam.post(reverse("agenda_meeting_record_past"), {})

    assert response.status_code == 400
    assert errors(response) == {
        "body": ["Choose the body"],
        "kind": ["Choose the kind of meeting"],
        "starts_on": ["Enter the date of the meeting"],
        "starts_time": ["Enter the start time"],
    }


def test_a_date_still_to_come_is_refused_with_the_reason(cast, sam):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    response = record(sam, body=cast.board.pk, starts_on=tomorrow)

    assert response.status_code == 400
    assert errors(response) == {
        "starts_on": ["A meeting entered from the paper record must already have taken place: choose a past date."]
    }
    assert Meeting.objects.count() == 0


def test_a_date_before_the_body_existed_or_after_it_ended_is_refused_on_the_date(cast, sam):
    Body.objects.filter(pk=cast.forum.pk).update(ended_on=datetime.date(2010, 3, 31))

    early = record(sam, body=cast.board.pk, starts_on="2009-03-31")
    late = record(sam, body=cast.forum.pk, starts_on="2010-04-01")

    assert (early.status_code, errors(early)) == (
        400,
        {"starts_on": ["Partnership Board is only established on 1 April 2009; it cannot meet before."]},
    )
    assert (late.status_code, errors(late)) == (
        400,
        {"starts_on": ["Chester Community Forum ended on 31 March 2010; it cannot meet after that."]},
    )
    assert Meeting.objects.count() == 0


def test_too_many_items_or_one_too_long_is_refused(cast, sam):
    many = record(sam, body=cast.board.pk, starts_on="2009-04-30", business="\n".join(["Item"] * 61))
    long = record(sam, body=cast.board.pk, starts_on="2009-04-30", business="Short\n" + "x" * 301)

    assert errors(many) == {"business": ["Enter at most 60 items here; add the others on the agenda page afterwards"]}
    assert errors(long) == {"business": ["Item 2 is longer than 300 characters: shorten it"]}


def test_the_body_in_the_link_is_chosen_and_ended_bodies_are_listed_with_their_end(cast, sam):
    Body.objects.filter(pk=cast.forum.pk).update(ended_on=datetime.date(2010, 3, 31))

    response = sam.get(reverse("agenda_meeting_record_past") + f"?body={cast.board.slug}")

    field = response.context["form"]["body"]
    assert field.value() == cast.board.pk
    assert [label for _, label in field.field.choices][1:] == [
        "Chester Community Forum (ended 31 March 2010)",
        "Partnership Board",
    ]


# What its pages say


def test_its_meeting_page_and_agenda_page_say_it_was_entered_from_the_paper_record(cast, april, client_for, sam):
    public = client_for("anonymous").get(reverse("meeting_detail", args=[april.pk]))
    manage = sam.get(reverse("agenda_manage", args=[april.pk]))

    assert ENTERED.format(day=today()) in text_of(public)
    assert "The agenda as the paper record gives it." in text_of(public)
    assert "Constitution of the partnership" in text_of(public)
    assert ENTERED.format(day=today()) in text_of(manage)
    assert "Publish the agenda pack" not in text_of(manage)


def test_a_meeting_held_live_says_nothing_of_a_paper_record(cast, client_for):
    meeting = MeetingFactory(body=cast.board, starts_at=at(2009, 4, 30), status=MeetingStatus.HELD)

    page = client_for("anonymous").get(reverse("meeting_detail", args=[meeting.pk]))

    assert "paper record" not in text_of(page)


def test_the_published_minutes_say_it_was_entered_from_the_paper_record_and_who_signed_on_paper(
    cast, april, approved, client_for
):
    minutes_actions.record_paper_signature(
        approved, by=cast.secretariat, signed_by=cast.chair.person, signed_on=datetime.date(2009, 6, 12)
    )
    minutes_actions.publish_minutes(approved, by=cast.secretariat)

    page = text_of(client_for("anonymous").get(reverse("meeting_minutes", args=[april.pk])))
    feed = client_for("anonymous").get(reverse("minutes_feed")).content.decode()

    assert f"Entered on {today()} from the paper record, after the meeting took place." in page
    assert (
        "Signed by the chair By Chris Carter on 12 June 2009, on paper "
        f"(recorded from the paper record on {today()} by Sam Shaw)"
    ) in page
    assert f"Entered on {today()} from the paper record, after the meeting took place. Meeting of the" in feed


def test_an_entered_meetings_date_is_corrected_within_the_past_only(cast, april, sam):
    url = reverse("agenda_meeting_edit", args=[april.pk])
    form = {"kind": "ordinary", "starts_time": "14:00", "ends_time": "", "venue": "", "online_url": ""}
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    future = sam.post(url, {**form, "starts_on": tomorrow})
    corrected = sam.post(url, {**form, "starts_on": "2009-04-29"})

    april.refresh_from_db()
    assert (future.status_code, errors(future)) == (
        400,
        {"starts_on": ["This meeting was entered from the paper record: its date must stay in the past."]},
    )
    assert (corrected.status_code, april.starts_at) == (302, at(2009, 4, 29))


# The chair's signature from the paper record


def signature_url(meeting):
    return reverse("minutes_paper_signature", args=[meeting.pk])


def test_the_secretariat_and_no_one_else_is_offered_to_record_the_paper_signature(cast, april, approved, client_for):
    link = f'href="{signature_url(april)}"'

    shown = {
        who: link in client_for(who).get(reverse("meeting_minutes", args=[april.pk])).content.decode()
        for who in ("secretariat", "chair", "member")
    }

    assert shown == {"secretariat": True, "chair": False, "member": False}


def test_the_form_offers_those_who_chaired_the_body_since_the_approval(cast, april, approved, sam):
    response = sam.get(signature_url(april))

    assert response.status_code == 200
    assert [label for _, label in response.context["form"].fields["signed_by"].choices] == [
        "Chris Carter (chair from 1 April 2009)",
        "Vera Vance (vice chair from 1 June 2009 to 31 March 2010)",
    ]


def test_the_secretariat_records_the_paper_signature_and_returns_to_the_minutes(cast, april, approved, sam):
    response = sam.post(signature_url(april), {"signed_by": cast.chair.person.pk, "signed_on": "2009-06-12"})

    approved.refresh_from_db()
    assert response["Location"] == reverse("meeting_minutes", args=[april.pk])
    assert flashed(response) == [
        "The chair's signature was recorded from the paper record. The minutes are now locked."
    ]
    assert (approved.status, approved.signed_on_paper_by, timezone.localdate(approved.signed_at)) == (
        MinutesStatus.SIGNED,
        cast.chair.person,
        datetime.date(2009, 6, 12),
    )


def test_the_signature_form_refuses_a_future_date_an_early_date_and_someone_not_chairing_then(
    cast, april, approved, sam
):
    vera = cast.board.memberships.get(role="vice_chair").person
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    empty = sam.post(signature_url(april), {})
    future = sam.post(signature_url(april), {"signed_by": cast.chair.person.pk, "signed_on": tomorrow})
    early = sam.post(signature_url(april), {"signed_by": cast.chair.person.pk, "signed_on": "2009-05-01"})
    former = sam.post(signature_url(april), {"signed_by": vera.pk, "signed_on": "2010-06-01"})

    assert [r.status_code for r in (empty, future, early, former)] == [400, 400, 400, 400]
    assert errors(empty) == {
        "signed_by": ["Choose who signed the minutes"],
        "signed_on": ["Enter the date the minutes were signed"],
    }
    assert errors(future) == {"signed_on": ["The date of the signature cannot be in the future"]}
    assert errors(early) == {
        "signed_on": ["The minutes were approved on 28 May 2009: they cannot have been signed before that"]
    }
    assert errors(former) == {
        "signed_by": ["Vera Vance was not the chair or vice chair of the Partnership Board on 1 June 2010."]
    }
    assert Minutes.objects.get(pk=approved.pk).status == MinutesStatus.APPROVED


def test_the_signature_page_of_minutes_held_live_or_not_yet_approved_sends_back_to_the_minutes(cast, april, client_for):
    minuted(cast, april)
    live = MeetingFactory(body=cast.board, starts_at=at(2009, 6, 25))
    Minutes.objects.create(meeting=live)

    draft = client_for("secretariat").get(signature_url(april))
    held_live = client_for("secretariat").get(signature_url(live))

    assert (draft["Location"], flashed(draft)) == (
        reverse("meeting_minutes", args=[april.pk]),
        ["Minutes are signed once a later meeting has approved them as an accurate record: record the approval first."],
    )
    assert flashed(held_live) == [
        "Only the minutes of a meeting entered from the paper record can have a paper signature recorded. "
        "The chair signs these minutes online."
    ]


def test_the_chair_still_signs_online_from_the_minutes_page(cast, april, approved, client_for):
    page = client_for("chair").get(reverse("meeting_minutes", args=[april.pk])).content.decode()

    assert f'href="{reverse("minutes_sign", args=[april.pk])}"' in page
    assert f'href="{signature_url(april)}"' not in page
