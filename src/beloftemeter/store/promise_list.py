"""The queries of the promise list (issue 18): every promise's facet values in one pass (for
the list's snapshot, `pipeline.promise_snapshot`), that snapshot kept in the store between
processes, the rows of one page of promises, and the promises' policy links.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from contextlib import closing

from beloftemeter.models.promises import PromiseSummary
from beloftemeter.store.database import Store
from beloftemeter.store.scope import current

log = logging.getLogger(__name__)

# The covering indexes of migration 0012 named outright: without them SQLite reads the
# promises' rows whole, three times slower at 100,000 promises (bench.promise_list).
_FROM = (" FROM agreement_statements s INDEXED BY agreement_statements_list"
         " JOIN agreement_nodes n ON n.agreement_id = s.agreement_id AND n.key = s.node_key"
         " LEFT JOIN promise_assessments a INDEXED BY promise_assessments_list"
         " ON a.agreement_id = s.agreement_id AND a.node_key = s.node_key"
         " AND a.ordinal = s.ordinal"
         " WHERE s.agreement_id = ? AND s.is_promise = 1 AND s.promise_id IS NOT NULL")
_SUMMARY_FROM = (" FROM agreement_statements s JOIN agreement_nodes n"
                 " ON n.agreement_id = s.agreement_id AND n.key = s.node_key"
                 " LEFT JOIN promise_assessments a ON a.agreement_id = s.agreement_id"
                 " AND a.node_key = s.node_key AND a.ordinal = s.ordinal WHERE s.promise_id IN")
_CHUNK = 500  # ids per query: a page at most, well under any backend's parameter limit
_SUMMARY = ("SELECT s.promise_id, s.node_key, s.ordinal, s.page, s.text, a.status, a.reason,"
            " n.part, n.chapter, n.number, n.title, COALESCE(a.evidence_count, 0),"
            " COALESCE(a.candidate_count, 0), a.last_date, a.latest_stage")


def facet_rows(store: Store) -> list[tuple]:
    """Every promise in agreement order: (id, status, part, chapter, has evidence, latest
    stage, latest year, has a planned action, date of the latest evidence)."""
    return [tuple(row) for row in store.execute(
        "SELECT s.promise_id, a.status, n.part, n.chapter, COALESCE(a.evidence_count, 0) > 0,"
        " a.latest_stage, CAST(substr(a.last_date, 1, 4) AS INTEGER),"
        " EXISTS (SELECT 1 FROM policy_promise_links l JOIN policy_documents d"
        " ON d.id = l.document_id WHERE d.agreement_id = s.agreement_id"
        " AND l.node_key = s.node_key AND l.ordinal = s.ordinal), a.last_date"
        f"{_FROM} ORDER BY n.ordinal, s.ordinal", (current(store),))]


def saved_snapshot(store: Store, version: int) -> tuple[str, str, bytes] | None:
    """(ids, columns, arrays) of the list's snapshot kept at `version`, None if none is."""
    row = store.execute("SELECT ids, columns, arrays FROM promise_list_snapshot"
                        " WHERE agreement_id = ? AND version = ?",
                        (current(store), version)).fetchone()
    return None if row is None else (row[0], row[1], bytes(row[2]))


_SAVE = ("INSERT INTO promise_list_snapshot (agreement_id, version, ids, columns, arrays)"
         " VALUES (?, ?, ?, ?, ?) ON CONFLICT (agreement_id) DO UPDATE"
         " SET version = excluded.version,"
         " ids = excluded.ids, columns = excluded.columns, arrays = excluded.arrays")
_CHANGES = "SELECT changes FROM promise_list_changes WHERE id = 1"


