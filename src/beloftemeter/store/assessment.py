"""Storing and reading promise assessments and the decisions linked to them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from beloftemeter.models.assessment import (
    CANDIDATE,
    CONTEXT,
    EVIDENCE,
    Assessment,
    EvidenceDecision,
)
from beloftemeter.models.promises import HistoryEntry
from beloftemeter.models.review import REJECTED_ROLE
from beloftemeter.store import Store
from beloftemeter.store.history import append_history
from beloftemeter.store.scope import current
from beloftemeter.store.sql import Row


def fingerprints(store: Store) -> dict[tuple[str, int], str]:
    """(node_key, ordinal) → the evidence fingerprint of its stored assessment."""
    return {
        (row[0], row[1]): row[2]
        for row in store.execute("SELECT node_key, ordinal, fingerprint FROM promise_assessments"
                                 " WHERE agreement_id = ?", (current(store),))
    }


def promise_statuses(store: Store) -> dict[tuple[str, int], str]:
    """(node_key, ordinal) → the status of its stored assessment (absent: not assessed)."""
    return {
        (row[0], row[1]): row[2]
        for row in store.execute("SELECT node_key, ordinal, status FROM promise_assessments"
                                 " WHERE agreement_id = ?", (current(store),))
    }


def machine_statuses(store: Store) -> dict[tuple[str, int], str]:
    """(node_key, ordinal) → the status the machine reached alone (before any review)."""
    return {
        (row[0], row[1]): row[2] for row in store.execute(
            "SELECT node_key, ordinal, COALESCE(machine_status, status)"
            " FROM promise_assessments WHERE agreement_id = ?", (current(store),))
    }


def _latest_stage(a: Assessment) -> str | None:
    """The stage of the newest evidence decision (the list filters on it)."""
    newest = max(a.evidence, key=lambda e: (e.meeting_date, e.decision_id), default=None)
    return None if newest is None else newest.stage


def _machine_role(e: EvidenceDecision) -> str | None:
    return e.role if e.machine_role == "" else e.machine_role


def _last_per_decision(linked: Sequence[EvidenceDecision]) -> list[EvidenceDecision]:
    """One row per decision: a decision listed twice keeps its last listing, in that
    listing's place (what INSERT OR REPLACE made of it; a plain INSERT on every backend)."""
    last = {e.decision_id: position for position, e in enumerate(linked)}
    return [e for position, e in enumerate(linked) if last[e.decision_id] == position]


