"""The history of every promise: append-only rows, one per assessment that changed a
promise's status or evidence (written with the assessments, in their transaction)."""

from __future__ import annotations

from collections.abc import Iterable

from beloftemeter.models.assessment import EVIDENCE
from beloftemeter.models.promises import HistoryEntry
from beloftemeter.store.database import Store
from beloftemeter.store.scope import current
from beloftemeter.store.sql import Executes, Row

# (status, evidence decision ids, rules version)
State = tuple[str, tuple[str, ...], str]

_COLUMNS = ("h.promise_id, h.at, h.before_status, h.after_status, h.before_evidence,"
            " h.after_evidence, h.cause, h.decision_ids, h.rules_version")


def append_history(conn: Executes, entries: Iterable[HistoryEntry]) -> int:
    """Add the rows; never updates or deletes one."""
    rows = [(e.promise_id, e.at, e.before_status, e.after_status, " ".join(e.before_evidence),
             " ".join(e.after_evidence), e.cause, " ".join(e.decision_ids), e.rules_version)
            for e in entries]
    for row in rows:
        conn.execute(
            "INSERT INTO promise_history(promise_id, at, before_status, after_status,"
            " before_evidence, after_evidence, cause, decision_ids, rules_version)"
            " VALUES (?,?,?,?,?,?,?,?,?)", row)
    return len(rows)


def _entry(row: Row) -> HistoryEntry:
    return HistoryEntry(
        promise_id=row[0], at=row[1], before_status=row[2], after_status=row[3],
        before_evidence=tuple(row[4].split()), after_evidence=tuple(row[5].split()),
        cause=row[6], decision_ids=tuple(row[7].split()), rules_version=row[8])


def latest_states(store: Store) -> dict[str, State]:
    """promise id → its state after its latest history row; an id that a re-import replaced
    hands its state on to the id it redirects to (until that one has rows of its own)."""
    states: dict[str, State] = {
        row[0]: (row[1], tuple(row[2].split()), row[3]) for row in store.execute(
            "SELECT h.promise_id, h.after_status, h.after_evidence, h.rules_version"
            " FROM promise_history h JOIN (SELECT MAX(id) AS id FROM promise_history"
            " GROUP BY promise_id) latest USING (id)")}
    for old_id, new_id in store.execute("SELECT old_id, new_id FROM promise_redirects"):
        if new_id not in states and old_id in states:
            states[new_id] = states[old_id]
    return states


def assessed_states(store: Store) -> dict[tuple[str, int], tuple[str, str, tuple[str, ...]]]:
    """(node_key, ordinal) → (promise text, status, evidence ids) of the stored assessments:
    the state before history was kept, for a store that has assessments but no rows yet."""
    evidence: dict[tuple[str, int], list[str]] = {}
    for row in store.execute(
        "SELECT node_key, ordinal, decision_id FROM assessment_evidence WHERE role = ?"
        " AND agreement_id = ? ORDER BY decision_id", (EVIDENCE, current(store))):
        evidence.setdefault((row[0], row[1]), []).append(row[2])
    return {(row[0], row[1]): (row[2], row[3], tuple(evidence.get((row[0], row[1]), ())))
            for row in store.execute(
                "SELECT node_key, ordinal, promise, status FROM promise_assessments"
                " WHERE agreement_id = ?", (current(store),))}


def history_of(store: Store, promise_id: str) -> list[HistoryEntry]:
    """The rows of one promise (and of the ids that redirect to it), newest first."""
    return [_entry(row) for row in store.execute(
        f"SELECT {_COLUMNS} FROM promise_history h WHERE h.promise_id = ?"
        " OR h.promise_id IN (SELECT old_id FROM promise_redirects WHERE new_id = ?)"
        " ORDER BY h.id DESC", (promise_id, promise_id))]


def recent(store: Store, limit: int = 50, chapter: str | None = None,
           promise_id: str | None = None) -> list[HistoryEntry]:
    """The newest rows, of one chapter (its node key, e.g. "onderwijs", or its title as the
    nodes store it) or one promise when asked."""
    where, params = [], []
    if promise_id is not None:
        where.append("h.promise_id = ?")
        params.append(promise_id)
    if chapter is not None:
        where.append("h.promise_id IN (SELECT s.promise_id FROM agreement_statements s"
                     " JOIN agreement_nodes n ON n.agreement_id = s.agreement_id"
                     " AND n.key = s.node_key WHERE s.agreement_id = ? AND (n.chapter = ?"
                     " OR s.node_key = ? OR s.node_key LIKE ? || '/%'))")
        params += [current(store), chapter, chapter, chapter]
    elif promise_id is None:
        # The agreement in scope: its promises' rows, and those of ids that redirect to them.
        where.append("(h.promise_id IN (SELECT promise_id FROM agreement_statements"
                     " WHERE agreement_id = ?) OR h.promise_id IN (SELECT r.old_id FROM"
                     " promise_redirects r JOIN agreement_statements s ON s.promise_id ="
                     " r.new_id WHERE s.agreement_id = ?))")
        params += [current(store), current(store)]
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    return [_entry(row) for row in store.execute(
        f"SELECT {_COLUMNS} FROM promise_history h{clause} ORDER BY h.id DESC LIMIT ?",
        (*params, limit))]


def count_history(store: Store) -> int:
    return int(store.execute("SELECT COUNT(*) FROM promise_history").fetchone()[0])


def latest_state(db: Executes, promise_id: str) -> State | None:
    """One promise's state after its latest history row (None: no rows yet)."""
    row = db.execute("SELECT after_status, after_evidence, rules_version FROM promise_history"
                     " WHERE promise_id = ? ORDER BY id DESC LIMIT 1", (promise_id,)).fetchone()
    return None if row is None else (row[0], tuple(row[1].split()), row[2])
