"""An accessible SVG drawing of the framework on a date: bodies as boxes, typed links as arrows.

Pure Python and deterministic: the same bodies and links give the same bytes.
The drawing uses presentation attributes only (no style attribute, no <style>
element) because the pages that show it forbid inline styles in their
Content-Security-Policy. It never touches the database: everything it draws
comes from the objects it is given.

Layout: one band of rows per group of kinds, boxes in a fixed grid so the
gaps between columns line up from top to bottom. An arrow between neighbouring
rows is a straight line; any other arrow runs orthogonally through the
channels between rows and the gaps between columns, each on its own track,
so no arrow crosses a box or runs along another.
"""

import datetime
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from bodies.models import Body, BodyKind, BodyLink, LinkKind, Status
from partnership.dates import british_date

# Rows from the top; a kind not listed goes in the last row.
LAYERS = [
    ("Partnership and commissioning boards", [BodyKind.PARTNERSHIP_BOARD, BodyKind.COMMISSIONING_BOARD]),
    ("Thematic leads", [BodyKind.THEMATIC_LEADS]),
    ("Thematic partnerships", [BodyKind.THEMATIC_PARTNERSHIP]),
    ("Area partnership boards", [BodyKind.AREA_PARTNERSHIP_BOARD]),
    (
        "Community forums, local councils and neighbourhood partnerships",
        [BodyKind.COMMUNITY_FORUM, BodyKind.LOCAL_COUNCIL, BodyKind.NEIGHBOURHOOD_PARTNERSHIP],
    ),
    (
        "Groups, events and other bodies",
        [BodyKind.SUPPORT_GROUP, BodyKind.TASK_AND_FINISH, BodyKind.NETWORK_EVENT, BodyKind.OTHER],
    ),
]
_LAYER_OF = {kind: index for index, (_, kinds) in enumerate(LAYERS) for kind in kinds}

# Meaning is carried by the dash pattern as well as the colour (WCAG 1.4.1).
# Every colour has at least 4.5:1 contrast against white, so it serves for
# lines (3:1 needed) and text alike.
LINK_STYLES = {
    LinkKind.REPORTS_TO: ("#0b0c0c", ""),
    LinkKind.CHAIR_SITS_ON: ("#1d70b8", "9 4"),
    LinkKind.COMMISSIONS: ("#00703c", "2 3"),
    LinkKind.FORMAL_LINK: ("#912b88", "12 3 2 3"),
}
_OTHER_LINK_STYLE = ("#505a5f", "5 5")
_LINK_KIND_ORDER = list(LinkKind.values)

TEXT = "#0b0c0c"
SECONDARY_TEXT = "#505a5f"
BOX_FILL = "#ffffff"
BAND_FILLS = ("#ffffff", "#f3f2f1")
FONT_FAMILY = "Arial, 'Liberation Sans', Helvetica, sans-serif"

MAX_PER_LINE = 6
BOX_W, BOX_H = 152, 66
BOX_PAD = 8
NAME_SIZE, NAME_LINE, NAME_LINES = 12, 14, 3
STATUS_SIZE, STATUS_LINE = 11, 13
MARGIN = 16
LABEL_W = 132
TRACK = 7  # between parallel arrows
GAP_MIN, GAP_PAD = 28, 10
CHANNEL_MIN, CHANNEL_MIN_IN_LAYER, CHANNEL_PAD, CHANNEL_EDGE = 52, 36, 16, 20
ARROW = 9
LEGEND_SAMPLE, LEGEND_MIN_W = 44, 640


def framework_diagram(bodies, links, *, on: datetime.date, title: str) -> str:
    """Return an SVG document (str) drawing `bodies` (iterable of Body) and `links` (iterable of BodyLink) as at `on`."""
    layout = _Layout(bodies, links)
    return _render(layout, on=on, title=title)


def link_sentences(bodies, links) -> list[tuple[Body, list[str]]]:
    """For the text alternative: each body (in the diagram's order) with sentences like 'reports to Thematic Leads'."""
    ordered = _ordered(bodies)
    index = {body.pk: position for position, body in enumerate(ordered)}
    sentences = {body.pk: [] for body in ordered}
    for link in _drawn_links(links, index):
        sentences[link.from_body_id].append(f"{link.get_kind_display()} {ordered[index[link.to_body_id]].name}")
    return [(body, sentences[body.pk]) for body in ordered]