def save_assessments(
    store: Store, assessments: Iterable[Assessment], history: Iterable[HistoryEntry] = (),
    rechecks: Iterable[tuple[str, str]] = (),
) -> int:
    """Upsert assessments (and replace their linked decisions) in one transaction, with the
    history rows the change causes (see `analysis.history`) and the reviewed promises it sends
    back to the editors' queue (promise id, Dutch reason)."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    count = 0
    with store.transaction() as connection:
        agreement_id = current(connection)
        append_history(connection, history)
        connection.executemany(
            "UPDATE reviews SET recheck = ? WHERE promise_id = ? AND recheck IS NULL",
            [(reason, promise_id) for promise_id, reason in rechecks])
        for a in assessments:
            connection.execute(
                "DELETE FROM assessment_evidence WHERE agreement_id = ? AND node_key = ?"
                " AND ordinal = ?", (agreement_id, a.node_key, a.ordinal),
            )
            connection.execute(
                "INSERT INTO promise_assessments (agreement_id, node_key, ordinal, page, promise,"
                " status, reason, rung, rung_label, reached_on, first_date, last_date, fingerprint,"
                " assessed_at, evidence_count, candidate_count, latest_stage, machine_status,"
                " distinctive_terms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(agreement_id, node_key, ordinal) DO UPDATE SET page=excluded.page,"
                " promise=excluded.promise, status=excluded.status, reason=excluded.reason,"
                " rung=excluded.rung, rung_label=excluded.rung_label,"
                " reached_on=excluded.reached_on, first_date=excluded.first_date,"
                " last_date=excluded.last_date, fingerprint=excluded.fingerprint,"
                " assessed_at=excluded.assessed_at, evidence_count=excluded.evidence_count,"
                " candidate_count=excluded.candidate_count,"
                " latest_stage=excluded.latest_stage, machine_status=excluded.machine_status,"
                " distinctive_terms=excluded.distinctive_terms",
                (agreement_id, a.node_key, a.ordinal, a.page, a.promise, a.status, a.reason, a.rung,
                 a.rung_label, a.reached_on, a.first_date, a.last_date, a.fingerprint, now,
                 len(a.evidence), len(a.candidates), _latest_stage(a),
                 a.machine_status or a.status, " ".join(a.distinctive_terms)),
            )
            connection.executemany(
                "INSERT INTO assessment_evidence (agreement_id, node_key, ordinal, decision_id,"
                " role, score, rank, passage, stage, shared_terms, machine_role)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (agreement_id, a.node_key, a.ordinal, e.decision_id, e.role, e.score,
                     e.rank, e.passage, e.stage, " ".join(e.shared_terms), _machine_role(e))
                    for e in _last_per_decision((*a.evidence, *a.candidates, *a.context,
                                                 *a.rejected))
                ],
            )
            count += 1
    return count


_LINKED = ("SELECT e.node_key, e.ordinal, e.decision_id, e.role, e.score, e.rank, e.passage,"
           " e.stage, e.shared_terms, d.meeting_date, d.title, d.instrument, e.machine_role"
           " FROM assessment_evidence e JOIN decisions d ON d.id = e.decision_id")


def _linked_decision(row: Row) -> EvidenceDecision:
    machine_role = row[12]
    return EvidenceDecision(
        decision_id=row[2], role=row[3], score=row[4], rank=row[5], meeting_date=row[9],
        title=row[10], instrument=row[11], stage=row[7], passage=row[6],
        shared_terms=tuple(row[8].split()),
        machine_role="" if machine_role == row[3] else machine_role)


def _assessment(row: Row, decisions: list[EvidenceDecision]) -> Assessment:
    def of(role: str) -> list[EvidenceDecision]:
        return [d for d in decisions if d.role == role]

    machine_status = row["machine_status"]
    return Assessment(
        node_key=row["node_key"], ordinal=row["ordinal"], page=row["page"],
        promise=row["promise"], status=row["status"], reason=row["reason"],
        rung=row["rung"], rung_label=row["rung_label"], reached_on=row["reached_on"],
        first_date=row["first_date"], last_date=row["last_date"],
        fingerprint=row["fingerprint"],
        evidence=tuple(sorted(of(EVIDENCE), key=lambda d: (d.meeting_date, d.decision_id))),
        context=tuple(sorted(of(CONTEXT), key=lambda d: -d.score)),
        candidates=tuple(sorted(of(CANDIDATE), key=lambda d: -d.score)),
        machine_status=None if machine_status in (None, row["status"]) else machine_status,
        rejected=tuple(sorted(of(REJECTED_ROLE), key=lambda d: -d.score)),
        distinctive_terms=tuple(row["distinctive_terms"].split()),
    )


def load_assessments(store: Store, keys: Iterable[str] | None = None) -> list[Assessment]:
    """Stored assessments (of the given node keys, or all), in agreement order."""
    wanted = None if keys is None else set(keys)
    linked: dict[tuple[str, int], list[EvidenceDecision]] = {}
    agreement_id = current(store)
    for row in store.execute(f"{_LINKED} WHERE e.agreement_id = ?", (agreement_id,)):
        if wanted is not None and row[0] not in wanted:
            continue
        linked.setdefault((row[0], row[1]), []).append(_linked_decision(row))
    result = []
    for row in store.execute(
        "SELECT a.* FROM promise_assessments a"
        # A promise whose section is gone (NULL) first on both backends, as SQLite sorts it.
        " LEFT JOIN agreement_nodes n ON n.agreement_id = a.agreement_id"
        " AND n.key = a.node_key WHERE a.agreement_id = ?"
        " ORDER BY n.ordinal IS NOT NULL, n.ordinal, a.ordinal", (agreement_id,)
    ):
        if wanted is not None and row["node_key"] not in wanted:
            continue
        result.append(_assessment(row, linked.get((row["node_key"], row["ordinal"]), [])))
    return result


def load_assessment(store: Store, node_key: str, ordinal: int) -> Assessment | None:
    """One promise's stored assessment (with its rejected decisions), None if not assessed."""
    agreement_id = current(store)
    row = store.execute("SELECT * FROM promise_assessments WHERE agreement_id = ?"
                        " AND node_key = ? AND ordinal = ?",
                        (agreement_id, node_key, ordinal)).fetchone()
    if row is None:
        return None
    decisions = [_linked_decision(r) for r in store.execute(
        f"{_LINKED} WHERE e.agreement_id = ? AND e.node_key = ? AND e.ordinal = ?",
        (agreement_id, node_key, ordinal))]
    return _assessment(row, decisions)


def delete_missing(store: Store, keep: set[tuple[str, int]]) -> int:
    """Remove assessments of promises that no longer exist (e.g. a re-read agreement)."""
    stale = [key for key in fingerprints(store) if key not in keep]
    agreement_id = current(store)
    with store.transaction() as connection:
        for node_key, ordinal in stale:
            connection.execute(
                "DELETE FROM assessment_evidence WHERE agreement_id = ? AND node_key = ?"
                " AND ordinal = ?", (agreement_id, node_key, ordinal),
            )
            connection.execute(
                "DELETE FROM promise_assessments WHERE agreement_id = ? AND node_key = ?"
                " AND ordinal = ?", (agreement_id, node_key, ordinal),
            )
    return len(stale)
