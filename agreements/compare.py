"""A clause-by-clause, word-level redline between two versions.

Clauses are matched by their key (a new draft copies its clauses' keys, so a
clause that moved or was renumbered is still found), then, for versions that
share no history, by number. Within a matched clause the heading and the text
are compared word by word (difflib); a line break is a token too, so lists
and paragraphs keep their shape.
"""

import difflib
from dataclasses import dataclass, field

from agreements.canonical import in_document_order
from agreements.text import plain_lines

_BREAK = "\n"


@dataclass
class Segment:
    op: str  # "equal", "insert" or "delete"
    text: str

    @property
    def is_insert(self):
        return self.op == "insert"

    @property
    def is_delete(self):
        return self.op == "delete"

    def as_tuple(self):
        return (self.op, self.text)


@dataclass
class ClauseDiff:
    status: str  # "unchanged", "changed", "added" or "removed"
    number: str
    old_number: str = ""
    depth: int = 0
    anchor: str = ""
    heading: list[Segment] = field(default_factory=list)
    lines: list[list[Segment]] = field(default_factory=list)
    moved: bool = False

    @property
    def renumbered(self):
        return bool(self.old_number) and self.old_number != self.number

    @property
    def heading_level(self):
        return min(self.depth + 3, 6)

    @property
    def blocks(self) -> list[tuple[str, list]]:
        """The lines as the version page shows them: ("heading", segments), ("p", segments), and
        ("list", [segments, ...]) for a run of "- " items; the "### " and "- " markers are taken off."""
        blocks: list[tuple[str, list]] = []
        for line in self.lines:
            marker, _, rest = line[0].text.partition(" ") if line else ("", "", "")
            kind = {"###": "heading", "-": "item"}.get(marker, "p")
            if kind != "p":
                line = ([Segment(line[0].op, rest)] if rest else []) + line[1:]
            if kind == "item":
                if not blocks or blocks[-1][0] != "list":
                    blocks.append(("list", []))
                blocks[-1][1].append(line)
            else:
                blocks.append((kind, line))
        return blocks


def _segments(ops):
    """Merge consecutive tokens with the same operation into segments, split at line breaks."""
    lines, line = [], []
    for op, token in ops:
        if token == _BREAK:
            lines.append(line)
            line = []
        elif line and line[-1].op == op:
            line[-1].text += " " + token
        else:
            line.append(Segment(op, token))
    lines.append(line)
    return [each for each in lines if each]


def _ops(old_tokens, new_tokens):
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield from (("equal", t) for t in new_tokens[j1:j2])
        else:
            yield from (("delete", t) for t in old_tokens[i1:i2])
            yield from (("insert", t) for t in new_tokens[j1:j2])


def _tokens(lines):
    tokens = []
    for index, line in enumerate(lines):
        if index:
            tokens.append(_BREAK)
        tokens.extend(line.split())
    return tokens


def word_diff(old: str, new: str) -> list[Segment]:
    """The words of `old` and `new`, each kept, deleted or inserted."""
    lines = _segments(_ops(old.split(), new.split()))
    return lines[0] if lines else []


def lines_diff(old_lines: list[str], new_lines: list[str]) -> list[list[Segment]]:
    return _segments(_ops(_tokens(old_lines), _tokens(new_lines)))


def _whole(op, clause):
    return ClauseDiff(
        status="added" if op == "insert" else "removed",
        number=clause.number,
        depth=clause.depth,
        anchor=clause.anchor,
        heading=[Segment(op, clause.heading)] if clause.heading else [],
        lines=[[Segment(op, line)] for line in plain_lines(clause.text)],
    )


def compare_versions(old, new, old_clauses=None, new_clauses=None) -> list[ClauseDiff]:
    """The redline from `old` to `new`, in the new version's order, removed clauses where they stood."""
    before = in_document_order(old, old_clauses)
    after = in_document_order(new, new_clauses)
    by_key = {c.key: c for c in before}
    match = {}
    for clause in after:
        if clause.key in by_key:
            match[clause.pk] = by_key.pop(clause.key)
    by_number = {c.number: c for c in by_key.values()}
    for clause in after:
        if clause.pk not in match and clause.number in by_number:
            match[clause.pk] = by_number.pop(clause.number)
    matched_old = {c.pk: pk for pk, c in match.items()}

    # Each removed clause follows the old clause before it that is still there.
    removed_after: dict[int | None, list] = {}
    anchor_pk = None
    for clause in before:
        if clause.pk in matched_old:
            anchor_pk = matched_old[clause.pk]
        else:
            removed_after.setdefault(anchor_pk, []).append(clause)

    reordered = _reordered(after, match, matched_old, {c.pk: i for i, c in enumerate(before)})

    result = [_whole("delete", c) for c in removed_after.get(None, [])]
    for clause in after:
        previous = match.get(clause.pk)
        if previous is None:
            result.append(_whole("insert", clause))
        else:
            heading = word_diff(previous.heading, clause.heading)
            lines = lines_diff(plain_lines(previous.text), plain_lines(clause.text))
            changed = any(s.op != "equal" for s in heading) or any(s.op != "equal" for line in lines for s in line)
            # Under another section or clause than before, or out of order among the same siblings
            # (a renumbering alone, because a clause before it came or went, is not a move).
            parent_moved = matched_old.get(previous.parent_id) != clause.parent_id or clause.pk in reordered
            result.append(
                ClauseDiff(
                    status="changed" if changed else "unchanged",
                    number=clause.number,
                    old_number=previous.number,
                    depth=clause.depth,
                    anchor=clause.anchor,
                    heading=heading,
                    lines=lines,
                    moved=parent_moved,
                )
            )
        result.extend(_whole("delete", c) for c in removed_after.get(clause.pk, []))
    return result


def _longest_increasing(values):
    """The indexes of one longest strictly increasing subsequence of `values`."""
    best: list[list[int]] = []
    for index, value in enumerate(values):
        run = max((chain for chain in best if values[chain[-1]] < value), key=len, default=[])
        best.append([*run, index])
    return set(max(best, key=len, default=[]))


def _reordered(after, match, matched_old, old_index):
    """New clauses whose siblings, kept from before, now come in another order around them."""
    groups: dict = {}
    for clause in after:
        previous = match.get(clause.pk)
        if previous is not None and matched_old.get(previous.parent_id) == clause.parent_id:
            groups.setdefault(clause.parent_id, []).append(clause)
    moved = set()
    for siblings in groups.values():
        kept = _longest_increasing([old_index[match[c.pk].pk] for c in siblings])
        moved |= {c.pk for i, c in enumerate(siblings) if i not in kept}
    return moved


def summary(diffs: list[ClauseDiff]) -> dict[str, int]:
    counts = {"added": 0, "removed": 0, "changed": 0, "moved": 0, "renumbered": 0}
    for diff in diffs:
        if diff.status in counts:
            counts[diff.status] += 1
        if diff.moved:
            counts["moved"] += 1
        if diff.renumbered:
            counts["renumbered"] += 1
    return counts