# Which bodies and links, in what order


def _layer(body):
    return _LAYER_OF.get(body.kind, len(LAYERS) - 1)


def _ordered(bodies: Iterable[Body]) -> list[Body]:
    unique = {}
    for body in bodies:
        unique.setdefault(body.pk, body)
    return sorted(unique.values(), key=lambda body: (_layer(body), body.name.casefold(), body.name, body.pk))


def _kind_rank(kind):
    return _LINK_KIND_ORDER.index(kind) if kind in _LINK_KIND_ORDER else len(_LINK_KIND_ORDER)


def _drawn_links(links: Iterable[BodyLink], index: dict) -> list[BodyLink]:
    """The links whose ends are both drawn, one per (from, kind, to), in the diagram's order."""
    kept = {}
    for link in links:
        ends = (link.from_body_id, link.to_body_id)
        if ends[0] in index and ends[1] in index and ends[0] != ends[1]:
            kept.setdefault((ends[0], link.kind, ends[1]), link)
    return sorted(
        kept.values(), key=lambda link: (index[link.from_body_id], _kind_rank(link.kind), index[link.to_body_id])
    )


def _link_style(kind):
    return LINK_STYLES.get(kind, _OTHER_LINK_STYLE)


# Geometry


@dataclass(eq=False)
class _Box:
    body: Body
    line: int
    col: int
    x: float = 0
    y: float = 0

    @property
    def cx(self):
        return self.x + BOX_W / 2

    def side_y(self, side):
        return self.y + BOX_H if side == "bottom" else self.y

    def side_x(self, side):
        return self.x + BOX_W if side == "right" else self.x


@dataclass(eq=False)
class _Route:
    link: BodyLink
    source: _Box
    target: _Box
    # "side": neighbours in one row; "straight": neighbouring rows;
    # "under": one row, not neighbours; "detour": rows further apart.
    shape: str
    source_side: str
    target_side: str
    channels: tuple = ()  # the channel beside the source, then the one beside the target
    gap: int = 0
    gap_track: int = 0
    channel_tracks: list = field(default_factory=lambda: [0, 0])
    ports: dict = field(default_factory=dict)  # "source"/"target" -> fraction along the side
    points: list = field(default_factory=list)


@dataclass
class _Band:
    label: str
    top: float
    bottom: float
    first_line_y: float
    last_line_y: float


