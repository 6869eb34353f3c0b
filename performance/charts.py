"""An indicator's values against its targets over time, as an accessible SVG: a pure function.

The SVG is an image with a title and a description (`role="img"`,
`aria-labelledby`), drawn without script. The page puts the same figures in a
table beside it and a sentence that says what it shows (`summary`), so nobody
needs to see the chart. Values and targets differ by more than colour: values
are a solid line with round markers, targets a dashed line with square ones, and
the legend says so in words. Black and dark blue on white print as they show.
"""

import math
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from performance import status as statuses

WIDTH = 560
HEIGHT = 300
LEFT = 64
RIGHT = 16
TOP = 40
BOTTOM = 72
VALUE_COLOUR = "#0b0c0c"
TARGET_COLOUR = "#1d70b8"


@dataclass(frozen=True)
class Point:
    label: str
    value: Decimal | None
    target: Decimal | None
    status: str | None = None


def number(value: Decimal | None) -> str:
    """A figure as people read it: 12.5, 1,200, -3 (no trailing zeros)."""
    if value is None:
        return ""
    value = Decimal(value)
    return f"{value.normalize():,f}"


def _nice_step(span: float) -> float:
    raw = span / 4 or 1
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude


def _scale(points):
    """The axis: from a round figure below the lowest to one above the highest, in four or so steps.

    A line chart need not start at zero: the axis starts at zero only when the figures come near it,
    and its labels say where it starts.
    """
    figures = [float(f) for p in points for f in (p.value, p.target) if f is not None]
    if not figures:
        return 0.0, 1.0, 0.25
    low, high = min(figures), max(figures)
    if high == low:
        low, high = low - abs(low) * 0.1 - 1, high + abs(high) * 0.1 + 1
    step = _nice_step(high - low)
    floor = step * math.floor(low / step)
    # Figures as near zero as they are far apart: the axis starts at zero.
    if 0 <= low <= high - low or (low >= 0 and floor - step < 0):
        floor = 0.0
    top = floor
    while top < high:
        top += step
    return floor, top, step


def summary(name: str, unit: str, points: list[Point]) -> str:
    """One or two sentences that say what the chart shows."""
    valued = [p for p in points if p.value is not None]
    if not points:
        return f"{name} has no targets or values to show yet."
    span = f"from {points[0].label} to {points[-1].label}" if len(points) > 1 else f"for {points[0].label}"
    if not valued:
        return f"{name}: targets {span}; no values have been published yet."
    latest = valued[-1]
    figure = f"{number(latest.value)} {unit}".strip()
    sentence = (
        f"{name}: {len(valued)} of {len(points)} periods {span} have a value. The latest, {figure} for {latest.label}"
    )
    if latest.target is None:
        return f"{sentence}, has no target."
    state = statuses.LABELS[latest.status].lower() if latest.status else "without a status"
    return f"{sentence}, is {state} against a target of {number(latest.target)}."


def _line(coords, colour, dashed):
    if len(coords) < 2:
        return ""
    path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(coords))
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    return f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'


def _runs(points, attribute, xs, y_of):
    """The line drawn through consecutive periods that have a figure: a gap breaks it."""
    runs, current = [], []
    for x, point in zip(xs, points, strict=True):
        figure = getattr(point, attribute)
        if figure is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((x, y_of(figure)))
    if current:
        runs.append(current)
    return runs


def chart_svg(points: list[Point], *, title: str, unit: str, id_prefix: str = "chart") -> str:
    """The SVG of `points` (oldest first): values (solid, round markers) and targets (dashed, square markers)."""
    low, high, step = _scale(points)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    count = max(len(points), 1)
    xs = [LEFT + plot_width * (i + 0.5) / count for i in range(len(points))]

    def y_of(figure):
        return TOP + plot_height * (1 - (float(figure) - low) / (high - low))

    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="{title_id} {desc_id}" focusable="false">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(summary(title, unit, points))}</desc>',
        '<rect x="0" y="0" width="100%" height="100%" fill="#ffffff"/>',
    ]
    # The axes, with the unit and gridlines at round figures.
    tick = low
    while tick <= high + step / 1000:
        y = y_of(tick)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#b1b4b6" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="14" fill="#0b0c0c">'
            f"{escape(number(Decimal(str(round(tick, 6)))))}</text>"
        )
        tick += step
    parts.append(f'<text x="4" y="{TOP - 16}" font-size="14" fill="#0b0c0c">{escape(unit)}</text>')
    # Every period's label if they fit side by side, else every second, third... (the table has them all).
    widest = max((len(point.label) for point in points), default=1) * 8 + 10
    every = max(1, math.ceil(len(points) * widest / plot_width))
    for i, (x, point) in enumerate(zip(xs, points, strict=True)):
        if i % every == 0:
            parts.append(
                f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" font-size="14" fill="#0b0c0c">'
                f"{escape(point.label)}</text>"
            )
    # Targets: dashed, square markers.
    for run in _runs(points, "target", xs, y_of):
        parts.append(_line(run, TARGET_COLOUR, dashed=True))
        parts.extend(
            f'<rect class="app-chart__target" x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="#ffffff" '
            f'stroke="{TARGET_COLOUR}" stroke-width="2"/>'
            for x, y in run
        )
    # Values: solid, round markers; a value off track has a cross through its marker.
    for run in _runs(points, "value", xs, y_of):
        parts.append(_line(run, VALUE_COLOUR, dashed=False))
    for x, point in zip(xs, points, strict=True):
        if point.value is None:
            continue
        y = y_of(point.value)
        parts.append(f'<circle class="app-chart__value" cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{VALUE_COLOUR}"/>')
        if point.status == statuses.OFF_TRACK:
            parts.append(
                f'<path d="M{x - 8:.1f},{y - 8:.1f} L{x + 8:.1f},{y + 8:.1f} M{x - 8:.1f},{y + 8:.1f} '
                f'L{x + 8:.1f},{y - 8:.1f}" stroke="{VALUE_COLOUR}" stroke-width="2"/>'
            )
    # The legend, in words.
    legend_y = HEIGHT - 14
    parts += [
        f'<line x1="{LEFT}" x2="{LEFT + 28}" y1="{legend_y}" y2="{legend_y}" stroke="{VALUE_COLOUR}" stroke-width="2"/>',
        f'<circle cx="{LEFT + 14}" cy="{legend_y}" r="5" fill="{VALUE_COLOUR}"/>',
        f'<text x="{LEFT + 34}" y="{legend_y + 4}" font-size="14" fill="#0b0c0c">Value (a cross: off track)</text>',
        f'<line x1="{LEFT + 210}" x2="{LEFT + 238}" y1="{legend_y}" y2="{legend_y}" stroke="{TARGET_COLOUR}" '
        'stroke-width="2" stroke-dasharray="6 4"/>',
        f'<rect x="{LEFT + 220}" y="{legend_y - 4}" width="8" height="8" fill="#ffffff" stroke="{TARGET_COLOUR}" '
        'stroke-width="2"/>',
        f'<text x="{LEFT + 244}" y="{legend_y + 4}" font-size="14" fill="#0b0c0c">Target</text>',
        "</svg>",
    ]
    return "".join(part for part in parts if part)
