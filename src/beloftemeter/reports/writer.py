"""`rapport --alles`: one file per node of the agreement's tree plus an index, per format, in
the agreement's own folder (`<folder>/<slug>/`); the folder's index lists the agreements."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from beloftemeter.analysis.rollup import rollups_by
from beloftemeter.errors import InputError, NotFoundError
from beloftemeter.models.assessment import STATUSES
from beloftemeter.reports.agreements_index import AgreementEntry, render_agreements_index
from beloftemeter.reports.builder import ReportBuilder, report_keys
from beloftemeter.reports.compose import compose
from beloftemeter.reports.index import IndexEntry, render_index
from beloftemeter.store import Store

EXTENSIONS = {"md": "md", "json": "json", "html": "html"}


@dataclass(frozen=True)
class WriteReport:
    folder: Path
    reports: int
    index: Path
    removed_citations: int
    fallbacks: int
    indexes: tuple[Path, ...] = ()  # one per format; `index` is the first
    agreements_index: Path | None = None  # the agreements side by side, one folder up


def report_path(key: str, fmt: str) -> str:
    """Where a node's report goes, relative to the folder: chapter folder, then the number
    ("onderwijs/1.2.1.md"); a chapter's own text goes in its folder as "hoofdstuk"."""
    chapter, _, number = key.partition("/")
    return f"{chapter}/{number or 'hoofdstuk'}.{EXTENSIONS[fmt]}"


def _write(path: Path, text: str) -> None:
    """Write atomically, so an interrupted run never leaves half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)


def write_all(
    store: Store,
    folder: str | Path,
    formats: Sequence[str],
    generator,
    *,
    fallback: bool = False,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> WriteReport:
    """A report per node in each of `formats` (md, json, html), plus an index per format.
    Each report is generated once and rendered in every format."""
    from beloftemeter.reports import RENDERERS

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} is geen map.")
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown or not formats:
        raise InputError(f"Onbekend formaat: {(unknown or [''])[0]!r} (kies uit md, json, html).")
    builder = ReportBuilder(store)
    if not builder.assessed():
        raise NotFoundError("Nog geen beoordeling in de opslag: draai eerst"
                            " `beloftemeter analyseer --alles`.")
    nodes = builder.nodes
    keys = report_keys(nodes, builder)
    if on_total:
        on_total(len(keys))
    titles = {n.key: f"{n.number or ''} {n.title}".strip() for n in nodes}
    entries: dict[str, list[IndexEntry]] = {fmt: [] for fmt in formats}
    removed = fallbacks = 0
    for key in keys:
        report = compose(builder.input_for(key, include_descendants=False), generator,
                         fallback=fallback)
        removed += report.removed_citations
        fallbacks += bool(report.notes)
        counts = dict.fromkeys(STATUSES, 0)
        for promise in report.input.promises:
            counts[promise.status] += 1
        for fmt in formats:
            relative = report_path(key, fmt)
            _write(folder / relative, RENDERERS[fmt](report))
            entries[fmt].append(IndexEntry(key, titles[key], relative,
                                           len(report.input.promises), counts))
        if progress:
            progress(1)
    by_key = {n.key: n for n in nodes}
    assessments = [a for n in nodes for a in builder.assessments_of(n.key)]
    chapters = rollups_by(
        assessments,
        lambda a: by_key[a.node_key].chapter or a.node_key.split("/")[0],
    )
    indexes = []
    for fmt in formats:
        index = folder / f"index.{EXTENSIONS[fmt]}"
        _write(index, render_index(chapters, entries[fmt], fmt))
        indexes.append(index)
    return WriteReport(folder, len(keys), indexes[0], removed, fallbacks, tuple(indexes))


def write_agreements_index(store: Store, folder: str | Path,
                           formats: Sequence[str]) -> tuple[Path, ...]:
    """`folder`'s index in each of `formats`: every agreement of the store, linked to its
    folder's index where its reports were written."""
    from beloftemeter.store.agreements import progress

    folder = Path(folder)
    written = []
    for fmt in formats:
        name = f"index.{EXTENSIONS[fmt]}"
        entries = [AgreementEntry(row, f"{row.agreement.slug}/{name}"
                                  if (folder / row.agreement.slug / name).is_file() else None)
                   for row in progress(store)]
        _write(folder / name, render_agreements_index(entries, fmt))
        written.append(folder / name)
    return tuple(written)
