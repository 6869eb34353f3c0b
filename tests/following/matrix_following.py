"""Permission matrix rows for following a body by email (merged by tests/matrix.py).

Everyone may follow a body, signed in or not: an empty address is refused with the
form's error. The links from the emails need no login: their signed token is the
authority. The sample link to confirm is used by the first POST (the anonymous
public's); the later ones find it used and are told so, as its owner clicking twice
would be. The link to unsubscribe answers the same however often it is used.
"""

from tests.matrix_helpers import everyone

ENTRIES = {
    "follow_body": {"GET": everyone(200), "POST": everyone(400)},
    "follow_confirm": {"GET": everyone(200), "POST": everyone(200)},
    "follow_unsubscribe": {"GET": everyone(200), "POST": everyone(200)},
}


def sample_args(cast):
    """Create what this area's URLs need; return {URL name: {route parameter: value}}."""
    from django.utils import timezone

    from following import tokens
    from following.models import Subscriber, Subscription, new_secret

    now = timezone.now()
    waiting = Subscriber.objects.create(
        email="waiting@example.org", confirm_nonce=new_secret(), confirm_requested_at=now, confirm_sent_at=now
    )
    Subscription.objects.create(subscriber=waiting, body=cast.board)
    confirmed = Subscriber.objects.create(email="confirmed@example.org")
    following = Subscription.objects.create(subscriber=confirmed, body=cast.board, confirmed_at=now)
    return {
        "follow_body": {"<slug:slug>": cast.board.slug},
        "follow_confirm": {"<str:token>": tokens.confirm_token(waiting)},
        "follow_unsubscribe": {"<str:token>": tokens.unsubscribe_token(following)},
    }
