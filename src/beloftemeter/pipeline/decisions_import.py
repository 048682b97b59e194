"""Import a dump of decisions (JSONL, or one JSON page of the API); bad lines are reported and
skipped, or with `strict` the whole file is refused and nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from beloftemeter.config import Settings
from beloftemeter.models.decisions import LineError, UpsertCounts
from beloftemeter.pipeline.base import Progress, StoreLike, counter, opened
from beloftemeter.pipeline.dump_import import import_dump
from beloftemeter.sources.bounded_input import InputLimits


@dataclass(frozen=True)
class DecisionsImport:
    path: Path
    read: int
    counts: UpsertCounts  # new, changed, unchanged
    errors: tuple[LineError, ...]  # the lines skipped, with why
    warnings: tuple[LineError, ...] = ()  # lines read with a remark (text cut, id repeated)
    truncated: int = 0  # texts cut to max_decision_text_kb


def import_decisions(
    store: StoreLike,
    settings: Settings,
    path: str | Path,
    *,
    strict: bool = False,
    progress: Progress | None = None,
) -> DecisionsImport:
    with opened(store) as target:
        result = import_dump(target, path, strict=strict, progress=counter(progress),
                             limits=InputLimits.from_settings(settings))
    return DecisionsImport(Path(path), result.read, result.counts, tuple(result.errors),
                           tuple(result.warnings), result.truncated)
