"""The two ends of a copy between stores: the source opened to be read only (never migrated,
never created), and whether two URLs name the same store."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from beloftemeter.errors import StoreError
from beloftemeter.store.backend import Store
from beloftemeter.store.sqlite_store import SqliteStore, sqlite_path
from beloftemeter.store.urls import is_postgres, redacted_url

_LOOPBACK = {"localhost", "127.0.0.1", "::1", ""}
_URL_HELP = "gebruik sqlite:///PAD of postgresql://GEBRUIKER@HOST:POORT/DATABASE"


def store_identity(url: str) -> tuple[str, ...]:
    """What a URL names, so two spellings of one store compare equal: a SQLite file's real
    path, or a PostgreSQL server and database. Unknown schemes are refused here."""
    if is_postgres(url):
        params = _postgres_params(url)
        host = str(params.get("host") or "")
        host = "loopback" if host in _LOOPBACK or host.startswith("/") else host.lower()
        return ("postgresql", host, str(params.get("port") or "5432"), str(params["dbname"]))
    if "://" in url and not url.startswith("sqlite://"):
        raise StoreError(f"Onbekende opslag: {url.split('://', 1)[0]}:// ({_URL_HELP}).")
    path = sqlite_path(url)
    if path == ":memory:":
        return ("sqlite", f":memory:{id(url)}")  # every in-memory store is another one
    return ("sqlite", os.path.realpath(Path(path).expanduser()))


def open_readonly(url: str) -> Store:
    """The store at `url` for reading only: not migrated, not created when missing."""
    if is_postgres(url):
        return _open_postgres(url)
    path = sqlite_path(url)
    file = Path(path).expanduser()
    if path == ":memory:" or not file.is_file():
        raise StoreError(f"De opslag {path} bestaat niet. Er is niets veranderd.")
    uri = f"file:{quote(str(file.resolve()))}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True, isolation_level=None,
                                     check_same_thread=False)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA busy_timeout = 10000")
        connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"Kan de opslag {path} niet lezen ({exc}). Er is niets"
                         " veranderd.") from None
    return SqliteStore(connection, path)


def _postgres_params(url: str) -> dict[str, Any]:
    from psycopg import ProgrammingError
    from psycopg.conninfo import conninfo_to_dict

    try:
        params = conninfo_to_dict(url)
    except ProgrammingError:
        raise StoreError(f"Ongeldige PostgreSQL-opslag: {redacted_url(url)} ({_URL_HELP})."
                         ) from None
    if not params.get("dbname"):
        raise StoreError(f"De opslag-URL noemt geen database: {redacted_url(url)}"
                         f" ({_URL_HELP}).")
    return params


def _open_postgres(url: str) -> Store:
    # As store.postgres_store.open_postgres, without the migration.
    import psycopg

    from beloftemeter.store import dialect
    from beloftemeter.store.postgres_store import (
        CONNECT_TIMEOUT,
        PostgresStore,
        _connect_failure,
    )

    params = _postgres_params(url)
    options: dict[str, Any] = {"application_name": "beloftemeter"}
    if "connect_timeout" not in params:
        options["connect_timeout"] = CONNECT_TIMEOUT
    try:
        connection = psycopg.connect(url, autocommit=True, row_factory=dialect.row_factory,
                                     **options)
    except psycopg.OperationalError as exc:
        raise _connect_failure(str(exc), params) from None
    dialect.adapt(connection)
    return PostgresStore(connection, redacted_url(url))


# Files SQLite and the run locks (`Store.exclusive`) put beside a database file.
_SIDE_FILES = ("-wal", "-shm", "-journal", "-bouw.lock", "-synchronisatie.lock")


def new_sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names when it does not exist yet (a copy that fails removes it
    again); None for an existing file or a PostgreSQL database."""
    if is_postgres(url):
        return None
    path = sqlite_path(url)
    if path == ":memory:":
        return None
    file = Path(path).expanduser()
    return None if file.exists() else file


def remove_sqlite_file(file: Path) -> None:
    """Remove a database file this run made, with the files beside it."""
    for suffix in ("", *_SIDE_FILES):
        Path(f"{file}{suffix}").unlink(missing_ok=True)
