"""Connection, transactions and versioned schema migrations for the embedded SQLite store.

Every write of the project goes through `Store.transaction()`, so a failure half-way leaves
the store exactly as it was before the command started.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from beloftemeter.errors import StoreError

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# sqlite3.OperationalError messages that are the machine's state, not a bug, in Dutch.
_STORE_FAILURES = {
    "disk is full": "de schijf is vol",
    "readonly": "het bestand is alleen-lezen",
    "disk i/o error": "lees- of schrijffout op de schijf",
}


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


class Store:
    """A migrated SQLite database. Use `transaction()` for every write."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self.connection = connection
        self.path = path
        self._depth = 0

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: commit on success, roll back on any exception. Nests safely."""
        if self._depth:
            self._depth += 1
            try:
                yield self.connection
            finally:
                self._depth -= 1
            return
        try:
            self.connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._failure(exc) from None
        self._depth = 1
        try:
            yield self.connection
        except sqlite3.OperationalError as exc:
            self._rollback()
            raise self._failure(exc) from None
        except BaseException:
            self._rollback()
            raise
        else:
            try:
                self.connection.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                self._rollback()
                raise self._failure(exc) from None
        finally:
            self._depth = 0

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (a full disk, an I/O error).
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")

    def _failure(self, exc: sqlite3.OperationalError) -> Exception:
        """A Dutch StoreError for a store that is locked, full or unwritable; anything else
        (a mistake in our own SQL) is passed on as it is."""
        message = str(exc).lower()
        if "locked" in message or "busy" in message:
            waited = self.connection.execute("PRAGMA busy_timeout").fetchone()[0] / 1000
            return StoreError(
                f"De opslag is bezet: een ander proces schrijft er al langer dan {waited:g} s"
                f" in ({self.path}); probeer het opnieuw als dat klaar is. Er is niets"
                " veranderd."
            )
        for marker, reason in _STORE_FAILURES.items():
            if marker in message:
                return StoreError(f"De opslag kan niet geschreven worden: {reason}"
                                  f" ({self.path}). Er is niets veranderd.")
        return exc

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, params)

    def schema_version(self) -> int:
        row = self.connection.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> list[int]:
        """Apply pending migrations, each in its own transaction. Returns the versions applied."""
        self.connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL DEFAULT (datetime('now')))"
        )
        done = {r[0] for r in self.connection.execute("SELECT version FROM schema_migrations")}
        applied = []
        for migration in available_migrations():
            if migration.version in done:
                continue
            log.info("migratie %s toepassen", migration.name)
            with self.transaction() as conn:
                for statement in _split_sql(migration.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations(version, name) VALUES (?, ?)",
                    (migration.version, migration.name),
                )
            applied.append(migration.version)
        return applied

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _split_sql(script: str) -> list[str]:
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


def sqlite_path(url: str) -> str:
    """`sqlite:///rel/path.db`, `sqlite:////abs/path.db` or a plain path → a file path."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///") :]
    if url == "sqlite://" or url == ":memory:":
        return ":memory:"
    if "://" in url:
        raise StoreError(
            f"Niet-ondersteunde opslag: {url.split('://')[0]}:// (gebruik sqlite:///PAD)."
        )
    return url


def open_store(url: str) -> Store:
    """Open (creating if needed) and migrate the store at `url`."""
    path = sqlite_path(url)
    if path != ":memory:":
        parent = Path(path).expanduser().resolve().parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Kan de map voor de opslag niet maken: {parent} ({exc})") from exc
    try:
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys = ON")
        if path != ":memory:":
            connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA busy_timeout = 10000")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"Kan de opslag niet openen: {path} ({exc})") from exc
    store = Store(connection, path)
    try:
        store.migrate()
    except sqlite3.DatabaseError as exc:
        store.close()
        raise StoreError(f"Kan de opslag niet bijwerken: {path} ({exc})") from exc
    return store
