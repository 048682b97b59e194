"""The PostgreSQL store: one database on a server, shared by several people and processes.

Chosen by `store_url = postgresql://USER[:PASSWORD]@HOST:PORT/DB`. The store modules write
SQLite's dialect; store/dialect.py translates every statement. One connection per store, in
autocommit mode with explicit BEGIN/COMMIT, like the SQLite store's.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from getpass import getuser
from typing import Any, ClassVar

import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import conninfo_to_dict
from psycopg.pq import TransactionStatus

from beloftemeter.errors import StoreError
from beloftemeter.store import dialect
from beloftemeter.store.backend import Store, busy_lock, check_lock_name
from beloftemeter.store.urls import redacted_url

# Seconds to wait for the server to answer at all: an unreachable host fails in time.
CONNECT_TIMEOUT = 10
# pg_advisory_lock(class, object): the class says "beloftemeter", the object the lock's name.
_LOCK_CLASS = zlib.crc32(b"beloftemeter")


def _int32(value: int) -> int:
    return value - 2**32 if value >= 2**31 else value


class PostgresStore(Store):
    """A migrated PostgreSQL database."""

    driver_error: ClassVar[type[Exception]] = psycopg.Error
    IntegrityError: ClassVar[type[Exception]] = psycopg.IntegrityError
    dialect: ClassVar[str] = "postgresql"

    def __init__(self, connection: psycopg.Connection, path: str) -> None:
        super().__init__(connection, path)
        self._held: set[str] = set()

    def execute(self, sql: str, params: tuple | dict = ()) -> psycopg.Cursor:
        return self.connection.execute(dialect.query(sql), params)

    def executemany(self, sql: str, rows: Iterable[tuple | dict]) -> psycopg.Cursor:
        cursor = self.connection.cursor()
        cursor.executemany(dialect.query(sql), rows)
        return cursor

    def _begin(self) -> None:
        self.connection.execute("BEGIN")

    def _commit(self) -> None:
        self.connection.execute("COMMIT")

    def _rollback(self) -> None:
        if self.connection.closed or self.connection.broken:
            return  # the server rolls back a transaction whose connection is gone
        if self.connection.info.transaction_status != TransactionStatus.IDLE:
            self.connection.execute("ROLLBACK")

    def _apply(self, statement: str) -> None:
        for translated in dialect.migration_statements(statement):
            self.connection.execute(translated)  # no parameters: a `%` stays as it is

    def _failure(self, exc: Exception) -> Exception:
        if isinstance(exc, pg_errors.LockNotAvailable | pg_errors.DeadlockDetected
                      | pg_errors.SerializationFailure):
            return StoreError(
                f"De opslag is bezet: een ander proces schrijft tegelijk dezelfde gegevens"
                f" ({self.path}); probeer het opnieuw. Er is niets veranderd."
            )
        if isinstance(exc, pg_errors.DiskFull):
            reason = "de schijf van de server is vol"
        elif isinstance(exc, pg_errors.ReadOnlySqlTransaction):
            reason = "de database is alleen-lezen"
        elif self.connection.closed or self.connection.broken:
            reason = "de verbinding met de server is verbroken"
        else:
            return exc
        return StoreError(f"De opslag kan niet geschreven worden: {reason} ({self.path})."
                          " Er is niets veranderd.")

    @contextmanager
    def exclusive(self, name: str, wait: bool = False) -> Iterator[None]:
        """A session-level advisory lock: held until released or until the connection ends
        (a crashed holder never blocks the next run)."""
        check_lock_name(name)
        if name in self._held:
            raise busy_lock(name, self.path)
        key = (_int32(_LOCK_CLASS), _int32(zlib.crc32(name.encode())))
        if wait:
            self.execute("SELECT pg_advisory_lock(?, ?)", key)
        elif not self.execute("SELECT pg_try_advisory_lock(?, ?)", key).fetchone()[0]:
            raise busy_lock(name, self.path)
        self._held.add(name)
        try:
            yield
        finally:
            self._held.discard(name)
            if not (self.connection.closed or self.connection.broken):
                self.execute("SELECT pg_advisory_unlock(?, ?)", key)

    def _migration_guard(self) -> AbstractContextManager[None]:
        # Two processes opening a new database at once must not both create its tables.
        return self.exclusive("migratie", wait=True)


def open_postgres(url: str, migrate: bool = True) -> PostgresStore:
    """Connect to the database at `url` and migrate it (`migrate=False`: as it is); a Dutch
    StoreError when the server cannot be reached, refuses the login, lacks the database or
    has a newer schema."""
    shown = redacted_url(url)
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        raise StoreError(f"Ongeldige PostgreSQL-opslag: {shown} (gebruik"
                         " postgresql://GEBRUIKER[:WACHTWOORD]@HOST:POORT/DATABASE).") from None
    if not params.get("dbname"):
        raise StoreError(f"De opslag-URL noemt geen database: {shown} (gebruik"
                         " postgresql://GEBRUIKER[:WACHTWOORD]@HOST:POORT/DATABASE).")
    options: dict[str, Any] = {"application_name": "beloftemeter"}
    if "connect_timeout" not in params:
        options["connect_timeout"] = CONNECT_TIMEOUT
    try:
        connection = psycopg.connect(url, autocommit=True, row_factory=dialect.row_factory,
                                     **options)
    except psycopg.OperationalError as exc:
        raise _connect_failure(str(exc), params) from None
    dialect.adapt(connection)
    store = PostgresStore(connection, shown)
    if not migrate:
        return store
    try:
        store.migrate()
    except psycopg.Error as exc:
        store.close()
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StoreError(f"Kan de opslag niet bijwerken: {shown} ({first_line})") from None
    except BaseException:
        store.close()
        raise
    return store


def _connect_failure(message: str, params: dict[str, Any]) -> StoreError:
    """One Dutch line for a failed connection; libpq reports it as text only."""
    host = params.get("host") or "localhost"
    where = f"{host}:{params.get('port') or 5432}"
    text = message.lower()
    if "password" in text or "authentication failed" in text:
        return StoreError(
            f"PostgreSQL op {where} weigert de aanmelding als {params.get('user') or getuser()}:"
            " verkeerd wachtwoord of onbekende gebruiker. Er is niets veranderd."
        )
    if "does not exist" in text and "database" in text:
        return StoreError(
            f"De database {params['dbname']} bestaat niet op {where}; maak ze eerst aan"
            f" (createdb {params['dbname']}). Er is niets veranderd."
        )
    if "refused" in text:
        reason = "verbinding geweigerd"
    elif "timeout" in text or "timed out" in text:
        reason = f"geen antwoord binnen {params.get('connect_timeout') or CONNECT_TIMEOUT} s"
    elif "translate host name" in text or "name or service not known" in text:
        reason = "onbekende host"
    elif "no such file" in text:
        reason = "geen socket op die plaats"
    else:
        reason = message.strip().splitlines()[-1][:200] if message.strip() else "onbekende fout"
    return StoreError(f"Kan de PostgreSQL-server op {where} niet bereiken ({reason}): draait de"
                      " server en klopt het adres? Er is niets veranderd.")
