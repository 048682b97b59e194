"""Editors' reviews of promises, their append-only audit events and readers' error reports
(migration 0013). Writes that belong together take the caller's connection, so a save is one
transaction with the published verdict it changes (see pipeline.review)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from beloftemeter.models.assessment import EVIDENCE, EvidenceDecision
from beloftemeter.models.review import Event as AuditEvent
from beloftemeter.models.review import ReaderReport, Review
from beloftemeter.store.database import Store
from beloftemeter.store.scope import current
from beloftemeter.store.sql import Executes, Row, select_in

PASSAGE_CHARS = 400  # of an added decision's text, as its passage
REVIEW_ACTION = "review"

_REVIEW_COLUMNS = ("promise_id, version, status, reason, status_source, note, evidence_seen,"
                   " recheck, reviewed_by, reviewed_at")
# A saved review replaces the stored one whole (nothing refers to a review row).
_UPDATE_REVIEW = ", ".join(f"{column} = excluded.{column}"
                           for column in _REVIEW_COLUMNS.split(", ")[1:])


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _links(db: Executes, promise_id: str | None = None) -> dict[str, dict[str, str]]:
    sql = "SELECT promise_id, decision_id, verdict FROM review_links"
    if promise_id is None:
        rows = db.execute(sql)
    else:
        rows = db.execute(sql + " WHERE promise_id = ?", (promise_id,))
    links: dict[str, dict[str, str]] = {}
    for row in rows:
        links.setdefault(row[0], {})[row[1]] = row[2]
    return links


def _review(row: Row, links: dict[str, str]) -> Review:
    return Review(promise_id=row[0], version=row[1], status=row[2], reason=row[3],
                  status_source=row[4], note=row[5], evidence_seen=frozenset(row[6].split()),
                  recheck=row[7], reviewed_by=row[8], reviewed_at=row[9], links=links)


def get_review(db: Executes, promise_id: str) -> Review | None:
    row = db.execute(f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE promise_id = ?",
                     (promise_id,)).fetchone()
    return None if row is None else _review(row, _links(db, promise_id).get(promise_id, {}))


def reviews_by_id(store: Store) -> dict[str, Review]:
    """Every review, by promise id."""
    links = _links(store)
    return {row[0]: _review(row, links.get(row[0], {}))
            for row in store.execute(f"SELECT {_REVIEW_COLUMNS} FROM reviews")}


def write_review(conn: Executes, review: Review) -> None:
    """Replace the promise's review and its link verdicts (inside the caller's transaction)."""
    conn.execute(
        f"INSERT INTO reviews ({_REVIEW_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)"
        f" ON CONFLICT(promise_id) DO UPDATE SET {_UPDATE_REVIEW}",
        (review.promise_id, review.version, review.status, review.reason,
         review.status_source, review.note, " ".join(sorted(review.evidence_seen)),
         review.recheck, review.reviewed_by, review.reviewed_at))
    conn.execute("DELETE FROM review_links WHERE promise_id = ?", (review.promise_id,))
    for decision_id, verdict in sorted(review.links.items()):
        conn.execute("INSERT INTO review_links (promise_id, decision_id, verdict)"
                     " VALUES (?,?,?)", (review.promise_id, decision_id, verdict))


def append_event(conn: Executes, actor: str, action: str, promise_id: str | None = None,
                 before: dict[str, Any] | None = None, after: dict[str, Any] | None = None,
                 reason: str = "", at: str | None = None) -> int:
    """Add one audit event; the table refuses updates and deletes (triggers)."""
    rows = conn.execute(
        "INSERT INTO editorial_events (at, actor, action, promise_id, before, after, reason)"
        " VALUES (?,?,?,?,?,?,?) RETURNING id",
        (at or now(), actor, action, promise_id,
         json.dumps(before or {}, ensure_ascii=False, sort_keys=True),
         json.dumps(after or {}, ensure_ascii=False, sort_keys=True), reason)).fetchall()
    return int(rows[0][0])


def _event(row: Row) -> AuditEvent:
    return AuditEvent(id=row[0], at=row[1], actor=row[2], action=row[3], promise_id=row[4],
                      before=json.loads(row[5]), after=json.loads(row[6]), reason=row[7])


_EVENT_COLUMNS = "id, at, actor, action, promise_id, before, after, reason"
# A save that changed what the public sees: the status, the reason or the evidence.
# (SQLite's `IS NOT` and json_extract: store/dialect.py translates both for PostgreSQL.)
_CHANGED = ("(json_extract(before, '$.status') IS NOT json_extract(after, '$.status')"
            " OR json_extract(before, '$.evidence') IS NOT json_extract(after, '$.evidence'))")


def events(db: Executes, promise_id: str | None = None, since_id: int = 0,
           actions: Sequence[str] | None = None, limit: int | None = None) -> list[AuditEvent]:
    """Audit events, newest first."""
    where, params = ["id > ?"], [since_id]
    if promise_id is not None:
        where.append("promise_id = ?")
        params.append(promise_id)
    if actions:
        where.append(f"action IN ({','.join('?' * len(actions))})")
        params += list(actions)
    sql = f"SELECT {_EVENT_COLUMNS} FROM editorial_events WHERE {' AND '.join(where)}" \
          " ORDER BY id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [_event(row) for row in db.execute(sql, params)]


# An event of a promise of the agreement in scope, also under an id that now redirects to it.
_IN_SCOPE = ("(promise_id IN (SELECT promise_id FROM agreement_statements WHERE agreement_id = ?)"
             " OR promise_id IN (SELECT r.old_id FROM promise_redirects r JOIN"
             " agreement_statements s ON s.promise_id = r.new_id WHERE s.agreement_id = ?))")


def corrections(store: Store, limit: int = 50, offset: int = 0) -> list[AuditEvent]:
    """Saves that changed a published verdict of the agreement in scope, newest first (the
    public corrections page)."""
    agreement_id = current(store)
    return [_event(row) for row in store.execute(
        f"SELECT {_EVENT_COLUMNS} FROM editorial_events WHERE action = ? AND {_CHANGED}"
        f" AND {_IN_SCOPE} ORDER BY id DESC LIMIT ? OFFSET ?",
        (REVIEW_ACTION, agreement_id, agreement_id, limit, offset))]


def count_corrections(store: Store) -> int:
    agreement_id = current(store)
    return int(store.execute(f"SELECT COUNT(*) FROM editorial_events WHERE action = ?"
                             f" AND {_CHANGED} AND {_IN_SCOPE}",
                             (REVIEW_ACTION, agreement_id, agreement_id)).fetchone()[0])


def add_reader_report(store: Store, promise_id: str, message: str,
                      decision_url: str | None) -> int:
    """Keep a reader's report: the text, the optional link and the time, nothing more."""
    at = now()
    with store.transaction() as conn:
        report_id = int(conn.execute(
            "INSERT INTO reader_reports (promise_id, message, decision_url, created_at)"
            " VALUES (?,?,?,?) RETURNING id",
            (promise_id, message, decision_url, at)).fetchall()[0][0])
        append_event(conn, "lezer", "report_received", promise_id,
                     after={"report": report_id}, at=at)
    return report_id


