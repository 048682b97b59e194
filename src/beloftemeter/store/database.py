"""Opening a store: `open_store(url)` picks the backend from the URL and migrates it.

`sqlite:///PATH` (or a plain path) is the embedded SQLite file, the default; `postgresql://
USER[:PASSWORD]@HOST:PORT/DB` a PostgreSQL database shared by several people. Both give a
`Store` with the same interface (store/backend.py).
"""

from __future__ import annotations

from beloftemeter.store.backend import Store
from beloftemeter.store.schema import Migration, available_migrations
from beloftemeter.store.sqlite_store import SqliteStore, open_sqlite, sqlite_path
from beloftemeter.store.urls import is_postgres, redacted_url

__all__ = ["Migration", "SqliteStore", "Store", "available_migrations", "open_store",
           "redacted_url", "sqlite_path"]


def open_store(url: str, migrate: bool = True) -> Store:
    """Open (creating a SQLite file if needed) and migrate the store at `url`. `migrate=False`:
    open it as it is, for a reader that must never change the schema (the web app, which
    checks the schema version itself)."""
    if is_postgres(url):
        # psycopg is imported only for a PostgreSQL store: the SQLite CLI starts without it.
        from beloftemeter.store.postgres_store import open_postgres

        return open_postgres(url, migrate=migrate)
    return open_sqlite(url, migrate=migrate)
