"""A member's own register of interests: declare, update, close, confirm (Agreement 11.1.1, 11.4.3, 11.4.5)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from declarations.actions import interests as actions
from declarations.models import Interest, RegisterConfirmation
from tests.factories import InterestFactory, OrganisationFactory

START = datetime.date(2009, 4, 1)


def _form(**changes):
    data = {
        "kind": "business",
        "holder": "household",
        "description": "My partner is a director of Dee Valley Lettings Ltd",
        "organisation": "",
        "matter": "Dee Valley Lettings Ltd",
        "more_than_one_role": "on",
        "start": "2009-04-01",
        "end": "",
        "withheld_reason": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_member_declares_an_interest_in_writing(cast, client_for):
    police = OrganisationFactory(name="Cheshire Constabulary", short_name="Cheshire Police")
    response = client_for("member").post(reverse("interest_create"), _form(organisation=police.pk))
    assert response.status_code == 302
    assert response["Location"] == "/account/interests/"
    interest = Interest.objects.get()
    assert (
        interest.person,
        interest.kind,
        interest.holder,
        interest.description,
        interest.organisation,
        interest.matter,
        interest.more_than_one_role,
        interest.start,
        interest.end,
        interest.withheld,
        interest.created_by,
    ) == (
        cast.member.person,
        "business",
        "household",
        "My partner is a director of Dee Valley Lettings Ltd",
        police,
        "Dee Valley Lettings Ltd",
        True,
        START,
        None,
        False,
        cast.member,
    )
    assert [h.history_user for h in interest.history.all()] == [cast.member]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"end": "2009-03-31"}, "end", "The end cannot be before the start."),
        ({"matter": ""}, "matter", "Name the organisation or the matter the interest concerns."),
        (
            {"withheld": "on", "withheld_reason": "  "},
            "withheld_reason",
            "Say why the interest is withheld from the public register.",
        ),
        ({"description": "   "}, "description", "Describe the interest"),
        ({"start": "2999-01-01"}, "start", "The start cannot be in the future: declare the interest once you hold it."),
        ({"start": "1 April"}, "start", "Enter a valid date."),
        ({"kind": "bribery"}, "kind", "Select a valid choice. bribery is not one of the available choices."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_saved(cast, client_for, changes, field, message):
    response = client_for("member").post(reverse("interest_create"), _form(**changes))
    assert response.status_code == 400
    assert response.context["form"].errors == {field: [message]}
    assert Interest.objects.count() == 0


def test_the_action_refuses_an_interest_that_ends_before_it_starts(cast):
    with pytest.raises(ValidationError) as caught:
        actions.declare_interest(
            cast.member.person,
            by=cast.member,
            kind="personal",
            description="Trustee",
            matter="Chester Youth Trust",
            start=START,
            end=START - datetime.timedelta(days=1),
        )
    assert caught.value.messages == ["An interest cannot end before it starts."]
    assert Interest.objects.count() == 0


def test_a_reason_is_dropped_when_the_entry_is_not_withheld(cast):
    interest = actions.declare_interest(
        cast.member.person,
        by=cast.member,
        kind="personal",
        description="Trustee",
        matter="Chester Youth Trust",
        start=START,
        withheld=False,
        withheld_reason="left over",
    )
    assert interest.withheld_reason == ""


def test_an_update_keeps_the_earlier_version_in_the_history(cast, client_for):
    interest = InterestFactory(person=cast.member.person, description="Director of Dee Valley Lettings Ltd")
    response = client_for("member").post(
        reverse("interest_edit", args=[interest.pk]),
        _form(description="Chair of Dee Valley Lettings Ltd", holder="member", more_than_one_role=None),
    )
    assert response.status_code == 302
    interest.refresh_from_db()
    assert interest.description == "Chair of Dee Valley Lettings Ltd"
    assert [(h.description, h.history_user) for h in interest.history.order_by("history_id")] == [
        ("Director of Dee Valley Lettings Ltd", None),
        ("Chair of Dee Valley Lettings Ltd", cast.member),
    ]


def test_a_closed_entry_cannot_be_updated(cast, client_for):
    interest = InterestFactory(person=cast.member.person, end=datetime.date(2010, 3, 31))
    with pytest.raises(ValidationError) as caught:
        actions.update_interest(interest, by=cast.member, description="Changed")
    assert caught.value.messages == [
        "This entry closed on 31 March 2010 and is kept as it was. Add a new entry instead."
    ]
    response = client_for("member").post(reverse("interest_edit", args=[interest.pk]), _form(description="Changed"))
    assert response.status_code == 302
    interest.refresh_from_db()
    assert interest.description.startswith("Director of Company")


def test_member_closes_an_entry_which_stays_in_the_register(cast, client_for):
    interest = InterestFactory(person=cast.member.person)
    today = timezone.localdate()
    response = client_for("member").post(reverse("interest_close", args=[interest.pk]), {"end": today.isoformat()})
    assert response.status_code == 302
    interest.refresh_from_db()
    assert interest.end == today
    assert list(Interest.objects.filter(person=cast.member.person)) == [interest]


@pytest.mark.parametrize(
    ("end", "message"),
    [
        ("2009-03-31", "The last day cannot be before the entry starts (1 April 2009)."),
        ("2999-01-01", "The last day cannot be in the future: close the entry on or after that day."),
        ("", "Enter the last day of the interest"),
    ],
)
def test_closing_with_a_wrong_date_is_refused_and_changes_nothing(cast, client_for, end, message):
    interest = InterestFactory(person=cast.member.person)
    response = client_for("member").post(reverse("interest_close", args=[interest.pk]), {"end": end})
    assert response.status_code == 400
    assert response.context["form"].errors == {"end": [message]}
    interest.refresh_from_db()
    assert interest.end is None


def test_an_entry_cannot_be_closed_twice(cast):
    interest = InterestFactory(person=cast.member.person, end=datetime.date(2010, 3, 31))
    with pytest.raises(ValidationError) as caught:
        actions.close_interest(interest, by=cast.member, end=datetime.date(2010, 4, 30))
    assert caught.value.message_dict == {"end": ["This entry already closed on 31 March 2010."]}


@pytest.mark.parametrize("who", ["chair", "other_member", "stranger"])
def test_nobody_else_can_update_or_close_a_members_entry(cast, client_for, who):
    interest = InterestFactory(person=cast.member.person, description="Director of Dee Valley Lettings Ltd")
    client = client_for(who)
    assert client.post(reverse("interest_edit", args=[interest.pk]), _form(description="Hacked")).status_code == 404
    assert client.post(reverse("interest_close", args=[interest.pk]), {"end": "2010-01-01"}).status_code == 404
    interest.refresh_from_db()
    assert (interest.description, interest.end) == ("Director of Dee Valley Lettings Ltd", None)


def test_the_secretariat_records_an_interest_a_member_declared_on_paper(cast, client_for):
    response = client_for("secretariat").post(reverse("interest_create_for", args=[cast.member.person.pk]), _form())
    assert response.status_code == 302
    interest = Interest.objects.get()
    assert (interest.person, interest.created_by) == (cast.member.person, cast.secretariat)


def test_own_register_lists_current_and_closed_entries(cast, client_for):
    current = InterestFactory(person=cast.member.person, description="Trustee of Chester Youth Trust")
    closed = InterestFactory(person=cast.member.person, end=datetime.date(2010, 3, 31))
    InterestFactory(person=cast.chair.person)
    response = client_for("member").get(reverse("interests_mine"))
    assert response.status_code == 200
    assert response.context["current"] == [current]
    assert response.context["closed"] == [closed]


def test_member_confirms_their_register_once_a_year(cast, client_for):
    person = cast.member.person
    assert RegisterConfirmation.objects.is_due(person) is True
    response = client_for("member").post(reverse("interests_confirm"))
    assert response.status_code == 302
    confirmation = RegisterConfirmation.objects.get()
    assert confirmation.person == person
    today = timezone.localdate()
    assert RegisterConfirmation.objects.is_due(person, today) is False
    assert RegisterConfirmation.objects.is_due(person, today + datetime.timedelta(days=364)) is False
    assert RegisterConfirmation.objects.is_due(person, today + datetime.timedelta(days=365)) is True
    assert RegisterConfirmation.objects.next_due_on(person) == today + datetime.timedelta(days=365)


def test_confirming_needs_a_post(cast, client_for):
    assert client_for("member").get(reverse("interests_confirm")).status_code == 405
    assert RegisterConfirmation.objects.count() == 0
