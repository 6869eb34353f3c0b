"""The demo's registers and declarations: interests, gifts and hospitality, rulings and a dispute in progress."""

import datetime
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone
from guardian.shortcuts import get_users_with_perms, remove_perm

from declarations.conflicts import possible_conflicts
from declarations.models import (
    AdviceRequest,
    Declaration,
    Dispute,
    Gift,
    GiftsSettings,
    Interest,
    RegisterConfirmation,
    Ruling,
)
from demo import declarations as demo_declarations
from demo.framework import DEMO_PASSWORD
from meetings.minutes_text import canonical_text, quorum_for
from meetings.models import canonical_hash
from partnership.models import Person, User
from tests.demo.support import SEEDS, april, coming, crawl, load, runs_copied_from_the_seeds
from tests.factories import PersonFactory, UserFactory

MARKER = "DECLARED-IN-CONFIDENCE-d3m0"


def legal_user():
    return User.objects.get(email="legal@example.org")


def is_late(gift, days=28):
    return (timezone.localdate(gift.declared_at) - gift.offered_on).days > days


class TestRegisterOfInterests:
    def test_six_interests_for_five_people(self, loaded):
        held = sorted(Interest.objects.values_list("person__name", flat=True))

        assert held == ["Eric Bowers", "Jane Staley", "Mike Jones", "Mike Jones", "Tim Jackson", "Tim Jackson"]

    def test_the_demo_chair_and_member_have_interests_of_different_kinds_and_holders(self, loaded):
        rows = Interest.objects.filter(person__email__in=["mike.jones@example.org", "tim.jackson@example.org"])

        assert sorted((i.person.name, i.kind, i.holder) for i in rows) == [
            ("Mike Jones", "organisational", "member"),
            ("Mike Jones", "personal", "household"),
            ("Tim Jackson", "personal", "connected"),
            ("Tim Jackson", "personal", "household"),
        ]

    def test_the_coming_agenda_flags_the_members_possible_conflicts(self, loaded):
        rows = [(c.item.number, c.person.name, [i.matter for i in c.interests]) for c in possible_conflicts(coming())]
        assert rows == [(3, "Tim Jackson", ["Early help"]), (5, "Tim Jackson", ["Domestic abuse support service"])]

    def test_exactly_one_interest_arises_from_more_than_one_hat(self, loaded):
        hats = Interest.objects.filter(more_than_one_role=True)

        assert [(i.person.name, i.organisation.name) for i in hats] == [("Mike Jones", "Cheshire Fire Authority")]

    def test_exactly_one_interest_is_closed_and_it_is_not_current(self, loaded):
        closed = Interest.objects.filter(end__isnull=False)

        assert [(i.person.name, i.end) for i in closed] == [("Mike Jones", datetime.date(2011, 3, 31))]
        assert Interest.objects.current().count() == 5

    def test_five_are_published_and_one_is_withheld_with_its_reason(self, loaded):
        withheld = Interest.objects.filter(withheld=True)

        assert Interest.objects.published().count() == 5
        assert [(i.person.name, i.withheld_reason) for i in withheld] == [
            ("Tim Jackson", demo_declarations.INTERESTS["jackson-bidder"].withheld_reason)
        ]

    def test_three_people_have_confirmed_their_register(self, loaded):
        confirmed = sorted(RegisterConfirmation.objects.values_list("person__name", flat=True))

        assert confirmed == ["Eric Bowers", "Mike Jones", "Tim Jackson"]


class TestGiftsAndHospitality:
    def test_the_settings_publish_from_25_pounds_and_ask_for_declarations_within_28_days(self, loaded):
        settings_row = GiftsSettings.objects.get()

        assert (settings_row.publish_threshold, settings_row.declare_within_days) == (Decimal("25.00"), 28)

    def test_six_entries_four_accepted_and_two_refused(self, loaded):
        decisions = sorted(Gift.objects.values_list("decision", flat=True))

        assert decisions == ["accepted"] * 4 + ["refused"] * 2

    def test_four_entries_reach_the_publish_threshold_and_two_fall_below_it(self, loaded):
        threshold = GiftsSettings.current().publish_threshold
        published = Gift.objects.filter(estimated_value__gte=threshold)
        below = Gift.objects.filter(estimated_value__lt=threshold)

        assert sorted(g.person.name for g in published) == [
            "Eric Bowers",
            "Mike Jones",
            "Steve Jennings",
            "Tim Jackson",
        ]
        assert sorted((g.person.name, g.estimated_value) for g in below) == [
            ("Jane Staley", Decimal("6.00")),
            ("Tim Jackson", Decimal("8.00")),
        ]

    def test_only_one_entry_was_declared_late(self, loaded):
        late = [gift for gift in Gift.objects.all() if is_late(gift)]

        assert [(g.person.name, (timezone.localdate(g.declared_at) - g.offered_on).days) for g in late] == [
            ("Eric Bowers", 50)
        ]

    def test_one_advice_request_is_answered_and_one_waits(self, loaded):
        answered = AdviceRequest.objects.exclude(answer="")
        waiting = AdviceRequest.objects.filter(answer="")

        assert [(a.person.name, a.gift.offered_by, a.answered_by.email) for a in answered] == [
            ("Tim Jackson", "A security systems supplier", "alison.armstrong@example.org")
        ]
        assert [(a.person.name, a.answered_at, a.answered_by) for a in waiting] == [("Mark Wilson", None, None)]


