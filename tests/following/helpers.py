"""Helpers the tests of following share: one run of the sweeper, the links in an email."""

import re
from urllib.parse import urlsplit

from following import tasks


def sweep() -> dict[int, str]:
    """What one run of following.tasks.sweep and its workers do, in this process without a broker.

    Returns {delivery id: outcome} of the deliveries handed out ("sent", "failed" or "gone").
    """
    tasks.fan_out()
    tasks.send_confirmations()
    ids = tasks.claim_due()
    outcomes = {}
    for start in range(0, len(ids), tasks.DELIVERY_BATCH):
        outcomes.update(tasks.deliver_batch(ids[start : start + tasks.DELIVERY_BATCH]))
    return outcomes


def links_in(text: str) -> list[str]:
    return re.findall(r"https?://\S+", text)


def link_in(text: str, path_part: str) -> str:
    """The path of the one link in `text` whose address contains `path_part`."""
    [link] = [link for link in links_in(text) if path_part in link]
    return urlsplit(link).path


def token_of(path: str) -> str:
    """The token at the end of a link's path: /follow/confirm/<token>/."""
    return path.rstrip("/").rsplit("/", 1)[1]
