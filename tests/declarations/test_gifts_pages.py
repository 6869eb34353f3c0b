"""The pages of the gifts and hospitality register: declaring, advice, the central register, settings."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from bodies.models import Role
from declarations.actions.gifts import answer_advice, ask_for_advice
from declarations.models import AdviceRequest, Gift, GiftsSettings
from tests.factories import MembershipFactory, PersonFactory, UserFactory


def form_data(**overrides):
    data = {
        "kind": "hospitality",
        "offered_by": "Jo Bloggs, Acme Builders Ltd",
        "description": "Two tickets to the races",
        "estimated_value": "120",
        "offered_on": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
        "decision": "refused",
        "reason": "Acme is bidding for a contract",
    }
    return {**data, **overrides}


def errors_of(response):
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def test_member_declares_an_offer_and_sees_it_in_their_entries(cast, client_for):
    client = client_for("member")
    response = client.post(reverse("gift_declare"), form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("gift_mine")
    gift = Gift.objects.get()
    assert (gift.person, gift.recorded_by, gift.estimated_value) == (cast.member.person, cast.member, Decimal("120"))
    page = client.get(reverse("gift_mine"))
    assert [g.description for g in page.context["gifts"]] == ["Two tickets to the races"]
    assert "Late" not in page.content.decode()


def test_an_offer_declared_after_28_days_shows_as_late(cast, client_for):
    client = client_for("member")
    old = (timezone.localdate() - datetime.timedelta(days=29)).isoformat()
    client.post(reverse("gift_declare"), form_data(offered_on=old))
    response = client.post(reverse("gift_declare"), form_data(offered_on=old), follow=True)
    assert "It was declared late." in response.content.decode()
    assert [g.late for g in response.context["gifts"]] == [True, True]
    assert response.content.decode().count('<strong class="govuk-tag govuk-tag--red">Late</strong>') == 2


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"estimated_value": "-5"}, {"estimated_value": ["The estimated value cannot be negative."]}),
        (
            {"estimated_value": "5000000"},
            {"estimated_value": ["The estimated value must be £1,000,000 or less. Check the figure you entered."]},
        ),
        (
            {"estimated_value": "99999999999"},
            {"estimated_value": ["The estimated value must be £1,000,000 or less. Check the figure you entered."]},
        ),
        (
            {"estimated_value": "lots"},
            {"estimated_value": ["Enter the estimated value as a number of pounds, like 45 or 45.50."]},
        ),
        ({"offered_on": "2999-01-01"}, {"offered_on": ["The date of the offer must be today or in the past."]}),
        ({"decision": ""}, {"decision": ["Choose whether you accepted or refused the offer."]}),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_saved(cast, client_for, overrides, errors):
    response = client_for("member").post(reverse("gift_declare"), form_data(**overrides))
    assert response.status_code == 400
    assert errors_of(response) == errors
    assert Gift.objects.count() == 0


def test_a_person_outside_the_framework_cannot_declare(cast, client_for):
    response = client_for("stranger").post(reverse("gift_declare"), form_data())
    assert response.status_code == 404
    assert Gift.objects.count() == 0


def test_member_asks_the_chair_who_answers_and_the_member_reads_the_answer(cast, client_for):
    member, chair = client_for("member"), client_for("chair")
    response = member.post(reverse("gift_advice_ask"), {"body": cast.board.pk, "question": "May I go to the races?"})
    advice = AdviceRequest.objects.get()
    assert response["Location"] == reverse("gift_advice_detail", args=[advice.pk])
    listing = chair.get(reverse("gift_advice_list"))
    assert (listing.context["waiting"], listing.context["answered"]) == ([advice], [])
    response = chair.post(reverse("gift_advice_answer", args=[advice.pk]), {"answer": "Refuse: Acme is bidding."})
    assert response["Location"] == reverse("gift_advice_detail", args=[advice.pk])
    page = member.get(reverse("gift_advice_detail", args=[advice.pk])).content.decode()
    assert "Refuse: Acme is bidding." in page
    assert "Given by Chris Carter on" in page


def test_the_advice_form_offers_only_the_bodies_the_member_sits_on(cast, client_for):
    response = client_for("member").post(reverse("gift_advice_ask"), {"body": cast.forum.pk, "question": "Lunch?"})
    assert response.status_code == 400
    assert errors_of(response) == {"body": ["Choose one of the bodies listed."]}
    assert AdviceRequest.objects.count() == 0


def test_a_chair_of_another_body_gets_the_same_404_as_for_a_missing_request(cast, client_for):
    advice = ask_for_advice(person=cast.member.person, by=cast.member, body=cast.board, question="Races?")
    fran = UserFactory(email="fran@example.org")
    MembershipFactory(person=PersonFactory(name="Fran Ford", user=fran), body=cast.forum, role=Role.CHAIR)
    client = client_for("member")
    client.force_login(fran)
    assert client.get(reverse("gift_advice_detail", args=[advice.pk])).status_code == 404
    assert client.post(reverse("gift_advice_answer", args=[advice.pk]), {"answer": "Yes"}).status_code == 404
    assert client.get(reverse("gift_advice_detail", args=[advice.pk + 100])).status_code == 404
    advice.refresh_from_db()
    assert advice.answer == ""


def test_an_answered_request_cannot_be_answered_again(cast, client_for):
    advice = ask_for_advice(person=cast.member.person, by=cast.member, body=cast.board, question="Races?")
    answer_advice(advice, by=cast.chair, answer="Refuse it.")
    response = client_for("secretariat").post(reverse("gift_advice_answer", args=[advice.pk]), {"answer": "Accept."})
    assert response["Location"] == reverse("gift_advice_detail", args=[advice.pk])
    advice.refresh_from_db()
    assert (advice.answer, advice.answered_by) == ("Refuse it.", cast.chair)


def test_an_empty_answer_is_refused(cast, client_for):
    advice = ask_for_advice(person=cast.member.person, by=cast.member, body=cast.board, question="Races?")
    response = client_for("chair").post(reverse("gift_advice_answer", args=[advice.pk]), {"answer": ""})
    assert response.status_code == 400
    assert errors_of(response) == {"answer": ["Enter your advice"]}


@pytest.mark.parametrize(
    ("query", "descriptions"),
    [
        ({}, ["=HYPERLINK(bad)", "Dinner"]),
        ({"kind": "gift"}, ["=HYPERLINK(bad)"]),
        ({"decision": "refused"}, ["Dinner"]),
        ({"late": "on"}, ["Dinner"]),
        ({"name": "chris"}, ["=HYPERLINK(bad)"]),
    ],
)
def test_the_secretariat_filters_the_central_register(cast, client_for, gift_entries, query, descriptions):
    response = client_for("secretariat").get(reverse("gift_register_manage"), query)
    assert [g.description for g in response.context["gifts"]] == descriptions


def test_a_period_ending_before_it_starts_is_refused(cast, client_for, gift_entries):
    response = client_for("secretariat").get(
        reverse("gift_register_manage"), {"offered_from": "2026-02-01", "offered_to": "2026-01-01"}
    )
    assert response.status_code == 400
    assert errors_of(response) == {"offered_to": ["The end of the period must be on or after its start."]}


def test_the_csv_export_lists_every_entry_with_formulas_defused(cast, client_for, gift_entries):
    response = client_for("secretariat").get(reverse("gift_register_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate()
    lines = response.content.decode().splitlines()
    assert lines == [
        "Name,Kind,Offered by,Description,Estimated value (£),Offered on,Declared on,Late,Decision,Why,Published",
        f"Chris Carter,Gift,A supplier,'=HYPERLINK(bad),10.00,{today - datetime.timedelta(days=2)},"
        f"{timezone.localdate()},no,Accepted,A small token,no",
        f"Mel Morris,Hospitality,A supplier,Dinner,40.00,{today - datetime.timedelta(days=40)},"
        f"{timezone.localdate()},yes,Refused,Could be seen to influence a decision,yes",
    ]


def test_the_secretariat_changes_the_threshold_and_the_history_shows_it(cast, client_for, gift_entries):
    client = client_for("secretariat")
    response = client.post(reverse("gift_settings"), {"publish_threshold": "5", "declare_within_days": "60"})
    assert response["Location"] == reverse("gift_settings")
    assert (GiftsSettings.current().publish_threshold, GiftsSettings.current().declare_within_days) == (5, 60)
    page = client.get(reverse("gift_settings"))
    assert [(h.publish_threshold, h.history_user) for h in page.context["history"]] == [
        (Decimal("5.00"), cast.secretariat)
    ]
    public = client_for("anonymous").get(reverse("gift_register"))
    assert [g.description for g in public.context["gifts"]] == ["=HYPERLINK(bad)", "Dinner"]


def test_bad_settings_are_refused_and_nothing_changes(cast, client_for):
    response = client_for("secretariat").post(
        reverse("gift_settings"), {"publish_threshold": "-3", "declare_within_days": "0"}
    )
    assert response.status_code == 400
    assert errors_of(response) == {
        "publish_threshold": ["The threshold cannot be negative."],
        "declare_within_days": ["Allow between 1 and 366 days to declare an offer."],
    }
    assert GiftsSettings.objects.count() == 0


def test_the_public_register_shows_name_date_description_value_and_decision(cast, client_for, gift_entries):
    response = client_for("anonymous").get(reverse("gift_register"))
    assert [g.description for g in response.context["gifts"]] == ["Dinner"]
    rows = response.content.decode()
    day = timezone.localdate() - datetime.timedelta(days=40)
    assert f'<td class="govuk-table__cell">{day.day} {day:%B %Y}</td>' in rows
    assert "Mel Morris" in rows and "£40.00" in rows and "Refused" in rows
