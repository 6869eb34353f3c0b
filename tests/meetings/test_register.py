"""The actions register: who sees which actions, the filters, and owners updating the status."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from meetings.actions.register import update_action_status
from meetings.models import Action, ActionStatus
from meetings.policies.register import actions_visible_to, can_update_listed_action, can_view_action
from tests.factories import AgendaItemFactory, MeetingFactory

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def register(cast):
    """Actions of a board meeting and a forum meeting, with owners from the cast."""
    board_item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board), number=1, title="Budget")
    forum_item = AgendaItemFactory(meeting=MeetingFactory(body=cast.forum), number=1, title="Parks")
    mel = Action.objects.create(item=board_item, text="Draft the budget", due_on=days(-3))
    mel.owners.add(cast.member.person)
    chris = Action.objects.create(item=board_item, text="Write to partners", due_on=days(10))
    chris.owners.add(cast.chair.person)
    done = Action.objects.create(item=board_item, text="Book the room", status=ActionStatus.DONE, due_on=days(-9))
    done.owners.add(cast.member.person)
    oscar = Action.objects.create(item=forum_item, text="Survey the parks")
    oscar.owners.add(cast.other_member.person)
    return {"mel": mel, "chris": chris, "done": done, "oscar": oscar}


def listed(response):
    return [action.text for action in response.context["page_obj"]]


# Who sees what


def test_a_member_sees_the_actions_of_their_bodies_meetings(cast, client_for, register):
    response = client_for("member").get(reverse("action_register"))
    assert response.status_code == 200
    assert listed(response) == ["Book the room", "Draft the budget", "Write to partners"]


def test_the_secretariat_sees_every_action(cast, client_for, register):
    assert listed(client_for("secretariat").get(reverse("action_register"))) == [
        "Book the room",
        "Draft the budget",
        "Write to partners",
        "Survey the parks",
    ]


def test_an_owner_sees_their_action_of_a_body_they_do_not_sit_on(cast, client_for, register):
    register["chris"].owners.add(cast.stranger.person)
    assert listed(client_for("stranger").get(reverse("action_register"))) == ["Write to partners"]


def test_someone_with_no_bodies_and_no_actions_sees_an_empty_register(cast, client_for, register):
    response = client_for("stranger").get(reverse("action_register"))
    assert listed(response) == []
    assert "There are no actions to show." in response.content.decode()


def test_the_action_predicate_and_its_queryset_agree(cast, register):
    secret = AgendaItemFactory(
        meeting=register["mel"].item.meeting, number=2, title="Staffing", confidential=True, confidential_reason="Staff"
    )
    hidden = Action.objects.create(item=secret, text="Consult the staff")
    hidden.owners.add(cast.other_member.person)
    everything = Action.objects.all()
    for who in ("secretariat", "chair", "member", "other_member", "stranger"):
        user = getattr(cast, who)
        predicate = sorted(action.pk for action in everything if can_view_action(user, action))
        queryset = sorted(actions_visible_to(user).values_list("pk", flat=True))
        assert predicate == queryset, who


def test_the_listed_update_right_agrees_with_the_rule(cast, register):
    for who in ("secretariat", "chair", "member", "other_member", "stranger"):
        user = getattr(cast, who)
        for action in Action.objects.prefetch_related("owners"):
            assert can_update_listed_action(user, action) == user.has_perm("meetings.update_action", action), who


# Filters


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"body": "chester-community-forum"}, ["Survey the parks"]),
        ({"owner": "member"}, ["Book the room", "Draft the budget"]),
        ({"owner_name": "  mORRIS "}, ["Book the room", "Draft the budget"]),
        ({"owner_name": "o"}, ["Book the room", "Draft the budget", "Survey the parks"]),
        ({"owner_name": "Nobody"}, []),
        ({"status": "unfinished"}, ["Draft the budget", "Write to partners", "Survey the parks"]),
        ({"status": "done"}, ["Book the room"]),
        ({"due_before": days(0).isoformat()}, ["Book the room", "Draft the budget"]),
        ({"overdue": "on"}, ["Draft the budget"]),
        ({"overdue": "on", "body": "chester-community-forum"}, []),
    ],
)
def test_the_register_filters(cast, client_for, register, query, expected):
    if query.get("owner") == "member":
        query = {**query, "owner": cast.member.person.pk}
    response = client_for("secretariat").get(reverse("action_register"), query)
    assert response.status_code == 200
    assert listed(response) == expected


@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ({"body": "no-such-body"}, {"body": ["Choose a body from the list."]}),
        ({"status": "lost"}, {"status": ["Choose a status from the list."]}),
        ({"due_before": "soon"}, {"due_before": ["Enter a valid date."]}),
        ({"owner": "999999"}, {"owner": ["Choose an owner from the list."]}),
    ],
)
def test_a_bad_filter_is_refused_with_a_message(cast, client_for, register, query, errors):
    response = client_for("member").get(reverse("action_register"), query)
    assert response.status_code == 400
    assert response.context["form"].errors == errors


def test_a_member_can_only_filter_by_bodies_and_owners_they_can_see(cast, client_for, register):
    form = client_for("member").get(reverse("action_register")).context["form"]
    assert list(form.fields["body"].queryset) == [cast.board]
    assert list(form.fields["owner"].queryset) == [cast.chair.person, cast.member.person]
    # Oscar owns an action of a body Mel does not sit on: his name finds nothing for her.
    response = client_for("member").get(reverse("action_register"), {"owner_name": "Oscar"})
    assert listed(response) == []


def test_the_page_does_not_list_every_owner_but_names_the_one_a_link_asks_for(cast, client_for, register):
    client = client_for("member")
    content = client.get(reverse("action_register")).content.decode()
    assert '<select name="owner"' not in content
    assert 'name="owner_name"' in content
    # A reminder links to a person's own actions.
    url = reverse("action_register") + f"?owner={cast.member.person.pk}&status=unfinished"
    content = client.get(url).content.decode()
    assert f'<input type="hidden" name="owner" value="{cast.member.person.pk}"' in content
    assert "The actions of Mel Morris." in content
    assert 'href="?status=unfinished">Show the actions of every owner</a>' in content


def test_the_filters_are_kept_from_page_to_page(cast, client_for):
    item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board), number=1)
    for n in range(27):
        action = Action.objects.create(item=item, text=f"Action {n:02}", due_on=days(n))
        action.owners.add(cast.member.person)
    Action.objects.create(item=item, text="Someone else's", due_on=days(1))
    query = {"owner_name": "Mel", "status": "unfinished", "body": cast.board.slug}
    client = client_for("member")
    first = client.get(reverse("action_register"), query)
    assert len(first.context["page_obj"]) == 25
    content = first.content.decode()
    assert 'href="?owner_name=Mel&amp;status=unfinished&amp;body=partnership-board&amp;page=2" rel="next"' in content
    second = client.get(reverse("action_register"), {**query, "page": 2})
    assert listed(second) == ["Action 25", "Action 26"]


def test_the_register_is_paginated_twenty_five_to_a_page(cast, client_for):
    item = AgendaItemFactory(meeting=MeetingFactory(body=cast.board), number=1)
    for n in range(27):
        Action.objects.create(item=item, text=f"Action {n:02}", due_on=days(n))
    first = client_for("member").get(reverse("action_register"))
    second = client_for("member").get(reverse("action_register"), {"page": 2})
    assert len(first.context["page_obj"]) == 25
    assert listed(second) == ["Action 25", "Action 26"]
    content = first.content.decode()
    assert '<nav class="govuk-pagination" aria-label="Pagination">' in content
    assert 'aria-label="Page 1" aria-current="page"' in content
    assert 'href="?page=2" rel="next"' in content


def test_an_overdue_action_is_marked_overdue(cast, client_for, register):
    content = client_for("member").get(reverse("action_register")).content.decode()
    assert content.count(">Overdue</strong>") == 1


# Updating


def test_an_owner_marks_their_action_done_from_the_register(cast, client_for, register):
    client = client_for("member")
    action = register["mel"]
    page = client.get(reverse("action_register")).content.decode()
    assert f'action="{reverse("action_update", args=[action.pk])}"' in page
    # Only the owner's own actions carry a form.
    assert f'action="{reverse("action_update", args=[register["chris"].pk])}"' not in page
    response = client.post(
        reverse("action_update", args=[action.pk]),
        {
            f"action-{action.pk}-status": "done",
            f"action-{action.pk}-note": "Sent to partners on Friday",
            "next": reverse("action_register") + "?status=unfinished",
        },
    )
    assert response["Location"] == reverse("action_register") + "?status=unfinished"
    action.refresh_from_db()
    assert (action.status, action.status_note) == (ActionStatus.DONE, "Sent to partners on Friday")
    assert action.history.first().history_user == cast.member


def test_the_secretariat_can_update_any_action(cast, client_for, register):
    action = register["oscar"]
    response = client_for("secretariat").post(
        reverse("action_update", args=[action.pk]), {f"action-{action.pk}-status": "in_progress"}
    )
    assert response["Location"] == reverse("action_register")
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS


@pytest.mark.parametrize("who", ["chair", "other_member", "stranger"])
def test_someone_who_does_not_own_the_action_cannot_update_it(cast, client_for, register, who):
    action = register["mel"]
    response = client_for(who).post(reverse("action_update", args=[action.pk]), {f"action-{action.pk}-status": "done"})
    assert response.status_code == 404
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


def test_an_address_elsewhere_is_not_followed_after_saving(cast, client_for, register):
    action = register["mel"]
    response = client_for("member").post(
        reverse("action_update", args=[action.pk]),
        {f"action-{action.pk}-status": "done", "next": "https://elsewhere.example.com/"},
    )
    assert response["Location"] == reverse("action_register")


# A posted `next` was once reversed as a view name: "no_such_view" raised NoReverseMatch (issue 11).
@pytest.mark.parametrize(
    "target", ["no_such_view", "manage:dashboard", "/manage/", "//evil.example", "https://evil.example/actions/"]
)
def test_only_the_register_is_followed_after_saving(cast, client_for, register, target):
    action = register["mel"]
    response = client_for("member").post(
        reverse("action_update", args=[action.pk]), {f"action-{action.pk}-status": "done", "next": target}
    )
    assert (response.status_code, response["Location"]) == (302, reverse("action_register"))
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


def test_an_unknown_next_gives_the_back_link_to_the_register(cast, client_for, register):
    action = register["mel"]
    response = client_for("member").get(reverse("action_update", args=[action.pk]), {"next": "no_such_view"})
    assert response.status_code == 200
    assert response.context["next"] == reverse("action_register")


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({}, {"status": ["Choose the status"]}),
        ({"status": "lost"}, {"status": ["Choose the status of the action from the list."]}),
        ({"status": "dropped"}, {"note": ["Say why the action is no longer needed."]}),
        (
            {"status": "open"},
            {"note": ["The action is already “Open” with this note. Change the status or write a new note."]},
        ),
        (
            {"status": "done", "note": "x" * 301},
            {"note": ["Ensure this value has at most 300 characters (it has 301)."]},
        ),
    ],
)
def test_a_bad_update_is_refused_with_a_clear_message_and_changes_nothing(cast, client_for, register, data, errors):
    action = register["mel"]
    response = client_for("member").post(
        reverse("action_update", args=[action.pk]), {f"action-{action.pk}-{k}": v for k, v in data.items()}
    )
    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert "Error: Update action" in response.content.decode()
    action.refresh_from_db()
    assert (action.status, action.status_note) == (ActionStatus.OPEN, "")


def test_only_an_owner_or_the_secretariat_may_run_the_update(cast, register):
    with pytest.raises(PermissionDenied):
        update_action_status(register["mel"], by=cast.chair, status=ActionStatus.DONE)
    register["mel"].refresh_from_db()
    assert register["mel"].status == ActionStatus.OPEN


def test_the_update_refuses_a_status_that_does_not_exist(cast, register):
    with pytest.raises(ValidationError) as error:
        update_action_status(register["mel"], by=cast.member, status="finished")
    assert error.value.message_dict == {"status": ["Choose the status of the action from the list."]}
