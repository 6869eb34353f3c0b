"""Read an agreement written as Markdown or plain text with numbered headings.

The parser is forgiving about layout, as papers converted from word
processors are: a section heading may be a Markdown heading ("## 1. Title"),
a bold line ("**23 Title**") or a plain short line ("5. MEMBERSHIP"); its
number must follow the previous section's, so a numbered list further down
(terms of reference "1. To manage ...") is read as text. A clause starts
with its number ("10.4 Officers ...", "- 6.1 The ...", "### **7.1 Community
Sector**"); a short line without a full stop is its heading, anything else
its first paragraph. A clause goes under the section (or clause) it follows,
and keeps the number the document gives it. Lines before the first section
(the cover sheet, the contents list) are skipped, and so are contents lines
with dotted leaders and "DRAFT" watermarks.
"""

import html
import re
from dataclasses import dataclass, field

from agreements.models import ClauseKind

_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*$")
_LIST_MARK = re.compile(r"^\s*[-*•]\s+")
_SECTION = re.compile(r"^(\d{1,3})(?:\.0)?\.?\s+(\S.*)$")
_CLAUSE = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){1,3})\.?\s+(\S.*)$")
_ANNEX = re.compile(r"^(?:annex|appendix|schedule)\s+([A-Z0-9]{1,3})\b[\s:.\-–—]*(.*)$", re.IGNORECASE)
_LEADERS = re.compile(r"(\.{4,}|…{2,})")
_SETEXT = re.compile(r"^\s*(-{3,}|={3,})\s*$")
_LABEL = re.compile(r"\b(V\d+(?:\s+[\d.]+)?|Revised\s+[A-Z][a-z]+\s+\d{4})\b")
_HEADING_MAX = 150
# A numbered line without markup is a clause's heading only if it is short: a long one is its first sentence.
_PLAIN_HEADING_MAX = 80


@dataclass
class Node:
    kind: str
    number: str
    heading: str = ""
    lines: list[str] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)

    @property
    def text(self):
        # Blocks separated by one blank line; list items kept on their own lines.
        out, previous_blank = [], True
        for line in self.lines:
            if not line.strip():
                if not previous_blank:
                    out.append("")
                previous_blank = True
                continue
            out.append(line)
            previous_blank = False
        return "\n".join(out).strip()


@dataclass
class Document:
    label: str = ""
    parts: list[Node] = field(default_factory=list)

    @property
    def sections(self):
        return [node for node in self.parts if node.kind == ClauseKind.SECTION]


def _inline(text: str) -> str:
    """Plain text from a line's inline markup: HTML tags, entities, Markdown bold and italics."""
    text = html.unescape(_TAG.sub("", text))
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"\1", text)
    return text.replace("**", "").replace("\t", " ").rstrip()


def _looks_like_heading(text: str) -> bool:
    text = text.strip()
    return bool(text) and len(text) <= _HEADING_MAX and text[-1] not in ".:;," and not text[0].islower()


def _title(text: str) -> str:
    return " ".join(text.split()).strip(" *_")


def parse(source: str) -> Document:
    """Parse an agreement; see the module's docstring for what is recognised."""
    document = Document()
    section: Node | None = None
    chain: list[Node] = []  # the open clauses under the current section, outermost first
    numbers: set[str] = set()
    last_section = 0
    in_annexes = False

    def current():
        return chain[-1] if chain else section

    for raw in source.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        md = _MD_HEADING.match(raw)
        bold = _BOLD_LINE.match(raw)
        marked = bool(md or bold)
        body = md.group(2) if md else raw
        plain = _inline(body).strip()
        unlisted = _LIST_MARK.sub("", plain) if not marked else plain
        if not document.label and section is None:
            label = _LABEL.search(plain)
            if label:
                document.label = label.group(1)
        if not plain:
            if current() is not None:
                current().lines.append("")
            continue
        if plain == "DRAFT" or _LEADERS.search(plain) or _SETEXT.match(raw):
            continue

        annex = _ANNEX.match(unlisted) if (marked or _looks_like_heading(unlisted)) else None
        if annex and section is not None:
            in_annexes = True
            letter = annex.group(1).upper()
            if letter not in numbers:
                numbers.add(letter)
                section = Node(ClauseKind.ANNEX, letter, _title(annex.group(2)))
                document.parts.append(section)
                chain = []
                continue

        clause = _CLAUSE.match(unlisted)
        # "2.0 Title" is a section numbered the way some papers number them.
        if clause and clause.group(1).endswith(".0"):
            clause = None
        if clause and section is not None and clause.group(1) not in numbers:
            number, rest = clause.group(1), clause.group(2)
            if in_annexes:
                number = f"{section.number}.{number}"
            # Its parent: the deepest open clause whose number is a prefix of its own, else the section.
            while chain and not number.startswith(chain[-1].number + "."):
                chain.pop()
            plain_heading = len(rest) <= _PLAIN_HEADING_MAX and _looks_like_heading(rest)
            heading = _title(rest) if (marked or plain_heading) else ""
            node = Node(ClauseKind.CLAUSE, number, heading)
            if not heading:
                node.lines.append(rest)
            current().children.append(node)
            chain.append(node)
            numbers.add(number)
            continue

        heading = _SECTION.match(unlisted)
        if heading and not in_annexes:
            number = int(heading.group(1))
            text = _title(heading.group(2))
            follows = number == last_section + 1 if section is not None else number >= 1
            if follows and (marked or (_looks_like_heading(text) and text[:1].isupper())):
                section = Node(ClauseKind.SECTION, str(number), text)
                document.parts.append(section)
                chain = []
                numbers.add(str(number))
                last_section = number
                continue

        if section is None:
            continue
        if marked:
            # An un-numbered heading inside a section becomes a subheading of its text.
            target = current()
            target.lines += ["", f"### {_title(plain)}", ""]
            continue
        line = plain
        if _LIST_MARK.match(raw):
            indent = len(raw) - len(raw.lstrip(" \t"))
            line = ("  " if indent >= 2 else "") + "- " + _LIST_MARK.sub("", plain)
        current().lines.append(line)
    return document
