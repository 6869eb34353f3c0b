"""The two search engines, with the same behaviour: PostgreSQL full-text search, and SQLite FTS5.

What a reader types is read once, here, with the web search syntax people know
(PostgreSQL's websearch_to_tsquery): words, "quoted phrases", -excluded words
and OR between alternatives. The parsed query is then written out for each
engine, so both read it the same way and nothing typed is ever the engine's
own syntax:

- PostgreSQL: a clean websearch string for websearch_to_tsquery('english', ...)
  on a generated tsvector column (title weighted A, text B) with a GIN index;
  ts_rank_cd for relevance, ts_headline for the extract.
- SQLite: an FTS5 query in which every word and phrase is a quoted string, on
  an external-content FTS5 table (tokenize 'porter unicode61') kept in step
  with search_entry by triggers; bm25() for relevance, highlight() and
  snippet() for the extract.

Both stem English words ("partnerships" finds "partnership",
"organisations" finds "organisation") and leave out the same stop words
(PostgreSQL's English list), so a query of stop words alone finds nothing on
either. An alternative with no word to look for ("-crab" alone) is dropped on
both, since FTS5 cannot express "everything but".

The extract is made safe here: the engines mark matches with two control
characters that stored text never holds (search.index strips them), the text
is HTML-escaped, and only then do the markers become <mark> elements.
"""

import re
from dataclasses import dataclass, field

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Matches are marked with these by the engines, then escaped text gets <mark> in their place.
START, STOP = "\x02", "\x03"
# No more terms than this are read from a query.
MAX_TERMS = 20
# The words of an entry's text the extract shows around the matches.
EXTRACT_WORDS = 32

# PostgreSQL's English stop words (tsearch_data/english.stop): left out of queries on both engines.
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers
    herself it its itself they them their theirs themselves what which who whom this that these those am is are
    was were be been being have has had having do does did doing a an the and but if or because as until while of
    at by for with about against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each few more most other
    some such no nor not only own same so than too very s t can will just don should now""".split()  # noqa: SIM905 - a list as the file prints it
)

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Term:
    """A word or a phrase: `words` as the tokenizers see them, `typed` as PostgreSQL's parser should read it."""

    words: tuple[str, ...]
    typed: str
    phrase: bool = False

    def websearch(self) -> str:
        return f'"{self.typed}"' if self.phrase else self.typed

    def fts5(self) -> str:
        # A quoted string is always a phrase to FTS5, never an operator or a column filter.
        return '"' + " ".join(self.words) + '"'


@dataclass
class Alternative:
    """Words that must all be there (and excluded words that must not); alternatives are joined by OR."""

    words: list[Term] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)


@dataclass
class Query:
    alternatives: list[Alternative]
    typed: str

    @property
    def is_empty(self) -> bool:
        """Nothing to look for: no words, or only stop words and excluded words."""
        return not self.alternatives

    def websearch(self) -> str:
        """The query for PostgreSQL's websearch_to_tsquery, written from what was understood."""
        return " or ".join(
            " ".join([t.websearch() for t in alt.words] + [f"-{t.websearch()}" for t in alt.excluded])
            for alt in self.alternatives
        )

    def fts5(self) -> str:
        """The same query for FTS5: (a AND b) NOT (c OR d), alternatives joined by OR."""
        parts = []
        for alt in self.alternatives:
            wanted = " AND ".join(t.fts5() for t in alt.words)
            if alt.excluded:
                wanted = f"({wanted}) NOT ({' OR '.join(t.fts5() for t in alt.excluded)})"
            parts.append(f"({wanted})")
        return " OR ".join(parts)


def _term(text: str, phrase: bool) -> Term | None:
    words = tuple(word.lower() for word in _WORD.findall(text))
    if not words or all(word in STOP_WORDS for word in words):
        return None
    # Keep only what PostgreSQL's parser reads as part of words: no quotes, no leading dashes.
    typed = text.replace('"', " ").strip().lstrip("-").strip() or " ".join(words)
    return Term(words=words, typed=typed, phrase=phrase or " " in typed)


def parse(typed: str) -> Query:
    """Read a query typed in the search box, as PostgreSQL's websearch_to_tsquery reads it."""
    alternatives = [Alternative()]
    count = 0
    for match in _TOKEN.finditer(typed or ""):
        negated, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None and bare.lower() == "or":
            if alternatives[-1].words or alternatives[-1].excluded:
                alternatives.append(Alternative())
            continue
        if quoted is not None:
            term = _term(quoted, phrase=True)
        else:
            negated = "-" if bare.startswith("-") else ""
            term = _term(bare, phrase=False)
        if term is None:
            continue
        count += 1
        if count > MAX_TERMS:
            break
        (alternatives[-1].excluded if negated else alternatives[-1].words).append(term)
    return Query(alternatives=[alt for alt in alternatives if alt.words], typed=typed or "")


