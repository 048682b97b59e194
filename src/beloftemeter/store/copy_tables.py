"""The tables a copy between stores moves (`store.copy`), read from the shipped migrations
themselves (applied to an in-memory SQLite database): a table a new migration adds is copied
without a change anywhere. Parents come before the tables whose foreign keys point to them."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

from beloftemeter.errors import StoreError
from beloftemeter.store.backend import Store
from beloftemeter.store.sqlite_store import SqliteStore

_READ_ONLY_TRIGGER = re.compile(r"\bBEFORE\s+(UPDATE|DELETE)\b.*\bRAISE\s*\(\s*ABORT", re.I | re.S)


@dataclass(frozen=True)
class Table:
    """One table of the schema as the copy needs it."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]  # primary key columns, in key order
    parents: tuple[str, ...]  # other tables its foreign keys point to
    self_refs: tuple[tuple[str, str], ...]  # (column, key column) pointing into itself
    identity: str | None  # INTEGER PRIMARY KEY: an identity column on PostgreSQL
    seeded: bool  # the migrations write its rows (a counter that triggers keep)
    append_only: bool  # triggers refuse UPDATE and DELETE: rows are only ever inserted


@lru_cache(maxsize=1)
def schema_tables() -> tuple[Table, ...]:
    """Every table of the shipped schema (not `schema_migrations`: each store keeps its own),
    parents before the tables that refer to them."""
    reference = SqliteStore(sqlite3.connect(":memory:"), ":memory:")
    try:
        reference.migrate()
        names = [r[0] for r in reference.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name != 'schema_migrations' ORDER BY name")]
        triggers = [r[0] for r in reference.execute(
            "SELECT tbl_name || ' ' || sql FROM sqlite_master WHERE type = 'trigger'")]
        tables = {name: _describe(reference, name, triggers) for name in names}
    finally:
        reference.close()
    return _dependency_order(tables)


def _describe(reference: Store, name: str, triggers: list[str]) -> Table:
    info = reference.execute(f"PRAGMA table_info({name})").fetchall()
    columns = tuple(row[1] for row in info)
    keyed = sorted((row[5], row[1], row[2].upper()) for row in info if row[5])
    key = tuple(column for _, column, _ in keyed) or columns
    references = reference.execute(f"PRAGMA foreign_key_list({name})").fetchall()
    parents = tuple(sorted({row[2] for row in references if row[2] != name}))
    self_refs = tuple((row[3], row[4]) for row in references if row[2] == name)
    identity = keyed[0][1] if len(keyed) == 1 and keyed[0][2] == "INTEGER" else None
    seeded = reference.execute(f"SELECT COUNT(*) AS n FROM {name}").fetchone()[0] > 0
    guarded = {_READ_ONLY_TRIGGER.search(sql).group(1).upper() for sql in triggers
               if sql.split(" ", 1)[0] == name and _READ_ONLY_TRIGGER.search(sql)}
    return Table(name, columns, key, parents, self_refs, identity, seeded,
                 append_only=guarded == {"UPDATE", "DELETE"})


def _dependency_order(tables: dict[str, Table]) -> tuple[Table, ...]:
    """Kahn's sort by name among the ready ones (a stable order); tables the migrations seed
    last, after the inserts whose triggers move them."""
    ordered: list[Table] = []
    done: set[str] = set()
    waiting = dict(sorted(tables.items()))
    while waiting:
        ready = [t for t in waiting.values() if set(t.parents) <= done]
        if not ready:
            raise StoreError(f"Kringverwijzing tussen tabellen: {', '.join(waiting)}")
        for table in ready:
            ordered.append(table)
            done.add(table.name)
            del waiting[table.name]
    return tuple(sorted(ordered, key=lambda t: t.seeded))
