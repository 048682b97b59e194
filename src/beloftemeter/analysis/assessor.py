"""Assess many promises: link evidence, decide a status, store what changed.

Re-runs are incremental: every promise is searched again (that is what tells whether its
evidence changed), but only promises whose evidence fingerprint differs from the stored one
are judged and written.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from beloftemeter.analysis.evidence import EvidenceLinker
from beloftemeter.analysis.status import assess
from beloftemeter.models.agreement import Statement
from beloftemeter.models.assessment import Assessment
from beloftemeter.store import Store
from beloftemeter.store import agreement as agreement_store
from beloftemeter.store import assessment as assessment_store

log = logging.getLogger(__name__)
BATCH = 200  # assessments written per transaction


@dataclass(frozen=True)
class RunReport:
    promises: int
    assessed: int  # judged again because their evidence changed (or was new)
    unchanged: int
    removed: int


def promises_of(store: Store, section: str | None = None) -> list[Statement]:
    """The promises of one section (and its subsections) or, without a key, all of them."""
    if section is None:
        return list(agreement_store.iter_promises(store))
    node = agreement_store.get_node(store, section)
    return [s for s in agreement_store.statements_of(store, node.key, include_descendants=True)
            if s.is_promise]


def assess_promises(
    store: Store,
    linker: EvidenceLinker,
    promises: Sequence[Statement],
    *,
    complete: bool = False,
    progress: Callable[[int], None] | None = None,
) -> RunReport:
    """Assess `promises`; with `complete` (all promises of the agreement), assessments of
    promises that no longer exist are removed."""
    known = assessment_store.fingerprints(store)
    titles: dict[str, str] = {}
    pending: list[Assessment] = []
    assessed = unchanged = 0
    for statement in promises:
        title = titles.get(statement.node_key)
        if title is None:
            title = titles[statement.node_key] = agreement_store.get_node(
                store, statement.node_key).title
        linked = linker.link(statement.text, title)
        if known.get((statement.node_key, statement.ordinal)) == linked.fingerprint:
            unchanged += 1
        else:
            pending.append(assess(statement.node_key, statement.ordinal, statement.page,
                                  statement.text, linked))
            assessed += 1
        if len(pending) >= BATCH:
            assessment_store.save_assessments(store, pending)
            pending = []
        if progress:
            progress(1)
    if pending:
        assessment_store.save_assessments(store, pending)
    removed = 0
    if complete:
        removed = assessment_store.delete_missing(
            store, {(s.node_key, s.ordinal) for s in promises})
    log.info("%d beloften: %d beoordeeld, %d ongewijzigd", len(promises), assessed, unchanged)
    return RunReport(len(promises), assessed, unchanged, removed)
