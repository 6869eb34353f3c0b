"""A person's work ("My work", the signed-in home): what each app has for them to do, and the page that does it.

The base imports no app, so each app registers its providers in its
`AppConfig.ready()`: a provider is `function(user) -> list[WorkItem]`, and it
decides with its app's own policies and querysets (who may rule, sign,
comment), in a fixed number of queries whatever the number of rows. A
provider gives no entry to someone the work is not for (the ruling entry to
a member who chairs nothing), so that no link leads to a page that would
refuse them; to someone it is for with nothing waiting it may give an entry
counting 0, which the page counts as nothing to do.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class WorkDetail:
    """One row under an entry: a meeting, a set of minutes, a version to sign, with its own link."""

    text: str
    url: str = ""
    status: str = ""
    # A second link, to what the person does about this row (reply to a meeting), after its status.
    action_url: str = ""
    action_text: str = ""


@dataclass(frozen=True)
class WorkItem:
    """One entry of a person's work: how many, in words, and the page where they do it."""

    key: str
    label: str
    count: int
    url: str
    # The count in words ("2 open actions, 1 overdue"): a count is never shown as a bare number.
    count_text: str = ""
    # The link's words, which say where it goes on their own ("Rule on the declarations"): links are read out of context.
    link_text: str = "View"
    hint: str = ""
    details: tuple[WorkDetail, ...] = ()
    # Shown even at 0, because the entry is useful in itself (the meetings to come); other entries at 0 are
    # nothing to do, and the page says so once rather than listing zeros.
    always: bool = False

    @property
    def to_do(self) -> bool:
        return self.count > 0

    @property
    def shown_count(self) -> str:
        return self.count_text or str(self.count)


Provider = Callable[..., list[WorkItem]]

_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    """Add `provider` to the work list, after those registered before it (apps' ready() run in settings order)."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def providers() -> tuple[Provider, ...]:
    """The registered providers, in the order `for_user` calls them."""
    return tuple(_providers)


def for_user(user) -> list[WorkItem]:
    """Every entry of `user`'s work, provider by provider in the order registered; none for the public."""
    if user is None or not user.is_authenticated:
        return []
    return [item for provider in _providers for item in provider(user)]


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """Say a count in words: "no actions", "1 action", "3 actions"."""
    plural = plural or f"{singular}s"
    if count == 0:
        return f"no {plural}"
    return f"{count} {singular if count == 1 else plural}"
