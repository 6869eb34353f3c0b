"""The demo's meetings: the LSP of 30 April 2009 as its minutes record it, a Board meeting a few days ahead, and
the Board's two meetings before it, entered from the paper record, with minutes awaiting the chair's signature."""

import datetime
import hashlib
import re
from collections import Counter

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from demo import meetings as demo_meetings
from meetings.actions import minutes as actions_minutes
from meetings.actions import votes as actions_votes
from meetings.minutes_text import canonical_text
from meetings.models import (
    Action,
    AgendaItem,
    Decision,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesStatus,
    Paper,
    PaperVersion,
    canonical_hash,
)
from notifications.models import Notification, NotificationStatus
from notifications.planning import at_nine
from partnership.models import Organisation, Person, User
from tests.demo.support import (
    SEEDS,
    april,
    coming,
    crawl,
    july,
    load,
    past_board_meetings,
    runs_copied_from_the_seeds,
)
from tests.factories import PersonFactory, UserFactory

# The twelve items of the minutes of 30 April 2009 (003), in order.
APRIL_TITLES = [
    "Welcome, introductions and apologies",
    "Minutes of previous meeting and matters arising",
    "Constitution of the Local Strategic Partnership",
    "Local Strategic Partnership Framework: Agreement and Protocols",
    "Thematic Partnerships: progress and work programme",
    "Local Strategic Partnership branding",
    "Comprehensive Area Assessment (CAA): initial self assessment report",
    "Local Area Agreement (LAA): performance management framework",
    "West Cheshire Sustainable Community Strategy: development, timetable and consultation plan",
    "Migration Impact Fund bid",
    "Local Safeguarding Children Board and CYP Trust Board",
    "Any other business",
]


def local(moment):
    return timezone.localtime(moment).replace(tzinfo=None)


# -- 30 April 2009 -------------------------------------------------------------------


