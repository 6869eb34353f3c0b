"""The risk register: scores, who manages what, escalation to the board, reminders, the heat maps."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from bodies.models import Role
from notifications.models import Notification, NotificationStatus
from partnership.dates import today
from risks.actions import update_risk
from risks.models import Category, Risk, RiskStatus, escalation_board
from risks.policies import (
    bodies_for_new_risks,
    can_add_risk_for,
    can_manage_risk,
    can_view_risk,
    risks_manageable_by,
    risks_visible_to,
)
from risks.reminders import plan_overdue_reviews
from tests.conftest import CAST_KEYS
from tests.factories import MembershipFactory
from tests.risks.helpers import make_risk


def _people_told(kind):
    return set(
        Notification.objects.filter(kind=kind, status=NotificationStatus.PENDING).values_list(
            "recipient__name", flat=True
        )
    )


def test_the_scores_are_likelihood_times_impact_before_and_after_controls(cast):
    risk = make_risk(cast, likelihood=4, impact=5, residual_likelihood=3, residual_impact=2)
    assert (risk.score, risk.residual_score) == (20, 6)
    assert (risk.band, risk.residual_band) == ("Very high", "Medium")
    annotated = Risk.objects.with_scores().get(pk=risk.pk)
    assert (annotated.score_value, annotated.residual_value) == (20, 6)


def test_the_residual_score_cannot_exceed_the_score_before_controls(cast):
    with pytest.raises(ValidationError) as raised:
        make_risk(cast, likelihood=2, impact=2, residual_likelihood=3, residual_impact=2)
    assert "cannot be higher" in str(raised.value)
    assert not Risk.objects.exists()


def test_scores_outside_one_to_five_are_refused(cast):
    with pytest.raises(ValidationError):
        make_risk(cast, likelihood=6)


def test_the_owner_is_reminded_on_the_review_date_and_a_new_date_replans_it(cast):
    review = today() + datetime.timedelta(days=10)
    risk = make_risk(cast, review_on=review)
    row = Notification.objects.get(kind="risk_review", status=NotificationStatus.PENDING)
    assert row.recipient == cast.chair.person
    assert timezone.localdate(row.due_at) == review
    update_risk(risk, by=cast.secretariat, review_on=review + datetime.timedelta(days=30))
    pending = Notification.objects.filter(kind="risk_review", status=NotificationStatus.PENDING)
    assert [timezone.localdate(n.due_at) for n in pending] == [review + datetime.timedelta(days=30)]
    update_risk(risk, by=cast.secretariat, status=RiskStatus.CLOSED)
    assert not Notification.objects.filter(kind="risk_review", status=NotificationStatus.PENDING).exists()


def test_the_secretariat_hears_weekly_of_a_review_overdue(cast):
    risk = make_risk(cast, review_on=today() + datetime.timedelta(days=5))
    Risk.objects.filter(pk=risk.pk).update(review_on=today() - datetime.timedelta(days=3))
    now = timezone.now()
    plan_overdue_reviews(now)
    plan_overdue_reviews(now)  # idempotent
    rows = Notification.objects.filter(kind="risk_review_overdue")
    assert [row.recipient for row in rows] == [cast.secretariat.person]
    update_risk(risk, by=cast.secretariat, status=RiskStatus.CLOSED)
    assert not Notification.objects.filter(kind="risk_review_overdue", status=NotificationStatus.PENDING).exists()


def test_crossing_the_threshold_escalates_and_tells_the_secretariat_once(cast):
    risk = make_risk(cast, likelihood=5, impact=5, residual_likelihood=2, residual_impact=3)
    assert not risk.is_escalated
    assert _people_told("risk_escalated") == set()
    risk = update_risk(risk, by=cast.chair, residual_likelihood=4, residual_impact=4)
    assert risk.is_escalated
    assert _people_told("risk_escalated") == {cast.secretariat.person.name}
    # Still above it: nobody is told again.
    update_risk(risk, by=cast.chair, residual_likelihood=5, residual_impact=4)
    assert Notification.objects.filter(kind="risk_escalated").count() == 1
    assert list(Risk.objects.escalated()) == [risk]


def test_an_escalated_risk_shows_on_the_boards_register_and_its_own(cast, client_for):
    assert escalation_board() == cast.board
    forum_risk = make_risk(
        cast, body=cast.forum, title="Venue lost", owner=cast.other_member.person, likelihood=5, impact=4,
        residual_likelihood=4, residual_impact=4,
    )  # fmt: skip
    quiet = make_risk(cast, body=cast.forum, title="Low turnout", owner=cast.other_member.person)
    client = client_for("member")
    board_page = client.get(reverse("risk_register"), {"body": cast.board.slug}).content.decode()
    forum_page = client.get(reverse("risk_register"), {"body": cast.forum.slug}).content.decode()
    assert forum_risk.title in board_page and "Escalated" in board_page
    assert quiet.title not in board_page
    assert forum_risk.title in forum_page and quiet.title in forum_page


def test_who_adds_and_manages_risks(cast):
    board_risk = make_risk(cast)
    forum_risk = make_risk(cast, body=cast.forum, owner=cast.other_member.person)
    # The chair manages the board's risks, not the forum's; a member manages none.
    update_risk(board_risk, by=cast.chair, title="Data sharing stops")
    with pytest.raises(PermissionDenied):
        update_risk(forum_risk, by=cast.chair, title="Taken over")
    with pytest.raises(PermissionDenied):
        update_risk(board_risk, by=cast.member, title="Taken over")
    with pytest.raises(PermissionDenied):
        make_risk(cast, by=cast.member)
    with pytest.raises(PermissionDenied):
        make_risk(cast, by=cast.chair, body=cast.forum)
    # Nor can the chair move a board risk to a body they do not chair.
    with pytest.raises(PermissionDenied):
        update_risk(board_risk, by=cast.chair, owner_body=cast.forum)
    assert Risk.objects.get(pk=board_risk.pk).owner_body == cast.board


@pytest.mark.parametrize("who", CAST_KEYS)
def test_each_rule_agrees_with_its_queryset_twin(cast, who):
    MembershipFactory(person=cast.other_member.person, body=cast.forum, role=Role.VICE_CHAIR)
    risks = [make_risk(cast), make_risk(cast, body=cast.forum, owner=cast.other_member.person)]
    user = getattr(cast, who)
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    for risk in risks:
        assert can_view_risk(user, risk) == risks_visible_to(user).filter(pk=risk.pk).exists()
        assert can_manage_risk(user, risk) == risks_manageable_by(user).filter(pk=risk.pk).exists()
    for body in (cast.board, cast.forum):
        assert can_add_risk_for(user, body) == bodies_for_new_risks(user).filter(pk=body.pk).exists()
    # The negative case is real: the twins say no to someone.
    assert not risks_manageable_by(cast.member).exists()


def test_the_register_is_not_for_the_public(cast, client):
    make_risk(cast)
    response = client.get(reverse("risk_register"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def _cell(content, caption_start, likelihood_label, column):
    """The text of one cell of the heat map whose caption starts with `caption_start`."""
    table = content.split(caption_start, 1)[1].split("</table>", 1)[0]
    row = table.split(f'<th scope="row" class="govuk-table__header">{likelihood_label}</th>', 1)[1].split("</tr>")[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    return re.sub(r"<[^>]+>", "", cells[column - 1]).strip()


def test_the_heat_maps_count_risks_in_words_before_and_after_controls(cast, client_for):
    for _ in range(2):
        make_risk(cast, likelihood=4, impact=5, residual_likelihood=2, residual_impact=3)
    make_risk(cast, likelihood=1, impact=2, residual_likelihood=1, residual_impact=1, category=Category.LEGAL)
    make_risk(cast, likelihood=4, impact=5, residual_likelihood=1, residual_impact=1, status=RiskStatus.OPEN)
    closed = make_risk(cast, likelihood=4, impact=5, residual_likelihood=1, residual_impact=1)
    update_risk(closed, by=cast.secretariat, status=RiskStatus.CLOSED)
    content = client_for("member").get(reverse("risk_register")).content.decode()
    # Open risks only: three at likelihood 4, impact 5 before controls, in the "very high" band.
    assert _cell(content, "Before controls", "4 Likely", 5) == "3 Very high, score 20"
    assert _cell(content, "Before controls", "1 Rare", 2) == "1 Low, score 2"
    assert _cell(content, "After controls", "2 Unlikely", 3) == "2 Medium, score 6"
    assert _cell(content, "After controls", "1 Rare", 1) == "2 Low, score 1"
    assert _cell(content, "After controls", "5 Almost certain", 5) == "0 Very high, score 25"
    assert "(4 risks)" in content
    # The filter narrows the maps too.
    legal = client_for("member").get(reverse("risk_register"), {"category": "legal"}).content.decode()
    assert _cell(legal, "Before controls", "4 Likely", 5) == "0 Very high, score 20"
    assert _cell(legal, "Before controls", "1 Rare", 2) == "1 Low, score 2"


def test_a_bad_filter_is_the_forms_error(cast, client_for):
    response = client_for("member").get(reverse("risk_register"), {"category": "nonsense"})
    assert response.status_code == 400
    assert "Choose a category from the list." in response.content.decode()


def test_the_chair_adds_a_risk_through_the_form_and_reviews_it(cast, client_for):
    client = client_for("chair")
    review = today() + datetime.timedelta(days=60)
    data = {
        "title": "Funding gap next year",
        "description": "Grant ends.",
        "category": "financial",
        "owner_body": cast.board.pk,
        "owner": cast.member.person.pk,
        "likelihood": "4",
        "impact": "4",
        "controls": "Bid early.",
        "residual_likelihood": "3",
        "residual_impact": "3",
        "review_on-day": str(review.day),
        "review_on-month": str(review.month),
        "review_on-year": str(review.year),
    }
    response = client.post(reverse("risk_create"), data)
    assert response.status_code == 302
    risk = Risk.objects.get(title="Funding gap next year")
    assert (risk.owner, risk.review_on, risk.residual_score) == (cast.member.person, review, 9)
    data.update(residual_likelihood="4", residual_impact="4", status="open")
    response = client.post(reverse("risk_edit", args=[risk.pk]), data)
    assert response.status_code == 302
    assert risk.history.count() == 2
    history = client_for("member").get(reverse("risk_history", args=[risk.pk])).content.decode()
    assert "Residual likelihood" in history
    # A residual score above the score before controls comes back as the form's error.
    data.update(residual_likelihood="5", residual_impact="5")
    response = client.post(reverse("risk_edit", args=[risk.pk]), data)
    assert response.status_code == 400
    assert "cannot be higher" in response.content.decode()
