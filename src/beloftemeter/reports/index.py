"""The index of `rapport --alles`: the status overview per chapter and a link to every
section's report, in the agreement's order."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass

from beloftemeter.analysis.rollup import Rollup
from beloftemeter.models.assessment import STATUSES


@dataclass(frozen=True)
class IndexEntry:
    key: str
    title: str
    path: str  # relative to the index
    promises: int
    counts: dict[str, int]


def render_index(chapters: Sequence[Rollup], entries: Sequence[IndexEntry], fmt: str) -> str:
    if fmt == "json":
        return json.dumps({
            "chapters": [r.as_dict() for r in chapters],
            "reports": [{"key": e.key, "title": e.title, "path": e.path,
                         "promises": e.promises, "per_status": e.counts} for e in entries],
        }, ensure_ascii=False, indent=1) + "\n"
    header = ["hoofdstuk", "beloften", *STATUSES, "met bewijs"]
    rows = [[r.title, str(r.promises), *(str(r.counts.get(s, 0)) for s in STATUSES),
             f"{r.evidence_share:.0%}"] for r in chapters]
    if fmt == "html":
        head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                       for row in rows)
        links = "".join(
            f'<li><a href="{html.escape(e.path)}">{html.escape(e.key)}</a>'
            f" {html.escape(e.title)} ({e.promises} beloften)</li>" for e in entries)
        return ("<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>"
                "Beloftemeter: rapporten</title><style>body{font-family:system-ui,sans-serif;"
                "margin:2rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                "padding:.2rem .5rem}</style></head><body><h1>Beloftemeter: rapporten per"
                f" sectie</h1><h2>Status per hoofdstuk</h2><table><tr>{head}</tr>{body}</table>"
                f"<h2>Rapporten</h2><ul>{links}</ul></body></html>\n")
    lines = ["# Beloftemeter: rapporten per sectie", "", "## Status per hoofdstuk", "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    lines += ["", "## Rapporten", ""]
    lines += [f"- [{e.key}]({e.path}) {e.title} ({e.promises} beloften)" for e in entries]
    return "\n".join(lines) + "\n"
