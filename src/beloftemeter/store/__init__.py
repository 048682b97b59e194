"""The store: one SQLite file by default, opened and migrated by `open_store`."""

from beloftemeter.store.database import Store, open_store

__all__ = ["Store", "open_store"]
