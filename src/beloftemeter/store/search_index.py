"""The lexical index in the store (`search_documents`: analysed words per decision) and the
columns of decisions that the search engine filters on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from beloftemeter.store.database import Store

# (decision id, content hash when analysed, analyser version, title words, body words)
DocumentRow = tuple[str, str, str, str, str]


def stale_documents(store: Store, analyzer: str) -> list[str]:
    """Ids of decisions without analysed words, or analysed from older content or by another
    analyser version."""
    return [
        row[0]
        for row in store.execute(
            "SELECT d.id FROM decisions d LEFT JOIN search_documents s ON s.decision_id = d.id"
            " WHERE s.decision_id IS NULL OR s.content_hash != d.content_hash"
            " OR s.analyzer != ?",
            (analyzer,),
        )
    ]


def save_documents(store: Store, rows: Iterable[DocumentRow]) -> None:
    """Upsert analysed decisions, in one transaction."""
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO search_documents(decision_id, content_hash, analyzer, title_words,"
            " body_words) VALUES (?, ?, ?, ?, ?) ON CONFLICT(decision_id) DO UPDATE SET"
            " content_hash = excluded.content_hash, analyzer = excluded.analyzer,"
            " title_words = excluded.title_words, body_words = excluded.body_words",
            list(rows),
        )


def delete_orphan_documents(store: Store) -> int:
    """Remove analysed words of decisions that are gone; returns how many.

    They go with their decision (ON DELETE CASCADE); this cleans up any straggler."""
    with store.transaction() as conn:
        return conn.execute(
            "DELETE FROM search_documents WHERE decision_id NOT IN (SELECT id FROM decisions)"
        ).rowcount


def count_documents(store: Store) -> int:
    return int(store.execute("SELECT COUNT(*) FROM search_documents").fetchone()[0])


def analysed_documents(store: Store) -> list[tuple[str, str, str]]:
    """(decision id, title words, body words) of every analysed decision, in id order."""
    return [
        (row[0], row[1], row[2])
        for row in store.execute(
            "SELECT decision_id, title_words, body_words FROM search_documents"
            " ORDER BY decision_id"
        )
    ]


def filter_columns(store: Store) -> dict[str, tuple[str, str, str | None, str | None]]:
    """Decision id → (meeting date, item type, instrument, stage): what search filters on."""
    return {
        row[0]: (row[1], row[2], row[3], row[4])
        for row in store.execute(
            "SELECT id, meeting_date, item_type, instrument, stage FROM decisions"
        )
    }


def decision_texts(store: Store) -> Iterator[tuple[str, str, str]]:
    """(decision id, title, text) of every decision, in id order, read as they are needed:
    what search matches names against as they are written."""
    yield from (
        (row[0], row[1], row[2])
        for row in store.execute("SELECT id, title, text FROM decisions ORDER BY id")
    )
