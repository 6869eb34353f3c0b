"""What followers are told: one email per confirmed follower of the body, for each event, once, and public matter only."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from following import actions, announcements, tasks, tokens
from following.models import Announcement, AnnouncementKind, Delivery, DeliveryStatus, Subscription
from meetings.actions import agenda
from meetings.models import Meeting
from meetings.pack import meeting_when
from notifications import tasks as notifications_tasks
from tests.factories import AgendaItemFactory, MeetingFactory, PaperFactory
from tests.following.helpers import link_in, token_of
from tests.meetings.scenario import build_scene, published

SITE = "https://partnership.example.org"
ALICE, BOB, OSCAR, PENDING = "alice@example.org", "bob@example.org", "oscar@example.org", "pending@example.org"
MARKER = "CONFIDENTIAL-9c1e"


def at_two(days):
    return timezone.make_aware(
        datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=days), datetime.time(14))
    )


@pytest.fixture
def followers(cast, follow, sweep_now):
    """Alice and Bob follow the board, Oscar the forum; an address asked for the board and never confirmed."""
    follow(ALICE, cast.board)
    follow(BOB, cast.board)
    follow(OSCAR, cast.forum)
    actions.ask_to_follow(cast.board, email=PENDING)
    sweep_now()
    assert [m.to for m in mail.outbox] == [[PENDING]]  # its link, and nothing more, ever
    mail.outbox.clear()


@pytest.fixture
def meeting(cast):
    return MeetingFactory(body=cast.board, starts_at=at_two(21), venue="Council Chamber, Chester")


def postponed(meeting, by):
    return agenda.postpone_meeting(meeting, by=by, reason="The chair is unwell.")


EVENTS = {
    "scheduled": (
        lambda cast, meeting: agenda.schedule_meeting(
            cast.board, by=cast.secretariat, starts_at=at_two(28), venue="Town Hall, Chester"
        ),
        "New meeting: Partnership Board, {when}",
    ),
    "moved": (
        lambda cast, meeting: agenda.update_meeting(meeting, by=cast.secretariat, starts_at=at_two(35)),
        "Meeting moved: Partnership Board, now {when}",
    ),
    "moved elsewhere": (
        lambda cast, meeting: agenda.update_meeting(meeting, by=cast.secretariat, venue="Town Hall, Chester"),
        "Meeting moved: Partnership Board, now {when}",
    ),
    "postponed": (
        lambda cast, meeting: postponed(meeting, cast.secretariat),
        "Meeting postponed: Partnership Board, {when}",
    ),
    "cancelled": (
        lambda cast, meeting: agenda.cancel_meeting(meeting, by=cast.secretariat, reason="Nothing to decide."),
        "Meeting cancelled: Partnership Board, {when}",
    ),
    "pack published": (
        lambda cast, meeting: agenda.publish_pack(meeting, by=cast.secretariat),
        "Agenda and papers: Partnership Board, {when}",
    ),
}


@pytest.mark.parametrize("event", sorted(EVENTS))
def test_each_event_is_one_email_to_each_confirmed_follower_of_the_body_only(
    cast, followers, meeting, events, sweep_now, event
):
    action, subject = EVENTS[event]

    changed = events(action, cast, meeting)
    sweep_now()

    changed = Meeting.objects.select_related("body").get(pk=changed.pk)
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        (ALICE, subject.format(when=meeting_when(changed))),
        (BOB, subject.format(when=meeting_when(changed))),
    ]
    sweep_now()
    assert len(mail.outbox) == 2


def test_a_postponed_meeting_given_a_new_date_is_announced_as_moved(cast, followers, meeting, events, sweep_now):
    events(postponed, meeting, cast.secretariat)
    events(agenda.reschedule_meeting, meeting, by=cast.secretariat, starts_at=at_two(42))
    sweep_now()

    when = meeting_when(Meeting.objects.get(pk=meeting.pk))
    assert sorted({m.subject for m in mail.outbox}) == [
        f"Meeting moved: Partnership Board, now {when}",
        f"Meeting postponed: Partnership Board, {meeting_when(meeting)}",
    ]
    assert len(mail.outbox) == 4


def test_published_minutes_are_one_email_to_each_follower(cast, follow, events, sweep_now):
    scene = build_scene(cast)
    follow(ALICE, cast.board)
    follow(OSCAR, cast.forum)

    events(published, scene)
    sweep_now()

    [message] = mail.outbox
    assert (message.to, message.subject) == ([ALICE], "Minutes published: Partnership Board, 30 April 2009, 2pm")
    assert f"{SITE}{reverse('meeting_minutes', args=[scene.meeting.pk])}\n" in message.body


def test_the_email_says_what_happened_where_to_read_it_and_how_to_stop(cast, followers, meeting, events, sweep_now):
    events(agenda.publish_pack, meeting, by=cast.secretariat)
    sweep_now()

    message = next(m for m in mail.outbox if m.to == [ALICE])
    unsubscribe = f"{SITE}{reverse('follow_unsubscribe', args=[token_of(link_in(message.body, '/unsubscribe/'))])}"
    assert message.body == (
        f"The agenda and papers for the meeting of the Partnership Board on {meeting_when(meeting)} are published.\n"
        "Place: Council Chamber, Chester\n"
        "\n"
        f"The whole pack as one PDF: {SITE}/meetings/{meeting.pk}/pack.pdf\n"
        "\n"
        f"{SITE}/meetings/{meeting.pk}/\n"
        "\n"
        "--\n"
        "West Cheshire Together\n"
        "You get this email because you asked for emails about the Partnership Board.\n"
        f"Stop these emails: {unsubscribe}\n"
    )
    # One click in the mail program (RFC 8058): the https address, and the POST it makes.
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.message()["List-Unsubscribe"] == f"<{unsubscribe}>"
    link = tokens.read_unsubscribe_token(token_of(unsubscribe))
    assert link.opens(Subscription.objects.get(subscriber__email=ALICE)) is True


def test_a_confidential_item_never_reaches_an_email(cast, follow, events, sweep_now, client_for):
    follow(ALICE, cast.board)
    meeting = MeetingFactory(body=cast.board, starts_at=at_two(21))
    AgendaItemFactory(meeting=meeting, number=1, title="Budget monitoring")
    secret = AgendaItemFactory(
        meeting=meeting, number=2, title=f"Tender evaluation {MARKER}", confidential=True, confidential_reason="Tenders"
    )
    PaperFactory(
        meeting=meeting, item=secret, title=f"Scores {MARKER}", confidential=True, confidential_reason="Tenders"
    )
    # The marker is in the record: a careless email could carry it.
    assert MARKER in client_for("secretariat").get(reverse("meeting_detail", args=[meeting.pk])).content.decode()

    events(agenda.publish_pack, meeting, by=cast.secretariat)
    events(agenda.update_meeting, meeting, by=cast.secretariat, venue="Town Hall, Chester")
    events(agenda.cancel_meeting, meeting, by=cast.secretariat, reason="Nothing to decide.")
    sweep_now()

    assert len(mail.outbox) == 3
    assert [m for m in mail.outbox if MARKER in m.subject or MARKER in m.body] == []


def test_confidential_minutes_never_reach_an_email(cast, follow, events, sweep_now):
    scene = build_scene(cast)
    scene.items.confidential.title = f"Commissioning budget {MARKER}"
    scene.items.confidential.save()
    follow(ALICE, cast.board)

    events(published, scene)
    sweep_now()

    [message] = mail.outbox
    assert MARKER not in message.subject + message.body


# Once, and only to those who followed when it happened


def test_deliveries_are_made_once_however_often_the_sweeper_runs(cast, followers, meeting, events, sweep_now):
    events(agenda.publish_pack, meeting, by=cast.secretariat)
    tasks.fan_out()
    Announcement.objects.update(fanned_out_at=None)  # as if the first fan-out's commit had been lost
    tasks.fan_out()

    assert Delivery.objects.count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(
            announcement=Announcement.objects.get(), subscription=Delivery.objects.first().subscription
        )


def test_a_delivery_handed_out_twice_is_sent_once(cast, followers, meeting, events):
    events(agenda.publish_pack, meeting, by=cast.secretariat)
    tasks.fan_out()
    ids = tasks.claim_due()

    assert tasks.deliver_batch(ids) == dict.fromkeys(ids, "sent")
    assert tasks.deliver_batch(ids) == dict.fromkeys(ids, "gone")
    assert len(mail.outbox) == 2
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_a_claim_left_too_long_is_sent_by_a_later_sweep(cast, followers, meeting, events, sweep_now):
    events(agenda.publish_pack, meeting, by=cast.secretariat)
    tasks.fan_out()
    tasks.claim_due()  # a worker that never took its message
    assert sweep_now() == {}
    Delivery.objects.update(claimed_at=timezone.now() - notifications_tasks.STUCK_AFTER - datetime.timedelta(seconds=1))

    assert sorted(sweep_now().values()) == ["sent", "sent"]
    assert len(mail.outbox) == 2


def test_the_sweeper_hands_workers_the_due_deliveries(cast, followers, meeting, events, monkeypatch):
    events(agenda.publish_pack, meeting, by=cast.secretariat)
    handed = []
    monkeypatch.setattr(tasks.deliver_batch, "delay", handed.append)

    assert tasks.sweep() == 2
    assert handed == [sorted(Delivery.objects.values_list("pk", flat=True))]
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENDING}


def test_a_refused_email_is_retried_and_sent_once(cast, followers, meeting, events, sweep_now, settings):
    settings.EMAIL_BACKEND = "tests.notifications.failing_mail.Backend"  # the server went away
    events(agenda.publish_pack, meeting, by=cast.secretariat)

    assert sorted(sweep_now().values()) == ["failed", "failed"]
    assert list(Delivery.objects.values_list("status", "attempts")) == [(DeliveryStatus.PENDING, 1)] * 2
    assert Delivery.objects.first().last_error == "SMTPServerDisconnected: the mail server went away"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Delivery.objects.update(due_at=timezone.now())
    assert sorted(sweep_now().values()) == ["sent", "sent"]
    assert sweep_now() == {}
    assert len(mail.outbox) == 2


def test_someone_who_confirms_after_the_event_is_not_told_of_it(cast, follow, meeting, events, sweep_now):
    follow(ALICE, cast.board)
    events(agenda.publish_pack, meeting, by=cast.secretariat)
    follow(BOB, cast.board)  # its sweep sends what is due
    sweep_now()

    assert list(Delivery.objects.values_list("subscription__subscriber__email", "status")) == [
        (ALICE, DeliveryStatus.SENT)
    ]


def test_someone_who_unsubscribes_before_the_email_goes_is_not_sent_it(cast, followers, meeting, events, sweep_now):
    events(agenda.publish_pack, meeting, by=cast.secretariat)
    tasks.fan_out()
    alice = Subscription.objects.get(subscriber__email=ALICE)
    actions.unsubscribe(tokens.read_unsubscribe_token(tokens.unsubscribe_token(alice)))

    sweep_now()

    assert [m.to for m in mail.outbox] == [[BOB]]


# What is no news


def test_nothing_is_recorded_for_a_body_nobody_follows(cast, follow, meeting, events):
    follow(OSCAR, cast.forum)
    events(agenda.publish_pack, meeting, by=cast.secretariat)

    assert Announcement.objects.count() == 0


def test_a_refused_action_announces_nothing(cast, followers, meeting, events):
    events(agenda.publish_pack, meeting, by=cast.secretariat)
    with pytest.raises(Exception, match="already published"):
        events(agenda.publish_pack, meeting, by=cast.secretariat)

    assert Announcement.objects.count() == 1


def test_a_meeting_entered_afterwards_or_already_started_is_no_news(cast, followers):
    started = MeetingFactory(body=cast.board, starts_at=timezone.now() - datetime.timedelta(hours=1))
    entered = MeetingFactory(
        body=cast.board,
        starts_at=timezone.now() - datetime.timedelta(days=400),
        entered_afterwards_at=timezone.now(),
        entered_afterwards_by=cast.secretariat,
    )

    assert announcements.record(AnnouncementKind.MOVED, started) is None
    assert announcements.record(AnnouncementKind.CANCELLED, started) is None
    assert announcements.record(AnnouncementKind.MINUTES_PUBLISHED, entered) is None
    assert announcements.record(AnnouncementKind.MINUTES_PUBLISHED, started) is not None


def test_a_new_place_for_a_postponed_meeting_is_no_news(cast, followers, meeting, events, sweep_now):
    events(postponed, meeting, cast.secretariat)
    events(agenda.update_meeting, meeting, by=cast.secretariat, venue="Town Hall, Chester")
    sweep_now()

    assert sorted((m.to[0], m.subject.split(":")[0]) for m in mail.outbox) == [
        (ALICE, "Meeting postponed"),
        (BOB, "Meeting postponed"),
    ]
