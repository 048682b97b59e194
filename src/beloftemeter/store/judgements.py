"""A language model's verdicts on whether a decision carries a promise out
(`relevance_judgements`): stored per promise, decision content and judge, then reused."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from beloftemeter.store.database import Store
from beloftemeter.store.sql import select_in


def known_judgements(
    store: Store, promise_hash: str, judge: str, content_hashes: Mapping[str, str]
) -> dict[str, bool]:
    """Decision id → verdict, for the decisions in `content_hashes` (id → current content
    hash) that `judge` judged for this promise while their content was what it is now."""
    return {
        row[0]: bool(row[2])
        for row in select_in(
            store,
            "SELECT decision_id, content_hash, carries_out FROM relevance_judgements"
            " WHERE promise_hash = ? AND judge = ? AND decision_id IN ({marks})",
            list(content_hashes),
            (promise_hash, judge),
        )
        if content_hashes.get(row[0]) == row[1]
    }


def save_judgements(
    store: Store, promise_hash: str, judge: str, verdicts: Iterable[tuple[str, str, bool]]
) -> None:
    """Upsert (decision id, content hash, carries out) verdicts of `judge` on one promise."""
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO relevance_judgements(promise_hash, decision_id, content_hash,"
            " judge, carries_out) VALUES (?, ?, ?, ?, ?) ON CONFLICT(promise_hash,"
            " decision_id, judge) DO UPDATE SET content_hash = excluded.content_hash,"
            " carries_out = excluded.carries_out, judged_at = datetime('now')",
            [(promise_hash, decision_id, content_hash, judge, int(yes))
             for decision_id, content_hash, yes in verdicts],
        )


def count_judgements(store: Store) -> int:
    return int(store.execute("SELECT COUNT(*) FROM relevance_judgements").fetchone()[0])
