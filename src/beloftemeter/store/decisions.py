"""Decisions in the store: idempotent upserts keyed on the source id, lookups and counts."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from beloftemeter.errors import NotFoundError
from beloftemeter.models.decisions import Decision, UpsertCounts
from beloftemeter.store.database import Store

__all__ = [
    "UpsertCounts",
    "count_decisions",
    "decision_stats",
    "get_decision",
    "iter_decisions",
    "upsert_decisions",
]

_COLUMNS = (
    "id, meeting_date, item_type, title, alternative_title, text, url, source_url,"
    " instrument, stage, amounts_json, content_hash"
)


def _row_values(decision: Decision) -> tuple[Any, ...]:
    return (
        decision.id,
        decision.meeting_date,
        decision.item_type,
        decision.title,
        decision.alternative_title,
        decision.text,
        decision.url,
        decision.source_url,
        decision.instrument,
        decision.stage,
        json.dumps(list(decision.amounts)),
        decision.content_hash,
    )


def _from_row(row: sqlite3.Row) -> Decision:
    return Decision(
        id=row["id"],
        meeting_date=row["meeting_date"],
        item_type=row["item_type"],
        title=row["title"],
        alternative_title=row["alternative_title"],
        text=row["text"],
        url=row["url"],
        source_url=row["source_url"],
        instrument=row["instrument"],
        stage=row["stage"],
        amounts=tuple(float(a) for a in json.loads(row["amounts_json"])),
        content_hash=row["content_hash"],
    )


def upsert_decisions(store: Store, decisions: Iterable[Decision]) -> UpsertCounts:
    """Insert new decisions and update changed ones, in one transaction (all or nothing).

    A decision whose `content_hash` is unchanged is not touched (its `updated_at` stays).
    Duplicate ids within `decisions` count once: the last one wins.
    """
    batch: dict[str, Decision] = {}
    for decision in decisions:
        batch[decision.id] = decision
    if not batch:
        return UpsertCounts()
    new = changed = unchanged = 0
    with store.transaction() as conn:
        known: dict[str, str] = {}
        ids = list(batch)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(
                f"SELECT id, content_hash FROM decisions WHERE id IN ({marks})", chunk
            ):
                known[row[0]] = row[1]
        inserts, updates = [], []
        for decision_id, decision in batch.items():
            previous = known.get(decision_id)
            if previous is None:
                inserts.append(_row_values(decision))
                new += 1
            elif previous != decision.content_hash:
                values = _row_values(decision)
                updates.append((*values[1:], decision_id))
                changed += 1
            else:
                unchanged += 1
        if inserts:
            conn.executemany(
                f"INSERT INTO decisions ({_COLUMNS}) VALUES ({','.join('?' * 12)})", inserts
            )
        if updates:
            conn.executemany(
                "UPDATE decisions SET meeting_date = ?, item_type = ?, title = ?,"
                " alternative_title = ?, text = ?, url = ?, source_url = ?, instrument = ?,"
                " stage = ?, amounts_json = ?, content_hash = ?, updated_at = datetime('now')"
                " WHERE id = ?",
                updates,
            )
    return UpsertCounts(new=new, changed=changed, unchanged=unchanged)


def get_decision(store: Store, decision_id: str) -> Decision:
    """One decision by id (case-insensitive for hex ids); NotFoundError if absent."""
    row = store.execute(
        f"SELECT {_COLUMNS} FROM decisions WHERE id = ? OR id = ? OR id = ?",
        (decision_id, decision_id.upper(), decision_id.lower()),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"Geen beslissing met id {decision_id} in de opslag.")
    return _from_row(row)


def iter_decisions(store: Store, since: str | None = None) -> Iterator[Decision]:
    """All decisions in meeting-date order (then id), optionally from meeting date `since` on."""
    if since:
        cursor = store.execute(
            f"SELECT {_COLUMNS} FROM decisions WHERE meeting_date >= ?"
            " ORDER BY meeting_date, id",
            (since,),
        )
    else:
        cursor = store.execute(f"SELECT {_COLUMNS} FROM decisions ORDER BY meeting_date, id")
    for row in cursor:
        yield _from_row(row)


def count_decisions(store: Store) -> int:
    return int(store.execute("SELECT COUNT(*) FROM decisions").fetchone()[0])


def decision_stats(store: Store) -> dict[str, Any]:
    """Counts in total and per year, item type, instrument and stage."""

    def grouped(expression: str) -> dict[str, int]:
        rows = store.execute(
            f"SELECT {expression} AS k, COUNT(*) FROM decisions GROUP BY k ORDER BY k"
        ).fetchall()
        return {str(k if k is not None else "onbekend"): int(n) for k, n in rows}

    return {
        "totaal": count_decisions(store),
        "per_jaar": grouped("substr(meeting_date, 1, 4)"),
        "per_type": grouped("item_type"),
        "per_instrument": grouped("instrument"),
        "per_stadium": grouped("stage"),
    }
