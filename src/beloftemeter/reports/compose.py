"""A report from an input and a generator: generate, then check every citation."""

from __future__ import annotations

import logging

from beloftemeter.errors import SourceError
from beloftemeter.models.report import Report, ReportInput
from beloftemeter.reports.citations import check_citations
from beloftemeter.reports.extractive import ExtractiveGenerator
from beloftemeter.reports.overview import status_overview

log = logging.getLogger(__name__)


def compose(report_input: ReportInput, generator, *, fallback: bool = False) -> Report:
    """Generate the text and check its citations. With `fallback`, a generator that fails
    (e.g. an unreachable model) is replaced by the extractive one, and the report says so."""
    notes: tuple[str, ...] = ()
    try:
        draft = generator.generate(report_input)
    except SourceError as exc:
        if not fallback or isinstance(generator, ExtractiveGenerator):
            raise
        log.warning("%s: %s", report_input.section.key, exc.message)
        draft = ExtractiveGenerator().generate(report_input)
        notes = (f"Het taalmodel faalde ({exc.message}); deze tekst is extractief.",)
    overview = status_overview(report_input)
    check = check_citations([draft.body, overview, draft.closing], len(report_input.numbered))
    body, overview, closing = check.texts
    if check.removed:
        log.info("%s: %d ongeldige verwijzing(en) verwijderd", report_input.section.key,
                 check.removed)
    return Report(
        input=report_input,
        body=body,
        overview=overview,
        closing=closing,
        references=tuple(report_input.numbered[n] for n in check.order),
        generator={**draft.generator, "removed_citations": check.removed},
        removed_citations=check.removed,
        notes=notes,
    )