class TestThe30April2009Meeting:
    """The LSP of 30 April 2009, as its minutes (003) record it."""

    def test_the_april_meeting_was_at_2pm_in_the_council_chamber_and_its_minutes_are_published(self, loaded):
        meeting = april()

        assert (local(meeting.starts_at), meeting.venue, meeting.status) == (
            datetime.datetime(2009, 4, 30, 14, 0),
            "Council Chamber, County Hall, Chester",
            MeetingStatus.MINUTES_PUBLISHED,
        )

    def test_attendance_has_exactly_the_numbers_the_minutes_give(self, loaded):
        # 003: seventeen members attending, five apologies by name, three support staff,
        # three visitors, and no named reserve standing in for anyone.
        rows = Counter(april().attendance.values_list("capacity", "status"))

        assert rows == {
            ("member", "present"): 17,
            ("member", "apologies"): 5,
            ("support", "present"): 3,
            ("visitor", "present"): 3,
        }

    def test_apologies_support_staff_and_visitors_are_the_people_the_minutes_name(self, loaded):
        rows = april().attendance.select_related("person")

        def names(**kwargs):
            return sorted(rows.filter(**kwargs).values_list("person__name", flat=True))

        assert names(status="apologies") == [
            "Helen Bellairs",
            "John Church",
            "Mark Cashin",
            "Sara Mogel",
            "Tim Wheeler",
        ]
        assert names(capacity="support") == ["Alison Armstrong", "Alistair Jeffs", "Robbie Taylor"]
        assert names(capacity="visitor") == ["Clare Babbs", "Evan Morris", "Steve Kent"]

    def test_attendance_shows_role_and_organisation_as_the_minutes_print_them(self, loaded):
        shown = {
            a.person.name: (a.role_shown, a.organisation_shown)
            for a in april()
            .attendance.select_related("person")
            .filter(person__name__in=["Mike Jones", "Steve Robinson", "Jane Staley", "Eric Bowers", "Mark Wilson"])
        }

        assert shown == {
            "Mike Jones": ("Chair; Leader", "Cheshire West and Chester Council"),
            "Steve Robinson": ("Vice Chair; Chief Executive", "Cheshire West and Chester Council"),
            "Jane Staley": ("Environmental Sustainability Partnership Chair", "Third Sector Assembly"),
            "Eric Bowers": ("", "CHAWREC"),
            "Mark Wilson": ("", "Job Centre Plus"),
        }

    def test_each_member_present_is_counted_in_their_own_lsp_membership(self, loaded):
        rows = april().attendance.filter(capacity="member", status="present").select_related("membership")

        assert [
            (a.membership.body.slug, a.membership.person_id, a.membership.role != "named_reserve") for a in rows
        ] == [("lsp", a.person_id, True) for a in rows]

    def test_the_agenda_has_the_twelve_items_of_the_minutes_in_order(self, loaded):
        assert list(april().items.values_list("number", "title")) == list(enumerate(APRIL_TITLES, start=1))

    def test_apologies_previous_minutes_and_other_business_are_the_standing_items(self, loaded):
        items = april().items.exclude(standing_role="")

        assert list(items.values_list("number", "standing_role")) == [
            (1, "apologies"),
            (2, "previous_minutes"),
            (12, "other_business"),
        ]
        assert april().items.get(number=4).taken_with.number == 3

    def test_every_item_has_its_discussion_summarised(self, loaded):
        assert list(april().items.filter(discussion="").values_list("number", flat=True)) == []

    def test_decisions_are_numbered_through_the_meeting(self, loaded):
        decisions = Decision.objects.filter(item__meeting=april()).order_by("number")

        assert list(decisions.values_list("item__number", "number")) == [
            (2, 1),
            (7, 2),
            (8, 3),
            (9, 4),
            (9, 5),
            (10, 6),
            (11, 7),
            (11, 8),
            (11, 9),
            (11, 10),
        ]

    def test_actions_sit_on_the_items_the_minutes_give_them_and_are_all_done(self, loaded):
        actions = [a for item in april().items.prefetch_related("actions") for a in item.actions.all()]

        assert Counter(a.item.number for a in actions) == {2: 1, 3: 2, 5: 1, 6: 2, 7: 2, 8: 1, 9: 1}
        assert {a.status for a in actions} == {"done"}
        assert [a.pk for a in actions if a.due_on is None or not (a.owner_note or a.owners.exists())] == []

    def test_only_the_actions_that_name_people_have_people_as_owners(self, loaded):
        owned = Action.objects.filter(item__meeting=april()).exclude(owners=None).distinct()

        assert sorted((a.item.number, tuple(sorted(p.name for p in a.owners.all()))) for a in owned) == [
            (5, ("Jane Staley", "Sara Mogel")),
            (6, ("Alison Armstrong", "Robbie Taylor")),
            (6, ("Alison Armstrong", "Robbie Taylor")),
        ]

    def test_the_minutes_were_approved_at_the_next_meeting_and_signed_by_the_chair(self, loaded):
        minutes = Minutes.objects.select_related("approved_at_item__meeting", "signed_by").get(meeting=april())

        assert (
            minutes.status,
            minutes.approved_at_item.meeting,
            minutes.approved_at_item.standing_role,
            minutes.approved_on,
            minutes.signed_by.email,
            timezone.localdate(minutes.signed_at),
        ) == (
            MinutesStatus.SIGNED,
            july(),
            "previous_minutes",
            datetime.date(2009, 7, 30),
            "mike.jones@example.org",
            datetime.date(2009, 7, 30),
        )
        assert minutes.published_at > minutes.signed_at

    def test_the_signed_hash_is_the_hash_of_the_minutes_canonical_text(self, loaded):
        meeting = april()

        assert meeting.minutes.signed_hash == canonical_hash(canonical_text(meeting))

    def test_the_next_lsp_meeting_is_on_30_july_2009_at_2pm_with_a_short_agenda_and_no_minutes_yet(self, loaded):
        meeting = july()

        assert (
            local(meeting.starts_at),
            meeting.status,
            meeting.items.count(),
            Minutes.objects.filter(meeting=meeting).count(),
        ) == (
            datetime.datetime(2009, 7, 30, 14, 0),
            MeetingStatus.HELD,
            9,
            0,
        )


