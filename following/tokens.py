"""The links in the emails: signed with the site's secret key around a random secret the row keeps.

A link works while its row holds the same secret: a used or replaced link to
confirm, or the link to unsubscribe from a follow that is gone, no longer
does. The secret alone (a copy of the database) makes no link; the signature
alone (an old email) opens nothing the row no longer holds.
"""

import secrets
from dataclasses import dataclass

from django.core import signing

from following.models import LINK_LIFETIME

_CONFIRM_SALT = "following.confirm"
_UNSUBSCRIBE_SALT = "following.unsubscribe"


@dataclass(frozen=True)
class ConfirmLink:
    subscriber_id: int
    nonce: str


@dataclass(frozen=True)
class UnsubscribeLink:
    subscription_id: int
    body_id: int
    key: str

    def opens(self, subscription) -> bool:
        """Whether the link belongs to `subscription` (None: the follow is gone)."""
        return (
            subscription is not None
            and subscription.pk == self.subscription_id
            and secrets.compare_digest(subscription.key, self.key)
        )


def confirm_token(subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "n": subscriber.confirm_nonce}, salt=_CONFIRM_SALT, compress=True)


def read_confirm_token(token: str, *, max_age=LINK_LIFETIME) -> ConfirmLink | None:
    """The address and secret a link to confirm was made for; None for a forged, garbled or expired one.

    `max_age=None` reads a link of any age: one we made, however old.
    """
    try:
        data = signing.loads(token, salt=_CONFIRM_SALT, max_age=max_age)
    except signing.BadSignature:  # a forged or garbled link, or one past its life
        return None
    if not isinstance(data, dict) or not isinstance(data.get("s"), int) or not isinstance(data.get("n"), str):
        return None
    return ConfirmLink(data["s"], data["n"])


def unsubscribe_token(subscription) -> str:
    return signing.dumps(
        {"f": subscription.pk, "b": subscription.body_id, "n": subscription.key}, salt=_UNSUBSCRIBE_SALT, compress=True
    )


def read_unsubscribe_token(token: str) -> UnsubscribeLink | None:
    """The follow a link to unsubscribe was made for; None for a forged or garbled one. It never expires."""
    try:
        data = signing.loads(token, salt=_UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not all(isinstance(data.get(name), int) for name in ("f", "b")):
        return None
    if not isinstance(data.get("n"), str):
        return None
    return UnsubscribeLink(data["f"], data["b"], data["n"])
