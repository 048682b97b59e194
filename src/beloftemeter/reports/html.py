"""Reports as HTML: a whole page, or the body only (a fragment) for the web app to embed.
The generator's Markdown is rendered with raw HTML disabled, so nothing a model writes can
inject markup; citations become links to the references."""

from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from beloftemeter.models.assessment import (
    DEVIATING,
    DONE,
    IN_PREPARATION,
    IN_PROGRESS,
    MOSTLY_DONE,
    NO_DECISION,
    NOT_VERIFIABLE,
)
from beloftemeter.models.report import Report
from beloftemeter.reports.markdown import heading
from beloftemeter.reports.wording import stage_label

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
    env.globals["status_class"] = lambda status: STATUS_CLASSES.get(status, "s-nvt")
    return env


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def markdown_html(text: str) -> Markup:
    rendered = _parser().render(text or "")
    linked = _CITATION.sub(r'<a class="cite" href="#ref-\1">[\1]</a>', rendered)
    return Markup(linked)  # markdown-it escaped the text; only our links are added


def render_html_fragment(report: Report, link=None) -> str:
    """The report's body as HTML. `link(decision)` gives each decision's address (default:
    its public page; the web app links to its own decision pages instead)."""
    href = link or (lambda d: d.url)
    return _environment().get_template("report_body.html.j2").render(r=report, href=href)


def render_html(report: Report) -> str:
    return _environment().get_template("report.html.j2").render(
        r=report, title=heading(report), body=Markup(render_html_fragment(report)))
