"""The forward plan in the search: the public finds what the public plan shows while it is to come; the
secretariat finds every entry, confidential or past, and is sent to its form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.actions.agenda import postpone_meeting, reschedule_meeting
from meetings.actions.forward_plan import remove_forward_plan_entry, save_forward_plan_entry
from search import index
from search.models import Entry, Kind
from tests.factories import MeetingFactory
from tests.search.support import found, search

MARKER = "Quillonfetch"
REASON = "It concerns a lease still being negotiated."


def add(cast, **fields):
    defaults = {"body": cast.board, "summary": "", "decision_maker": "", "confidential": False}
    return save_forward_plan_entry(None, by=cast.secretariat, **(defaults | fields))


def first_of_month(months_ahead):
    today = timezone.localdate()
    month = today.month - 1 + months_ahead
    return datetime.date(today.year + month // 12, month % 12 + 1, 1)


@pytest.fixture
def plan(cast):
    coming = MeetingFactory(body=cast.board, starts_at=timezone.now() + datetime.timedelta(days=30))
    past = MeetingFactory(body=cast.board, starts_at=timezone.now() - datetime.timedelta(days=30))
    return {
        "coming": coming,
        "housing": add(cast, title="Adopt the housing strategy", expected_meeting=coming, summary="Zephyrine wards"),
        "budget": add(cast, title="Set the budget for next year", expected_month=first_of_month(3)),
        "old": add(cast, title="Agree the old allotment report", expected_meeting=past),
        "old_month": add(cast, title="Agree the old orchard report", expected_month=first_of_month(-2)),
        "secret": add(
            cast,
            title=f"Dispose of the {MARKER} site",
            summary=f"{MARKER} valuation",
            expected_meeting=coming,
            confidential=True,
            confidential_reason=REASON,
        ),
    }


def plan_titles(client, q):
    return [title for kind, title in found(client, q) if kind == Kind.FORWARD_PLAN]


def test_the_public_finds_an_entry_to_come_by_its_words_and_is_sent_to_it_on_the_plan(client, plan, cast):
    response = search(client, "Zephyrine")
    [entry] = [e for e in response.context["results"] if e.kind == Kind.FORWARD_PLAN]
    assert entry.title == "Adopt the housing strategy"
    assert entry.url == f"{reverse('forward_plan')}?body={cast.board.slug}#plan-{plan['housing'].pk}"
    assert f'id="plan-{plan["housing"].pk}"' in client.get(entry.url).content.decode()
    assert plan_titles(client, "budget") == ["Set the budget for next year"]


def test_the_public_does_not_find_entries_whose_meeting_or_month_has_passed(client_for, plan):
    for who in ("anonymous", "member"):
        assert plan_titles(client_for(who), "allotment") == [], who
        assert plan_titles(client_for(who), "orchard") == [], who
    # The secretariat finds them still, at their form.
    assert plan_titles(client_for("secretariat"), "allotment") == ["Agree the old allotment report"]
    assert plan_titles(client_for("secretariat"), "orchard") == ["Agree the old orchard report"]


def test_a_confidential_entry_is_found_by_its_reason_only_and_never_by_its_words(client_for, plan):
    for who in ("anonymous", "stranger", "member", "chair"):
        client = client_for(who)
        assert plan_titles(client, MARKER) == [], who
        assert plan_titles(client, "valuation") == [], who
        assert MARKER.lower() not in search(client, "lease negotiated").content.decode().lower(), who
        assert plan_titles(client, "lease negotiated") == ["A confidential item"], who
    secretariat = client_for("secretariat")
    response = search(secretariat, MARKER)
    [entry] = [e for e in response.context["results"] if e.kind == Kind.FORWARD_PLAN]
    assert entry.title == f"Dispose of the {MARKER} site"
    assert entry.url == reverse("forward_plan_edit", args=[plan["secret"].pk])


def test_the_index_follows_edits_moves_and_removals(client, plan, cast):
    housing = plan["housing"]
    save_forward_plan_entry(
        housing,
        by=cast.secretariat,
        body=cast.board,
        title="Adopt the housing and homelessness strategy",
        summary="Zephyrine wards",
        decision_maker="",
        confidential=False,
        expected_meeting=plan["coming"],
    )
    assert plan_titles(client, "homelessness") == ["Adopt the housing and homelessness strategy"]
    # The meeting moves: the entry is found until the new day.
    postpone_meeting(plan["coming"], by=cast.secretariat, reason="The room is needed")
    later = timezone.now() + datetime.timedelta(days=60)
    reschedule_meeting(plan["coming"], by=cast.secretariat, starts_at=later)
    dates = set(Entry.objects.filter(kind=Kind.FORWARD_PLAN, object_id=housing.pk).values_list("date", flat=True))
    assert dates == {timezone.localdate(later)}
    remove_forward_plan_entry(housing, by=cast.secretariat)
    assert not Entry.objects.filter(kind=Kind.FORWARD_PLAN, object_id=housing.pk).exists()


def test_a_rebuild_gives_the_same_entries(plan):
    def stored():
        return set(Entry.objects.filter(kind=Kind.FORWARD_PLAN).values_list("object_id", "audience", "title", "url"))

    before = stored()
    assert len(before) == 2 * len(plan) - 2  # every entry but the meeting, in two audiences
    index.rebuild()
    assert stored() == before