# -- The coming Commissioning Board meeting -----------------------------------------------


class TestTheComingBoardMeeting:
    """The Commissioning Board meeting five days after the demo is loaded."""

    def test_the_coming_board_meeting_is_five_days_ahead_with_its_pack_out_and_its_deadline_passed(self, loaded):
        meeting = coming()
        today = timezone.localdate()

        assert (
            timezone.localdate(meeting.starts_at) - today,
            meeting.status,
            meeting.agenda_published_at < timezone.now(),
            meeting.circulation_deadline() < today,
        ) == (datetime.timedelta(days=5), MeetingStatus.AGENDA_PUBLISHED, True, True)
        assert list(Meeting.objects.filter(body__slug="commissioning-board").upcoming()) == [meeting]

    def test_the_coming_meeting_has_the_five_standing_items_and_three_business_items(self, loaded):
        assert list(coming().items.values_list("number", "standing_role")) == [
            (1, "apologies"),
            (2, "previous_minutes"),
            (3, ""),
            (4, ""),
            (5, ""),
            (6, "partner_matters"),
            (7, "other_business"),
            (8, "next_meeting"),
        ]

    def test_exactly_one_paper_went_out_late_and_says_why(self, loaded):
        papers = list(coming().papers.all())
        late = [p for p in papers if p.is_late()]

        assert [p.title for p in late] == ["Partnership performance report: July to September"]
        assert late[0].late_reason != ""
        assert [p.title for p in papers if p.late_reason and not p.is_late()] == []
        assert [p.title for p in papers if p.circulated_at is None or p.circulated_at > timezone.now()] == []

    def test_one_item_and_its_paper_are_confidential_with_a_reason(self, loaded):
        meeting = coming()

        assert list(meeting.items.filter(confidential=True).values_list("number", "confidential_reason")) == [
            (5, demo_meetings._CONFIDENTIAL)
        ]
        assert list(meeting.papers.filter(confidential=True).values_list("item__number", "confidential_reason")) == [
            (5, demo_meetings._CONFIDENTIAL)
        ]

    def test_every_paper_has_a_full_cover_sheet_and_a_first_text_version_with_its_hash(self, loaded):
        cover = [
            "description",
            "purpose",
            "circulation",
            "action_required",
            "author",
            "contact_details",
            "target_audience",
        ]
        papers = Paper.objects.filter(meeting=coming())
        versions = PaperVersion.objects.filter(paper__in=papers)

        assert [
            p.title for p in papers if not all(getattr(p, name) for name in cover) or p.publication_date is None
        ] == []
        assert sorted((v.paper_id, v.number) for v in versions) == sorted((p.pk, 1) for p in papers)
        assert [v.pk for v in versions if not v.text or v.sha256 != hashlib.sha256(v.text.encode()).hexdigest()] == []


# -- The Board's past meetings, entered from the paper record --------------------------


