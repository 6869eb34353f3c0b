"""The meeting page and the paper page, as the public, members and the secretariat see them."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.actions import agenda as actions
from meetings.models import Action, ActionStatus, ItemKind, Minutes, VersionKind
from tests.factories import AgendaItemFactory, MeetingFactory, PersonFactory
from tests.meetings.papers import future, schedule


def text_of(response):
    """The page's main content as plain text with single spaces."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).strip()


def headings(response, level=3):
    html = response.content.decode()
    found = re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, flags=re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", h)).strip() for h in found]


@pytest.fixture
def board_meeting(cast):
    by = cast.secretariat
    meeting = actions.schedule_meeting(
        cast.board, by=by, starts_at=future(21, hour=14), ends_at=future(21, hour=16), venue="Wyvern House"
    )
    budget = actions.add_item(meeting, by=by, title="Budget 2010/11", kind=ItemKind.DECISION, presenter="Pat Finance")
    actions.add_item(
        meeting, by=by, title="Leisure contract", confidential=True, confidential_reason="Commercial negotiations"
    )
    actions.add_paper(
        meeting, by=by, item=budget, title="Budget report", author="Ann Author", purpose="To agree", text="Numbers."
    )
    actions.add_paper(
        meeting,
        by=by,
        item=budget,
        title="Savings list",
        author="Ann Author",
        text="Names.",
        confidential=True,
        confidential_reason="Staff consultation",
    )
    actions.publish_pack(meeting, by=by)
    meeting.refresh_from_db()
    return meeting


def test_the_public_sees_the_details_and_the_numbered_agenda(board_meeting, client_for):
    response = client_for("anonymous").get(reverse("meeting_detail", args=[board_meeting.pk]))
    assert response.status_code == 200
    day = f"{timezone.localdate(board_meeting.starts_at):%-d %B %Y}"
    text = text_of(response)
    assert f"Date and time {day}, 2pm to 4pm" in text
    assert "Venue Wyvern House" in text
    assert headings(response) == [
        "1. Apologies",
        "2. Minutes of the previous meeting and matters arising",
        "3. Budget 2010/11",
        "Item 4: confidential",
        "5. Partner matters",
        "6. Any other business",
        "7. Date of the next meeting",
    ]
    assert "Commercial negotiations" in text
    assert "For decision. Presented by Pat Finance" in text
    assert "Budget report" in text
    assert "A confidential paper is withheld: Staff consultation" in text
    assert "Savings list" not in text
    assert "Leisure contract" not in text


def test_a_member_sees_the_confidential_item_and_paper(board_meeting, client_for):
    response = client_for("member").get(reverse("meeting_detail", args=[board_meeting.pk]))
    assert headings(response)[3] == "4. Leisure contract"
    text = text_of(response)
    assert "Savings list" in text
    assert "Confidential Commercial negotiations" in text


def test_a_member_of_another_body_sees_what_the_public_sees(board_meeting, client_for):
    response = client_for("other_member").get(reverse("meeting_detail", args=[board_meeting.pk]))
    assert headings(response)[3] == "Item 4: confidential"
    assert "Savings list" not in text_of(response)


def test_a_draft_agenda_is_shown_only_to_the_secretariat(cast, client_for):
    meeting = schedule(cast)
    actions.add_item(meeting, by=cast.secretariat, title="Draft business")
    public = client_for("member").get(reverse("meeting_detail", args=[meeting.pk]))
    deadline = f"{meeting.circulation_deadline():%-d %B %Y}"
    assert f"The agenda has not been published yet. Papers for this meeting go out by {deadline}." in text_of(public)
    assert headings(public) == []
    secretariat = client_for("secretariat").get(reverse("meeting_detail", args=[meeting.pk]))
    assert "This agenda is a draft: only the secretariat sees it until the pack is published." in text_of(secretariat)
    assert "3. Draft business" in headings(secretariat)


def test_an_agenda_held_before_the_app_recorded_packs_is_public(cast, client_for):
    meeting = MeetingFactory(body=cast.board, starts_at=future(-30), status="held")
    AgendaItemFactory(meeting=meeting, number=1, title="Review of the Agreement")
    response = client_for("anonymous").get(reverse("meeting_detail", args=[meeting.pk]))
    assert headings(response) == ["1. Review of the Agreement"]


def test_a_cancelled_meeting_says_why(board_meeting, cast, client_for):
    actions.cancel_meeting(board_meeting, by=cast.secretariat, reason="Not enough members could come")
    response = client_for("anonymous").get(reverse("meeting_detail", args=[board_meeting.pk]))
    assert "Warning This meeting was cancelled: Not enough members could come" in text_of(response)


def test_items_taken_together_are_shown_together(cast, client_for):
    meeting = schedule(cast)
    lead = actions.add_item(meeting, by=cast.secretariat, title="Health")
    actions.add_item(meeting, by=cast.secretariat, title="Housing")
    actions.add_item(meeting, by=cast.secretariat, title="Wellbeing", taken_with=lead)
    actions.publish_pack(meeting, by=cast.secretariat)
    response = client_for("anonymous").get(reverse("meeting_detail", args=[meeting.pk]))
    assert headings(response)[2:5] == ["3. Health", "5. Wellbeing", "4. Housing"]
    assert "Items 3 and 5 are taken together." in text_of(response)


