"""What the registers and rulings tell people: rulings awaited, advice asked and given, offers to declare,
the yearly confirmation of a register; and the secretariat's weekly list of memberships due for review."""

import datetime

from django.utils import timezone

from bodies.models import Role
from bodies.reminders import plan_membership_reviews
from declarations.actions.gifts import answer_advice, ask_for_advice, declare_gift
from declarations.actions.interests import confirm_register
from declarations.actions.rulings import declare_interest, rule_on_declaration
from declarations.models import DeclarationWhen, InterestKind, Outcome
from declarations.reminders import RULING_REMINDER_AFTER, plan_register_confirmations
from notifications.models import Notification, NotificationStatus
from tests.factories import MembershipFactory, PersonFactory, UserFactory

PENDING = NotificationStatus.PENDING


def rows(kind):
    return [
        (n.recipient.name, n.status)
        for n in Notification.objects.filter(kind=kind).order_by("recipient__name", "pk").select_related("recipient")
    ]


def test_a_declaration_reminds_the_chair_after_three_days_and_the_ruling_cancels_it(cast, grants_item):
    declaration = declare_interest(
        grants_item,
        by=cast.member,
        person=cast.member.person,
        kind=InterestKind.FINANCIAL,
        description="Shares.",
        made=DeclarationWhen.IN_ADVANCE,
    )
    (row,) = Notification.objects.filter(kind="ruling_due")
    assert (row.recipient, row.due_at, row.url) == (
        cast.chair.person,
        declaration.recorded_at + RULING_REMINDER_AFTER,
        f"/declarations/{declaration.pk}/",
    )
    rule_on_declaration(declaration, by=cast.chair, outcome=Outcome.NOTED, reasons="Remote.")
    assert rows("ruling_due") == [("Chris Carter", NotificationStatus.CANCELLED)]


def test_the_chairs_own_declaration_goes_to_the_vice_chair_alone(cast, grants_item):
    vice = UserFactory(email="vic@example.org")
    PersonFactory(name="Vic Vice", user=vice)
    MembershipFactory(person=vice.person, body=cast.board, role=Role.VICE_CHAIR)
    declare_interest(
        grants_item,
        by=cast.chair,
        person=cast.chair.person,
        kind=InterestKind.BUSINESS,
        description="Director.",
        made=DeclarationWhen.IN_ADVANCE,
    )
    assert rows("ruling_due") == [("Vic Vice", PENDING)]


def test_advice_asked_tells_the_chair_and_the_secretariat_and_the_answer_tells_the_member(cast):
    advice = ask_for_advice(person=cast.member.person, by=cast.member, body=cast.board, question="May I go?")
    assert rows("advice_asked") == [("Chris Carter", PENDING), ("Sam Shaw", PENDING)]
    answer_advice(advice, by=cast.chair, answer="Refuse it.")
    assert {status for _, status in rows("advice_asked")} == {NotificationStatus.CANCELLED}
    assert rows("advice_answered") == [("Mel Morris", PENDING)]
    (reminder,) = Notification.objects.filter(kind="gift_undeclared")
    # 28 days to declare from the day asked, reminded a week before the end.
    assert timezone.localdate(reminder.due_at) == timezone.localdate() + datetime.timedelta(days=21)
    declare_gift(
        person=cast.member.person,
        by=cast.member,
        kind="hospitality",
        offered_by="Acme",
        description="Races",
        estimated_value=100,
        offered_on=timezone.localdate(),
        decision="refused",
        reason="Bidder",
        advice=advice,
    )
    assert rows("gift_undeclared") == [("Mel Morris", NotificationStatus.CANCELLED)]


def test_members_who_never_confirmed_their_register_are_reminded_once(cast):
    now = timezone.now()
    plan_register_confirmations(now)
    plan_register_confirmations(now + datetime.timedelta(hours=1))
    assert rows("register_confirmation") == [
        ("Chris Carter", PENDING),
        ("Mel Morris", PENDING),
        ("Oscar Owen", PENDING),
    ]
    confirm_register(cast.member.person, by=cast.member)
    assert ("Mel Morris", NotificationStatus.CANCELLED) in rows("register_confirmation")


def test_a_register_confirmed_this_year_is_not_reminded_until_the_year_is_up(cast):
    confirm_register(cast.member.person, by=cast.member)
    plan_register_confirmations(timezone.now())
    assert "Mel Morris" not in [name for name, _ in rows("register_confirmation")]
    plan_register_confirmations(timezone.now() + datetime.timedelta(days=366))
    mel = Notification.objects.get(kind="register_confirmation", recipient=cast.member.person, status=PENDING)
    assert (
        mel.key
        == f"register:{cast.member.person.pk}:{(timezone.localdate() + datetime.timedelta(days=365)).isoformat()}"
    )


def test_the_secretariat_hears_weekly_of_memberships_due_for_review(cast):
    today = timezone.localdate()
    cast.member_membership.review_due_on = today + datetime.timedelta(days=10)
    cast.member_membership.save()
    plan_membership_reviews(timezone.now())
    plan_membership_reviews(timezone.now() + datetime.timedelta(hours=2))
    (row,) = Notification.objects.filter(kind="membership_reviews")
    assert (row.recipient, row.subject) == (cast.secretariat.person, "1 membership due for review")
    due = cast.member_membership.review_due_on
    assert f"- Mel Morris, member of the Partnership Board: review due on {due.day} {due:%B %Y}" in row.body
