"""Following a body: double opt-in, a link used once and for a week, no mail-bombing, nothing kept once left."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from bodies.actions import bodies as body_actions
from following import actions, tasks, tokens
from following.models import LINK_LIFETIME, Subscriber, Subscription
from notifications.planning import run_daily_planners
from tests.following.helpers import link_in, token_of

ALICE = "alice@example.org"
BOB = "bob@example.org"


def confirm_token(message) -> str:
    return token_of(link_in(message.body, "/follow/confirm/"))


def followed(email=ALICE):
    """{body name: confirmed?} of what `email` follows."""
    return {
        s.body.name: s.confirmed_at is not None
        for s in Subscription.objects.filter(subscriber__email=email).select_related("body")
    }


def test_asking_sends_one_email_with_a_link_and_follows_nothing_until_it_is_used(cast, sweep_now):
    assert actions.ask_to_follow(cast.board, email=ALICE) is True
    assert mail.outbox == []  # the request only writes rows; the sweeper sends

    sweep_now()

    [message] = mail.outbox
    assert (message.to, message.subject) == ([ALICE], "Confirm your emails from West Cheshire Together")
    assert "- the Partnership Board\n" in message.body
    assert "The link works once, for 7 days." in message.body
    assert followed() == {"Partnership Board": False}

    subscriber, bodies = actions.confirm(confirm_token(message))

    assert (subscriber.email, bodies) == (ALICE, [cast.board])
    assert followed() == {"Partnership Board": True}
    sweep_now()
    assert len(mail.outbox) == 1  # the link is sent once


def test_a_link_confirms_once(cast, sweep_now):
    actions.ask_to_follow(cast.board, email=ALICE)
    sweep_now()
    token = confirm_token(mail.outbox[0])

    assert actions.confirm(token) is not None
    assert actions.confirm(token) is None
    assert actions.waiting_for(token) is None


def test_a_link_expires_after_seven_days(cast, sweep_now):
    actions.ask_to_follow(cast.board, email=ALICE)
    sweep_now()
    token = confirm_token(mail.outbox[0])
    asked = timezone.now() - LINK_LIFETIME - datetime.timedelta(minutes=1)
    Subscriber.objects.update(confirm_requested_at=asked)

    assert actions.waiting_for(token) is None
    assert actions.confirm(token) is None
    assert followed() == {"Partnership Board": False}


def test_a_forged_or_garbled_link_confirms_nothing(cast, sweep_now):
    actions.ask_to_follow(cast.board, email=ALICE)
    sweep_now()
    token = confirm_token(mail.outbox[0])
    subscriber = Subscriber.objects.get()
    subscriber.confirm_nonce = "guessed"

    assert actions.confirm(tokens.confirm_token(subscriber)) is None  # a guessed secret, signed by us
    assert actions.confirm(token[:-2] + "xx") is None  # a signature that does not match
    assert actions.confirm("not-a-token") is None
    assert followed() == {"Partnership Board": False}


def test_asking_again_within_the_hour_sends_nothing_new(cast, sweep_now):
    assert actions.ask_to_follow(cast.board, email=ALICE) is True
    sweep_now()
    assert actions.ask_to_follow(cast.board, email=ALICE) is False
    assert actions.ask_to_follow(cast.board, email=" Alice@Example.ORG ") is False
    sweep_now()

    assert len(mail.outbox) == 1
    assert Subscriber.objects.count() == 1


def test_asking_for_another_body_within_the_hour_sends_nothing_and_the_first_link_confirms_both(cast, sweep_now):
    actions.ask_to_follow(cast.board, email=ALICE)
    sweep_now()
    assert actions.ask_to_follow(cast.forum, email=ALICE) is False
    sweep_now()

    [message] = mail.outbox
    subscriber, bodies = actions.confirm(confirm_token(message))

    assert bodies == [cast.forum, cast.board]  # by name: Chester Community Forum, Partnership Board
    assert followed() == {"Partnership Board": True, "Chester Community Forum": True}


def test_after_an_hour_a_new_link_replaces_the_old(cast, sweep_now):
    actions.ask_to_follow(cast.board, email=ALICE)
    sweep_now()
    Subscriber.objects.update(confirm_requested_at=timezone.now() - datetime.timedelta(minutes=61))

    assert actions.ask_to_follow(cast.board, email=ALICE) is True
    sweep_now()

    old, new = mail.outbox
    assert actions.confirm(confirm_token(old)) is None
    assert actions.confirm(confirm_token(new)) is not None


def test_an_address_that_follows_the_body_is_sent_nothing_when_asked_again(cast, sweep_now, follow):
    follow(ALICE, cast.board)
    Subscriber.objects.update(confirm_requested_at=timezone.now() - datetime.timedelta(hours=2))

    assert actions.ask_to_follow(cast.board, email=ALICE) is False
    sweep_now()
    assert mail.outbox == []


def test_once_its_link_is_used_an_address_may_ask_for_another_body_at_once(cast, sweep_now, follow):
    """The hour protects an address that never asked; one whose owner just confirmed is shown to be theirs."""
    follow(ALICE, cast.board)

    assert actions.ask_to_follow(cast.forum, email=ALICE) is True
    sweep_now()
    [message] = mail.outbox
    assert "- the Chester Community Forum\n" in message.body
    assert "Partnership Board" not in message.body


def test_a_body_that_has_ended_cannot_be_followed(cast):
    body_actions.end_body(
        cast.forum, by=cast.secretariat, last_day=datetime.date(2010, 3, 31), reason="No longer needed."
    )
    cast.forum.refresh_from_db()

    with pytest.raises(ValidationError) as refused:
        actions.ask_to_follow(cast.forum, email=ALICE)

    assert refused.value.messages == [
        "The Chester Community Forum ended on 31 March 2010. It no longer meets, so there is nothing to follow."
    ]
    assert Subscriber.objects.count() == 0


@pytest.mark.parametrize("email", ["", "not an address", "a@b@example.org", "x" * 250 + "@example.org"])
def test_a_bad_address_is_refused_and_nothing_kept(cast, email):
    with pytest.raises(ValidationError) as refused:
        actions.ask_to_follow(cast.board, email=email)

    assert refused.value.message_dict == {
        "email": ["Enter an email address in the correct format, like name@example.com"]
    }
    assert Subscriber.objects.count() == 0


def test_one_address_follows_a_body_once(cast, follow):
    subscriber = follow(ALICE, cast.board)

    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(subscriber=subscriber, body=cast.board)


# Leaving, and what is forgotten


def test_unsubscribing_from_the_last_body_deletes_the_address(cast, follow):
    follow(ALICE, cast.board)
    link = tokens.read_unsubscribe_token(tokens.unsubscribe_token(Subscription.objects.get()))

    assert actions.unsubscribe(link) is True

    assert Subscriber.objects.filter(email=ALICE).exists() is False
    assert Subscription.objects.count() == 0
    assert actions.unsubscribe(link) is False  # a second click finds nothing, and is no error


def test_unsubscribing_from_one_body_keeps_the_others(cast, follow):
    follow(ALICE, cast.board, cast.forum)
    board = Subscription.objects.get(body=cast.board)

    actions.unsubscribe(tokens.read_unsubscribe_token(tokens.unsubscribe_token(board)))

    assert followed() == {"Chester Community Forum": True}


def test_a_link_to_unsubscribe_opens_only_its_own_follow(cast, follow):
    follow(ALICE, cast.board)
    follow("bob@example.org", cast.board)
    alice, bob = Subscription.objects.order_by("subscriber__email")
    forged = tokens.UnsubscribeLink(subscription_id=bob.pk, body_id=cast.board.pk, key=alice.key)

    assert actions.unsubscribe(forged) is False
    assert Subscription.objects.count() == 2


def test_requests_never_confirmed_are_deleted_once_their_link_has_expired(cast, sweep_now, follow):
    follow("bob@example.org", cast.board)
    actions.ask_to_follow(cast.board, email=ALICE)
    actions.ask_to_follow(cast.forum, email="carol@example.org")
    sweep_now()
    week_ago = timezone.now() - LINK_LIFETIME
    Subscriber.objects.filter(email=ALICE).update(confirm_requested_at=week_ago)
    Subscription.objects.filter(subscriber__email=ALICE).update(requested_at=week_ago)
    Subscriber.objects.filter(email="bob@example.org").update(confirm_requested_at=week_ago)
    Subscription.objects.filter(subscriber__email="bob@example.org").update(requested_at=week_ago)

    run_daily_planners()

    # Alice never confirmed and her link is a week old; Carol's is new; Bob confirmed.
    assert sorted(Subscriber.objects.values_list("email", flat=True)) == ["bob@example.org", "carol@example.org"]
    assert followed("bob@example.org") == {"Partnership Board": True}
    assert followed("carol@example.org") == {"Chester Community Forum": False}
    assert followed(ALICE) == {}


def test_a_request_kept_alive_by_a_newer_link_is_not_deleted(cast, sweep_now):
    actions.ask_to_follow(cast.board, email=ALICE)
    sweep_now()
    Subscription.objects.update(requested_at=timezone.now() - LINK_LIFETIME - datetime.timedelta(days=1))

    actions.remove_expired()

    assert followed() == {"Partnership Board": False}


def test_a_link_that_could_not_be_sent_is_tried_again_then_given_up(cast, sweep_now, settings):
    settings.EMAIL_BACKEND = "tests.notifications.failing_mail.Backend"  # the server went away
    actions.ask_to_follow(cast.board, email=ALICE)

    for attempt in range(1, tasks.MAX_ATTEMPTS + 1):
        Subscriber.objects.filter(confirm_due_at__isnull=False).update(confirm_due_at=timezone.now())
        assert tasks.send_confirmations() == 0
        subscriber = Subscriber.objects.get()
        assert subscriber.confirm_attempts == attempt

    assert (subscriber.confirm_due_at, subscriber.confirm_sent_at) == (None, None)


def test_a_link_that_failed_once_goes_out_once_the_server_is_back(cast, settings):
    settings.EMAIL_BACKEND = "tests.notifications.failing_mail.Backend"
    actions.ask_to_follow(cast.board, email=ALICE)
    tasks.send_confirmations()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    assert tasks.send_confirmations() == 0  # not before its retry is due
    assert tasks.send_confirmations(now=timezone.now() + datetime.timedelta(minutes=2)) == 1
    assert [m.to for m in mail.outbox] == [[ALICE]]


def test_a_renamed_body_is_followed_under_its_new_name_and_old_links_still_unsubscribe(cast, sweep_now, follow):
    follow(ALICE, cast.board)
    actions.ask_to_follow(cast.forum, email=BOB)  # asked, not yet confirmed
    old_board = Subscription.objects.get(body=cast.board)
    old_link = tokens.read_unsubscribe_token(tokens.unsubscribe_token(old_board))
    forum_request = Subscription.objects.get(body=cast.forum)

    board = body_actions.rename_body(
        cast.board, by=cast.secretariat, on=datetime.date(2010, 4, 1), reason="A clearer name", name="Chester Board"
    )
    forum = body_actions.rename_body(
        cast.forum, by=cast.secretariat, on=datetime.date(2010, 4, 1), reason="A clearer name", name="Chester Forum"
    )

    renamed = Subscription.objects.get(body=board)
    assert (renamed.subscriber_id, renamed.confirmed_at) == (old_board.subscriber_id, old_board.confirmed_at)
    # A request not yet confirmed is carried as a request: the link already sent confirms both.
    carried = Subscription.objects.get(body=forum)
    assert (carried.subscriber_id, carried.confirmed_at) == (forum_request.subscriber_id, None)
    # The link in an email sent before the rename still stops the emails about the old record.
    assert actions.unsubscribe(old_link) is True
    assert Subscription.objects.filter(body=board).exists()