def test_late_papers_carry_the_late_tag_and_reason(cast, client_for):
    meeting = schedule(cast, days=3)
    actions.publish_pack(meeting, by=cast.secretariat)
    actions.add_paper(
        meeting, by=cast.secretariat, title="Late report", author="Ann", text="x", late_reason="Waiting for the audit"
    )
    response = client_for("anonymous").get(reverse("meeting_detail", args=[meeting.pk]))
    assert "Late report Late Waiting for the audit" in text_of(response)


def test_open_actions_of_earlier_meetings_appear_under_matters_arising(board_meeting, cast, client_for):
    earlier = MeetingFactory(body=cast.board, starts_at=future(-60), status="held")
    item = AgendaItemFactory(meeting=earlier, number=3, title="Reserves")
    secret_item = AgendaItemFactory(
        meeting=earlier, number=4, title="Land", confidential=True, confidential_reason="Sale"
    )
    owner = PersonFactory(name="Rita Reserve")
    named = Action.objects.create(item=item, text="Name a reserve", due_on=datetime.date(2030, 6, 1))
    named.owners.add(owner)
    Action.objects.create(item=item, text="Circulate the list", status=ActionStatus.IN_PROGRESS, owner_note="All")
    Action.objects.create(item=item, text="Already done", status=ActionStatus.DONE)
    Action.objects.create(item=secret_item, text="Value the land", owner_note="Estates")
    other_body = AgendaItemFactory(meeting=MeetingFactory(body=cast.forum, starts_at=future(-60)), number=1)
    Action.objects.create(item=other_body, text="Forum business")
    later = AgendaItemFactory(meeting=MeetingFactory(body=cast.board, starts_at=future(60)), number=1)
    Action.objects.create(item=later, text="Future business")

    public = client_for("anonymous").get(reverse("meeting_detail", args=[board_meeting.pk]))
    agenda = public.context["agenda"]
    shown = [action.text for entry in agenda.all_items() for action in entry.actions]
    # Those with a due date first, soonest first; then those without one.
    assert shown == ["Name a reserve", "Circulate the list"]
    earlier_day = f"{timezone.localdate(earlier.starts_at):%-d %B %Y}"
    assert (
        f"Name a reserve From the meeting of {earlier_day}, item 3 Rita Reserve 1 June 2030 Open "
        f"Circulate the list From the meeting of {earlier_day}, item 3 All No date In progress" in text_of(public)
    )
    member = client_for("member").get(reverse("meeting_detail", args=[board_meeting.pk]))
    shown = sorted(action.text for entry in member.context["agenda"].all_items() for action in entry.actions)
    assert shown == ["Circulate the list", "Name a reserve", "Value the land"]


def test_the_minutes_link_appears_once_the_minutes_are_published(board_meeting, client_for):
    minutes = Minutes.objects.create(meeting=board_meeting)
    minutes_url = reverse("meeting_minutes", args=[board_meeting.pk])
    assert minutes_url not in client_for("anonymous").get(board_meeting.get_absolute_url()).content.decode()
    assert minutes_url in client_for("member").get(board_meeting.get_absolute_url()).content.decode()
    minutes.published_at = timezone.now()
    minutes.save()
    assert minutes_url in client_for("anonymous").get(board_meeting.get_absolute_url()).content.decode()


def test_the_page_footer_gives_the_bodys_circulation_record(board_meeting, client_for):
    response = client_for("anonymous").get(reverse("meeting_detail", args=[board_meeting.pk]))
    assert (
        "Papers for meetings of Partnership Board went out on time: 2 of 2. "
        "Papers go out at least 7 days before each meeting (Agreement 10.4)." in text_of(response)
    )


def test_a_missing_meeting_is_a_404(db, client):
    assert client.get(reverse("meeting_detail", args=[999])).status_code == 404


# The paper page


def test_the_paper_page_shows_the_cover_sheet_versions_and_text(board_meeting, cast, client_for):
    paper = board_meeting.papers.get(title="Budget report")
    actions.add_version(paper, by=cast.secretariat, kind=VersionKind.REVISED, text="Corrected numbers.", note="Typo")
    response = client_for("anonymous").get(paper.get_absolute_url())
    text = text_of(response)
    assert "Report title Budget report" in text
    assert "Document purpose To agree" in text
    assert "Author Ann Author" in text
    assert [v.number for v in response.context["versions"]] == [2, 1]
    assert "Corrected numbers." in text
    assert "Read the text of version 1" in text
    earlier = client_for("anonymous").get(paper.get_absolute_url() + "?version=1")
    assert "The paper (version 1) Numbers." in text_of(earlier)
    assert client_for("anonymous").get(paper.get_absolute_url() + "?version=7").status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 404),
        ("stranger", 404),
        ("other_member", 404),
        ("member", 200),
        ("chair", 200),
        ("secretariat", 200),
    ],
)
def test_a_confidential_paper_page_is_the_same_404_as_a_missing_one(board_meeting, client_for, who, status):
    paper = board_meeting.papers.get(title="Savings list")
    assert client_for(who).get(paper.get_absolute_url()).status_code == status


def test_a_paper_under_another_meetings_address_is_a_404(board_meeting, cast, client_for):
    other = schedule(cast, days=30)
    actions.publish_pack(other, by=cast.secretariat)
    paper = board_meeting.papers.get(title="Budget report")
    assert client_for("secretariat").get(reverse("paper_detail", args=[other.pk, paper.pk])).status_code == 404
