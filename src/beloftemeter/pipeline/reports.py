"""Write evaluation reports of the agreement in scope: one node's report (to a file or as
text), or a report per node with an index, in Markdown, JSON or HTML, by the configured
generator (`report_generator`: extractive offline, llm an OpenAI-compatible endpoint).
Written files go in the agreement's own folder, `<folder>/<slug>/`; the folder's index lists
the agreements side by side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from beloftemeter.config import Settings
from beloftemeter.errors import InputError, NotFoundError
from beloftemeter.models.report import Report
from beloftemeter.pipeline.base import Progress, StoreLike, opened
from beloftemeter.reports.writer import WriteReport
from beloftemeter.store import Store

FORMATS = ("md", "json", "html")
NOT_ASSESSED = "Nog geen beoordeling in de opslag: draai eerst `beloftemeter analyseer`."


@dataclass(frozen=True)
class SectionReport:
    report: Report
    text: str  # rendered in the format asked for
    path: Path | None  # where it was written; None when only rendered


def agreement_folder(store: Store, folder: str | Path) -> Path:
    """The folder of the agreement in scope inside the reports folder: `<folder>/<slug>`."""
    from beloftemeter.pipeline.assess import NO_AGREEMENT
    from beloftemeter.store.agreements import in_scope

    agreement = in_scope(store)
    if agreement is None:
        raise NotFoundError(NO_AGREEMENT)
    return Path(folder) / agreement.slug


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise InputError(f"Onbekend formaat: {fmt!r} (kies uit md, json, html).")


def section_report(
    store: StoreLike,
    settings: Settings,
    key: str,
    fmt: str = "md",
    *,
    folder: str | Path | None = None,
    generator: str | None = None,
) -> SectionReport:
    """The report of node `key` with its subsections, rendered as `fmt`; written under
    `folder` (at its usual place in the agreement's folder there) when one is given."""
    from beloftemeter import reports
    from beloftemeter.reports.writer import report_path

    _check_format(fmt)
    chosen = reports.make_generator(generator or settings.report_generator, settings)
    with opened(store) as target:
        builder = reports.ReportBuilder(target)
        if not builder.assessed():
            raise InputError(NOT_ASSESSED)
        report = reports.compose(builder.input_for(key), chosen, fallback=settings.llm_fallback)
        where = None if folder is None else agreement_folder(target, folder)
    text = reports.RENDERERS[fmt](report)
    path = None
    if where is not None:
        path = where / report_path(report.input.section.key, fmt)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return SectionReport(report, text, path)


def write_reports(
    store: StoreLike,
    settings: Settings,
    folder: str | Path | None = None,
    formats: Sequence[str] = ("md",),
    *,
    generator: str | None = None,
    progress: Progress | None = None,
) -> WriteReport:
    """A report per node of the agreement in scope, in every format of `formats`, with an
    index per format, in its folder inside `folder` (default the setting reports_dir), whose
    own index then lists the agreements. Every report is generated once."""
    from beloftemeter import reports
    from beloftemeter.reports.writer import write_agreements_index, write_all

    for fmt in formats:
        _check_format(fmt)
    chosen = reports.make_generator(generator or settings.report_generator, settings)
    total: list[int | None] = [None]

    def on_total(n: int) -> None:
        total[0] = n
        if progress is not None:
            progress(0, n)

    def advance(n: int) -> None:
        if progress is not None:
            progress(n, total[0])

    base = Path(folder or settings.reports_dir)
    if base.exists() and not base.is_dir():
        raise InputError(f"{base} is geen map.")
    with opened(store) as target:
        written = write_all(target, agreement_folder(target, base), formats, chosen,
                            fallback=settings.llm_fallback, progress=advance, on_total=on_total)
        overview = write_agreements_index(target, base, formats)
    return replace(written, agreements_index=overview[0])
