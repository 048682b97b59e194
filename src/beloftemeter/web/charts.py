"""Charts as inline SVG, drawn on the server: no script, no external library, no `style=`
(the Content-Security-Policy forbids inline styles): colours come from classes in
static/style.css.

Both charts carry a viewBox and scale to the width CSS gives them, so a bar never runs over the
text beside it, at any screen width; counts are written next to a bar by the page, never on it.
"""

from __future__ import annotations

import math
from html import escape

from beloftemeter.analysis.rollup import Rollup
from beloftemeter.dutch_numbers import count_of, number
from beloftemeter.models.assessment import NOT_VERIFIABLE, STATUSES
from beloftemeter.reports.html import STATUS_CLASSES

BAR_WIDTH, BAR_HEIGHT = 240, 14


def status_bar(r: Rollup) -> str:
    """One horizontal bar split by status, with a text alternative."""
    label = count_of(r.promises, "belofte", "beloften") + ": " + ", ".join(
        f"{number(r.counts[s])} {s}" for s in STATUSES if r.counts.get(s))
    opening = (f'<svg class="bar" viewBox="0 0 {BAR_WIDTH} {BAR_HEIGHT}"'
               ' preserveAspectRatio="none" role="img"')
    if not r.promises:
        return f'{opening} aria-label="geen beloften"></svg>'
    parts, x = [], 0.0
    for status in STATUSES:
        n = r.counts.get(status, 0)
        if not n:
            continue
        w = BAR_WIDTH * n / r.promises
        css = STATUS_CLASSES.get(status, STATUS_CLASSES[NOT_VERIFIABLE])
        parts.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{BAR_HEIGHT}"'
                     f' class="{css}"><title>{number(n)} {escape(status)}</title></rect>')
        x += w
    return f'{opening} aria-label="{escape(label)}">{"".join(parts)}</svg>'


def axis_ticks(top: int, most: int = 5) -> list[int]:
    """Round values from 0 up to at least `top` for a vertical axis: steps of 1, 2 or 5
    times a power of ten, at most `most` of them after 0."""
    if top <= 0:
        return [0, 1]
    raw = top / most
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return list(range(0, math.ceil(top / step) * step + 1, step))


def _quarter(label: str) -> str:
    """'2021-K3' → '2021 K3' (what the tooltip and the text alternative say)."""
    return label.replace("-", " ")


def column_chart(points: list[tuple[str, int]], width: int = 720, height: int = 220) -> str:
    """Vertical bars of decisions per quarter ("2021-K3"), with the counts on a vertical axis
    (values and grid lines) and the year under each year's first quarter."""
    if not points:
        return ""
    left, bottom, top_margin = 40, 24, 8  # room for the axis values and the years
    ticks = axis_ticks(max(n for _, n in points))
    plot_h = height - bottom - top_margin
    step = (width - left) / len(points)

    def y(value: float) -> float:
        return top_margin + plot_h * (1 - value / ticks[-1])

    out = []
    for value in ticks:
        out.append(f'<line class="raster" x1="{left}" x2="{width}" y1="{y(value):.1f}"'
                   f' y2="{y(value):.1f}"/>')
        out.append(f'<text class="as" x="{left - 6}" y="{y(value) + 4:.1f}"'
                   f' text-anchor="end">{number(value)}</text>')
    for i, (label, n) in enumerate(points):
        x = left + i * step
        out.append(f'<rect x="{x + 1:.1f}" y="{y(n):.1f}" width="{max(step - 2, 1):.1f}"'
                   f' height="{y(0) - y(n):.1f}"><title>{escape(_quarter(label))}:'
                   f' {count_of(n, "beslissing", "beslissingen")}</title></rect>')
        year, _, quarter = label.partition("-")
        if quarter in {"K1", ""} or i == 0:
            out.append(f'<text class="jaar" x="{x + 1:.1f}" y="{height - 6}">'
                       f'{escape(year)}</text>')
    summary = "Beslissingen per kwartaal: " + ", ".join(
        f"{_quarter(label)}: {number(n)}" for label, n in points)
    return (f'<svg class="kolommen" viewBox="0 0 {width} {height}" role="img"'
            f' aria-label="{escape(summary)}">' + "".join(out) + "</svg>")