# The engines


def vendor() -> str:
    return connection.vendor


_TSQUERY = "websearch_to_tsquery('english'::regconfig, %s)"


def matching(queryset, query: Query):
    """(the entries of `queryset` that match, the same with a `rank` to order by: higher is better)."""
    if vendor() == "postgresql":
        websearch = query.websearch()
        # extra(): the tsvector column is not a model field; only constants are formatted in, the query is a parameter.
        matched = queryset.extra(where=[f'"search_entry"."vector" @@ {_TSQUERY}'], params=[websearch])  # noqa: S610
        ranked = matched.extra(  # noqa: S610 - as above
            select={"rank": f'ts_rank_cd("search_entry"."vector", {_TSQUERY}, 1)'}, select_params=[websearch]
        )
        return matched, ranked
    matched = queryset.extra(
        tables=["search_entry_fts"],
        where=['"search_entry_fts"."rowid" = "search_entry"."id"', '"search_entry_fts" MATCH %s'],
        params=[query.fts5()],
    )
    # bm25 is lower for a better match; the title counts as much as eight times the text.
    return matched, matched.extra(select={"rank": '-bm25("search_entry_fts", 8.0, 1.0)'})


def _headline_options(**options) -> str:
    return ", ".join(f'{name}="{value}"' for name, value in options.items())


_WHOLE = _headline_options(StartSel=START, StopSel=STOP, HighlightAll="true")
_EXTRACT = _headline_options(
    StartSel=START,
    StopSel=STOP,
    MaxWords=EXTRACT_WORDS,
    MinWords=EXTRACT_WORDS // 2,
    ShortWord=2,
    MaxFragments=2,
    FragmentDelimiter=" … ",
)


def highlights(ids: list[int], query: Query) -> dict[int, tuple[SafeString, SafeString]]:
    """{entry id: (its title, an extract of its text)}, each HTML-escaped with the matches in <mark>. One query."""
    if not ids:
        return {}
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        if vendor() == "postgresql":
            websearch = query.websearch()
            # Only constants and placeholders are formatted into the statement; every value is a parameter.
            sql = (
                f"SELECT id, ts_headline('english'::regconfig, title, {_TSQUERY}, %s), "  # noqa: S608
                f"ts_headline('english'::regconfig, text, {_TSQUERY}, %s) "
                "FROM search_entry WHERE id IN (" + placeholders + ")"
            )
            cursor.execute(sql, [websearch, _WHOLE, websearch, _EXTRACT, *ids])
        else:
            sql = (
                "SELECT rowid, highlight(search_entry_fts, 0, %s, %s), "
                "snippet(search_entry_fts, 1, %s, %s, '…', %s) "
                "FROM search_entry_fts WHERE search_entry_fts MATCH %s AND rowid IN (" + placeholders + ")"  # noqa: S608
            )
            cursor.execute(sql, [START, STOP, START, STOP, EXTRACT_WORDS, query.fts5(), *ids])
        rows = cursor.fetchall()
    return {pk: (marked(title or ""), marked(extract or "")) for pk, title, extract in rows}


def marked(text: str) -> SafeString:
    """Escape `text` for HTML, then turn the engines' markers into <mark> elements."""
    html = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    # An unmatched marker (an extract cut inside a match) must not leave an element open.
    if html.count("<mark>") != html.count("</mark>"):
        html = html.replace("<mark>", "").replace("</mark>", "")
    return mark_safe(html)  # noqa: S308 (escaped above; only our own elements added)


# What migration search 0002 made, for whichever engine the database is (a test checks they are the same).

SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5("
    "title, text, content='search_entry', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
)
SQLITE_DELETE_TRIGGER = (
    "CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_entry BEGIN "
    "INSERT INTO search_entry_fts(search_entry_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); "
    "END"
)


def truncate() -> None:
    """Empty the index at once, before a rebuild (search.index.rebuild), in the caller's transaction."""
    with connection.cursor() as cursor:
        if vendor() == "postgresql":
            # TRUNCATE refuses a table with deferred foreign key checks still pending (entries written earlier
            # in the caller's transaction): run those checks now, as Django's check_constraints() does.
            connection.check_constraints()
            cursor.execute("TRUNCATE search_entry")
        else:
            # The delete trigger would take the words out row by row: empty both tables at once instead.
            cursor.execute("DROP TRIGGER search_entry_fts_delete")
            cursor.execute("DELETE FROM search_entry")
            cursor.execute("INSERT INTO search_entry_fts(search_entry_fts) VALUES ('delete-all')")
            cursor.execute(SQLITE_DELETE_TRIGGER)
