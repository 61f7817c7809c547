"""Inline SVG charts for the briefing page, drawn by hand so the page renders offline.

Each function returns an ``<svg>`` element as a string (no scripts, no external fonts), sized
in CSS pixels with a viewBox so the page can scale it. Every label goes through
``html.escape``: actor names and titles come from the news.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

# Tone colours by PLOVER quad class (see sql/models/staging/010_plover_types.sql); blues cooperate,
# oranges and reds conflict, so the network and the mix read the same way.
QUAD_COLOURS = {
    "verbal cooperation": "#6aaed6",
    "material cooperation": "#2166ac",
    "verbal conflict": "#f4a259",
    "material conflict": "#c0392b",
}
SERIES_COLOURS = ["#2166ac", "#c0392b", "#1b9e77", "#7570b3", "#e6ab02", "#666666"]
NEUTRAL = "#999999"
LINE_WIDTH = 2.5
_FONT = 'font-family="system-ui, sans-serif"'


def _svg(width: int, height: int, body: list[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(label)}" {_FONT} font-size="12">'
        + "".join(body)
        + "</svg>"
    )


def _text(x: float, y: float, content: str, **attributes: str) -> str:
    """A <text> element; ``text_anchor="end"`` becomes ``text-anchor="end"``."""
    extra = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attributes.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(content)}</text>'


def _nice_ceiling(value: float) -> int:
    """The axis maximum: value rounded up to 1, 2 or 5 times a power of ten."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    return next(int(step * magnitude) for step in (1, 2, 5, 10) if step * magnitude >= value)


def line_chart(x_labels: list[str], series: dict[str, list[int]], title: str,
               width: int = 640, height: int = 260) -> str:
    """One line per series over the same x positions, with a y grid and a legend."""
    left, right, top, bottom = 40, 150, 24, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((max(v) for v in series.values() if v), default=1)
    # Whole-number ticks (counts), at most five of them.
    tick = _nice_ceiling(peak / 4) if peak > 4 else 1
    y_max = max(1, tick * math.ceil(peak / tick))
    step = plot_w / max(1, len(x_labels) - 1)

    def x(i: int) -> float:
        return left + i * step

    def y(v: float) -> float:
        return top + plot_h - v / y_max * plot_h

    body = [_text(left, 14, title, font_weight="600")]
    for v in range(0, y_max + 1, tick):
        body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#e5e5e5"/>')
        body.append(_text(left - 6, y(v) + 4, str(v), text_anchor="end", fill="#555"))
    every = max(1, math.ceil(len(x_labels) / 7))
    for i, label in enumerate(x_labels):
        # Every few days, counted back from the last so the latest day is always labelled.
        if (len(x_labels) - 1 - i) % every == 0:
            body.append(_text(x(i), height - 14, label, text_anchor="middle", fill="#555"))
    # Series with equal values on a day would be drawn on top of each other, hiding all but the
    # last: each later series on an already drawn point is lifted by a line's width.
    drawn: dict[tuple[int, int], int] = {}
    for n, (name, values) in enumerate(series.items()):
        colour = SERIES_COLOURS[n % len(SERIES_COLOURS)]
        lifted = []
        for i, v in enumerate(values):
            lifted.append(y(v) - LINE_WIDTH * drawn.get((i, v), 0))
            drawn[i, v] = drawn.get((i, v), 0) + 1
        points = " ".join(f"{x(i):.1f},{ly:.1f}" for i, ly in enumerate(lifted))
        body.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{LINE_WIDTH}"/>')
        body += [f'<circle cx="{x(i):.1f}" cy="{ly:.1f}" r="3" fill="{colour}"/>'
                 for i, (v, ly) in enumerate(zip(values, lifted)) if v]
        legend_y = top + 8 + n * 18
        body.append(f'<rect x="{width - right + 14}" y="{legend_y - 9}" width="12" height="4" fill="{colour}"/>')
        body.append(_text(width - right + 32, legend_y - 3, name))
    return _svg(width, height, body, title)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    colour: str


def bar_chart(bars: list[Bar], title: str, width: int = 640, bar_height: int = 20) -> str:
    """Horizontal bars, largest first as given, each labelled with its value."""
    left, top = 110, 28
    height = top + max(1, len(bars)) * (bar_height + 6) + 8
    plot_w = width - left - 50
    v_max = max((b.value for b in bars), default=1) or 1
    body = [_text(0, 14, title, font_weight="600")]
    for i, bar in enumerate(bars):
        y = top + i * (bar_height + 6)
        w = max(2.0, bar.value / v_max * plot_w)
        body.append(_text(left - 8, y + bar_height * 0.7, bar.label, text_anchor="end"))
        body.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{bar.colour}"/>')
        body.append(_text(left + w + 6, y + bar_height * 0.7, str(bar.value), fill="#333"))
    if not bars:
        body.append(_text(left, top + 14, "no events coded this day", fill="#777"))
    return _svg(width, height, body, title)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    weight: int       # stories
    colour: str
    domestic: bool = False  # both actors of one country (police against protesters): drawn dashed


