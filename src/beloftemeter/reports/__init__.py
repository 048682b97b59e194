"""Evaluation reports per section: generated text (extractive or by a language model), every
citation checked, rendered as Markdown, JSON or HTML."""

from __future__ import annotations

from beloftemeter.config import Settings
from beloftemeter.errors import InputError
from beloftemeter.models.report import Report
from beloftemeter.reports.builder import ReportBuilder
from beloftemeter.reports.citations import check_citations
from beloftemeter.reports.compose import compose
from beloftemeter.reports.extractive import ExtractiveGenerator
from beloftemeter.reports.html import render_html, render_html_fragment
from beloftemeter.reports.json_report import render_json
from beloftemeter.reports.markdown import render_markdown
from beloftemeter.store import Store

GENERATORS = ("extractive", "llm")
RENDERERS = {"md": render_markdown, "json": render_json, "html": render_html}

__all__ = [
    "GENERATORS", "RENDERERS", "ReportBuilder", "build_section_report", "check_citations",
    "compose", "make_generator", "render_html", "render_html_fragment", "render_json",
    "render_markdown",
]


def make_generator(name: str, settings: Settings):
    """The generator called `name`, configured from `settings`."""
    if name == "extractive":
        return ExtractiveGenerator()
    if name == "llm":
        from beloftemeter.llm.client import ChatClient, ChatSettings
        from beloftemeter.reports.llm_generator import LlmGenerator

        return LlmGenerator(ChatClient(ChatSettings.from_settings(settings)))
    raise InputError(f"Onbekende generator: {name!r} (kies uit {', '.join(GENERATORS)}).")


def build_section_report(
    store: Store, key: str, settings: Settings | None = None, generator: str | None = None
) -> Report:
    """The checked report of section `key` (with its subsections)."""
    settings = settings or Settings()
    builder = ReportBuilder(store)
    chosen = make_generator(generator or settings.report_generator, settings)
    return compose(builder.input_for(key), chosen, fallback=settings.llm_fallback)
