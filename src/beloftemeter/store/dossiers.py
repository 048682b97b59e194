"""Dossiers in the store: written all at once by the index step, read per decision.

The assignment is derived from the decisions alone, so a write replaces it whole (in one
transaction: readers see the old dossiers or the new ones, never a mix).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from beloftemeter.models.dossiers import Dossier, DossierStep
from beloftemeter.store.database import Store
from beloftemeter.store.sql import select_in

__all__ = [
    "count_dossiers",
    "dossier_keys",
    "load_dossiers",
    "replace_dossiers",
]


def replace_dossiers(store: Store, dossiers: Iterable[Dossier]) -> int:
    """Store these dossiers instead of the ones there were; returns how many. Steps whose
    decision is not in the store are left out (the foreign key would refuse them)."""
    rows, steps = [], []
    for dossier in dossiers:
        rows.append((dossier.key, dossier.instrument, dossier.subject, dossier.formal_subject,
                     int(dossier.plural)))
        steps.extend((step.decision_id, dossier.key, n) for n, step in enumerate(dossier.steps))
    with store.transaction() as conn:
        conn.execute("DELETE FROM decision_dossiers")
        conn.execute("DELETE FROM dossiers")
        conn.executemany(
            "INSERT INTO dossiers (key, instrument, subject, formal_subject, plural)"
            " VALUES (?, ?, ?, ?, ?)", rows)
        conn.executemany(
            "INSERT INTO decision_dossiers (decision_id, dossier_key, step)"
            " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM decisions WHERE id = ?)",
            [(*step, step[0]) for step in steps])
    return len(rows)


def dossier_keys(store: Store, decision_ids: Iterable[str]) -> dict[str, str]:
    """Decision id → the key of its dossier, for the ids that have one."""
    return {
        row[0]: row[1] for row in select_in(
            store, "SELECT decision_id, dossier_key FROM decision_dossiers"
                   " WHERE decision_id IN ({marks})", sorted(set(decision_ids)))
    }


def load_dossiers(store: Store, keys: Iterable[str]) -> dict[str, Dossier]:
    """The dossiers with these keys, by key, each with its steps in order."""
    wanted = sorted(set(keys))
    found = {
        row["key"]: Dossier(row["key"], row["instrument"], row["subject"],
                            row["formal_subject"], bool(row["plural"]), ())
        for row in select_in(
            store, "SELECT key, instrument, subject, formal_subject, plural FROM dossiers"
                   " WHERE key IN ({marks})", wanted)
    }
    steps: dict[str, list[DossierStep]] = {key: [] for key in found}
    for row in select_in(
            store, "SELECT dd.dossier_key, d.id, d.meeting_date, d.stage, d.title"
                   " FROM decision_dossiers dd JOIN decisions d ON d.id = dd.decision_id"
                   " WHERE dd.dossier_key IN ({marks}) ORDER BY dd.dossier_key, dd.step",
            wanted):
        steps[row[0]].append(DossierStep(row[1], row[2], row[3], row[4]))
    return {key: replace(dossier, steps=tuple(steps[key])) for key, dossier in found.items()}


def count_dossiers(store: Store) -> tuple[int, int]:
    """(dossiers, dossiers of two or more steps)."""
    row = store.execute(
        "SELECT COUNT(*) AS dossiers, COALESCE(SUM(CASE WHEN n > 1 THEN 1 ELSE 0 END), 0)"
        " AS plural FROM (SELECT COUNT(*) AS n FROM decision_dossiers GROUP BY dossier_key)"
        " AS sizes").fetchone()
    return int(row[0]), int(row[1])