def network_chart(edges: list[Edge], title: str, legend: str = "", size: int = 600) -> str:
    """Actors on a circle (grouped by name order), arrows from actor to the actor acted on.

    A circle layout is deterministic and never overlaps nodes; with the few dozen actors of a
    day it reads better than a force layout, which would need iterations and a random seed.
    Labels sit outside the ring, right of the centre line starting at their node, left of it
    ending there; on each side they are pushed apart to one line each (a thin leader joins a
    moved label to its node) and cut to the room left in the picture (the full name is the
    label's tooltip).
    """
    nodes = sorted({e.source for e in edges} | {e.target for e in edges})
    degree = {n: 0 for n in nodes}
    for e in edges:
        degree[e.source] += e.weight
        degree[e.target] += e.weight
    top = 30 if legend else 10  # below the title (and the legend line)
    height = size + top + 10
    centre, radius = size / 2, size / 2 - 130  # room for labels outside the ring
    position = {
        n: (centre + radius * math.cos(2 * math.pi * i / len(nodes) - math.pi / 2),
            centre + top + radius * math.sin(2 * math.pi * i / len(nodes) - math.pi / 2))
        for i, n in enumerate(nodes)
    }
    w_max = max((e.weight for e in edges), default=1)
    body = [_text(0, 14, title, font_weight="600")]
    if legend:
        body.append(_text(0, 30, legend, fill="#555"))
    body.append("<defs>")
    for colour in sorted({e.colour for e in edges}):
        body.append(
            f'<marker id="arrow{colour[1:]}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" '
            f'markerHeight="10" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    body.append("</defs>")
    node_r = {n: 5 + 9 * math.sqrt(degree[n] / max(degree.values())) for n in nodes}
    for e in sorted(edges, key=lambda e: e.weight):
        (x1, y1), (x2, y2) = position[e.source], position[e.target]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        # Stop the arrow at the target's rim, and bend it so A->B and B->A stay apart.
        x2e, y2e = x2 - (x2 - x1) / length * (node_r[e.target] + 2), y2 - (y2 - y1) / length * (node_r[e.target] + 2)
        mx, my = (x1 + x2e) / 2 + (y2e - y1) * 0.12, (y1 + y2e) / 2 - (x2e - x1) * 0.12
        width = 1.2 + 4 * e.weight / w_max
        dashes = ' stroke-dasharray="6 4"' if e.domestic else ""
        body.append(
            f'<path d="M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {x2e:.1f},{y2e:.1f}" fill="none" stroke="{e.colour}" '
            f'stroke-width="{width:.1f}" stroke-opacity="0.8"{dashes} marker-end="url(#arrow{e.colour[1:]})">'
            f"<title>{escape(e.source)} → {escape(e.target)}{' (domestic)' if e.domestic else ''}: "
            f"{e.weight} stories</title></path>"
        )
    label_y = _spread_labels(nodes, position, centre, height)
    for n in nodes:
        x, y = position[n]
        right = x >= centre - 1
        lx = x + (node_r[n] + 5) * (1 if right else -1)
        room = (size - lx if right else lx) - 2
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{node_r[n]:.1f}" fill="#fff" stroke="#333" stroke-width="1.5"/>')
        if abs(label_y[n] - (y + 4)) > 3:
            body.append(f'<line x1="{x + node_r[n] * (1 if right else -1):.1f}" y1="{y:.1f}" x2="{lx:.1f}" '
                        f'y2="{label_y[n] - 4:.1f}" stroke="#bbb" stroke-width="0.8"/>')
        shown = _fit(n, room)
        body.append(f'<text x="{lx:.1f}" y="{label_y[n]:.1f}" text-anchor="{"start" if right else "end"}">'
                    f"<title>{escape(n)}</title>{escape(shown)}</text>")
    if not nodes:
        body.append(_text(centre, centre + top, "no actor pairs this day", text_anchor="middle", fill="#777"))
    return _svg(size, height, body, title)


LABEL_LINE = 14  # px between label baselines: a 12 px line and a little air
LABEL_CHAR = 7.2  # px, a generous average width of a 12 px character (0.6 em)


def _spread_labels(nodes: list[str], position: dict[str, tuple[float, float]], centre: float,
                   height: float) -> dict[str, float]:
    """Each label's baseline: beside its node, pushed down (then up, near the bottom) so labels
    on the same side of the centre line stay a line apart."""
    placed: dict[str, float] = {}
    for right in (True, False):
        side = sorted((n for n in nodes if (position[n][0] >= centre - 1) == right), key=lambda n: position[n][1])
        ys = [position[n][1] + 4 for n in side]
        for k in range(1, len(ys)):
            ys[k] = max(ys[k], ys[k - 1] + LABEL_LINE)
        if ys and ys[-1] > height - 4:
            ys[-1] = height - 4
            for k in range(len(ys) - 2, -1, -1):
                ys[k] = min(ys[k], ys[k + 1] - LABEL_LINE)
        placed.update(zip(side, ys))
    return placed


def _fit(label: str, room: float) -> str:
    """``label`` cut with an ellipsis to about ``room`` pixels."""
    chars = max(4, int(room / LABEL_CHAR))
    return label if len(label) <= chars else label[:chars - 1].rstrip() + "…"
