"""Reports as Markdown in the format users know (`examples/evaluatie-samenleven-1.2.md`):
title, the agreement text folded away, the body with \\[n\\] citations, the closing judgement,
and the references folded away: link, bold date, title and the decision's first words."""

from __future__ import annotations

import html
import re

from beloftemeter.models.report import Report
from beloftemeter.reports.wording import pages, plain, score_words

_CITATION = re.compile(r"\[(\d+)\]")


def _escaped(text: str) -> str:
    return _CITATION.sub(r"\\[\1\\]", text)


def heading(report: Report) -> str:
    section = report.input.section
    number = f"{section.number} " if section.number else ""
    return f"Evaluatie van de uitvoering van het regeerakkoord: {number}{section.title}"


def render_markdown(report: Report) -> str:
    section = report.input.section
    number = f"{section.number} " if section.number else ""
    parts = [
        f"# {heading(report)}",
        "",
        "<details>",
        f"        <summary>Regeerakkoord sectie {html.escape(number + section.title)}"
        f" ({pages(section.first_page, section.last_page)})</summary>",
        f"        <p>{html.escape(' '.join(section.text.split()))}</p>",
        "        </details> ",
        "",
        "Samenvatting van regeringsbesluiten en hun relatie tot het regeerakkoord",
        "",
        _escaped(report.body),
        "",
    ]
    if report.overview:
        parts += [_escaped(report.overview), ""]
    parts += [_escaped(report.closing), ""]
    parts += [f"_{note}_" for note in report.notes]
    if report.notes:
        parts.append("")
    parts += ["<details>", "        <summary> Referenties</summary>", ""]
    for n, d in enumerate(report.references):
        link = f"[\\[{n}\\]]({d.url})" if d.url else f"\\[{n}\\]"
        words = plain(f"{d.title} {d.summary}".strip())
        if not d.confirmed:
            words += f" _(mogelijk relevant, niet bevestigd; score {score_words(d.score)})_"
        parts += [f"**{link}** : **({d.meeting_date})** {words}", ""]
    parts += ["        </details> ", ""]
    parts.append(f"<!-- generator: {_generator_line(report)} -->")
    return "\n".join(parts) + "\n"


def _generator_line(report: Report) -> str:
    return ", ".join(f"{k}={v}" for k, v in report.generator.items()).replace("--", "-")