class TestTheBoardsPastMeetings:
    """The Board's two meetings before the coming one; the earlier one's minutes wait for the chair's signature."""

    def test_the_board_met_24_and_11_weeks_before_the_load_and_both_were_entered_afterwards(self, loaded):
        today = timezone.localdate()
        officer = User.objects.get(email="alison.armstrong@example.org")

        assert [
            (
                today - timezone.localdate(m.starts_at),
                m.is_entered_afterwards,
                m.entered_afterwards_by,
                m.entered_afterwards_at > m.starts_at,
            )
            for m in past_board_meetings()
        ] == [
            (datetime.timedelta(days=168), True, officer, True),
            (datetime.timedelta(days=77), True, officer, True),
        ]

    def test_the_demo_has_approved_minutes_awaiting_the_chairs_signature(self, loaded):
        earlier, later = past_board_meetings()

        awaiting = Minutes.objects.filter(status=MinutesStatus.APPROVED).select_related("approved_at_item__meeting")

        assert [
            (m.meeting, m.approved_at_item.meeting, m.approved_at_item.standing_role, m.approved_on, m.signed_at)
            for m in awaiting
        ] == [(earlier, later, "previous_minutes", timezone.localdate(later.starts_at), None)]
        assert (earlier.status, later.status, later.minutes.status) == (
            MeetingStatus.MINUTES_APPROVED,
            MeetingStatus.MINUTES_DRAFTED,
            MinutesStatus.DRAFT,
        )

    def test_the_demo_chair_is_asked_to_sign_them_the_next_morning(self, loaded):
        earlier, _ = past_board_meetings()
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)

        asked = Notification.objects.filter(kind="minutes_to_sign", status=NotificationStatus.PENDING)

        assert [(n.recipient.name, n.url, n.due_at) for n in asked] == [
            ("Mike Jones", f"/meetings/{earlier.pk}/minutes/", at_nine(tomorrow))
        ]

    def test_the_demo_chair_can_sign_them_and_the_hash_is_of_the_minutes_text(self, loaded):
        earlier, _ = past_board_meetings()
        chair = User.objects.get(email="mike.jones@example.org")

        signed = actions_minutes.sign_minutes(earlier.minutes, by=chair)

        assert (signed.status, signed.signed_by, signed.signed_hash) == (
            MinutesStatus.SIGNED,
            chair,
            canonical_hash(canonical_text(earlier)),
        )

    def test_the_later_meetings_draft_minutes_record_the_approval(self, loaded):
        earlier, later = past_board_meetings()
        held = timezone.localdate(earlier.starts_at)

        assert list(Decision.objects.filter(item__meeting=later).values_list("item__standing_role", "text")) == [
            (
                "previous_minutes",
                f"The minutes of the meeting held on {held.day} {held:%B %Y} were agreed as an accurate record.",
            ),
            ("", "A full options paper with costs will come to the next meeting for a decision."),
        ]

    def test_one_action_is_open_until_the_coming_meeting_and_the_others_are_done(self, loaded):
        earlier, _ = past_board_meetings()

        actions = Action.objects.filter(item__meeting=earlier).order_by("item__number")

        assert [(a.status, a.due_on) for a in actions] == [
            ("open", timezone.localdate(coming().starts_at)),
            ("done", timezone.localdate(earlier.starts_at) + datetime.timedelta(days=56)),
            ("done", timezone.localdate(earlier.starts_at) + datetime.timedelta(days=84)),
        ]

    def test_the_tender_decision_has_a_recorded_vote_worked_out_from_the_records(self, loaded):
        earlier, _ = past_board_meetings()
        decision = Decision.objects.get(item__meeting=earlier, item__title=demo_meetings.VOTED_ON)

        line = actions_votes.result_of(decision)

        # The four members present all vote (the officer holds no seat): three for, one abstained.
        assert (len(line.voted_for), len(line.against), len(line.abstained)) == (3, 0, 1)
        assert line.carried and line.quorate is not False
        assert "  Result: carried" in canonical_text(earlier)

    def test_attendance_lists_the_board_with_one_apology_and_the_officer(self, loaded):
        earlier, later = past_board_meetings()

        def rows(meeting):
            return sorted(meeting.attendance.values_list("person__name", "capacity", "status"))

        assert rows(earlier) == [
            ("Alison Armstrong", "support", "present"),
            ("John Davidson", "member", "apologies"),
            ("Mark Wilson", "member", "present"),
            ("Mike Jones", "member", "present"),
            ("Steve Robinson", "member", "present"),
            ("Tim Jackson", "member", "present"),
        ]
        assert [(name, status) for name, _, status in rows(later) if status != "present"] == [
            ("Mark Wilson", "apologies")
        ]


