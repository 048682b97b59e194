"""What every store backend shares: transactions that nest, versioned migrations, the schema
version. `SqliteStore` (store/sqlite_store.py) and `PostgresStore` (store/postgres_store.py)
supply the connection and what differs.

Every write of the project goes through `Store.transaction()`, so a failure half-way leaves
the store exactly as it was before the command started.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any, ClassVar

from beloftemeter.errors import BusyError
from beloftemeter.store.schema import pending, split_sql

log = logging.getLogger(__name__)

SCHEMA_MIGRATIONS = (
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL DEFAULT (datetime('now')))"
)
# Names of `exclusive` locks: they may become file names.
LOCK_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,40}$")


class Store:
    """A migrated store, one connection. Use `transaction()` for every write.

    `execute(sql, params)` takes SQLite's dialect (`?` placeholders) on every backend and
    returns a cursor whose rows read by position and by column name. `path` names the store
    in messages (never with a password).
    """

    # The driver's error class that `_failure` may turn into a Dutch StoreError.
    driver_error: ClassVar[type[Exception]] = Exception
    # The driver's error for a broken constraint (a duplicate key): `except store.IntegrityError`.
    IntegrityError: ClassVar[type[Exception]] = Exception
    dialect: ClassVar[str] = ""

    def __init__(self, connection: Any, path: str) -> None:
        self.connection = connection
        self.path = path
        self._depth = 0

    # --- what each backend supplies ---------------------------------------------------------

    def execute(self, sql: str, params: tuple | dict = ()) -> Any:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[tuple | dict]) -> Any:
        raise NotImplementedError

    def exclusive(self, name: str, wait: bool = False) -> AbstractContextManager[None]:
        """Hold the store-wide lock `name` for the block, so that two runs of one kind (two
        `bouw` runs, two syncs) cannot interleave their writes, also from two machines on one
        PostgreSQL database. A second holder is refused with a Dutch StoreError, or waits
        when `wait`."""
        raise NotImplementedError

    def _begin(self) -> None:
        raise NotImplementedError

    def _commit(self) -> None:
        raise NotImplementedError

    def _rollback(self) -> None:
        raise NotImplementedError

    def _handle(self) -> Any:
        """What `transaction()` yields: something with `execute` and `executemany`."""
        return self

    def _apply(self, statement: str) -> None:
        """Run one statement of a migration file (SQLite's dialect) inside its transaction."""
        raise NotImplementedError

    def _failure(self, exc: Exception) -> Exception:
        """A Dutch StoreError for a store that is busy, full or unwritable; anything else (a
        mistake in our own SQL) is passed on as it is."""
        return exc

    def _migration_guard(self) -> AbstractContextManager[None]:
        return nullcontext()

    # --- shared ---------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """All or nothing: commit on success, roll back on any exception. Nests safely: an
        inner block is part of the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield self._handle()
            finally:
                self._depth -= 1
            return
        try:
            self._begin()
        except self.driver_error as exc:
            raise self._failure(exc) from None
        self._depth = 1
        try:
            yield self._handle()
        except self.driver_error as exc:
            self._rollback()
            raise self._failure(exc) from None
        except BaseException:
            self._rollback()
            raise
        else:
            try:
                self._commit()
            except self.driver_error as exc:
                self._rollback()
                raise self._failure(exc) from None
        finally:
            self._depth = 0

    def schema_version(self) -> int:
        row = self.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> list[int]:
        """Apply pending migrations, each in its own transaction. Returns the versions applied.
        A store of a newer schema than this program knows is refused untouched."""
        with self._migration_guard():
            self._apply(SCHEMA_MIGRATIONS)
            done = {int(r[0]) for r in self.execute("SELECT version FROM schema_migrations")}
            applied = []
            for migration in pending(done, self.path):
                log.info("migratie %s toepassen", migration.name)
                with self.transaction() as conn:
                    for statement in split_sql(migration.sql):
                        self._apply(statement)
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


def check_lock_name(name: str) -> str:
    if not LOCK_NAME.match(name):
        raise ValueError(f"lock name must match {LOCK_NAME.pattern}: {name!r}")
    return name


def busy_lock(name: str, path: str) -> BusyError:
    """The Dutch refusal when another run holds the lock `name` (exit code 9)."""
    return BusyError(f"Er loopt al een andere {name} op deze opslag ({path}); probeer het"
                      " opnieuw als die klaar is. Er is niets veranderd.")
