"""What meetings tell people, and when: papers due, packs, late papers, minutes, actions (Agreement 10.4)."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from bodies.models import Role
from meetings.actions import agenda
from meetings.actions import minutes as actions_minutes
from meetings.actions.register import update_action_status
from meetings.models import ActionStatus
from meetings.reminders import plan_overdue_actions
from notifications.models import Notification, NotificationStatus
from notifications.planning import at_nine
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.meetings.scenario import approved, drafted, signed

PENDING = NotificationStatus.PENDING
CANCELLED = NotificationStatus.CANCELLED


def rows(kind=None):
    queryset = Notification.objects.order_by("due_at", "recipient__name", "key")
    if kind:
        queryset = queryset.filter(kind=kind)
    return [(n.kind, n.recipient.name, timezone.localtime(n.due_at), n.status) for n in queryset]


def in_three_weeks():
    day = timezone.localdate() + datetime.timedelta(days=21)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))


@pytest.fixture
def author(db):
    user = UserFactory(email="ann@example.org")
    return PersonFactory(name="Ann Author", user=user, email="ann@example.org")


@pytest.fixture
def meeting(cast, author):
    meeting = agenda.schedule_meeting(cast.board, by=cast.secretariat, starts_at=in_three_weeks(), venue="Chester")
    agenda.add_item(meeting, by=cast.secretariat, title="Youth strategy", paper_expected_from=author)
    return meeting


def deadline_of(meeting):
    return meeting.circulation_deadline()


def test_an_expected_paper_is_reminded_days_before_and_the_day_before_the_deadline(cast, meeting):
    deadline = deadline_of(meeting)
    three, one = (at_nine(deadline - datetime.timedelta(days=n)) for n in (3, 1))
    assert rows() == [
        ("paper_due", "Ann Author", three, PENDING),
        ("paper_due", "Sam Shaw", three, PENDING),
        ("paper_due", "Ann Author", one, PENDING),
        ("paper_due", "Sam Shaw", one, PENDING),
        ("pack_not_published", "Sam Shaw", at_nine(deadline), PENDING),
    ]
    first = Notification.objects.filter(kind="paper_due").order_by("due_at", "recipient__name").first()
    assert first.subject == f"Paper due in 3 days: item 3, Partnership Board, {meeting_when(meeting)}"
    assert first.url == f"/manage/meetings/{meeting.pk}/"


def meeting_when(meeting):
    from partnership.dates import british_datetime

    return british_datetime(meeting.starts_at)


def test_the_days_before_are_set_per_body(cast, author):
    cast.board.paper_reminder_days = 5
    cast.board.save()
    meeting = agenda.schedule_meeting(cast.board, by=cast.secretariat, starts_at=in_three_weeks(), venue="Chester")
    agenda.add_item(meeting, by=cast.secretariat, title="Youth strategy", paper_expected_from=author)
    deadline = deadline_of(meeting)
    assert sorted({n.due_at for n in Notification.objects.filter(kind="paper_due")}) == [
        at_nine(deadline - datetime.timedelta(days=5)),
        at_nine(deadline - datetime.timedelta(days=1)),
    ]


def test_the_paper_arriving_cancels_its_reminders(cast, meeting, author):
    item = meeting.items.get(title="Youth strategy")
    agenda.add_paper(meeting, by=cast.secretariat, item=item, title="Youth strategy", author="Ann Author", text="Text")
    assert {status for kind, _, _, status in rows("paper_due")} == {CANCELLED}
    assert [status for *_, status in rows("pack_not_published")] == [PENDING]


def test_publishing_the_pack_cancels_the_deadline_reminders_and_tells_the_members(cast, meeting):
    agenda.publish_pack(meeting, by=cast.secretariat)
    assert {status for *_, status in rows("paper_due") + rows("pack_not_published")} == {CANCELLED}
    published = Notification.objects.filter(kind="pack_published").order_by("recipient__name")
    assert [(n.recipient.name, n.status, n.url) for n in published] == [
        ("Chris Carter", PENDING, f"/meetings/{meeting.pk}/"),
        ("Mel Morris", PENDING, f"/meetings/{meeting.pk}/"),
    ]


def test_a_postponed_meeting_is_reminded_of_nothing_and_a_rescheduled_one_afresh(cast, meeting):
    agenda.postpone_meeting(meeting, by=cast.secretariat, reason="The chair is unwell.")
    assert {status for *_, status in rows()} == {CANCELLED}
    new_start = in_three_weeks() + datetime.timedelta(days=7)
    meeting = agenda.reschedule_meeting(meeting, by=cast.secretariat, starts_at=new_start)
    pending = Notification.objects.filter(status=PENDING)
    new_deadline = meeting.circulation_deadline()
    assert sorted({timezone.localdate(n.due_at) for n in pending}) == [
        new_deadline - datetime.timedelta(days=3),
        new_deadline - datetime.timedelta(days=1),
        new_deadline,
    ]
    assert pending.count() == 5


def test_a_cancelled_meeting_sends_nothing_more(cast, meeting, send_due):
    agenda.cancel_meeting(meeting, by=cast.secretariat, reason="No business.")
    later = at_nine(deadline_of(meeting)) + datetime.timedelta(hours=1)
    assert send_due(now=later) == []
    assert mail.outbox == []


def test_the_reminders_go_out_when_due_and_not_before(cast, meeting, send_due):
    deadline = deadline_of(meeting)
    assert send_due() == []
    assert send_due(now=at_nine(deadline - datetime.timedelta(days=3))) == ["sent", "sent"]
    assert sorted(m.to[0] for m in mail.outbox) == ["ann@example.org", "sam@example.org"]
    assert "The paper for item 3, Youth strategy, is expected from Ann Author and has not come in." in (
        mail.outbox[0].body
    )


def test_a_paper_added_after_the_pack_went_out_tells_the_members(cast, meeting):
    agenda.publish_pack(meeting, by=cast.secretariat)
    paper = agenda.add_paper(
        meeting, by=cast.secretariat, title="Budget update", author="Finance", text="Text", late_reason=""
    )
    late = Notification.objects.filter(kind="late_paper").order_by("recipient__name")
    assert [(n.recipient.name, n.subject, n.key) for n in late] == [
        ("Chris Carter", "Late paper: Budget update", f"paper:{paper.pk}:late:{cast.chair.person.pk}"),
        ("Mel Morris", "Late paper: Budget update", f"paper:{paper.pk}:late:{cast.member.person.pk}"),
    ]


def test_approved_minutes_tell_the_chair_until_signed(scene):
    minutes = approved(scene)
    assert [(kind, name, status) for kind, name, _, status in rows("minutes_to_sign")] == [
        ("minutes_to_sign", "Chris Carter", PENDING)
    ]
    actions_minutes.sign_minutes(minutes, by=scene.cast.chair)
    assert [status for *_, status in rows("minutes_to_sign")] == [CANCELLED]


def test_published_minutes_tell_the_members_of_the_body_on_the_day(scene):
    minutes = signed(scene)
    actions_minutes.publish_minutes(minutes, by=scene.cast.secretariat)
    names = sorted(n.recipient.name for n in Notification.objects.filter(kind="minutes_published"))
    # Everyone with a place on the board on the day, observers and reserves too; not Len, who had left.
    assert names == ["Chris Carter", "Mel Morris", "Olive Observer", "Pat Price", "Rita Waters", "Tim Jackson"]


@pytest.fixture
def action(scene):
    drafted(scene)
    owner = scene.tim.person
    owner.email = "tim@example.org"
    owner.save()
    due = timezone.localdate() + datetime.timedelta(days=14)
    return actions_minutes.add_action(
        scene.items.constitution, by=scene.cast.secretariat, text="Name a reserve.", owners=[owner], due_on=due
    )


def test_an_action_reminds_its_owner_a_week_before_and_on_the_day(action):
    assert [(name, due, status) for _, name, due, status in rows("action_due")] == [
        ("Tim Jackson", at_nine(action.due_on - datetime.timedelta(days=7)), PENDING),
        ("Tim Jackson", at_nine(action.due_on), PENDING),
    ]


def test_a_new_due_date_replans_and_a_done_action_is_reminded_no_more(scene, action):
    later = action.due_on + datetime.timedelta(days=7)
    actions_minutes.edit_action(
        action, by=scene.cast.secretariat, text=action.text, owners=[scene.tim.person], due_on=later
    )
    assert sorted(d for _, _, d, s in rows("action_due") if s == PENDING) == [
        at_nine(later - datetime.timedelta(days=7)),
        at_nine(later),
    ]
    update_action_status(action, by=scene.cast.secretariat, status=ActionStatus.DONE, note="Named.")
    assert Notification.objects.filter(kind="action_due", status=PENDING).count() == 0


def test_an_overdue_action_is_reminded_once_a_week(scene, action, send_due):
    action.due_on = timezone.localdate() - datetime.timedelta(days=3)
    action.save()
    now = timezone.now()
    plan_overdue_actions(now)
    plan_overdue_actions(now + datetime.timedelta(hours=1))
    assert Notification.objects.filter(kind="action_overdue").count() == 1
    plan_overdue_actions(now + datetime.timedelta(days=7))
    assert Notification.objects.filter(kind="action_overdue").count() == 2
    update_action_status(action, by=scene.cast.secretariat, status=ActionStatus.DONE, note="Done at last.")
    assert Notification.objects.filter(kind="action_overdue", status=PENDING).count() == 0


def test_members_include_reserves_but_not_former_members(cast, meeting):
    MembershipFactory(
        person=PersonFactory(name="Fay Former", email="fay@example.org"), body=cast.board, end="2010-01-01"
    )
    reserve = MembershipFactory(
        person=PersonFactory(name="Rex Reserve", email="rex@example.org"),
        body=cast.board,
        role=Role.NAMED_RESERVE,
        reserve_for=cast.member_membership,
    )
    agenda.publish_pack(meeting, by=cast.secretariat)
    names = sorted(n.recipient.name for n in Notification.objects.filter(kind="pack_published"))
    assert names == ["Chris Carter", "Mel Morris", reserve.person.name]


def test_a_rescheduled_meetings_pack_is_announced_again(cast, meeting, send_due):
    agenda.publish_pack(meeting, by=cast.secretariat)
    send_due()
    agenda.postpone_meeting(meeting, by=cast.secretariat, reason="The room flooded.")
    meeting = agenda.reschedule_meeting(
        meeting, by=cast.secretariat, starts_at=in_three_weeks() + datetime.timedelta(days=7)
    )
    agenda.publish_pack(meeting, by=cast.secretariat)
    send_due()
    subjects = sorted(m.subject for m in mail.outbox if m.to == ["mel@example.org"])
    first, second = subjects
    assert first.startswith("Agenda and papers: Partnership Board") and second.startswith(
        "Agenda and papers: Partnership Board"
    )
    assert first != second  # the second names the new date
