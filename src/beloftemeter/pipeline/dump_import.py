"""Loading a decisions dump into the store, all or nothing.

Bad lines are skipped and reported with their line numbers (the default), or, with
`strict=True`, any bad line rejects the whole file and nothing is written. Valid lines are
never lost: they are all written in one transaction, or (strict, with errors) none are. The
file is read as it is written (batch by batch inside that one transaction), so memory stays
bounded whatever the size of the file.

Warnings do not skip anything: a text cut to `max_decision_text_kb`, and an id that comes back
later in the file with other content (the later line wins, as it always did, but now says so).
An empty file, or one without a single decision, is an InputError.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from beloftemeter.errors import InputError
from beloftemeter.models.decisions import Decision, LineError, UpsertCounts
from beloftemeter.sources.bounded_input import DEFAULT_LIMITS, InputLimits
from beloftemeter.sources.decisions_dump import read_numbered
from beloftemeter.store.database import Store
from beloftemeter.store.decisions import upsert_decisions

log = logging.getLogger(__name__)

BATCH = 1000


@dataclass(frozen=True)
class ImportResult:
    read: int
    counts: UpsertCounts
    errors: tuple[LineError, ...]
    warnings: tuple[LineError, ...] = ()  # texts cut, ids repeated with other content
    truncated: int = 0  # lines with a text cut to max_decision_text_kb
    duplicates: int = 0  # lines repeating an earlier id with other content


def import_dump(
    store: Store,
    path: str | Path,
    *,
    strict: bool = False,
    progress: Callable[[int], None] | None = None,
    limits: InputLimits = DEFAULT_LIMITS,
) -> ImportResult:
    """Read `path` (JSONL dump or API JSON page) and upsert every valid decision."""
    errors: list[LineError] = []
    cut: list[LineError] = []
    repeated: list[LineError] = []
    seen: dict[str, tuple[int, str]] = {}  # id → (line, content hash) of its last line
    batch: list[Decision] = []
    counts, read = UpsertCounts(), 0
    decisions = read_numbered(path, errors.append, limits=limits, on_warning=cut.append)

    def flush() -> None:
        nonlocal counts
        if batch and not (strict and errors):  # strict with errors: nothing will be kept
            counts = counts + upsert_decisions(store, batch)
            if progress:
                progress(len(batch))
        batch.clear()

    with store.transaction():
        for line, decision in decisions:
            read += 1
            earlier = seen.get(decision.id)
            if earlier is not None and earlier[1] != decision.content_hash:
                reason = (f"id {decision.id} stond al op regel {earlier[0]} met andere"
                          " inhoud; deze regel telt")
                repeated.append(LineError(line, reason))
            seen[decision.id] = (line, decision.content_hash)
            batch.append(decision)
            if len(batch) >= BATCH:
                flush()
        flush()
        _refuse(path, read, errors, strict)  # raising here rolls everything back
    warnings = sorted(cut + repeated, key=lambda w: w.line)
    for warning in warnings:  # the caller shows them (the CLI as "let op: regel N: ...")
        log.info("regel %d: %s", warning.line, warning.reason)
    log.info("%d beslissingen gelezen uit %s: %s", read, path, counts)
    return ImportResult(
        read=read,
        counts=counts,
        errors=tuple(errors),
        warnings=tuple(warnings),
        truncated=len({w.line for w in cut}),
        duplicates=len(repeated),
    )


def _refuse(path: str | Path, read: int, errors: list[LineError], strict: bool) -> None:
    """InputError when the file must not be kept: strict with bad lines, or no decision."""
    if strict and errors:
        shown = ", ".join(str(e.line) for e in errors[:10])
        more = f" en {len(errors) - 10} meer" if len(errors) > 10 else ""
        raise InputError(
            f"{path}: {len(errors)} ongeldige regel(s) ({shown}{more}); niets ingelezen"
            f" (--streng). Eerste fout, regel {errors[0].line}: {errors[0].reason}"
        )
    if not read and errors:
        raise InputError(
            f"{path}: geen enkele geldige beslissing; eerste fout, regel {errors[0].line}:"
            f" {errors[0].reason}"
        )
    if not read:
        raise InputError(f"{path} bevat geen beslissingen.")
