"""Charts as inline SVG, drawn on the server: no script, no external library, no `style=`
(the Content-Security-Policy forbids inline styles): colours come from classes in
static/style.css."""

from __future__ import annotations

from html import escape

from beloftemeter.analysis.rollup import Rollup
from beloftemeter.models.assessment import NOT_VERIFIABLE, STATUSES
from beloftemeter.reports.html import STATUS_CLASSES


def status_bar(r: Rollup, width: int = 240, height: int = 14) -> str:
    """One horizontal bar split by status, with a text alternative."""
    label = f"{r.promises} beloften: " + ", ".join(
        f"{r.counts[s]} {s}" for s in STATUSES if r.counts.get(s))
    if not r.promises:
        return (f'<svg class="bar" width="{width}" height="{height}" role="img"'
                ' aria-label="geen beloften"></svg>')
    parts, x = [], 0.0
    for status in STATUSES:
        n = r.counts.get(status, 0)
        if not n:
            continue
        w = width * n / r.promises
        css = STATUS_CLASSES.get(status, STATUS_CLASSES[NOT_VERIFIABLE])
        parts.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}"'
                     f' class="{css}"><title>{n} {escape(status)}</title></rect>')
        x += w
    return (f'<svg class="bar" width="{width}" height="{height}" role="img"'
            f' aria-label="{escape(label)}">{"".join(parts)}</svg>')


def column_chart(points: list[tuple[str, int]], width: int = 720, height: int = 180) -> str:
    """Vertical bars (e.g. decisions per quarter) with labels under every fourth bar."""
    if not points:
        return ""
    top = max(n for _, n in points) or 1
    step = width / len(points)
    bars = []
    for i, (label, n) in enumerate(points):
        h = (height - 30) * n / top
        x = i * step
        bars.append(f'<rect x="{x + 1:.1f}" y="{height - 20 - h:.1f}" width="{step - 2:.1f}"'
                    f' height="{h:.1f}"><title>{escape(label)}: {n}</title></rect>')
        if i % 4 == 0:
            bars.append(f'<text x="{x:.1f}" y="{height - 5}">{escape(label)}</text>')
    summary = ", ".join(f"{label}: {n}" for label, n in points)
    return (f'<svg class="kolommen" width="{width}" height="{height}" role="img"'
            f' aria-label="{escape(summary)}">' + "".join(bars) + "</svg>")
