"""A version as a tree of clauses, and its canonical text and SHA-256.

The canonical text is a deterministic plain-text rendering: the agreement's
title, the version's label, then every section, clause and annex in document
order, each as its number and heading followed by its text, normalised by
agreements.text. Two renders of the same records give the same bytes; any
change to a number, heading or word changes the hash.
"""

import hashlib

from agreements.models import AgreementVersion, Clause, ClauseKind
from agreements.text import blocks, clean, plain_lines


def load_tree(version: AgreementVersion, clauses=None):
    """Return (sections, annexes): top-level clauses with `children`, `depth` and `blocks` set. One query."""
    if clauses is None:
        clauses = list(Clause.objects.filter(version=version).order_by("position", "pk"))
    by_parent: dict[int | None, list[Clause]] = {}
    for clause in clauses:
        by_parent.setdefault(clause.parent_id, []).append(clause)
    for siblings in by_parent.values():
        siblings.sort(key=lambda c: (c.position, c.pk or 0))

    def attach(clause, depth):
        clause.depth = depth
        clause.heading_level = min(depth + 2, 6)
        clause.blocks = blocks(clause.text)
        clause.kids = by_parent.get(clause.pk, [])
        for child in clause.kids:
            attach(child, depth + 1)

    roots = by_parent.get(None, [])
    for root in roots:
        attach(root, 0)
    sections = [c for c in roots if c.kind != ClauseKind.ANNEX]
    annexes = [c for c in roots if c.kind == ClauseKind.ANNEX]
    return sections, annexes


def walk(nodes):
    """Every clause of the tree, in document order."""
    for node in nodes:
        yield node
        yield from walk(node.kids)


def in_document_order(version, clauses=None):
    sections, annexes = load_tree(version, clauses)
    return list(walk(sections)) + list(walk(annexes))


def clause_lines(clause) -> list[str]:
    lines = [clean(clause.label)]
    lines.extend(plain_lines(clause.text))
    return lines


def canonical_text(version: AgreementVersion, clauses=None) -> str:
    """The version's canonical plain text (see the module's docstring)."""
    parts = [clean(version.agreement.title), clean(version.label)]
    for clause in in_document_order(version, clauses):
        parts.append("\n".join(clause_lines(clause)))
    return "\n\n".join(parts) + "\n"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def current_hash(version: AgreementVersion, clauses=None) -> str:
    """The SHA-256 of the version's canonical text as it now stands."""
    return text_hash(canonical_text(version, clauses))


def fingerprint(version: AgreementVersion, clauses=None) -> str:
    """The stored hash of an adopted version; computed live for a draft."""
    return version.sha256 if version.is_locked and version.sha256 else current_hash(version, clauses)
