"""The PostgreSQL store: one database on a server, shared by several people and processes.

Chosen by `store_url = postgresql://USER[:PASSWORD]@HOST:PORT/DB`. The store modules write
SQLite's dialect; store/dialect.py translates every statement. One connection per store, in
autocommit mode with explicit BEGIN/COMMIT, like the SQLite store's.

A connection the server broke (a restart, a crash, an ended session) is opened again by the
next call that finds it broken, when nothing was open on it: no transaction, no run lock
(`exclusive`). A read, or the BEGIN of a transaction, that breaks it is run once more on a
new connection; nothing else is retried (a write in flight fails with a Dutch StoreError,
never half-done twice), and a call never tries to connect more than once (a server that is
down fails the call at once, and the one after tries again).
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable, Iterable, Iterator
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

log = logging.getLogger(__name__)
# Seconds to wait for the server to answer at all: an unreachable host fails in time.
CONNECT_TIMEOUT = 10
# pg_advisory_lock(class, object): the class says "beloftemeter", the object the lock's name.
_LOCK_CLASS = zlib.crc32(b"beloftemeter")
# A new connection to the same database, ready for use (a Dutch StoreError when it fails).
Connect = Callable[[], psycopg.Connection]


def _int32(value: int) -> int:
    return value - 2**32 if value >= 2**31 else value


class PostgresStore(Store):
    """A migrated PostgreSQL database."""

    driver_error: ClassVar[type[Exception]] = psycopg.Error
    IntegrityError: ClassVar[type[Exception]] = psycopg.IntegrityError
    dialect: ClassVar[str] = "postgresql"

    def __init__(self, connection: psycopg.Connection, path: str,
                 connect: Connect | None = None) -> None:
        """`connect`: how to open the connection again once the server broke it; None: never
        (a copy's two ends must fail whole, not go on over a new session)."""
        super().__init__(connection, path)
        self._held: set[str] = set()
        self._connect = connect

    def execute(self, sql: str, params: tuple | dict = ()) -> psycopg.Cursor:
        translated = dialect.query(sql)
        # Only a read is run again: a write sent just before the connection broke may have
        # been committed by the server all the same.
        return self._use(lambda c: c.execute(translated, params), again=_is_read(sql))

    def executemany(self, sql: str, rows: Iterable[tuple | dict]) -> psycopg.Cursor:
        translated = dialect.query(sql)

        def run(connection: psycopg.Connection) -> psycopg.Cursor:
            cursor = connection.cursor()
            cursor.executemany(translated, rows)
            return cursor

        return self._use(run, again=False)

    def _begin(self) -> None:
        self._use(lambda c: c.execute("BEGIN"), again=True)  # nothing of it has happened yet

    def _use(self, action: Callable[[psycopg.Connection], Any], again: bool) -> Any:
        """`action(connection)` on a working connection: a broken one is opened again first
        when that is safe (`_reopen`). `again`: when this very call finds the connection
        broken, outside any transaction and run lock, it runs once more on a new one."""
        if self.connection.broken:
            self._reopen()
        free = (not self._depth and not self._held
                and self.connection.info.transaction_status == TransactionStatus.IDLE)
        try:
            return action(self.connection)
        except psycopg.OperationalError:
            if not (again and free and self.connection.broken and self._connect):
                if self.connection.broken and self._held and not self._depth:
                    raise self._lost_lock() from None
                raise
        log.warning("de verbinding met %s viel weg; opnieuw verbonden", self.path)
        self._reopen()
        return action(self.connection)

    def _reopen(self) -> None:
        """A new connection in place of the broken one, once. Not inside a transaction (it
        fails whole: `transaction()` says so in Dutch) nor while a run lock is held (the
        server let it go with the old session: another run may have taken it since)."""
        if self._connect is None or self._depth:
            return  # the call fails on the broken connection, as it did before
        if self._held:
            raise self._lost_lock()
        fresh = self._connect()  # a Dutch StoreError while the server cannot be reached
        broken, self.connection = self.connection, fresh
        broken.close()

    def _lost_lock(self) -> StoreError:
        name = sorted(self._held)[0]
        return StoreError(f"De verbinding met de PostgreSQL-server viel weg tijdens deze {name}"
                          f" ({self.path}), en daarmee haar vergrendeling: start ze opnieuw"
                          " (wat al vastgelegd was, blijft bewaard).")

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
    connect = _connector(url, params)
    store = PostgresStore(connect(), shown, connect)
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


def _connector(url: str, params: dict[str, Any]) -> Connect:
    """Opens a connection to `url` in the store's mode: autocommit, rows by name and by
    position, SQLite's types."""
    options: dict[str, Any] = {"application_name": "beloftemeter"}
    if "connect_timeout" not in params:
        options["connect_timeout"] = CONNECT_TIMEOUT

    def connect() -> psycopg.Connection:
        try:
            connection = psycopg.connect(url, autocommit=True, row_factory=dialect.row_factory,
                                         **options)
        except psycopg.OperationalError as exc:
            raise _connect_failure(str(exc), params) from None
        dialect.adapt(connection)
        return connection

    return connect


def _is_read(sql: str) -> bool:
    return sql.lstrip()[:6].upper() == "SELECT"


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