def _report(row: Row) -> ReaderReport:
    return ReaderReport(id=row[0], promise_id=row[1], message=row[2], decision_url=row[3],
                        created_at=row[4], handled_at=row[5])


def open_reports(store: Store) -> dict[str, list[ReaderReport]]:
    """Reports nobody handled yet, by promise id, oldest first."""
    found: dict[str, list[ReaderReport]] = {}
    for row in store.execute(
        "SELECT id, promise_id, message, decision_url, created_at, handled_at"
        " FROM reader_reports WHERE handled_at IS NULL ORDER BY id"):
        found.setdefault(row[1], []).append(_report(row))
    return found


def handle_reports(conn: Executes, promise_id: str, actor: str, at: str) -> list[int]:
    """Mark the promise's open reports handled (an editor saved it); their ids."""
    ids = [row[0] for row in conn.execute(
        "SELECT id FROM reader_reports WHERE promise_id = ? AND handled_at IS NULL",
        (promise_id,))]
    conn.execute("UPDATE reader_reports SET handled_at = ?, handled_by = ?"
                 " WHERE promise_id = ? AND handled_at IS NULL", (at, actor, promise_id))
    return ids


def decisions_as_evidence(db: Executes, ids: Iterable[str]) -> dict[str, EvidenceDecision]:
    """Decisions an editor links by hand, as evidence records (score 1: a person chose them)."""
    rows = select_in(db, "SELECT id, meeting_date, title, instrument, stage,"
                     f" substr(text, 1, {PASSAGE_CHARS}) FROM decisions WHERE id IN ({{marks}})",
                     sorted(set(ids)))
    return {row[0]: EvidenceDecision(
        decision_id=row[0], role=EVIDENCE, score=1.0, rank=0, meeting_date=row[1],
        title=row[2], instrument=row[3], stage=row[4], passage=row[5], machine_role=None)
        for row in rows}
