"""Opening the store for the web app: as it is, never migrated (a web worker is a reader; the
schema is changed by the writing commands), and refused with one Dutch line when its schema
is not the one this program was built for.

`prepare` is the start-up work that does write, done once by `beloftemeter serve` before its
workers start, so that N workers never do it N times at once: the server's session secret,
and the words of decisions the index step has not analysed yet.
"""

from __future__ import annotations

from pathlib import Path

from beloftemeter.config import Settings
from beloftemeter.errors import StoreError
from beloftemeter.store import Store, open_store
from beloftemeter.store.database import available_migrations, sqlite_path
from beloftemeter.store.urls import is_postgres

RUN_WRITER = "voer eerst `beloftemeter bouw` of een ander schrijvend commando uit"


def open_for_web(url: str) -> Store:
    """The store at `url`, unmigrated, with the schema this program knows; StoreError else."""
    if not is_postgres(url):
        path = sqlite_path(url)
        if path != ":memory:" and not Path(path).expanduser().is_file():
            raise StoreError(f"De opslag {path} bestaat nog niet: {RUN_WRITER}.")
    store = open_store(url, migrate=False)
    try:
        check_schema(store)
    except BaseException:
        store.close()
        raise
    store.serving = True  # read requests never write (pipeline.promise_cache reads this)
    return store


def check_schema(store: Store) -> None:
    """Refuse a store of an older schema (the web never migrates) or a newer one (written by
    a newer beloftemeter), before anything reads it."""
    newest = available_migrations()[-1].version
    try:
        have = store.schema_version()
    except store.driver_error:  # no schema_migrations table: never migrated
        have = 0
    if have < newest:
        raise StoreError(f"De opslag heeft schemaversie {have}, deze beloftemeter verwacht"
                         f" {newest}: {RUN_WRITER} ({store.path}). Er is niets veranderd.")
    if have > newest:
        raise StoreError(f"De opslag heeft schemaversie {have}, nieuwer dan deze beloftemeter"
                         f" kent ({newest}): werk beloftemeter bij ({store.path}). Er is niets"
                         " veranderd.")


def prepare(settings: Settings) -> None:
    """Check the store and do the writing start-up work once, before the workers start."""
    from beloftemeter.search.lexical import sync_documents
    from beloftemeter.store import accounts as accounts_store

    with open_for_web(settings.store_url) as store:
        accounts_store.session_secret(store)
        sync_documents(store)
