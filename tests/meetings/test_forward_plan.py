"""The forward plan: the secretariat's entries and the public's page of decisions to come (issue 16)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.actions.forward_plan import link_agenda_item, remove_forward_plan_entry, save_forward_plan_entry
from meetings.models import ForwardPlanEntry
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory

MARKER = "Quillonfetch"
REASON = "It concerns the terms of a lease still being agreed."


def in_days(days):
    return timezone.now() + datetime.timedelta(days=days)


def first_of_month(months_ahead=0):
    today = timezone.localdate()
    month = today.month - 1 + months_ahead
    return datetime.date(today.year + month // 12, month % 12 + 1, 1)


def add(by, **fields):
    defaults = {"title": "Adopt the plan", "summary": "", "decision_maker": "", "confidential": False}
    return save_forward_plan_entry(None, by=by, **(defaults | fields))


def form_data(body, **changes):
    return {
        "body": str(body.pk),
        "title": "Approve the community safety plan",
        "summary": "The plan for the coming year.",
        "expected_meeting": "",
        "expected_month": "",
        "expected_year": "",
        "decision_maker": "",
        "confidential_reason": "",
        **changes,
    }


@pytest.fixture
def plan(cast):
    coming = MeetingFactory(body=cast.board, starts_at=in_days(30))
    forum_meeting = MeetingFactory(body=cast.forum, starts_at=in_days(70))
    past = MeetingFactory(body=cast.board, starts_at=in_days(-30))
    by = cast.secretariat
    return {
        "coming": coming,
        "at_meeting": add(
            by,
            body=cast.board,
            title="Adopt the housing strategy",
            expected_meeting=coming,
            summary="The strategy after consultation.",
            decision_maker="The board",
        ),
        "forum": add(by, body=cast.forum, title="Choose the forum's venues", expected_meeting=forum_meeting),
        "in_month": add(by, body=cast.board, title="Set the budget for next year", expected_month=first_of_month(4)),
        "secret": add(
            by,
            body=cast.board,
            title=f"Dispose of the {MARKER} site",
            summary=f"{MARKER} details",
            expected_meeting=coming,
            confidential=True,
            confidential_reason=REASON,
        ),
        "past": add(by, body=cast.board, title="Agree last month's report", expected_meeting=past),
        "past_month": add(by, body=cast.board, title="An old plan", expected_month=first_of_month(-2)),
    }


def text_of(response):
    return response.content.decode()


def test_the_public_reads_the_decisions_to_come_month_by_month(client, plan):
    response = client.get(reverse("forward_plan"))
    page = text_of(response)
    assert response.status_code == 200
    assert "Agree last month" not in page and "An old plan" not in page
    housing, venues, budget = (
        page.index(t) for t in ("Adopt the housing strategy", "Choose the forum", "Set the budget")
    )
    assert housing < venues < budget
    assert "The strategy after consultation." in page and "The board" in page
    month = first_of_month(4)
    assert f"{month:%B %Y}</h2>" in page
    assert f"A meeting in {month:%B %Y}, not yet arranged" in page


def test_a_confidential_entry_shows_only_its_reason(client_for, plan):
    for who in ("anonymous", "stranger", "member", "secretariat"):
        page = text_of(client_for(who).get(reverse("forward_plan")))
        assert MARKER.lower() not in page.lower(), who
        assert "A confidential item" in page and REASON in page
    # The negative case: the secretariat's own list shows it, so the check above can fail.
    assert MARKER in text_of(client_for("secretariat").get(reverse("forward_plan_manage")))


def test_a_bodys_part_of_the_plan(client, plan, cast):
    page = text_of(client.get(reverse("forward_plan"), {"body": cast.forum.slug}))
    assert "Choose the forum" in page and "housing strategy" not in page
    assert "Forward plan: Chester Community Forum" in page
    response = client.get(reverse("forward_plan"), {"body": "no-such-body"})
    assert response.status_code == 400 and "Choose a body from the list." in text_of(response)


def test_the_secretariat_adds_an_entry_for_a_meeting_or_a_month(client_for, cast, plan):
    client = client_for("secretariat")
    url = reverse("forward_plan_create")
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(cast.board, expected_meeting=str(plan["coming"].pk)))
    assert response.status_code == 302
    entry = ForwardPlanEntry.objects.get(title="Approve the community safety plan")
    assert entry.expected_meeting == plan["coming"] and entry.expected_month is None
    assert entry.history.get().history_user == cast.secretariat
    client.post(url, form_data(cast.forum, title="Review the forum", expected_month="7", expected_year="2031"))
    assert ForwardPlanEntry.objects.get(title="Review the forum").expected_month == datetime.date(2031, 7, 1)
    assert "Approve the community safety plan" in text_of(client_for("anonymous").get(reverse("forward_plan")))


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({}, "expected_meeting", "Choose the meeting expected, or give the month and year."),
        ({"expected_month": "5"}, "expected_year", "Enter the year as well as the month."),
        ({"expected_year": "2030"}, "expected_month", "Choose the month as well as the year."),
        ({"expected_month": "13", "expected_year": "2030"}, "expected_month", "Choose a month from the list."),
        ({"expected_month": "5", "expected_year": "99999"}, "expected_year", "Enter a year from 2000 to 2100."),
        (
            {"expected_month": "5", "expected_year": "2030", "confidential": "on"},
            "confidential_reason",
            "Give the reason the entry is confidential.",
        ),
        ({"title": ""}, "title", "Say what decision is expected."),
    ],
)
def test_a_bad_entry_is_refused_with_the_forms_errors(client_for, cast, changes, field, message):
    response = client_for("secretariat").post(reverse("forward_plan_create"), form_data(cast.board, **changes))
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert not ForwardPlanEntry.objects.exists()


def test_a_meeting_of_another_body_is_refused(client_for, cast, plan):
    response = client_for("secretariat").post(
        reverse("forward_plan_create"), form_data(cast.forum, expected_meeting=str(plan["coming"].pk))
    )
    assert response.status_code == 400
    assert "Choose a meeting of the body that takes the decision." in text_of(response)


def test_the_secretariat_edits_links_and_removes_an_entry(client_for, cast, plan):
    client = client_for("secretariat")
    entry = plan["at_meeting"]
    item = AgendaItemFactory(meeting=plan["coming"], number=4, title="Housing strategy")
    elsewhere = AgendaItemFactory(meeting=plan["forum"].expected_meeting, number=1)
    assert client.get(reverse("forward_plan_link", args=[entry.pk])).status_code == 200
    refused = client.post(reverse("forward_plan_link", args=[entry.pk]), {"item": str(elsewhere.pk)})
    assert refused.status_code == 400 and "Choose an item from the list." in text_of(refused)
    assert client.post(reverse("forward_plan_link", args=[entry.pk]), {"item": str(item.pk)}).status_code == 302
    entry.refresh_from_db()
    assert entry.agenda_item == item
    assert "item 4" in text_of(client_for("anonymous").get(reverse("forward_plan")))

    # Moving it to a month lets the agenda item go: it is no longer on the meeting expected.
    edit = reverse("forward_plan_edit", args=[entry.pk])
    assert client.get(edit).status_code == 200
    response = client.post(
        edit, form_data(cast.board, title="Adopt the revised strategy", expected_month="3", expected_year="2032")
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.title, entry.expected_meeting, entry.agenda_item) == ("Adopt the revised strategy", None, None)

    remove = reverse("forward_plan_remove", args=[entry.pk])
    assert client.get(remove).status_code == 200
    assert client.post(remove).status_code == 302
    assert not ForwardPlanEntry.objects.filter(pk=entry.pk).exists()
    assert ForwardPlanEntry.history.filter(id=entry.pk, history_type="-").get().history_user == cast.secretariat


def test_an_entry_without_a_meeting_has_no_item_to_link(client_for, plan):
    client = client_for("secretariat")
    response = client.get(reverse("forward_plan_link", args=[plan["in_month"].pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "forward_plan_edit", args=[plan["in_month"].pk]
    )


def test_the_actions_keep_the_rules(cast, plan):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        link_agenda_item(plan["in_month"], AgendaItemFactory(meeting=plan["coming"]), by=cast.secretariat)
    with pytest.raises(ValidationError):
        add(cast.secretariat, body=cast.board)
    with pytest.raises(ValidationError):
        add(cast.secretariat, body=cast.board, expected_month=first_of_month(1), confidential=True)
    remove_forward_plan_entry(plan["past"], by=cast.secretariat)
    assert not ForwardPlanEntry.objects.filter(pk=plan["past"].pk).exists()


def make_entries(n):
    for i in range(n):
        body = BodyFactory()
        meeting = MeetingFactory(body=body, starts_at=in_days(i + 1))
        AgendaItemFactory(meeting=meeting, number=1)
        entry = ForwardPlanEntry.objects.create(
            body=body,
            title=f"Entry {i}",
            expected_meeting=meeting if i % 2 else None,
            expected_month=None if i % 2 else first_of_month(1),
            confidential=i % 3 == 0,
            confidential_reason="Commercial" if i % 3 == 0 else "",
        )
        if i % 2:
            entry.agenda_item = meeting.items.get()
            entry.save()


@pytest.mark.usefixtures("no_public_cache")
@pytest.mark.parametrize("n", [1, 10])
def test_the_public_plan_makes_the_same_queries_for_1_and_10_entries(client, cast, django_assert_num_queries, n):
    make_entries(n)
    # The count, the page's entries with their bodies, meetings and items, and the bodies of the filter.
    with django_assert_num_queries(3):
        response = client.get(reverse("forward_plan"))
    assert len(response.context["page_obj"].object_list) == n


@pytest.mark.usefixtures("no_public_cache")
@pytest.mark.parametrize("n", [1, 10])
def test_the_secretariats_list_makes_the_same_queries_for_1_and_10_entries(
    client_for, cast, django_assert_num_queries, n
):
    make_entries(n)
    client = client_for("secretariat")
    client.get(reverse("forward_plan_manage"))  # the session's first page
    # The login and its groups, the count, the page's entries with their bodies, meetings and items.
    with django_assert_num_queries(5):
        response = client.get(reverse("forward_plan_manage"))
    assert len(response.context["page_obj"].object_list) == n


def test_the_public_plan_pages_fifty_at_a_time(client, cast):
    ForwardPlanEntry.objects.bulk_create(
        ForwardPlanEntry(body=cast.board, title=f"Plan {n}", expected_month=first_of_month(1)) for n in range(51)
    )
    response = client.get(reverse("forward_plan"))
    from tests.paging import assert_a_full_page_and_a_next

    assert_a_full_page_and_a_next(response, response.context["page_obj"].object_list, 50, label="Forward plan: pages")


def test_a_bodys_page_links_to_its_decisions_and_its_part_of_the_plan(client, cast):
    page = text_of(client.get(reverse("body_detail", args=[cast.board.slug])))
    assert f'href="{reverse("forward_plan")}?body={cast.board.slug}"' in page
    assert f'href="{reverse("decision_register")}?body={cast.board.slug}"' in page
