"""The reports folder's own index: the agreements of the store side by side, each with its
term, how far its promises are and a link to its reports (`<slug>/index.<ext>`)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from beloftemeter.dutch_dates import long_date
from beloftemeter.dutch_numbers import number
from beloftemeter.models.agreement import AgreementProgress
from beloftemeter.models.assessment import STATUSES


def term_words(term_start: str, term_end: str | None) -> str:
    """'2 oktober 2019 tot 30 september 2024', or 'sinds 30 september 2024 (in functie)'."""
    if term_end is None:
        return f"sinds {long_date(term_start)} (in functie)"
    return f"{long_date(term_start)} tot {long_date(term_end)}"


@dataclass(frozen=True)
class AgreementEntry:
    progress: AgreementProgress
    path: str | None  # its reports' index, relative to this one; None: none written yet


def render_agreements_index(entries: Sequence[AgreementEntry], fmt: str) -> str:
    """The index in `fmt` (md, json or html), the most recent government first."""
    if fmt == "json":
        return json.dumps({"agreements": [{
            "slug": e.progress.agreement.slug, "title": e.progress.agreement.title,
            "term_start": e.progress.agreement.term_start,
            "term_end": e.progress.agreement.term_end, "promises": e.progress.promises,
            "assessed": e.progress.assessed, "by_status": e.progress.by_status,
            "with_evidence": e.progress.with_evidence, "path": e.path,
        } for e in entries]}, ensure_ascii=False, indent=1) + "\n"
    header = ["akkoord", "regeerperiode", "beloften", *STATUSES, "met bewijs"]
    rows = [(e, [e.progress.agreement.title,
                 term_words(e.progress.agreement.term_start, e.progress.agreement.term_end),
                 number(e.progress.promises),
                 *(number(e.progress.by_status.get(s, 0)) for s in STATUSES),
                 number(e.progress.with_evidence)]) for e in entries]
    if fmt == "html":
        head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
        body = "".join(
            "<tr>" + "".join(f"<td>{_html_link(e, c) if i == 0 else html.escape(c)}</td>"
                             for i, c in enumerate(row)) + "</tr>" for e, row in rows)
        return ("<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>"
                "Beloftemeter: rapporten per akkoord</title><style>body{font-family:system-ui,"
                "sans-serif;margin:2rem}table{border-collapse:collapse}td,th{border:1px solid"
                " #ccc;padding:.2rem .5rem}</style></head><body><h1>Beloftemeter: rapporten per"
                f" akkoord</h1><table><tr>{head}</tr>{body}</table></body></html>\n")
    lines = ["# Beloftemeter: rapporten per akkoord", "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join([_md_link(e, row[0]), *row[1:]]) + " |" for e, row in rows]
    return "\n".join(lines) + "\n"


# What Markdown reads as markup inside a table cell's link text; the backslash first of all:
# escaped alone, "\\[" would become an escaped backslash and an open bracket (a link of its own).
_MD_PUNCTUATION = re.compile(r"([\\`*_~|\[\]])")


def _md_text(title: str) -> str:
    """A title read from a PDF as plain Markdown text: one line, no markup, no table cell or
    link of its own (`<`, `>` and `&` as HTML entities, the rest escaped with a backslash)."""
    return _MD_PUNCTUATION.sub(r"\\\1", html.escape(" ".join(title.split())))


def _md_link(entry: AgreementEntry, title: str) -> str:
    text = _md_text(title)
    slug = entry.progress.agreement.slug
    if entry.path is None:
        return f"{text} ({slug}; nog geen rapporten)"
    return f"[{text}]({entry.path}) ({slug})"


def _html_link(entry: AgreementEntry, title: str) -> str:
    slug = html.escape(entry.progress.agreement.slug)
    if entry.path is None:
        return f"{html.escape(title)} ({slug}; nog geen rapporten)"
    return f'<a href="{html.escape(entry.path)}">{html.escape(title)}</a> ({slug})'
