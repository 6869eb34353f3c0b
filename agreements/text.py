"""Read a clause's text: paragraphs, lists (one level of nesting) and un-numbered subheadings.

The stored form is plain text: blocks separated by a blank line; a line that
starts "- " (or "* ") is a list item, indented two or more spaces for an item
of a list inside a list; a line that starts "### " is a subheading; any other
line is part of a paragraph. Templates render the blocks (auto-escaped); the
canonical text (agreements.canonical) is built from the same blocks, so what
is hashed is what is shown.
"""

import re
import unicodedata
from dataclasses import dataclass, field

_ITEM = re.compile(r"^(\s*)[-*•]\s+(.*)$")
_SUBHEADING = re.compile(r"^#{2,6}\s+(.*)$")


def clean(line: str) -> str:
    """One line, normalised: Unicode NFC, every run of white space one space, trimmed."""
    return " ".join(unicodedata.normalize("NFC", line).split())


@dataclass
class Item:
    text: str
    children: list["Item"] = field(default_factory=list)


@dataclass
class Block:
    kind: str  # "p", "list" or "heading"
    text: str = ""
    items: list[Item] = field(default_factory=list)

    @property
    def is_paragraph(self):
        return self.kind == "p"

    @property
    def is_list(self):
        return self.kind == "list"

    @property
    def is_heading(self):
        return self.kind == "heading"


def blocks(text: str) -> list[Block]:
    """Split stored text into blocks, in order."""
    result: list[Block] = []
    current: Block | None = None
    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not raw.strip():
            current = None
            continue
        heading = _SUBHEADING.match(raw.strip())
        item = _ITEM.match(raw)
        if heading:
            result.append(Block("heading", clean(heading.group(1))))
            current = None
        elif item:
            if current is None or not current.is_list:
                current = Block("list")
                result.append(current)
            nested = len(item.group(1).expandtabs(2)) >= 2 and current.items
            entry = Item(clean(item.group(2)))
            (current.items[-1].children if nested else current.items).append(entry)
        elif current is not None and current.is_list:
            # A line that carries on the item above it.
            last = current.items[-1].children[-1] if current.items[-1].children else current.items[-1]
            last.text = clean(f"{last.text} {raw}")
        elif current is not None and current.is_paragraph:
            current.text = clean(f"{current.text} {raw}")
        else:
            current = Block("p", clean(raw))
            result.append(current)
    return [block for block in result if block.text or block.items]


def plain_lines(text: str) -> list[str]:
    """The blocks as canonical lines: a paragraph per line, "- " items, "  - " items inside them."""
    lines = []
    for block in blocks(text):
        if block.is_heading:
            lines.append(f"### {block.text}")
        elif block.is_paragraph:
            lines.append(block.text)
        else:
            for item in block.items:
                lines.append(f"- {item.text}")
                lines.extend(f"  - {child.text}" for child in item.children)
    return lines
