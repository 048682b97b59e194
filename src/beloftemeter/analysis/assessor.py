"""Assess many promises: link evidence, decide a status, store what changed.

Re-runs are incremental: every promise is searched again (that is what tells whether its
evidence changed), but only promises whose evidence fingerprint differs from the stored one
are judged and written.

An interrupted run is resumed, not restarted: promises without any assessment come first,
then those the interrupted pass has not checked yet, and the ones it did check come last.
Finished assessments are written when the run stops, so each run makes progress however
short it is.

A promise an editor reviewed keeps the editor's verdict (`analysis.review`); what the machine
finds anew sends it back to the queue.

Every assessment that changes a promise's status or evidence adds a row to its history
(`analysis.history`), in the same transaction as the assessment. The state before is the
promise's latest history row; a store assessed before history was kept falls back to its
stored assessment of the same sentence. Promises without an id (an agreement imported before
ids existed: `akkoord import` again fills them in) get no history.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from beloftemeter.analysis.evidence import EvidenceLinker
from beloftemeter.analysis.history import State, change, rules_version_of
from beloftemeter.analysis.review import published, recheck_reason
from beloftemeter.analysis.status import assess
from beloftemeter.models.agreement import Statement
from beloftemeter.models.assessment import Assessment, EvidenceDecision
from beloftemeter.models.promises import HistoryEntry
from beloftemeter.models.review import ADDED, CONFIRMED, Review
from beloftemeter.store import Store, scope
from beloftemeter.store import agreement as agreement_store
from beloftemeter.store import assessment as assessment_store
from beloftemeter.store import history as history_store
from beloftemeter.store import reviews as reviews_store
from beloftemeter.store.promise_ids import ids_by_key
from beloftemeter.store.state import delete_state, get_state, set_state

log = logging.getLogger(__name__)
BATCH = 200  # assessments written per transaction
# Promises checked since the last complete pass, as [node_key, ordinal] pairs.
CHECKED_STATE = "assessment_checked"

Key = tuple[str, int]


@dataclass(frozen=True)
class RunReport:
    promises: int
    assessed: int  # judged again because their evidence changed (or was new)
    unchanged: int
    removed: int
    kept_reviewed: int = 0  # judged again, but an editor's verdict stands
    back_in_queue: int = 0  # reviewed promises this run sent back to the editors' queue


def promises_of(store: Store, section: str | None = None) -> list[Statement]:
    """The promises of one section (and its subsections) or, without a key, all of them."""
    if section is None:
        return list(agreement_store.iter_promises(store))
    node = agreement_store.get_node(store, section)
    return [s for s in agreement_store.statements_of(store, node.key, include_descendants=True)
            if s.is_promise]


def work_order(
    promises: Sequence[Statement], known: dict[Key, str], checked: set[Key]
) -> list[Statement]:
    """Never-assessed promises first, then the ones not yet checked in this pass, then the
    rest; agreement order within each group."""
    def rank(statement: Statement) -> int:
        key = (statement.node_key, statement.ordinal)
        return 0 if key not in known else (2 if key in checked else 1)

    return sorted(promises, key=rank)  # stable: keeps the agreement order within a group


class HistoryRecorder:
    """The history rows of one run: each promise's state before, and what changed."""

    def __init__(self, store: Store, settings_tag: str) -> None:
        self.ids = ids_by_key(store)
        self.states: dict[str, State] = history_store.latest_states(store)
        self.stored = history_store.assessed_states(store)
        self.rules_version = rules_version_of(settings_tag)
        self.at = datetime.now(UTC).isoformat(timespec="seconds")

    def record(self, assessment: Assessment) -> HistoryEntry | None:
        key = (assessment.node_key, assessment.ordinal)
        promise_id = self.ids.get(key)
        if promise_id is None:
            return None
        before = self.states.get(promise_id)
        if before is None and key in self.stored:
            text, status, evidence = self.stored[key]
            if text == assessment.promise:  # the same sentence: its verdict before history
                before = (status, evidence, "")
        entry = change(promise_id, before, assessment, self.rules_version, self.at)
        if entry is not None:
            self.states[promise_id] = (entry.after_status, entry.after_evidence,
                                       entry.rules_version)
        return entry


def _hand_linked(store: Store, review: Review) -> dict[str, EvidenceDecision]:
    """The decisions an editor confirmed or added, as evidence records."""
    return reviews_store.decisions_as_evidence(
        store, [i for i, verdict in review.links.items() if verdict in (CONFIRMED, ADDED)])


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
    # Per agreement: an interrupted run of one resumes without skipping the other's keys.
    checked_state = f"{CHECKED_STATE}/{scope.current(store)}"
    checked: set[Key] = {(k, o) for k, o in get_state(store, checked_state, [])}
    titles: dict[str, str] = {}
    pending: list[Assessment] = []
    history = HistoryRecorder(store, getattr(linker, "settings_tag", ""))
    reviews = reviews_store.reviews_by_id(store)
    machine_statuses = assessment_store.machine_statuses(store) if reviews else {}
    changes: list[HistoryEntry] = []
    rechecks: list[tuple[str, str]] = []
    assessed = unchanged = kept = back = 0

    def flush() -> None:
        nonlocal pending, changes, rechecks
        if pending:
            assessment_store.save_assessments(store, pending, changes, rechecks)
            pending, changes, rechecks = [], [], []
        set_state(store, checked_state, sorted(checked))

    try:
        for statement in work_order(promises, known, checked):
            title = titles.get(statement.node_key)
            if title is None:
                title = titles[statement.node_key] = agreement_store.get_node(
                    store, statement.node_key).title
            linked = linker.link(statement.text, title)
            key = (statement.node_key, statement.ordinal)
            if known.get(key) == linked.fingerprint:
                unchanged += 1
            else:
                verdict = assess(statement.node_key, statement.ordinal, statement.page,
                                 statement.text, linked)
                review = reviews.get(history.ids.get(key, ""))
                if review is not None:  # the editor's verdict stands (analysis.review)
                    kept += 1
                    recheck = recheck_reason(review, linked, verdict.status,
                                             machine_statuses.get(key))
                    if recheck:
                        back += review.recheck is None
                        rechecks.append((review.promise_id, recheck))
                    verdict = published(verdict, linked, review, _hand_linked(store, review))
                pending.append(verdict)
                entry = history.record(verdict)
                if entry is not None:
                    changes.append(entry)
                assessed += 1
            checked.add(key)
            if len(pending) >= BATCH:
                flush()
            if progress:
                progress(1)
    except KeyboardInterrupt:
        # What was finished stays finished: the next run starts after it.
        flush()
        raise
    flush()
    removed = 0
    if complete:
        removed = assessment_store.delete_missing(
            store, {(s.node_key, s.ordinal) for s in promises})
        delete_state(store, checked_state)  # a whole pass is done: the next one starts afresh
    log.info("%d beloften: %d beoordeeld, %d ongewijzigd", len(promises), assessed, unchanged)
    return RunReport(len(promises), assessed, unchanged, removed, kept, back)