def save_snapshot(store: Store, version: int, ids: str, columns: str, arrays: bytes) -> bool:
    """Keep the list's snapshot built at `version`, if the data is still at that version.
    False when it was not kept.

    Best effort: the snapshot is derived data. On SQLite it is written on a connection of
    its own that never waits, so a reader (a web request) neither stands in line behind a
    long write (`analyseer`) nor fails on a read-only file."""
    agreement_id = current(store)
    if not isinstance(store.connection, sqlite3.Connection):
        try:
            with store.transaction() as conn:
                if conn.execute(_CHANGES).fetchone()[0] != version:
                    return False
                conn.execute(_SAVE, (agreement_id, version, ids, columns, arrays))
        except Exception as exc:  # derived data: a read-only role or a busy row costs nothing
            log.debug("momentopname van de beloftelijst niet bewaard: %s", exc)
            return False
        return True
    if store.path == ":memory:":
        return False
    try:
        with closing(sqlite3.connect(store.path, timeout=0, isolation_level=None)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if conn.execute(_CHANGES).fetchone()[0] != version:  # changed meanwhile
                    return False
                conn.execute(_SAVE, (agreement_id, version, ids, columns, arrays))
                conn.execute("COMMIT")
                return True
            finally:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        log.debug("momentopname van de beloftelijst niet bewaard: %s", exc)
        return False


def _summary(row: Sequence) -> PromiseSummary:
    number, title = row[9], row[10]
    return PromiseSummary(
        id=row[0], section=row[1], ordinal=row[2], page=row[3], text=row[4], status=row[5],
        reason=row[6], part=row[7], chapter=row[8],
        section_title=f"{number} {title}" if number else title, evidence_count=row[11],
        candidate_count=row[12], latest_decision_date=row[13], latest_stage=row[14])


def summaries(store: Store, ids: Sequence[str]) -> dict[str, PromiseSummary]:
    """id → summary of the promises with these ids."""
    found: dict[str, PromiseSummary] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start:start + _CHUNK])
        found.update((row[0], _summary(row)) for row in store.execute(
            f"{_SUMMARY}{_SUMMARY_FROM} ({', '.join('?' * len(chunk))})", chunk))
    return found


def neighbours(store: Store, node_key: str, ordinal: int) -> tuple[str | None, str | None]:
    """The statements just before and after one (of the same node), any kind."""
    agreement_id = current(store)
    before = store.execute("SELECT text FROM agreement_statements WHERE agreement_id = ? AND"
                           " node_key = ? AND ordinal < ? ORDER BY ordinal DESC LIMIT 1",
                           (agreement_id, node_key, ordinal)).fetchone()
    after = store.execute("SELECT text FROM agreement_statements WHERE agreement_id = ? AND"
                          " node_key = ? AND ordinal > ? ORDER BY ordinal LIMIT 1",
                          (agreement_id, node_key, ordinal)).fetchone()
    return (None if before is None else before[0], None if after is None else after[0])


def parts_and_chapters(store: Store) -> list[tuple[str, str, str | None, str | None]]:
    """(kind, key, part title, chapter title) of every part and chapter, in document order."""
    return [tuple(row) for row in store.execute(
        "SELECT kind, key, part, chapter FROM agreement_nodes WHERE agreement_id = ?"
        " AND kind IN ('part', 'chapter') ORDER BY ordinal", (current(store),))]


def policy_responsibles(store: Store) -> list[tuple[str, str, str]]:
    """(promise id, document title, the action's "Bevoegde beleidsdomeinen en ministers")
    for every planned action linked to a promise."""
    return [tuple(row) for row in store.execute(
        "SELECT s.promise_id, d.title, a.responsible FROM policy_promise_links l"
        " JOIN policy_documents d ON d.id = l.document_id"
        " JOIN agreement_statements s ON s.agreement_id = d.agreement_id"
        " AND s.node_key = l.node_key AND s.ordinal = l.ordinal"
        " JOIN policy_actions a ON a.document_id = l.document_id AND a.number = l.action_number"
        " WHERE s.promise_id IS NOT NULL AND d.agreement_id = ?"
        " ORDER BY s.promise_id, d.id, a.ordinal", (current(store),))]


def assessment_meta(store: Store, node_key: str, ordinal: int) -> str | None:
    """When the promise was last assessed (ISO), None when it was not."""
    row = store.execute("SELECT assessed_at FROM promise_assessments WHERE agreement_id = ?"
                        " AND node_key = ? AND ordinal = ?",
                        (current(store), node_key, ordinal)).fetchone()
    return None if row is None else row[0]


def data_version(store: Store) -> int:
    """Changes whenever what the list shows may have changed: the agreement, the assessments,
    the history and the policy documents. A counter the triggers of migration 0014 raise on
    every write to those tables, by any connection; one row to read."""
    return store.execute("SELECT changes FROM promise_list_changes WHERE id = 1").fetchone()[0]
