"""The public decisions register: every decision of published minutes, as the public minutes show it.

A decision on a confidential item is withheld exactly as the public minutes withhold the item
(`minutes_text.withholds`, the one rule): the public reads the item's number, "Confidential item"
and the reason, never the decision's words nor the item's title. The register is the public
rendition for everyone; members read confidential business in the minutes themselves.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.urls import reverse

from meetings import minutes_text
from meetings.models import Decision, Meeting, Vote
from meetings.votes import VoteLine, fetched_vote, vote_line


@dataclass(frozen=True)
class DecisionEntry:
    pk: int
    number: int
    meeting: Meeting
    item_number: int
    item_title: str
    text: str
    withheld: bool
    reason: str
    # The recorded vote where one was recorded; never for a withheld decision.
    vote: VoteLine | None = None

    @property
    def url(self) -> str:
        return reverse("decision_detail", args=[self.pk])

    @property
    def minutes_url(self) -> str:
        """The item in the published minutes, by its anchor."""
        return reverse("meeting_minutes", args=[self.meeting.pk]) + f"#item-{self.item_number}"


def published():
    """Decisions of published minutes, with their item, meeting and body: newest meeting first."""
    votes = Prefetch("recorded_vote__votes", queryset=Vote.objects.select_related("attendance__person"))
    return (
        Decision.objects.filter(item__meeting__minutes__published_at__isnull=False)
        .select_related("item__meeting__body", "recorded_vote")
        .prefetch_related(votes)
        .order_by("-item__meeting__starts_at", "-item__meeting_id", "item__number", "number", "pk")
    )


def filtered(decisions, *, body=None, since=None, until=None, words=""):
    """Narrow the register; words are looked for only in what the public rendition shows."""
    if body is not None:
        decisions = decisions.filter(item__meeting__body=body)
    if since is not None:
        decisions = decisions.filter(item__meeting__starts_at__date__gte=since)
    if until is not None:
        decisions = decisions.filter(item__meeting__starts_at__date__lte=until)
    if words:
        # A withheld item's title and decisions are never searched, or a search would tell what they say.
        shown = ~minutes_text.withheld_from_public("item__")
        decisions = decisions.filter(shown & (Q(text__icontains=words) | Q(item__title__icontains=words)))
    return decisions


def entry(decision: Decision, *, quorum: minutes_text.Quorum | None = None, withdrawn=()) -> DecisionEntry:
    """The decision as the public minutes show it, with its recorded vote (withheld with the item).

    The register gives neither `quorum` nor `withdrawn` (the decision's page does): its vote shows the result.
    """
    item = decision.item
    withheld = minutes_text.withholds(item, visible=False)
    recorded = None if withheld else fetched_vote(decision)
    vote = None
    if recorded is not None:
        vote = vote_line(recorded, withdrawn=tuple(withdrawn), quorate=quorum.is_quorate if quorum else None)
    return DecisionEntry(
        pk=decision.pk,
        number=decision.number,
        meeting=item.meeting,
        item_number=item.number,
        item_title=minutes_text.WITHHELD_TITLE if withheld else item.title,
        text="" if withheld else minutes_text.normalise(decision.text),
        withheld=withheld,
        reason=item.confidential_reason if withheld else "",
        vote=vote,
    )