class TestDeclarationsAndRulings:
    def test_three_declarations_each_with_a_ruling(self, loaded):
        rows = Declaration.objects.select_related("ruling", "item__meeting__body")

        assert sorted(
            (d.item.meeting.body.slug, d.item.number, d.person.name, d.made, d.ruling.outcome) for d in rows
        ) == [
            ("commissioning-board", 3, "Tim Jackson", "in_advance", "speak_not_vote"),
            ("commissioning-board", 5, "Tim Jackson", "in_advance", "withdraw"),
            ("lsp", 10, "Eric Bowers", "in_meeting", "noted"),
        ]
        assert Ruling.objects.count() == 3

    def test_the_members_declaration_on_the_confidential_procurement_item_must_withdraw(self, loaded):
        declaration = Declaration.objects.get(item__meeting=coming(), item__confidential=True)

        assert (declaration.person.user.email, declaration.recorded_by.email) == (
            "tim.jackson@example.org",
            "tim.jackson@example.org",
        )
        assert (declaration.ruling.outcome, declaration.ruling.ruled_by.email) == ("withdraw", "mike.jones@example.org")
        assert declaration.ruling.reasons.startswith("A close relative governs one of the bidders")

    def test_the_verbal_declaration_of_30_april_2009_was_recorded_by_the_officer_and_noted(self, loaded):
        declaration = Declaration.objects.get(item__meeting=april())

        assert (declaration.item.title, declaration.made, declaration.recorded_by.email) == (
            "Migration Impact Fund bid",
            "in_meeting",
            "alison.armstrong@example.org",
        )
        assert (declaration.ruling.outcome, declaration.ruling.ruled_by.email) == ("noted", "mike.jones@example.org")

    def test_the_april_minutes_stay_signed_over_their_canonical_text(self, loaded):
        meeting = april()

        assert meeting.minutes.signed_hash == canonical_hash(canonical_text(meeting))

    def test_every_declaration_and_ruling_is_dated_in_the_past(self, loaded):
        now = timezone.now()

        assert [d.pk for d in Declaration.objects.all() if d.recorded_at > now] == []
        assert [r.pk for r in Ruling.objects.all() if r.ruled_at > now or r.ruled_at < r.declaration.recorded_at] == []


class TestDisputeInProgress:
    def test_one_dispute_is_open_raised_by_the_member_against_may_speak_but_not_vote(self, loaded):
        dispute = Dispute.objects.get()

        assert (dispute.status, dispute.raised_by.email, dispute.ruling.outcome, dispute.resolution_outcome) == (
            "open",
            "tim.jackson@example.org",
            "speak_not_vote",
            "",
        )
        assert dispute.grounds.startswith("None of the three options")

    def test_the_head_of_legal_is_designated_and_can_log_in(self, loaded):
        dispute = Dispute.objects.get()
        legal = Person.objects.get(email="legal@example.org")

        assert (dispute.head_of_legal, legal.job_title, legal.user.check_password(DEMO_PASSWORD)) == (
            legal,
            "Head of Legal",
            True,
        )

    def test_the_head_of_legal_may_consult_on_that_dispute_only(self, loaded):
        dispute = Dispute.objects.get()
        other_ruling = Ruling.objects.get(outcome="withdraw")
        other = Dispute.objects.create(ruling=other_ruling, raised_by=other_ruling.declaration.person.user, grounds="x")

        allowed = [legal_user().has_perm("declarations.consult_on_dispute", d) for d in (dispute, other)]

        assert allowed == [True, False]
        assert legal_user().has_perm("declarations.consult_on_dispute") is False

    def test_no_one_but_the_head_of_legal_holds_a_grant_on_the_dispute(self, loaded):
        dispute = Dispute.objects.get()
        granted = get_users_with_perms(dispute, only_with_perms_in=["consult_on_dispute"])

        assert [u.email for u in granted] == ["legal@example.org"]


class TestQuorum:
    def test_nobody_is_left_out_of_the_quorum_on_the_noted_april_item(self, loaded):
        item = april().items.get(number=demo_declarations.APRIL_ITEM)

        everyone = quorum_for(item, excluded_people=())

        assert quorum_for(item) == everyone


