"""Possible conflicts of interest on an agenda (Agreement 11.4.2, 11.4.4): who should think about declaring.

A query, not a record: worked out from today's memberships and registers
each time an agenda or the conflicts page is shown.
"""

import datetime
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Prefetch

from bodies.models import Membership
from declarations.models import REGISTER_ROLES, Interest
from meetings.models import AgendaItem, Meeting, Paper
from partnership.dates import today
from partnership.models import Person


@dataclass
class PossibleConflict:
    """A member whose current register names an organisation or matter an agenda item concerns."""

    item: AgendaItem
    person: Person
    interests: list = field(default_factory=list)


def _terms(name, short_name, matter):
    """What an interest names: its organisation (name and short name) and its matter."""
    return [t.strip() for t in (name, short_name, matter) if t and t.strip()]


_WORD = re.compile(r"\w+")
# re.IGNORECASE takes these two for "i" as well; casefold() does not.
_DOTTED_I = str.maketrans({"\u0130": "i", "\u0131": "i"})
# The one character that is not part of a word yet matches one (the Greek iota) when case is ignored:
# a term or a text holding it is left to the regular expression alone.
_IOTA_MARK = "\u0345"


def _words(text):
    """The text's whole words, folded so that words equal ignoring case (as re.IGNORECASE has it) are equal."""
    if text.isascii():
        return _WORD.findall(text.lower())
    return [word.translate(_DOTTED_I).casefold() for word in _WORD.findall(text)]


@functools.lru_cache(maxsize=8192)
def _whole_words(term):
    """`term` as whole words, whatever the case; compiled once per process, not once per item."""
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", flags=re.IGNORECASE)


def _mentions(text, term):
    """`term` appears in `text` as whole words, whatever the case."""
    return _whole_words(term).search(text) is not None


def _item_text(item):
    return "\n".join([item.title, item.description, *(f"{p.title}\n{p.description}" for p in item.papers.all())])


def _matcher(entries):
    """A function from a text to the keys of the `entries` ((key, term) pairs) whose term the text mentions.

    Every word of a term is a whole word of any text that mentions it, so a term is filed under its
    rarest word and tried only on a text that has all of its words: the regular expression, which
    decides, runs on a few candidates rather than on every term of every register for every item.
    """
    terms = [(key, term, frozenset(_words(term))) for key, term in entries]
    frequency = Counter(word for _, _, words in terms for word in words)
    filed, wordless = {}, []
    for key, term, words in terms:
        if words and _IOTA_MARK not in term:
            filed.setdefault(min(words, key=lambda word: (frequency[word], word)), []).append((key, term, words))
        else:
            wordless.append((key, term))

    def mentioned(text):
        if _IOTA_MARK in text:
            return {key for key, term, _ in terms if _mentions(text, term)}
        words = set(_words(text))
        found = {
            key
            for word in words & filed.keys()
            for key, term, needed in filed[word]
            if needed <= words and _mentions(text, term)
        }
        return found | {key for key, term in wordless if key not in found and _mentions(text, term)}

    return mentioned


def possible_conflicts(
    meeting: Meeting, on: datetime.date | None = None, *, person: Person | None = None
) -> list[PossibleConflict]:
    """Per agenda item, the body's current members whose current register names what the item concerns.

    An item concerns what its title and description, and its papers' titles
    and descriptions, name; an interest names its organisation (name or short
    name) and its matter. Matching is by whole words, ignoring case. With
    `person`, only that member's register is read (what a member is shown).
    """
    on = on or today()
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("number")
        .prefetch_related(Prefetch("papers", queryset=Paper.objects.only("id", "item_id", "title", "description")))
    )
    members = Membership.objects.on(on).filter(body_id=meeting.body_id, role__in=REGISTER_ROLES)
    if person is not None:
        members = members.filter(person=person)
    # The terms of every register first, as plain rows; the entries themselves only for those that match.
    registers = Interest.objects.on(on).filter(person_id__in=members.values("person_id"))
    mentioned = _matcher(
        (pk, term)
        for pk, *named in registers.values_list("pk", "organisation__name", "organisation__short_name", "matter")
        for term in _terms(*named)
    )
    matches = [(item, mentioned(_item_text(item))) for item in items]
    interests = list(
        Interest.objects.filter(pk__in=set().union(*(found for _, found in matches)))
        .select_related("person", "organisation")
        .order_by("person__name", "person_id", "start", "pk")
    )
    conflicts = []
    for item, found in matches:
        by_person = {}
        for interest in interests:
            if interest.pk in found:
                by_person.setdefault(interest.person_id, PossibleConflict(item, interest.person)).interests.append(
                    interest
                )
        conflicts.extend(by_person.values())
    return conflicts
