"""Copy a whole store into another (`beloftemeter opslag kopieer VAN NAAR`), SQLite or
PostgreSQL at either end, and compare two stores table by table (`opslag vergelijk`).

All or nothing: the target is written in one transaction, and before it commits every table
is read back and its rows and checksum compared with the source's. The source is only read
(one consistent snapshot, never migrated). Both ends must have this program's schema version:
the target is migrated when it is older, a source of another version is refused.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from beloftemeter.errors import StoreError
from beloftemeter.pipeline.base import Phase, Progress, announce, counter
from beloftemeter.store import Store, open_store
from beloftemeter.store import copy as store_copy
from beloftemeter.store.copy import TableFigures
from beloftemeter.store.copy_ends import (
    new_sqlite_file,
    open_readonly,
    remove_sqlite_file,
    store_identity,
)
from beloftemeter.store.schema import available_migrations

# The target takes the locks of the runs that write a store, so none starts on it meanwhile.
TARGET_LOCKS = ("bouw", "synchronisatie")


@dataclass(frozen=True)
class CopyResult:
    source: str  # the stores' names, without a password
    target: str
    schema_version: int
    tables: tuple[TableFigures, ...]  # as read from the source and found again in the target
    seconds: float

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)


@dataclass(frozen=True)
class Comparison:
    source: str
    target: str
    schema_version: int
    pairs: tuple[tuple[TableFigures, TableFigures], ...]  # (source, target) per table

    @property
    def differing(self) -> tuple[str, ...]:
        return tuple(a.table for a, b in self.pairs if a != b)


def copy_store(source_url: str, target_url: str, overwrite: bool = False,
               progress: Progress | None = None, on_phase: Phase | None = None) -> CopyResult:
    """Copy every table of the store at `source_url` into the one at `target_url` (created
    or migrated as needed), which must be empty unless `overwrite`."""
    started = time.perf_counter()
    _distinct(source_url, target_url)
    with _read(source_url) as (source, version):
        created = new_sqlite_file(target_url)
        try:
            with ExitStack() as stack:
                target = stack.enter_context(open_store(target_url))
                _not_the_source(source, target)
                for lock in TARGET_LOCKS:
                    stack.enter_context(target.exclusive(lock))
                _same_version(target, version)
                figures = _copy(source, target, overwrite, progress, on_phase)
                names = (source.path, target.path)
        except BaseException:
            if created is not None:
                remove_sqlite_file(created)
            raise
    return CopyResult(*names, version, figures, time.perf_counter() - started)


def compare_stores(source_url: str, target_url: str, progress: Progress | None = None,
                   on_phase: Phase | None = None) -> Comparison:
    """The figures of every table in both stores (read only, neither migrated)."""
    _distinct(source_url, target_url)
    with _read(source_url) as (source, version), _read(target_url) as (target, _):
        announce(on_phase, "vergelijken (tabellen)")
        pairs = []
        for table in store_copy.schema_tables():
            pairs.append((store_copy.table_figures(source, table),
                          store_copy.table_figures(target, table)))
            if progress is not None:
                progress(1, len(store_copy.schema_tables()))
        return Comparison(source.path, target.path, version, tuple(pairs))


def difference(table: str, source: TableFigures, target: TableFigures) -> str:
    """One Dutch line on a table whose figures differ."""
    return (f"tabel {table}: {source.rows} rijen in de bron (controlesom"
            f" {source.checksum[:12]}…), {target.rows} in het doel ({target.checksum[:12]}…)")


SAME_STORE = "VAN en NAAR zijn dezelfde opslag; kopieer naar een andere. Er is niets veranderd."


def _distinct(source_url: str, target_url: str) -> None:
    if store_identity(source_url) == store_identity(target_url):
        raise StoreError(SAME_STORE)


def _not_the_source(source: Store, target: Store) -> None:
    """Two spellings of one server (a host name and its address) pass `_distinct`: the
    databases themselves tell, before anything is written."""
    if store_copy.database_identity(source) == store_copy.database_identity(target):
        raise StoreError(SAME_STORE)


@contextmanager
def _read(url: str) -> Iterator[tuple[Store, int]]:
    """The store at `url`, read only, in one snapshot; with its schema version, which must be
    this program's."""
    newest = available_migrations()[-1].version
    with open_readonly(url) as store, store_copy.read_snapshot(store):
        version = store_copy.stored_version(store)
        if version > newest:
            raise StoreError(f"De opslag {store.path} heeft schemaversie {version}, nieuwer dan"
                             f" deze beloftemeter kent ({newest}): werk beloftemeter bij. Er is"
                             " niets veranderd.")
        if version < newest:
            raise StoreError(f"De opslag {store.path} heeft schemaversie {version}, ouder dan"
                             f" deze beloftemeter ({newest}): werk ze eerst bij (elk commando"
                             " op die opslag doet dat, bv. `beloftemeter --opslag URL beloften"
                             " lijst`). Er is niets veranderd.")
        yield store, version


def _same_version(target: Store, version: int) -> None:
    found = target.schema_version()
    if found != version:
        raise StoreError(f"Het doel {target.path} heeft schemaversie {found}, de bron"
                         f" {version}. Er is niets veranderd.")


def _copy(source: Store, target: Store, overwrite: bool, progress: Progress | None,
          on_phase: Phase | None) -> tuple[TableFigures, ...]:
    tables = store_copy.schema_tables()
    with target.transaction():
        occupied = store_copy.occupied(target)
        if occupied and not overwrite:
            shown = ", ".join(occupied[:3]) + (", …" if len(occupied) > 3 else "")
            raise StoreError(f"Het doel {target.path} is niet leeg (tabellen {shown}): kopieer"
                             " naar een lege opslag, of vervang de inhoud met --overschrijf."
                             " Er is niets veranderd.")
        store_copy.clear(target, tables)
        total = sum(store_copy.count_rows(source, table) for table in tables)
        announce(on_phase, "kopiëren (rijen)")
        copied = [store_copy.copy_table(source, target, table, counter(progress, total))
                  for table in tables]
        store_copy.reset_identities(target, tables)
        announce(on_phase, "controleren (tabellen)")
        for table, figures in zip(tables, copied, strict=True):
            found = store_copy.table_figures(target, table)
            if progress is not None:
                progress(1, len(tables))
            if found != figures:
                raise StoreError(f"Controle mislukt, {difference(table.name, figures, found)};"
                                 " er is niets gekopieerd.")
    return tuple(copied)
