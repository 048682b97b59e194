"""Reports as HTML: a whole page, or the body only (a fragment) for the web app to embed.
The generator's Markdown is rendered with raw HTML disabled, so nothing a model writes can
inject markup; citations become links to the references."""

from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from beloftemeter.dutch_dates import long_date
from beloftemeter.models.assessment import (
    DEVIATING,
    DONE,
    IN_PREPARATION,
    IN_PROGRESS,
    MOSTLY_DONE,
    NO_DECISION,
    NOT_VERIFIABLE,
)
from beloftemeter.models.report import Report, ReportDecision
from beloftemeter.reports.markdown import heading
from beloftemeter.reports.wording import pages, score_words, stage_label

_CITATION = re.compile(r"\[(\d+)\]")
STATUS_CLASSES = {
    DONE: "s-uitgevoerd",
    MOSTLY_DONE: "s-grotendeels",
    IN_PROGRESS: "s-uitvoering",
    IN_PREPARATION: "s-voorbereiding",
    NO_DECISION: "s-geen",
    DEVIATING: "s-afwijkend",
    NOT_VERIFIABLE: "s-nvt",
}


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("beloftemeter.reports", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    env.filters["markdown"] = markdown_html
    env.filters["stage"] = stage_label
    env.filters["long_date"] = long_date
    env.filters["pages"] = pages
    env.filters["score"] = score_words
    env.globals["band"] = _band
    env.globals["status_class"] = lambda status: STATUS_CLASSES.get(status, "s-nvt")
    return env


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def markdown_html(text: str) -> Markup:
    rendered = _parser().render(text or "")
    linked = _CITATION.sub(r'<a class="cite" href="#ref-\1">[\1]</a>', rendered)
    return Markup(linked)  # markdown-it escaped the text; only our links are added


def _band(decisions: tuple[ReportDecision, ...]) -> str:
    """'0,47' or '0,42 tot 0,55': the scores of the candidates shown."""
    low, high = (score_words(min(d.score for d in decisions)),
                 score_words(max(d.score for d in decisions)))
    return low if low == high else f"{low} tot {high}"


def _plans_once(report: Report):
    """Each planned action under the first promise that cites it, not under every one."""
    seen: set[tuple[str, str]] = set()
    shown: dict[int, list] = {}
    for promise in report.input.promises:
        mine = shown.setdefault(id(promise), [])
        for plan in promise.plans:
            key = (plan.document_id, plan.action_number)
            if key not in seen:
                seen.add(key)
                mine.append(plan)
    return lambda promise: shown.get(id(promise), [])


def render_html_fragment(report: Report, link=None) -> str:
    """The report's body as HTML. `link(decision)` gives each decision's address (default:
    its public page; the web app links to its own decision pages instead)."""
    href = link or (lambda d: d.url)
    return _environment().get_template("report_body.html.j2").render(
        r=report, href=href, plans_of=_plans_once(report))


def render_html(report: Report) -> str:
    return _environment().get_template("report.html.j2").render(
        r=report, title=heading(report), body=Markup(render_html_fragment(report)))
