"""The secretariat's pages for scheduling, agendas, papers and the pack: forms, messages and refusals."""

import datetime

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from meetings.actions import agenda as actions
from meetings.models import Meeting, MeetingStatus, VersionKind
from meetings.uploads import PDF
from tests.meetings.papers import (
    make_pdf,
    schedule,
    titles,
    upload,
)


def errors(response):
    return {name: list(errs) for name, errs in response.context["form"].errors.items()}


def flashed(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def in_days(days):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


# Scheduling


def test_the_secretariat_schedules_a_meeting_and_lands_on_its_agenda(cast, sam):
    response = sam.post(
        reverse("agenda_meeting_schedule"),
        {
            "body": cast.board.pk,
            "kind": "ordinary",
            "starts_on": in_days(30),
            "starts_time": "14:00",
            "ends_time": "16:30",
            "venue": "Wyvern House",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("agenda_manage", args=[meeting.pk])
    day = f"{timezone.localdate() + datetime.timedelta(days=30):%-d %B %Y}"
    assert flashed(response) == [f"The meeting was scheduled for {day}, 2pm to 4:30pm."]
    assert len(titles(meeting)) == 5


def test_scheduling_in_the_past_or_ending_before_the_start_shows_the_errors(cast, sam):
    response = sam.post(
        reverse("agenda_meeting_schedule"),
        {
            "body": cast.board.pk,
            "kind": "ordinary",
            "starts_on": in_days(-1),
            "starts_time": "14:00",
            "ends_time": "13:00",
        },
    )
    assert response.status_code == 400
    assert errors(response) == {
        "starts_on": ["A new meeting must be in the future."],
        "ends_time": ["The end time must be after the start time."],
    }
    assert Meeting.objects.count() == 0


def test_an_empty_schedule_form_names_every_missing_answer(sam):
    response = sam.post(reverse("agenda_meeting_schedule"), {})
    assert errors(response) == {
        "body": ["Choose the body"],
        "kind": ["Choose the kind of meeting"],
        "starts_on": ["Enter the date of the meeting"],
        "starts_time": ["Enter the start time"],
    }


def test_the_body_can_be_chosen_in_advance_from_its_address(cast, sam):
    response = sam.get(reverse("agenda_meeting_schedule") + f"?body={cast.forum.slug}")
    assert response.context["form"].initial["body"] == cast.forum


def test_postponing_needs_a_reason_and_rescheduling_brings_it_back(cast, sam):
    meeting = schedule(cast)
    response = sam.post(reverse("agenda_meeting_postpone", args=[meeting.pk]), {"reason": ""})
    assert errors(response) == {"reason": ["Enter the reason"]}
    sam.post(reverse("agenda_meeting_postpone", args=[meeting.pk]), {"reason": "Chair unwell"})
    meeting.refresh_from_db()
    assert (meeting.status, meeting.status_reason) == (MeetingStatus.POSTPONED, "Chair unwell")
    response = sam.post(
        reverse("agenda_meeting_reschedule", args=[meeting.pk]), {"starts_on": in_days(45), "starts_time": "10:30"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED
    assert timezone.localtime(meeting.starts_at).time() == datetime.time(10, 30)


def test_a_scheduled_meeting_is_not_offered_rescheduling(cast, sam):
    meeting = schedule(cast)
    response = sam.get(reverse("agenda_meeting_reschedule", args=[meeting.pk]))
    assert response.status_code == 302
    assert flashed(response) == ["Only a postponed meeting can be rescheduled."]


def test_editing_the_meeting_keeps_its_agenda(cast, sam):
    meeting = schedule(cast)
    local = timezone.localtime(meeting.starts_at)
    response = sam.post(
        reverse("agenda_meeting_edit", args=[meeting.pk]),
        {"kind": "special", "starts_on": local.date().isoformat(), "starts_time": "09:30", "venue": "HQ"},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.kind, meeting.venue, timezone.localtime(meeting.starts_at).time()) == (
        "special",
        "HQ",
        datetime.time(9, 30),
    )
    assert len(titles(meeting)) == 5


# Items


def test_adding_an_item_with_a_confidential_tick_but_no_reason_is_refused(cast, sam):
    meeting = schedule(cast)
    response = sam.post(
        reverse("agenda_item_create", args=[meeting.pk]),
        {"title": "Contract", "kind": "decision", "confidential": "on"},
    )
    assert response.status_code == 400
    assert errors(response) == {"confidential_reason": ["Give the reason the item is confidential."]}
    assert len(titles(meeting)) == 5


def test_adding_and_editing_an_item(cast, sam):
    meeting = schedule(cast)
    response = sam.post(
        reverse("agenda_item_create", args=[meeting.pk]), {"title": "Budget", "kind": "decision", "presenter": "Pat"}
    )
    assert flashed(response) == ["Item 3, “Budget”, was added."]
    item = meeting.items.get(number=3)
    response = sam.post(
        reverse("agenda_item_edit", args=[meeting.pk, item.pk]),
        {"title": "Budget 2011", "kind": "decision", "taken_with": meeting.items.get(number=2).pk},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.taken_with.number) == ("Budget 2011", 2)


def test_an_item_cannot_be_edited_under_another_meetings_address(cast, sam):
    meeting, other = schedule(cast), schedule(cast, days=30)
    item = other.items.get(number=1)
    assert sam.get(reverse("agenda_item_edit", args=[meeting.pk, item.pk])).status_code == 404


def test_move_and_remove_buttons_report_what_they_did(cast, sam):
    meeting = schedule(cast)
    budget = actions.add_item(meeting, by=cast.secretariat, title="Budget")
    response = sam.post(reverse("agenda_item_move", args=[meeting.pk, budget.pk]), {"direction": "up"})
    assert flashed(response) == ["“Budget” is now item 2."]
    response = sam.post(reverse("agenda_item_remove", args=[meeting.pk, budget.pk]))
    assert flashed(response) == [
        "“Budget” is now item 2.",
        "Item 2, “Budget”, was removed; the items after it moved up.",
    ]
    assert [title for _, title in titles(meeting)][:2] == [
        "Apologies",
        "Minutes of the previous meeting and matters arising",
    ]


def test_removal_after_publication_is_refused_with_a_message(cast, sam):
    meeting = schedule(cast)
    actions.publish_pack(meeting, by=cast.secretariat)
    item = meeting.items.get(number=3)
    response = sam.post(reverse("agenda_item_remove", args=[meeting.pk, item.pk]))
    assert response.status_code == 302
    assert flashed(response) == [
        f"The agenda was published on {timezone.localdate():%-d %B %Y}, so item 3 cannot be removed. "
        "Edit it to say it was withdrawn instead."
    ]
    assert len(titles(meeting)) == 5


# Papers


def paper_form(**extra):
    return {"title": "Budget report", "author": "Ann Author", **extra}


def test_adding_a_paper_with_an_uploaded_pdf(cast, sam, media):
    meeting = schedule(cast)
    item = actions.add_item(meeting, by=cast.secretariat, title="Budget")
    response = sam.post(
        reverse("agenda_paper_create", args=[meeting.pk]),
        paper_form(item=item.pk, document=upload("budget.pdf", make_pdf("Budget"))),
    )
    assert response.status_code == 302
    assert flashed(response) == ["“Budget report” was added."]
    version = meeting.papers.get().versions.get()
    assert (version.content_type, version.filename, meeting.papers.get().item) == (PDF, "budget.pdf", item)


def test_a_paper_form_with_a_wrong_file_and_no_text_changes_nothing(cast, sam, media):
    meeting = schedule(cast)
    response = sam.post(
        reverse("agenda_paper_create", args=[meeting.pk]),
        paper_form(document=upload("budget.pdf", b"<html>not a pdf</html>")),
    )
    assert response.status_code == 400
    assert errors(response) == {"document": ["The file must be a PDF, Word or OpenDocument document"]}
    response = sam.post(reverse("agenda_paper_create", args=[meeting.pk]), paper_form())
    assert errors(response) == {"document": ["Upload the paper, or write its text in the box for it."]}
    assert meeting.papers.count() == 0
    assert sorted(path for path in media.rglob("*") if path.is_file()) == []


def test_a_late_paper_needs_its_reason_on_the_form(cast, sam):
    meeting = schedule(cast, days=2)
    actions.publish_pack(meeting, by=cast.secretariat)
    deadline = f"{meeting.circulation_deadline():%-d %B %Y}"
    response = sam.post(reverse("agenda_paper_create", args=[meeting.pk]), paper_form(text="Late words"))
    assert errors(response) == {
        "late_reason": [f"Papers for this meeting were due out by {deadline}: say why this paper is late."]
    }
    response = sam.post(
        reverse("agenda_paper_create", args=[meeting.pk]), paper_form(text="Late words", late_reason="Audit")
    )
    assert flashed(response) == ["“Budget report” was added and circulated."]
    assert meeting.papers.get().late_reason == "Audit"


def test_editing_the_cover_sheet_of_a_late_paper_keeps_a_reason(cast, sam):
    meeting = schedule(cast, days=2)
    actions.publish_pack(meeting, by=cast.secretariat)
    paper = actions.add_paper(meeting, by=cast.secretariat, title="A", author="Ann", text="x", late_reason="Audit")
    url = reverse("agenda_paper_edit", args=[meeting.pk, paper.pk])
    assert sam.get(url).context["form"]["late_reason"].value() == "Audit"
    response = sam.post(url, paper_form(late_reason=""))
    assert errors(response) == {"late_reason": ["The paper went out late: keep a reason for it."]}
    response = sam.post(url, paper_form(late_reason="Audit delayed", purpose="To note"))
    paper.refresh_from_db()
    assert (paper.title, paper.purpose, paper.late_reason) == ("Budget report", "To note", "Audit delayed")


def test_adding_a_version_from_its_form(cast, sam):
    meeting = schedule(cast)
    paper = actions.add_paper(meeting, by=cast.secretariat, title="A", author="Ann", text="x")
    url = reverse("agenda_version_create", args=[meeting.pk, paper.pk])
    response = sam.post(url, {"kind": "revised"})
    assert errors(response) == {"document": ["Upload the paper, or write its text in the box for it."]}
    response = sam.post(url, {"kind": "revised", "text": "Better", "note": "Clearer"})
    assert flashed(response) == ["Version 2 of “A” was added."]
    assert list(paper.versions.values_list("number", "kind")) == [(2, VersionKind.REVISED), (1, VersionKind.ORIGINAL)]


def test_a_confidential_paper_needs_its_reason_on_the_form(cast, sam):
    meeting = schedule(cast)
    response = sam.post(reverse("agenda_paper_create", args=[meeting.pk]), paper_form(text="x", confidential="on"))
    assert errors(response) == {"confidential_reason": ["Give the reason the paper is confidential."]}


# Publishing


def test_publishing_late_asks_for_the_reason_then_publishes(cast, sam):
    meeting = schedule(cast, days=2)
    actions.add_paper(meeting, by=cast.secretariat, title="A", author="Ann", text="x")
    url = reverse("agenda_pack_publish", args=[meeting.pk])
    response = sam.post(url, {})
    assert list(errors(response)) == ["late_reason"]
    response = sam.post(url, {"late_reason": "Venue changed"})
    assert response["Location"] == meeting.get_absolute_url()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    assert meeting.papers.get().late_reason == "Venue changed"
    response = sam.get(url)
    assert response.status_code == 302
