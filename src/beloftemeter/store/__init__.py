"""The store: a SQLite file by default or a PostgreSQL database, opened and migrated by
`open_store` (store/database.py); `Store` is their shared interface (store/backend.py)."""

from beloftemeter.store.backend import Store
from beloftemeter.store.database import open_store

__all__ = ["Store", "open_store"]