# -- Loading once ------------------------------------------------------------------------


def row_counts():
    labels = ("auth", "partnership", "bodies", "meetings")
    return {
        m._meta.label: m._default_manager.count() for label in labels for m in apps.get_app_config(label).get_models()
    }


def test_running_loaddemo_twice_changes_no_row_count_and_reports_no_problem(demo_output):
    first_output, _ = demo_output
    first = row_counts()

    output, problems = load("--quiet")

    assert row_counts() == first
    # The LSP's two meetings of 2009, the coming Board meeting and the Board's two before it.
    assert (first["meetings.Meeting"], first["meetings.Paper"], problems) == (5, 4, "")
    assert "5 meetings, 4 papers" in first_output
    assert "nothing changed" in output


@pytest.mark.django_db
def test_a_failure_while_loading_meetings_leaves_nothing_behind(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("stop")

    monkeypatch.setattr(demo_meetings, "_coming_board_meeting", fail)

    with pytest.raises(RuntimeError):
        load("--quiet")

    assert [m.objects.count() for m in (Organisation, Person, User, Meeting, AgendaItem)] == [0, 0, 0, 0, 0]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed papers are not on this machine")
def test_demo_meetings_copy_no_run_of_twelve_words_from_the_seeds():
    assert runs_copied_from_the_seeds("meetings") == []


# -- Nothing confidential in public ------------------------------------------------------

MARKER = "CONFIDENTIAL-d3m0"


def plant_markers():
    """Put the marker in every confidential field of the demo: the Board's item and paper, and a 2009 item."""
    item = AgendaItem.objects.get(meeting=coming(), confidential=True)
    AgendaItem.objects.filter(pk=item.pk).update(
        title=f"{item.title} {MARKER}", description=f"{MARKER} {item.description}", discussion=MARKER
    )
    for paper in Paper.objects.filter(meeting=coming(), confidential=True):
        Paper.objects.filter(pk=paper.pk).update(
            title=f"{paper.title} {MARKER}", description=MARKER, purpose=MARKER, action_required=MARKER
        )
        PaperVersion.objects.filter(paper=paper).update(text=f"{MARKER}\n{paper.versions.get().text}")
    # A confidential item in the published minutes of 2009, with a decision.
    minuted = AgendaItem.objects.get(meeting=april(), number=10)
    AgendaItem.objects.filter(pk=minuted.pk).update(
        title=f"Migration Impact Fund bid {MARKER}",
        confidential=True,
        confidential_reason="Bid details not yet public.",
        discussion=f"{MARKER} {minuted.discussion}",
    )
    Decision.objects.filter(item=minuted).update(text=f"{MARKER} decision")


def showing_marker(pages):
    # Without whitespace, so that a marker a PDF breaks across lines still counts.
    marker = MARKER.lower()
    return sorted(url for url, text in pages.items() if marker in re.sub(r"\s+", "", text.lower()))


class TestNothingConfidentialInPublic:
    """Markers planted in every confidential field appear on no public page, feed or PDF."""

    @pytest.mark.parametrize("who", ["anonymous", "stranger"])
    def test_no_public_page_feed_or_pdf_shows_confidential_matter(self, loaded, who):
        plant_markers()
        client = Client(raise_request_exception=False)
        if who == "stranger":
            client.force_login(PersonFactory(user=UserFactory()).user)

        pages = crawl(client)

        assert showing_marker(pages) == []
        assert len(pages) > 20

    def test_a_board_member_and_the_secretariat_do_see_the_confidential_matter(self, loaded):
        """The negative case: the same crawl finds the marker for those allowed, so the test above can fail."""
        plant_markers()
        found = {}
        for email in ("tim.jackson@example.org", "alison.armstrong@example.org"):
            client = Client(raise_request_exception=False)
            client.force_login(User.objects.get(email=email))
            found[email] = showing_marker(crawl(client)) != []

        assert found == {"tim.jackson@example.org": True, "alison.armstrong@example.org": True}
