"""The versioned migrations shipped in `store/migrations/`, as both backends apply them.

The files are written in SQLite's dialect; the PostgreSQL store translates each statement
(store/dialect.py). Migrations 0001-0013 are applied in users' stores already: a change to one
must leave SQLite's resulting schema as it is.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

from beloftemeter.errors import StoreError

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    """All migrations shipped with the package, in version order."""
    folder = resources.files("beloftemeter.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"Dubbele migratienummers: {versions}")
    return found


def pending(done: set[int], path: str) -> list[Migration]:
    """The shipped migrations not in `done` (the versions a store has applied). A store that
    has a version beyond the newest one shipped was written by a newer beloftemeter: it is
    refused before anything is written, since this program cannot know that schema."""
    shipped = available_migrations()
    newest = shipped[-1].version if shipped else 0
    if done and max(done) > newest:
        raise StoreError(
            f"De opslag heeft schemaversie {max(done)}, nieuwer dan deze beloftemeter kent"
            f" ({newest}): werk beloftemeter bij ({path}). Er is niets veranderd."
        )
    return [migration for migration in shipped if migration.version not in done]


def split_sql(script: str) -> list[str]:
    """Split a migration into statements; `sqlite3.complete_statement` handles triggers."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if not buffer and line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
