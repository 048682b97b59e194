"""The embedded SQLite store: one file, no server (the default backend)."""

from __future__ import annotations

import fcntl
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

from beloftemeter.errors import StoreError
from beloftemeter.store.backend import Store, busy_lock, check_lock_name

# sqlite3.OperationalError messages that are the machine's state, not a bug, in Dutch.
_STORE_FAILURES = {
    "disk is full": "de schijf is vol",
    "readonly": "het bestand is alleen-lezen",
    "disk i/o error": "lees- of schrijffout op de schijf",
}


class SqliteStore(Store):
    """A migrated SQLite database."""

    driver_error: ClassVar[type[Exception]] = sqlite3.OperationalError
    IntegrityError: ClassVar[type[Exception]] = sqlite3.IntegrityError
    dialect: ClassVar[str] = "sqlite"

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        super().__init__(connection, path)
        self._held: set[str] = set()

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlite3.Cursor:
        return self.connection.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[tuple | dict]) -> sqlite3.Cursor:
        return self.connection.executemany(sql, rows)

    def _handle(self) -> sqlite3.Connection:
        return self.connection

    def _begin(self) -> None:
        self.connection.execute("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self.connection.execute("COMMIT")

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (a full disk, an I/O error).
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")

    def _apply(self, statement: str) -> None:
        self.connection.execute(statement)

    def _failure(self, exc: Exception) -> Exception:
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

    @contextmanager
    def exclusive(self, name: str, wait: bool = False) -> Iterator[None]:
        """A file lock beside the database (`PATH-NAME.lock`, flock): the system releases it
        when the holder ends, even by a crash, so a stale lock never blocks the next run."""
        check_lock_name(name)
        if name in self._held:
            raise busy_lock(name, self.path)
        if self.path == ":memory:":  # no other connection can see this store
            self._held.add(name)
            try:
                yield
            finally:
                self._held.discard(name)
            return
        lock_path = f"{self.path}-{name}.lock"
        try:
            handle = open(lock_path, "a+b")  # noqa: SIM115 (held open for the block)
        except OSError as exc:
            raise StoreError(f"Kan het slot {lock_path} niet nemen ({exc.strerror}).") from None
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                raise busy_lock(name, self.path) from None
            self._held.add(name)
            try:
                yield
            finally:
                self._held.discard(name)
                fcntl.flock(handle, fcntl.LOCK_UN)
        finally:
            handle.close()


def sqlite_path(url: str) -> str:
    """`sqlite:///rel/path.db`, `sqlite:////abs/path.db` or a plain path → a file path."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///") :]
    if url == "sqlite://" or url == ":memory:":
        return ":memory:"
    if "://" in url:
        raise StoreError(
            f"Niet-ondersteunde opslag: {url.split('://')[0]}:// (gebruik sqlite:///PAD of"
            " postgresql://GEBRUIKER@HOST:POORT/DATABASE)."
        )
    return url


def open_sqlite(url: str, migrate: bool = True) -> SqliteStore:
    """Open (creating if needed) and migrate the SQLite store at `url`; `migrate=False`: as
    it is."""
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
    store = SqliteStore(connection, path)
    if not migrate:
        return store
    try:
        store.migrate()
    except sqlite3.DatabaseError as exc:
        store.close()
        raise StoreError(f"Kan de opslag niet bijwerken: {path} ({exc})") from exc
    except BaseException:
        store.close()
        raise
    return store