class _Layout:
    """Place the boxes on a grid, then route every arrow on its own tracks."""

    def __init__(self, bodies, links):
        ordered = _ordered(bodies)
        self.bodies = ordered
        index = {body.pk: position for position, body in enumerate(ordered)}
        self.lines = self._lines(ordered)
        self.columns = max((len(line) for _, line in self.lines), default=1)
        self.boxes = {}
        for number, (_, line) in enumerate(self.lines):
            offset = (self.columns - len(line)) // 2
            for position, body in enumerate(line):
                self.boxes[body.pk] = _Box(body, number, offset + position)
        self.links = _drawn_links(links, index)
        self.gap_use = {}
        self.routes = [self._plan(link) for link in self.links]
        self._place_columns()
        self._assign_ports()
        self._place_rows()
        self._draw_routes()

    @staticmethod
    def _lines(ordered):
        """Rows of at most MAX_PER_LINE boxes, a long group split evenly over several."""
        lines = []
        for layer, group in itertools.groupby(ordered, key=_layer):
            group = list(group)
            count = -(-len(group) // MAX_PER_LINE)
            size = -(-len(group) // count)
            lines.extend((layer, group[start : start + size]) for start in range(0, len(group), size))
        return lines

    def _plan(self, link):
        s, t = self.boxes[link.from_body_id], self.boxes[link.to_body_id]
        down = t.line > s.line
        if s.line == t.line and abs(s.col - t.col) == 1:
            right = t.col > s.col
            return _Route(link, s, t, "side", "right" if right else "left", "left" if right else "right")
        if abs(s.line - t.line) == 1:
            return _Route(link, s, t, "straight", "bottom" if down else "top", "top" if down else "bottom")
        if s.line == t.line:
            return _Route(link, s, t, "under", "bottom", "bottom", channels=(s.line + 1, s.line + 1))
        channels = (s.line + 1, t.line) if down else (s.line, t.line + 1)
        # The gap between columns that keeps the arrow shortest; of those, the least used, then the nearest the target.
        sx, tx = s.col + 0.5, t.col + 0.5
        gap = min(
            range(self.columns + 1),
            key=lambda g: (abs(g - sx) + abs(g - tx), self.gap_use.get(g, 0), abs(g - tx), g),
        )
        self.gap_use[gap] = self.gap_use.get(gap, 0) + 1
        return _Route(
            link, s, t, "detour", "bottom" if down else "top", "top" if down else "bottom", channels=channels, gap=gap
        )

    def _place_columns(self):
        """Give each vertical run its own track in its gap, then size the gaps and place the columns."""
        tracks_per_gap = [0] * (self.columns + 1)
        detours = [route for route in self.routes if route.shape == "detour"]
        for gap in range(self.columns + 1):
            spans = [(min(r.channels), max(r.channels), r) for r in detours if r.gap == gap]
            allocated = _allocate_tracks(spans, separation=0.5)
            for route, track in allocated.items():
                route.gap_track = track
            tracks_per_gap[gap] = max(allocated.values(), default=-1) + 1
        self.gap_widths = [max(GAP_MIN, 2 * GAP_PAD + (n - 1) * TRACK) for n in tracks_per_gap]
        self.tracks_per_gap = tracks_per_gap
        x = MARGIN + LABEL_W
        self.gap_x = []  # left edge of each gap
        self.column_x = []
        for col in range(self.columns):
            self.gap_x.append(x)
            x += self.gap_widths[col]
            self.column_x.append(x)
            x += BOX_W
        self.gap_x.append(x)
        self.width = x + self.gap_widths[self.columns] + MARGIN
        for box in self.boxes.values():
            box.x = self.column_x[box.col]

    def gap_track_x(self, route):
        gap, tracks = route.gap, self.tracks_per_gap[route.gap]
        centre = self.gap_x[gap] + self.gap_widths[gap] / 2
        return centre + (route.gap_track - (tracks - 1) / 2) * TRACK

    def _assign_ports(self):
        """Spread the ends of arrows along the sides of the boxes, ordered by where each arrow heads.

        The bottom of a box and the top of the box below it face the same
        channel over the same width, so their ends are spread together: no
        two arrows leave or enter that stretch of channel at the same x.
        """
        slots = {}
        for order, route in enumerate(self.routes):
            for end, box, other, side in (
                ("source", route.source, route.target, route.source_side),
                ("target", route.target, route.source, route.target_side),
            ):
                if side in ("left", "right"):
                    stretch, key = (box.body.pk, side), order
                else:
                    channel = box.line + 1 if side == "bottom" else box.line
                    toward = self.gap_track_x(route) if route.shape == "detour" else other.cx
                    stretch, key = (channel, box.col), (toward, order)
                # An arrow straight down to the box below takes one slot for both its ends, and so runs upright.
                slots.setdefault(stretch, {}).setdefault((key, route), []).append(end)
        for stretch in slots.values():
            ordered = sorted(stretch.items(), key=lambda item: item[0][0])
            for position, ((_, route), ends) in enumerate(ordered):
                for end in ends:
                    route.ports[end] = (position + 1) / (len(ordered) + 1)

    def port_x(self, route, end):
        box = route.source if end == "source" else route.target
        return box.x + BOX_W * route.ports[end]

    def _place_rows(self):
        """Give each horizontal run its own track in its channel, then size the channels and place the rows."""
        count = len(self.lines)
        spans_per_channel = {channel: [] for channel in range(count + 1)}
        for route in self.routes:
            if route.shape == "under":
                xs = (self.port_x(route, "source"), self.port_x(route, "target"))
                spans_per_channel[route.channels[0]].append((min(xs), max(xs), (route, 0)))
            elif route.shape == "detour":
                gx = self.gap_track_x(route)
                for leg, end in enumerate(("source", "target")):
                    xs = (self.port_x(route, end), gx)
                    spans_per_channel[route.channels[leg]].append((min(xs), max(xs), (route, leg)))
        self.tracks_per_channel = []
        for channel in range(count + 1):
            allocated = _allocate_tracks(spans_per_channel[channel], separation=TRACK)
            for (route, leg), track in allocated.items():
                route.channel_tracks[leg] = track
            self.tracks_per_channel.append(max(allocated.values(), default=-1) + 1)
        heights = []
        for channel, tracks in enumerate(self.tracks_per_channel):
            if channel in (0, count):
                least = CHANNEL_EDGE
            elif self.lines[channel][0] != self.lines[channel - 1][0]:
                least = CHANNEL_MIN
            else:
                least = CHANNEL_MIN_IN_LAYER
            heights.append(max(least, 2 * CHANNEL_PAD + (tracks - 1) * TRACK) if tracks else least)
        self.channel_heights = heights
        self.channel_top = []
        self.line_y = []
        y = 0
        for line in range(count):
            self.channel_top.append(y)
            y += heights[line]
            self.line_y.append(y)
            y += BOX_H
        self.channel_top.append(y)
        self.height = y + heights[count]
        for box in self.boxes.values():
            box.y = self.line_y[box.line]
        self.bands = []
        for layer, lines in itertools.groupby(range(count), key=lambda line: self.lines[line][0]):
            lines = list(lines)
            first, last = lines[0], lines[-1]
            top = 0 if first == 0 else self.channel_top[first] + heights[first] / 2
            bottom = self.height if last == count - 1 else self.channel_top[last + 1] + heights[last + 1] / 2
            self.bands.append(_Band(LAYERS[layer][0], top, bottom, self.line_y[first], self.line_y[last]))

    def channel_track_y(self, channel, track):
        tracks = self.tracks_per_channel[channel]
        centre = self.channel_top[channel] + self.channel_heights[channel] / 2
        return centre + (track - (tracks - 1) / 2) * TRACK

    def _draw_routes(self):
        for route in self.routes:
            s, t = route.source, route.target
            if route.shape == "side":
                route.points = [
                    (s.side_x(route.source_side), s.y + BOX_H * route.ports["source"]),
                    (t.side_x(route.target_side), t.y + BOX_H * route.ports["target"]),
                ]
                continue
            sx, tx = self.port_x(route, "source"), self.port_x(route, "target")
            sy, ty = s.side_y(route.source_side), t.side_y(route.target_side)
            if route.shape == "straight":
                route.points = [(sx, sy), (tx, ty)]
            elif route.shape == "under":
                y = self.channel_track_y(route.channels[0], route.channel_tracks[0])
                route.points = [(sx, sy), (sx, y), (tx, y), (tx, ty)]
            else:
                y1 = self.channel_track_y(route.channels[0], route.channel_tracks[0])
                y2 = self.channel_track_y(route.channels[1], route.channel_tracks[1])
                gx = self.gap_track_x(route)
                route.points = [(sx, sy), (sx, y1), (gx, y1), (gx, y2), (tx, y2), (tx, ty)]


def _allocate_tracks(spans, *, separation):
    """Map the owner of each (start, end, owner) span to the lowest track free of other spans (interval colouring)."""
    track_ends, tracks = [], {}
    for start, end, owner in sorted(spans, key=lambda span: (span[0], span[1])):
        track = next((n for n, last in enumerate(track_ends) if last + separation <= start), len(track_ends))
        if track == len(track_ends):
            track_ends.append(end)
        track_ends[track] = end
        tracks[owner] = track
    return tracks


# Text


# Advance widths of Arial (and the metric-compatible Liberation Sans) in
# thousandths of an em, to wrap names without a font engine.
_WIDTHS = {
    **dict.fromkeys("'", 191),
    **dict.fromkeys("ijl’", 222),
    **dict.fromkeys(" ftI.,:;!/\\[]", 278),
    **dict.fromkeys('r-()`"', 333),
    **dict.fromkeys("ckvxyzsJ*?", 500),
    **dict.fromkeys("+=<>", 584),
    **dict.fromkeys("FTZ", 611),
    **dict.fromkeys("ABEKPSVXY&", 667),
    **dict.fromkeys("CDHNRUw", 722),
    **dict.fromkeys("GOQ", 778),
    **dict.fromkeys("mM", 833),
    **dict.fromkeys("W", 944),
    **dict.fromkeys("@…—", 1000),
}


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text_width(text, size, bold=False):
    return sum(_WIDTHS.get(char, 556) for char in text) * size / 1000 * (1.08 if bold else 1)


def _wrap(text, size, width, max_lines, bold=False):
    """Break `text` into at most `max_lines` lines that fit `width`, ending with an ellipsis if it is cut short."""
    lines = []
    for word in text.split():
        while _text_width(word, size, bold) > width:
            cut = max(1, max(n for n in range(len(word) + 1) if _text_width(word[:n], size, bold) <= width))
            lines.append(word[:cut])
            word = word[cut:]
        if lines and _text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        elif word:
            lines.append(word)
    if len(lines) > max_lines:
        last = " ".join(lines[max_lines - 1 :])
        while last and _text_width(last + "…", size, bold) > width:
            last = last[:-1].rstrip()
        lines = [*lines[: max_lines - 1], last + "…"]
    return lines


def _clean(text):
    """The text without the characters XML cannot hold."""
    return _NOT_XML.sub("", str(text))


def _attrs(**attrs):
    """Attributes in the given order; a trailing underscore is dropped and other underscores become hyphens."""
    parts = []
    for name, value in attrs.items():
        if value is None or value == "":
            continue
        name = name.rstrip("_").replace("_", "-")
        if isinstance(value, int | float):
            value = _num(value)
        parts.append(f" {name}={quoteattr(_clean(value))}")
    return "".join(parts)


def _num(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _count(number, singular, plural):
    return f"{number} {singular if number == 1 else plural}"


def _status_label(body, on):
    status = body.status_on(on)
    if status == Status.ACTIVE:
        return ""
    return Status(status).label.lower() if status else "not yet established"


# Drawing


def _marker_ids(kinds):
    ids, used = {}, set()
    for kind in kinds:
        base = "fw-arrow-" + "".join(char if char.isalnum() else "-" for char in str(kind).lower())
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        ids[kind] = candidate
    return ids


def _render(layout, *, on, title):
    legend_kinds = list(LinkKind.values) + sorted({link.kind for link in layout.links} - set(LinkKind.values))
    legend_labels = {kind: LinkKind(kind).label for kind in LinkKind.values}
    for link in layout.links:
        legend_labels.setdefault(link.kind, link.get_kind_display())
    markers = _marker_ids(legend_kinds)
    width = max(layout.width, LEGEND_MIN_W)
    legend, legend_height = _legend(legend_kinds, legend_labels, markers, top=layout.height, width=width)
    height = layout.height + legend_height
    summary = (
        f"{_count(len(layout.bodies), 'body', 'bodies')} and {_count(len(layout.links), 'link', 'links')}"
        f" as at {british_date(on)}. Bodies are boxes in rows by kind; arrows show how they are linked;"
        " each box links to the body's page."
    )
    out = [
        f"<svg{_attrs(xmlns='http://www.w3.org/2000/svg', role='group', aria_labelledby='fw-title', aria_describedby='fw-desc', viewBox=f'0 0 {_num(width)} {_num(height)}', width=width, height=height, font_family=FONT_FAMILY)}>",
        f'<title id="fw-title">{escape(_clean(title))}</title>',
        f'<desc id="fw-desc">{escape(summary)}</desc>',
        "<defs>",
    ]
    for kind in legend_kinds:
        colour, _ = _link_style(kind)
        out.append(
            f"<marker{_attrs(id=markers[kind], viewBox='0 0 10 10', refX='10', refY='5', markerWidth=ARROW, markerHeight=ARROW, markerUnits='userSpaceOnUse', orient='auto')}>"
            f"<path{_attrs(d='M0,0 L10,5 L0,10 z', fill=colour)}/></marker>"
        )
    out.append("</defs>")

    out.append('<g aria-hidden="true">')
    for number, band in enumerate(layout.bands):
        out.append(
            f"<rect{_attrs(x='0', y=band.top, width=_num(width), height=band.bottom - band.top, fill=BAND_FILLS[number % 2])}/>"
        )
    out.append("</g>")

    for band in layout.bands:
        lines = _wrap(band.label, NAME_SIZE, LABEL_W - 8, 4, bold=True)
        middle = (band.first_line_y + band.last_line_y + BOX_H) / 2
        first = middle - (len(lines) - 1) * NAME_LINE / 2 + NAME_SIZE * 0.35
        spans = "".join(
            f"<tspan{_attrs(x=MARGIN, y=first + n * NAME_LINE)}>{escape(line)}</tspan>" for n, line in enumerate(lines)
        )
        out.append(f"<text{_attrs(font_size=NAME_SIZE, font_weight='bold', fill=TEXT)}>{spans}</text>")

    # The arrows repeat the text alternative beside the drawing, so they are hidden from screen readers.
    out.append('<g aria-hidden="true" fill="none" stroke-width="1.75">')
    for route in layout.routes:
        link, colour_dash = route.link, _link_style(route.link.kind)
        points = " ".join(f"{_num(x)},{_num(y)}" for x, y in route.points)
        words = f"{route.source.body.name} {link.get_kind_display()} {route.target.body.name}"
        out.append(
            f"<polyline{_attrs(class_='fw-link', points=points, stroke=colour_dash[0], stroke_dasharray=colour_dash[1], marker_end=f'url(#{markers[link.kind]})')}>"
            f"<title>{escape(_clean(words))}</title></polyline>"
        )
    out.append("</g>")

    for body in layout.bodies:
        out.append(_box(layout.boxes[body.pk], on))
    out.extend(legend)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _box(box, on):
    body = box.body
    status = _status_label(body, on)
    lines = _wrap(_clean(body.short_name or body.name), NAME_SIZE, BOX_W - 2 * BOX_PAD, NAME_LINES)
    # The accessible name starts with the text on the box (WCAG 2.5.3, label in name).
    visible = " ".join(lines) + (f" ({status})" if status else "")
    shown = " ".join(lines)
    label = (
        f"{visible}, {body.get_kind_display()}"
        if shown == body.name
        else f"{visible}: {body.name}, {body.get_kind_display()}"
    )
    block = len(lines) * NAME_LINE + (STATUS_LINE if status else 0)
    baseline = box.y + (BOX_H - block) / 2 + NAME_SIZE - 1
    spans = [
        f"<tspan{_attrs(x=box.cx, y=baseline + n * NAME_LINE)}>{escape(line)}</tspan>" for n, line in enumerate(lines)
    ]
    if status:
        spans.append(
            f"<tspan{_attrs(x=box.cx, y=baseline + len(lines) * NAME_LINE + 1, font_size=STATUS_SIZE, font_style='italic', fill=SECONDARY_TEXT)}>"
            f"({escape(status)})</tspan>"
        )
    return (
        f"<a{_attrs(href=body.get_absolute_url(), aria_label=label)}>"
        f"<rect{_attrs(x=box.x, y=box.y, width=BOX_W, height=BOX_H, rx='4', fill=BOX_FILL, stroke=TEXT, stroke_width='1.25')}/>"
        f"<text{_attrs(font_size=NAME_SIZE, text_anchor='middle', fill=TEXT)}>{' '.join(spans)}</text></a>"
    )


def _legend(kinds, labels, markers, *, top, width):
    """The key to the line styles, flowed into rows under the drawing; return its parts and its height."""
    right = width - MARGIN
    y = top + 24
    out = [
        "<g>",
        f"<line{_attrs(x1=MARGIN, y1=top, x2=right, y2=top, stroke=SECONDARY_TEXT, stroke_width='1')}/>",
        f"<text{_attrs(x=MARGIN, y=y, font_size=NAME_SIZE, fill=TEXT)}>"
        f'<tspan font-weight="bold">Key.</tspan> Read an arrow from A to B as “A {escape(labels[kinds[0]])} B”.'
        "</text>",
    ]
    x, y = MARGIN, y + 24
    for kind in kinds:
        colour, dash = _link_style(kind)
        text = _clean(labels[kind])
        entry = LEGEND_SAMPLE + 8 + _text_width(text, NAME_SIZE) + 28
        if x > MARGIN and x + entry > right:
            x, y = MARGIN, y + 22
        out.append(
            f"<line{_attrs(x1=x, y1=y - 4, x2=x + LEGEND_SAMPLE, y2=y - 4, stroke=colour, stroke_width='1.75', stroke_dasharray=dash, marker_end=f'url(#{markers[kind]})')}/>"
        )
        out.append(f"<text{_attrs(x=x + LEGEND_SAMPLE + 8, y=y, font_size=NAME_SIZE, fill=TEXT)}>{escape(text)}</text>")
        x += entry
    out.append("</g>")
    return out, y - top + 16