class TestLoading:
    def test_the_output_names_interests_gifts_and_declarations_with_their_counts(self, loaded):
        output, errors = load()

        assert "6 interests, 6 gifts and hospitality entries, 3 declarations" in output
        assert errors == ""

    def test_the_output_prints_the_head_of_legal_login_after_the_other_three(self, loaded):
        output, _ = load()

        lines = [line.split() for line in output.splitlines() if "@example.org" in line]

        assert [parts[0] for parts in lines] == [
            "alison.armstrong@example.org",
            "mike.jones@example.org",
            "tim.jackson@example.org",
            "legal@example.org",
        ]
        assert lines[-1][1:4] == [DEMO_PASSWORD, "Head", "of"]

    def test_verify_finds_nothing_missing(self, loaded):
        assert demo_declarations.verify() == []

    def test_verify_reports_a_head_of_legal_without_the_grant(self, loaded):
        remove_perm("declarations.consult_on_dispute", legal_user(), Dispute.objects.get())

        assert demo_declarations.verify() == [
            "The Head of Legal (legal@example.org) cannot consult on the demo's open dispute."
        ]


def row_counts():
    labels = ("auth", "partnership", "bodies", "meetings", "declarations", "guardian")
    return {
        m._meta.label: m._default_manager.count() for label in labels for m in apps.get_app_config(label).get_models()
    }


def test_running_loaddemo_twice_changes_no_row_count_in_any_app_including_declarations(loaded):
    first = row_counts()

    load("--quiet")

    assert row_counts() == first
    assert (first["declarations.Interest"], first["declarations.Gift"], first["declarations.Declaration"]) == (6, 6, 3)
    assert (first["declarations.Dispute"], first["guardian.UserObjectPermission"]) == (1, 1)


@pytest.mark.django_db
def test_a_failure_in_the_declarations_step_leaves_nothing_behind(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("stop")

    monkeypatch.setattr(demo_declarations, "_board_declarations", fail)

    with pytest.raises(RuntimeError):
        load("--quiet")

    assert [m.objects.count() for m in (Person, Interest, Gift, Declaration)] == [0, 0, 0, 0]


# -- Nothing confidential in public ----------------------------------------------------


def plant_markers():
    """Put the marker in the withheld interest and in the ruling on the confidential item.

    A declaration is append-only, so the marker cannot be written into one afterwards: the confidential
    declaration's own words are looked for instead (markers()).
    """
    Interest.objects.filter(withheld=True).update(description=MARKER, matter=MARKER, withheld_reason="Sensitive.")
    Ruling.objects.filter(declaration__item__confidential=True).update(reasons=MARKER)


def markers():
    """The marker, and the words of every declaration on a confidential item, without whitespace."""
    words = Declaration.objects.filter(item__confidential=True).values_list("description", flat=True)
    return [re.sub(r"\s+", "", text.lower()) for text in (MARKER, *words)]


def marker_on(pages):
    looked_for = markers()
    return sorted(
        url for url, text in pages.items() if any(marker in re.sub(r"\s+", "", text.lower()) for marker in looked_for)
    )


REGISTERS = ["/registers/interests/", "/registers/gifts/"]


class TestNothingConfidentialInPublic:
    @pytest.mark.parametrize("who", ["anonymous", "stranger"])
    def test_no_public_page_shows_the_withheld_interest_or_the_confidential_declaration(self, loaded, who):
        plant_markers()
        client = Client(raise_request_exception=False)
        if who == "stranger":
            client.force_login(PersonFactory(user=UserFactory()).user)

        pages = crawl(client) | {url: client.get(url).content.decode() for url in REGISTERS}

        assert marker_on(pages) == []
        assert len(pages) > 20

    def test_the_declarant_does_see_the_confidential_declaration(self, loaded):
        """The negative case: the same crawl, logged in as the member, finds the marker."""
        plant_markers()
        client = Client(raise_request_exception=False)
        client.force_login(User.objects.get(email="tim.jackson@example.org"))

        pages = crawl(client) | {url: client.get(url).content.decode() for url in REGISTERS}

        # Only meaningful once some page lists a member's declarations (the issue 4 screens).
        open_declaration = Declaration.objects.get(item__meeting=coming(), item__confidential=False).description
        if not any(open_declaration in text for text in pages.values()):
            pytest.skip("no page reachable from the demo's start pages lists declarations yet")
        assert marker_on(pages) != []


# -- Our own words ------------------------------------------------------------------------


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed papers are not on this machine")
def test_demo_declarations_copy_no_run_of_twelve_words_from_the_seeds():
    assert runs_copied_from_the_seeds("declarations") == []
