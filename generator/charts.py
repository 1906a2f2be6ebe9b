"""Charts drawn at build time as inline SVG: no script, no library, no network.

A chart is static markup, so it ships with the page, prints, works from file:// and
is the same bytes on every build. Each chart carries its own text equivalent
(<title>, <desc> and aria-label); the page prints the same figures as a table.
Every text from data is XML-escaped here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 150, 20, 40
# Colour and shape both tell places apart, so the chart still reads printed in grey.
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")
SHAPES = ("circle", "square", "triangle", "diamond", "cross")


@dataclass(frozen=True)
class Point:
    """One target on a chart: a place's value (or range) for a year."""

    series: str
    year: int
    value: float
    value_max: float | None
    label: str


def number(value: float) -> str:
    """A value as people write it (98.5, 83, 12500), the same on every build."""
    return f"{value:g}" if abs(value) < 1e15 else f"{value:.0f}"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round axis ticks (steps of 1, 2 or 5 × 10ⁿ) that cover low..high."""
    if high <= low:
        high = low + (abs(low) or 1)
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 5, 10) if s * power >= raw)
    first = math.floor(low / step) * step
    ticks, tick = [], first
    while tick < high + step * 0.999:
        ticks.append(round(tick, 10))
        tick += step
    return ticks


def value_range(points: list[Point]) -> tuple[float, float]:
    """The values the axis must show; it starts at 0 unless the values sit close together far from 0."""
    low = min(p.value for p in points)
    high = max(p.value_max if p.value_max is not None else p.value for p in points)
    if low > 0 and (high - low) > high * 0.5:
        low = 0.0
    if low == high:
        return low - (abs(low) * 0.05 or 1), high + (abs(high) * 0.05 or 1)
    pad = (high - low) * 0.05  # no point sits on the frame
    return (low - pad if low > 0 else low), high + pad


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if shape == "triangle":
        return f'<path d="M{x:.1f} {y - 5:.1f}L{x + 5:.1f} {y + 4:.1f}H{x - 5:.1f}Z" fill="{colour}"/>'
    if shape == "diamond":
        return f'<path d="M{x:.1f} {y - 5:.1f}L{x + 5:.1f} {y:.1f}L{x:.1f} {y + 5:.1f}L{x - 5:.1f} {y:.1f}Z" fill="{colour}"/>'
    if shape == "cross":
        return (f'<path d="M{x - 4:.1f} {y - 4:.1f}L{x + 4:.1f} {y + 4:.1f}M{x - 4:.1f} {y + 4:.1f}L{x + 4:.1f} {y - 4:.1f}" '
                f'stroke="{colour}" stroke-width="2.5"/>')
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}"/>'


def _spread(wanted: list[float], gap: float = 13.0) -> list[float]:
    """Label positions near the wanted ones, at least ``gap`` apart (labels never overlap)."""
    placed: list[float] = []
    for y in wanted:
        placed.append(max(y, placed[-1] + gap) if placed else y)
    return placed


def dot_chart(points: list[Point], title: str, description: str, axis_label: str,
              reverse: bool = False) -> Markup:
    """A chart of value by year, one colour and shape per series, each point labelled.

    ``reverse`` puts the smallest value on top (a rank: 1 is first)."""
    series = sorted({p.series for p in points})
    style = {name: (COLOURS[i % len(COLOURS)], SHAPES[i % len(SHAPES)]) for i, name in enumerate(series)}
    years = sorted({p.year for p in points})
    first, last = years[0] - 1, years[-1] + 1
    low, high = value_range(points)
    ticks = nice_ticks(low, high)
    bottom, top = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(year: float) -> float:
        return LEFT + (year - first) / (last - first) * plot_w

    def y_of(value: float) -> float:
        share = (value - bottom) / (top - bottom)
        return TOP + (share if reverse else 1 - share) * plot_h

    parts = [f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#999"/>']
    for tick in ticks:
        y = y_of(tick)
        parts.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">{number(tick)}</text>')
    for year in range(first + 1, last):
        x = x_of(year)
        parts.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" font-size="11">{year}</text>')
    parts.append(f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle" font-size="11">目标年份</text>')
    parts.append(f'<text x="12" y="{TOP + plot_h / 2:.1f}" text-anchor="middle" font-size="11" '
                 f'transform="rotate(-90 12 {TOP + plot_h / 2:.1f})">{escape(axis_label)}</text>')
    ordered = sorted(points, key=lambda p: (p.year, -p.value if not reverse else p.value, p.series, p.label))
    for year in years:
        column = [p for p in ordered if p.year == year]
        column.sort(key=lambda p: y_of(p.value))
        label_ys = _spread([y_of(p.value) + 4 for p in column])
        for point, label_y in zip(column, label_ys):
            colour, shape = style[point.series]
            x, y = x_of(point.year), y_of(point.value)
            if point.value_max is not None:
                y2 = y_of(point.value_max)
                parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y:.1f}" y2="{y2:.1f}" stroke="{colour}" stroke-width="3"/>')
                parts.append(_marker(shape, x, y2, colour))
            parts.append(_marker(shape, x, y, colour))
            parts.append(f'<text x="{x + 8:.1f}" y="{label_y:.1f}" font-size="11" fill="{colour}">'
                         f'{escape(point.label)}</text>')
    for i, name in enumerate(series):
        colour, shape = style[name]
        y = TOP + 8 + i * 16
        parts.append(_marker(shape, WIDTH - RIGHT + 70, y, colour))
        parts.append(f'<text x="{WIDTH - RIGHT + 80}" y="{y + 4}" font-size="11">{escape(name)}</text>')
    return Markup(
        f'<svg class="hb-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}：{escape(description)}">'
        f'<title>{escape(title)}</title><desc>{escape(description)}</desc>' + "".join(parts) + "</svg>")


@dataclass(frozen=True)
class Mark:
    """One dated item on a timeline lane: a bar from ``start`` to ``end`` (years, fractional), or a point."""

    start: float
    end: float
    kind: str  # a key of MARK_STYLE
    text: str = ""


# How each kind of dated item is drawn; shape and colour both tell them apart in print.
MARK_STYLE = {"period": ("bar", "#c6dbef"), "phase": ("bar", "#6baed6"), "written": ("diamond", "#333333"),
              "published": ("diamond", "#777777"), "effective": ("diamond", "#aaaaaa"),
              "deadline": ("triangle", "#d62728"), "target": ("circle", "#2ca02c")}
MARK_NAMES = {"period": "规划期", "phase": "阶段", "written": "成文", "published": "发布", "effective": "生效",
              "deadline": "时限", "target": "指标目标年"}
LANE_H, LABEL_W = 26, 190


def timeline_chart(lanes: list[tuple[str, list[Mark]]], title: str, description: str) -> Markup:
    """Lanes (a label and its dated marks) over a shared axis of years, with a legend of the kinds drawn."""
    marks = [m for _, ms in lanes for m in ms]
    first = math.floor(min(m.start for m in marks))
    last = math.floor(max(m.end for m in marks)) + 1
    plot_w = WIDTH - LABEL_W - 40
    height = TOP + len(lanes) * LANE_H + 60

    def x_of(when: float) -> float:
        return LABEL_W + (when - first) / (last - first) * plot_w

    parts = []
    step = max(1, math.ceil((last - first) / 10))
    for year in range(first, last + 1, step):
        x = x_of(year)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{TOP + len(lanes) * LANE_H}" stroke="#ddd"/>')
        parts.append(f'<text x="{x:.1f}" y="{TOP + len(lanes) * LANE_H + 14}" text-anchor="middle" '
                     f'font-size="11">{year}</text>')
    for row, (label, lane_marks) in enumerate(lanes):
        y = TOP + row * LANE_H + LANE_H / 2
        parts.append(f'<text x="{LABEL_W - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11">'
                     f'{escape(label[:16] + ("…" if len(label) > 16 else ""))}</text>')
        for mark in sorted(lane_marks, key=lambda m: (MARK_STYLE[m.kind][0] != "bar", m.start)):
            shape, colour = MARK_STYLE[mark.kind]
            if shape == "bar":
                x1, x2 = x_of(mark.start), max(x_of(mark.end), x_of(mark.start) + 2)
                parts.append(f'<rect x="{x1:.1f}" y="{y - 6:.1f}" width="{x2 - x1:.1f}" height="12" fill="{colour}"/>')
            else:
                parts.append(_marker(shape, x_of(mark.end), y, colour))
    kinds = [k for k in MARK_STYLE if any(m.kind == k for m in marks)]
    legend_y = TOP + len(lanes) * LANE_H + 36
    x = LABEL_W
    for kind in kinds:
        shape, colour = MARK_STYLE[kind]
        parts.append(f'<rect x="{x - 5}" y="{legend_y - 5}" width="10" height="10" fill="{colour}"/>' if shape == "bar"
                     else _marker(shape, x, legend_y, colour))
        parts.append(f'<text x="{x + 9}" y="{legend_y + 4}" font-size="11">{MARK_NAMES[kind]}</text>')
        x += 24 + 12 * len(MARK_NAMES[kind])
    return Markup(
        f'<svg class="hb-chart hb-timeline" role="img" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}：{escape(description)}">'
        f'<title>{escape(title)}</title><desc>{escape(description)}</desc>' + "".join(parts) + "</svg>")
