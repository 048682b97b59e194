"""Decisions in the store: idempotent upserts keyed on the source id, lookups and counts."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from beloftemeter.errors import NotFoundError
from beloftemeter.models.decisions import Decision, UpsertCounts
from beloftemeter.store.database import Store
from beloftemeter.store.sql import Row, select_in

__all__ = [
    "UpsertCounts",
    "content_hashes",
    "count_decisions",
    "decision_ids",
    "decision_stats",
    "decision_texts",
    "get_decision",
    "get_decisions",
    "iter_decisions",
    "meeting_dates",
    "upsert_decisions",
]

_COLUMNS = (
    "id, meeting_date, item_type, title, alternative_title, text, url, source_url,"
    " instrument, stage, amounts_json, content_hash"
)
# the columns that are a Decision field as they are (amounts are stored as JSON)
_FIELDS = tuple(c.strip() for c in _COLUMNS.split(",") if c.strip() != "amounts_json")


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


def _from_row(row: Row) -> Decision:
    fields = {name: row[name] for name in _FIELDS}
    amounts = tuple(float(a) for a in json.loads(row["amounts_json"]))
    return Decision(**fields, amounts=amounts)


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
        known: dict[str, str] = {
            row[0]: row[1] for row in select_in(
                conn, "SELECT id, content_hash FROM decisions WHERE id IN ({marks})", list(batch))
        }
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


def get_decisions(store: Store, ids: Iterable[str]) -> dict[str, Decision]:
    """The decisions with these ids, by id; ids not in the store are left out."""
    return {
        row["id"]: _from_row(row) for row in select_in(
            store, f"SELECT {_COLUMNS} FROM decisions WHERE id IN ({{marks}})",
            sorted(set(ids)))
    }


def count_decisions(store: Store) -> int:
    return int(store.execute("SELECT COUNT(*) FROM decisions").fetchone()[0])


def decision_ids(store: Store) -> list[str]:
    """Every decision id, in id order."""
    return [row[0] for row in store.execute("SELECT id FROM decisions ORDER BY id")]


def decision_texts(store: Store) -> list[tuple[str, str, str]]:
    """(id, title, text) of every decision, in id order."""
    return [(row[0], row[1], row[2])
            for row in store.execute("SELECT id, title, text FROM decisions ORDER BY id")]


def content_hashes(store: Store) -> dict[str, str]:
    """Decision id → the hash of its current content."""
    return {row[0]: row[1] for row in store.execute("SELECT id, content_hash FROM decisions")}


def meeting_dates(store: Store) -> list[str]:
    """The meeting date of every decision (one entry per decision, in no particular order)."""
    return [row[0] for row in store.execute("SELECT meeting_date FROM decisions")]


def decision_stats(store: Store) -> dict[str, Any]:
    """Counts in total and per year, item type, instrument and stage."""

    def grouped(expression: str) -> dict[str, int]:
        rows = store.execute(
            # NULL first on both backends, as SQLite sorts it (PostgreSQL puts it last).
            f"SELECT k, n FROM (SELECT {expression} AS k, COUNT(*) AS n FROM decisions"
            " GROUP BY k) AS grouped ORDER BY k IS NOT NULL, k"
        ).fetchall()
        return {str(k if k is not None else "onbekend"): int(n) for k, n in rows}

    return {
        "totaal": count_decisions(store),
        "per_jaar": grouped("substr(meeting_date, 1, 4)"),
        "per_type": grouped("item_type"),
        "per_instrument": grouped("instrument"),
        "per_stadium": grouped("stage"),
    }
