"""Loading a decisions dump into the store, all or nothing.

Bad lines are skipped and reported with their line numbers (the default), or, with
`strict=True`, any bad line rejects the whole file and nothing is written. Valid lines are
never lost: they are all written in one transaction, or (strict, with errors) none are.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from beloftemeter.errors import InputError
from beloftemeter.models.decisions import Decision, LineError, UpsertCounts
from beloftemeter.sources.decisions_dump import read_jsonl
from beloftemeter.store.database import Store
from beloftemeter.store.decisions import upsert_decisions

log = logging.getLogger(__name__)

BATCH = 1000


@dataclass(frozen=True)
class ImportResult:
    read: int
    counts: UpsertCounts
    errors: tuple[LineError, ...]


def import_dump(
    store: Store,
    path: str | Path,
    *,
    strict: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Read `path` (JSONL dump or API JSON page) and upsert every valid decision."""
    errors: list[LineError] = []
    decisions: list[Decision] = list(read_jsonl(path, on_error=errors.append))
    if strict and errors:
        shown = ", ".join(str(e.line) for e in errors[:10])
        more = f" en {len(errors) - 10} meer" if len(errors) > 10 else ""
        raise InputError(
            f"{path}: {len(errors)} ongeldige regel(s) ({shown}{more}); niets ingelezen"
            f" (--streng). Eerste fout, regel {errors[0].line}: {errors[0].reason}"
        )
    if not decisions and errors:
        raise InputError(
            f"{path}: geen enkele geldige beslissing; eerste fout, regel {errors[0].line}:"
            f" {errors[0].reason}"
        )
    counts = UpsertCounts()
    with store.transaction():
        for start in range(0, len(decisions), BATCH):
            batch = decisions[start : start + BATCH]
            counts = counts + upsert_decisions(store, batch)
            if progress:
                progress(len(batch))
    log.info("%d beslissingen gelezen uit %s: %s", len(decisions), path, counts)
    return ImportResult(read=len(decisions), counts=counts, errors=tuple(errors))
